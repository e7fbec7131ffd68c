"""Pages with no article (an error page, an empty search, a login or cookie wall) give empty text
and a note that says why; an article's own lists (ingredients, steps, specifications) stay, and the
buttons beside them go. The pages are written in the manner of sites each language's readers use."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner, Config, clean
from cleaner.cli import main

# An error page: the site's menu, the message, a cookie notice and the footer, nothing else.
ERROR_PAGES = {
    "fr": [
        "Le Quotidien",
        "Actualités",
        "International",
        "Politique",
        "Économie",
        "Se connecter",
        "S'abonner",
        "Page introuvable",
        "Désolé, la page que vous recherchez n'existe pas ou a été déplacée.",
        "Retour à l'accueil",
        "Nous utilisons des cookies pour améliorer votre expérience. En poursuivant votre "
        "navigation, vous acceptez leur utilisation.",
        "Accepter",
        "Paramétrer",
        "Mentions légales",
        "Politique de confidentialité",
        "© Le Quotidien 2025",
    ],
    "en": [
        "The Daily Courier",
        "News",
        "Sport",
        "Business",
        "Opinion",
        "Sign in",
        "Subscribe",
        "404 - Page not found",
        "Sorry, the page you are looking for has moved or no longer exists.",
        "Go to the homepage",
        "Most read",
        "Council backs riverside park plan",
        "Storm closes coastal road",
        "We use cookies to give you the best experience on our website.",
        "Accept all",
        "Manage preferences",
        "Privacy policy",
        "Terms of use",
        "© 2025 The Daily Courier",
    ],
    "es": [
        "El Diario",
        "Portada",
        "Nacional",
        "Internacional",
        "Deportes",
        "Iniciar sesión",
        "Suscríbete",
        "Error 404: página no encontrada",
        "Lo sentimos, la página que buscas no existe o ha sido eliminada.",
        "Volver a la portada",
        "Utilizamos cookies propias y de terceros para mejorar nuestros servicios.",
        "Aceptar",
        "Configurar",
        "Aviso legal",
        "Política de privacidad",
        "© El Diario 2025",
    ],
    "de": [
        "Die Zeitung",
        "Politik",
        "Wirtschaft",
        "Sport",
        "Kultur",
        "Anmelden",
        "Abo",
        "Fehler 404",
        "Die gesuchte Seite existiert leider nicht mehr oder wurde verschoben.",
        "Zur Startseite",
        "Wir verwenden Cookies, um Ihnen ein optimales Nutzererlebnis zu bieten.",
        "Alle akzeptieren",
        "Einstellungen",
        "Impressum",
        "Datenschutz",
        "© Die Zeitung 2025",
    ],
    "ar": [
        "الجريدة",
        "الرئيسية",
        "أخبار",
        "اقتصاد",
        "رياضة",
        "تسجيل الدخول",
        "اشترك",
        "خطأ 404",
        "عذرا، الصفحة التي تبحث عنها غير موجودة أو تم نقلها إلى عنوان آخر.",
        "العودة إلى الصفحة الرئيسية",
        "نستخدم ملفات تعريف الارتباط لتحسين تجربتك على موقعنا.",
        "موافق",
        "سياسة الخصوصية",
        "جميع الحقوق محفوظة © 2025",
    ],
}

# A recipe: the prose introduces the ingredients and the steps; print, share and save buttons stand
# around them. (buttons, ingredients, steps)
RECIPES = {
    "fr": (
        ["Accueil > Recettes > Desserts", "Gâteau au yaourt", "Imprimer", "Partager sur Facebook"],
        "Le gâteau au yaourt est le premier gâteau que l'on apprend à faire avec les enfants, "
        "car tout se mesure avec le pot de yaourt.",
        "Ingrédients pour 6 personnes :",
        [
            "1 pot de yaourt nature",
            "3 pots de farine",
            "2 pots de sucre",
            "3 œufs",
            "1/2 pot d'huile",
            "1 sachet de levure chimique",
        ],
        "Préparation :",
        [
            "Préchauffez le four à 180 °C.",
            "Mélangez le yaourt, le sucre et les œufs.",
            "Ajoutez la farine, la levure puis l'huile.",
            "Versez dans un moule beurré et enfournez 35 minutes.",
        ],
        ["Imprimer la recette", "Ajouter à mes favoris"],
    ),
    "en": (
        ["Home > Recipes > Baking", "Classic banana bread", "Print", "Pin it"],
        "This banana bread is moist and easy to make, and it is the best way to use the bananas "
        "that went brown on the counter.",
        "Ingredients",
        [
            "3 ripe bananas",
            "1/3 cup melted butter",
            "3/4 cup sugar",
            "1 egg, beaten",
            "1 teaspoon baking soda",
            "1 1/2 cups flour",
        ],
        "Instructions",
        [
            "Preheat the oven to 350°F and butter a loaf pan.",
            "Mash the bananas and stir in the butter.",
            "Mix in the sugar, the egg and the baking soda, then the flour.",
            "Bake for one hour, until a toothpick comes out clean.",
        ],
        ["Print recipe", "Save to favorites"],
    ),
    "es": (
        ["Inicio > Recetas > Postres", "Flan de huevo casero", "Imprimir", "Compartir en Facebook"],
        "El flan de huevo es uno de los postres más sencillos de la cocina española y solo "
        "necesita cuatro ingredientes que todos tenemos en casa.",
        "Ingredientes para 4 personas:",
        [
            "4 huevos",
            "500 ml de leche entera",
            "100 g de azúcar",
            "1 rama de canela",
            "Caramelo líquido",
        ],
        "Elaboración:",
        [
            "Calienta la leche con la canela y deja que se enfríe.",
            "Bate los huevos con el azúcar y añade la leche.",
            "Vierte la mezcla en moldes con caramelo.",
            "Cuece al baño maría durante 40 minutos a 180 grados.",
        ],
        ["Imprimir receta", "Guardar en favoritos"],
    ),
    "de": (
        ["Startseite > Rezepte > Kuchen", "Einfacher Apfelkuchen", "Drucken", "Teilen"],
        "Dieser Apfelkuchen gelingt immer und ist in einer Stunde fertig, mit Äpfeln aus dem "
        "Garten schmeckt er am besten.",
        "Zutaten für 12 Stücke:",
        [
            "200 g Butter",
            "200 g Zucker",
            "4 Eier",
            "300 g Mehl",
            "1 Päckchen Backpulver",
            "4 Äpfel",
        ],
        "Zubereitung:",
        [
            "Den Backofen auf 180 Grad vorheizen.",
            "Butter und Zucker schaumig rühren, dann die Eier unterrühren.",
            "Mehl und Backpulver mischen und unter den Teig heben.",
            "Die Äpfel schälen, in Spalten schneiden und auf den Teig legen.",
        ],
        ["Rezept drucken", "Zu Favoriten hinzufügen"],
    ),
    "ar": (
        ["الرئيسية > وصفات > حلويات", "كيكة البرتقال", "طباعة", "مشاركة على فيسبوك"],
        "كيكة البرتقال من أسهل الحلويات التي يمكن تحضيرها في البيت، وهي مناسبة لفطور العائلة "
        "ولضيافة الأصدقاء.",
        "المكونات:",
        [
            "3 بيضات",
            "كوب سكر",
            "كوب عصير برتقال",
            "نصف كوب زيت",
            "كوبان دقيق",
            "ملعقة بيكنج باودر",
        ],
        "طريقة التحضير:",
        [
            "سخني الفرن على درجة 180.",
            "اخفقي البيض مع السكر حتى يصبح الخليط كريميا.",
            "أضيفي العصير والزيت ثم الدقيق والبيكنج باودر.",
            "اسكبي الخليط في قالب واخبزيه 40 دقيقة.",
        ],
        ["اطبع الوصفة", "أضف إلى المفضلة"],
    ),
}

MENUS = {
    "fr": ["Accueil", "Recettes", "Entrées", "Plats", "Desserts", "Vidéos", "Newsletter"],
    "en": ["Home", "Recipes", "Baking", "Dinner", "Desserts", "Videos", "Newsletter"],
    "es": ["Inicio", "Recetas", "Entrantes", "Carnes", "Postres", "Vídeos", "Boletín"],
    "de": ["Startseite", "Rezepte", "Backen", "Hauptgerichte", "Desserts", "Videos", "Newsletter"],
    "ar": ["الرئيسية", "وصفات", "مقبلات", "أطباق رئيسية", "حلويات", "فيديو", "النشرة البريدية"],
}
FOOTERS = {
    "fr": ["Vous aimerez aussi", "Tarte aux pommes", "Crêpes faciles", "Mousse au chocolat",
           "Qui sommes-nous", "Contact", "Mentions légales", "© 2025 Cuisine Facile"],
    "en": ["You may also like", "Lemon drizzle cake", "Chocolate chip cookies", "Apple crumble",
           "About us", "Contact", "Privacy policy", "© 2025 Good Food Kitchen"],
    "es": ["También te puede gustar", "Arroz con leche", "Torrijas", "Tarta de queso",
           "Quiénes somos", "Contacto", "Aviso legal", "© 2025 Cocina Fácil"],
    "de": ["Das könnte Ihnen auch gefallen", "Käsekuchen", "Marmorkuchen", "Zwetschgenkuchen",
           "Über uns", "Kontakt", "Impressum", "© 2025 Backen leicht"],
    "ar": ["قد يعجبك أيضا", "بسبوسة", "كنافة", "أم علي", "من نحن", "اتصل بنا", "سياسة الخصوصية",
           "© 2025 مطبخ سهل"],
}  # fmt: skip


SECOND_PARAGRAPHS = {
    "fr": "Pour un gâteau plus léger, remplacez la moitié du sucre par de la compote de pommes.",
    "en": "If your bananas are not ripe yet, bake them in their skins for fifteen minutes first.",
    "es": "Si lo preparas la víspera, el flan estará más firme y se desmoldará sin problemas.",
    "de": "Statt Äpfeln können Sie auch Birnen oder Zwetschgen nehmen, je nach der Jahreszeit.",
    "ar": "يمكنك استبدال عصير البرتقال بعصير الليمون إذا كنت تفضلين طعما أكثر حموضة في الكيكة.",
}


def recipe_page(lang: str) -> str:
    top, intro, ingredients_heading, ingredients, steps_heading, steps, buttons = RECIPES[lang]
    second = SECOND_PARAGRAPHS[lang]
    lines = [
        *MENUS[lang],
        *top,
        intro,
        second,
        ingredients_heading,
        *ingredients,
        steps_heading,
        *steps,
        *buttons,
        *FOOTERS[lang],
    ]
    return "\n\n".join(lines)


@pytest.mark.parametrize("lang", sorted(ERROR_PAGES))
def test_an_error_page_gives_empty_text_and_says_why(lang: str) -> None:
    r = clean("\n\n".join(ERROR_PAGES[lang]), kind="text")
    assert r.text == ""
    assert r.no_article
    assert any(n.startswith("no_article: an error page") for n in r.notes), r.notes
    # Every line is in the audit: nothing vanished without a reason.
    assert {x.text for x in r.removed} == {t for t in ERROR_PAGES[lang] if t.strip()}


OTHER_WALLS = {
    "a search with no results": [
        "The Daily Courier", "News", "Sport", "Business", "Search",
        "Search results for “riverside parking”", "No results found for your search.",
        "Try other words, or browse our sections.", "About us", "Contact",
        "© 2025 The Daily Courier",
    ],
    "a login or subscription wall": [
        "Le Quotidien", "Actualités", "Économie", "S'abonner",
        "Réforme des retraites : ce que prévoit le texte",
        "Cet article est réservé aux abonnés.", "Connectez-vous pour lire la suite",
        "Déjà abonné ? Se connecter", "Mentions légales", "© Le Quotidien 2025",
    ],
    "a cookie notice and nothing else": [
        "Die Zeitung", "Wir verwenden Cookies, um Ihnen ein optimales Nutzererlebnis zu bieten.",
        "Alle akzeptieren", "Ablehnen", "Einstellungen", "Impressum", "Datenschutz",
    ],
}  # fmt: skip


@pytest.mark.parametrize("why", sorted(OTHER_WALLS))
def test_empty_searches_login_walls_and_cookie_walls_give_empty_text(why: str) -> None:
    r = clean("\n\n".join(OTHER_WALLS[why]), kind="text")
    assert r.text == "" and r.no_article
    assert any(n.startswith(f"no_article: {why}") for n in r.notes), r.notes


def test_an_article_that_mentions_the_words_keeps_its_text() -> None:
    lines = [
        *ERROR_PAGES["en"][:7],
        "Why readers see “Page not found” less often",
        "Broken links used to send one reader in twenty to an error page, the newspaper's "
        "engineers said on Monday, and a new archive now keeps every old address alive.",
        "The archive cost less than a year of the old server's bills, they said.",
        "We use cookies to give you the best experience on our website.",
        "Accept all",
    ]
    r = clean("\n\n".join(lines), kind="text")
    assert "a new archive now keeps every old address alive" in r.text
    assert not r.no_article


def test_a_page_of_short_lines_behind_a_cookie_banner_keeps_them() -> None:
    # A product sheet has no paragraph of prose, but it is not a cookie wall.
    specs = [
        "Trail running shoe X2", "Weight: 280 g", "Drop: 8 mm", "Upper: recycled mesh",
        "Sole: Vibram Megagrip", "Sizes: 38 to 47", "Colours: black, red, blue",
        "Waterproof membrane: no", "Price: 129 €", "In stock, ships in 24 hours",
    ]  # fmt: skip
    lines = ["We use cookies to give you the best experience on our website.", "Accept all"]
    r = clean("\n\n".join(lines + specs), kind="text")
    assert not r.no_article
    assert "Sole: Vibram Megagrip" in r.text


def test_no_article_can_be_disabled() -> None:
    r = clean(
        "\n\n".join(ERROR_PAGES["fr"]),
        kind="text",
        config=Config(disabled_rules=frozenset({"no_article"})),
    )
    assert r.text and not r.no_article


@pytest.mark.parametrize("lang", sorted(RECIPES))
def test_a_recipe_keeps_its_lists_and_loses_its_buttons(lang: str) -> None:
    top, _, ingredients_heading, ingredients, steps_heading, steps, buttons = RECIPES[lang]
    r = clean(recipe_page(lang), kind="text")
    kept = r.text.split("\n")
    assert [line for line in ingredients + steps if line not in kept] == []
    assert ingredients_heading in kept and steps_heading in kept
    assert [b for b in buttons + top[2:] if b in kept] == []
    assert FOOTERS[lang][1] not in kept  # a teaser of another recipe


def test_the_command_counts_pages_without_an_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = tmp_path / "in"
    pages.mkdir()
    (pages / "404.txt").write_text("\n\n".join(ERROR_PAGES["es"]), encoding="utf-8")
    (pages / "recipe.txt").write_text(recipe_page("es"), encoding="utf-8")
    assert main([str(pages), "-o", str(tmp_path / "out")]) == 0
    assert ", 1 without an article" in capsys.readouterr().err
    assert (tmp_path / "out" / "404.txt").read_text(encoding="utf-8").strip() == ""
    recipe = Cleaner().clean(recipe_page("es"), kind="text").text
    assert (tmp_path / "out" / "recipe.txt").read_text(encoding="utf-8").strip() == recipe.strip()
