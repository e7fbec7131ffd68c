"""The title read from a flattened page: the heading right before the article that shares its
words, never a menu item, a share bar, a date line or a button."""

from __future__ import annotations

import pytest

from cleaner import clean

PAGES = {
    "en": (
        [
            "Home",
            "News",
            "Sign in",
            "City council approves the new riverside park plan",
            "By Jane Miller",
            "March 4, 2025",
            "Like Tweet Pin it Email",
        ],
        "The city council approved on Tuesday the plan for a new riverside park, after two "
        "years of debate about its cost and the trees that the work would remove.",
        "City council approves the new riverside park plan",
    ),
    "fr": (
        [
            "Accueil",
            "Politique",
            "Se connecter",
            "Le conseil municipal adopte le projet de parc",
            "Par Jeanne Dupont",
            "Publié le 4 mars 2025",
            "Partager sur Facebook",
        ],
        "Le conseil municipal a adopté mardi le projet de parc au bord du fleuve, après deux "
        "ans de débats sur son coût et sur les arbres que les travaux feraient tomber.",
        "Le conseil municipal adopte le projet de parc",
    ),
    "es": (
        [
            "Inicio",
            "Noticias",
            "Iniciar sesión",
            "El ayuntamiento aprueba el nuevo parque",
            "Por Ana López",
            "4 de marzo de 2025",
            "Compartir en Facebook",
        ],
        "El ayuntamiento aprobó el martes el proyecto del nuevo parque junto al río, después de "
        "dos años de debate sobre su coste y sobre los árboles que las obras talarían.",
        "El ayuntamiento aprueba el nuevo parque",
    ),
    "de": (
        [
            "Startseite",
            "Nachrichten",
            "Anmelden",
            "Stadtrat beschließt den neuen Park am Fluss",
            "Von Anna Schmidt",
            "4. März 2025",
            "Auf Facebook teilen",
        ],
        "Der Stadtrat hat am Dienstag den Plan für den neuen Park am Fluss beschlossen, nach "
        "zwei Jahren Streit über die Kosten und die Bäume, die dafür gefällt werden müssten.",
        "Stadtrat beschließt den neuen Park am Fluss",
    ),
}


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_title_is_the_heading_before_the_article(lang: str) -> None:
    top, paragraph, title = PAGES[lang]
    text = "\n\n".join([*top, paragraph, paragraph.replace("  ", " ")])
    r = clean(text, kind="text")
    assert r.title == title
    assert paragraph in r.text


def test_a_share_bar_right_before_the_article_is_not_the_title() -> None:
    top, paragraph, _ = PAGES["en"]
    text = "\n\n".join([top[0], "Share on Facebook", paragraph])
    assert clean(text, kind="text").title != "Share on Facebook"


def test_no_title_without_an_article() -> None:
    assert clean("Home\n\nNews\n\nSign in\n\nContact us", kind="text").title is None


def test_the_title_does_not_change_the_text() -> None:
    top, paragraph, title = PAGES["fr"]
    text = "\n\n".join([*top, paragraph])
    r = clean(text, kind="text")
    assert r.title == title
    assert all(line in text for line in r.text.split("\n") if line)


def test_the_heading_over_the_byline_beats_a_longer_standfirst() -> None:
    # The standfirst stands nearer the article and shares more of its words; the byline and the
    # date under the heading say which line heads the article.
    paragraph = (
        "The city council approved on Tuesday the plan for a new riverside park, after two "
        "years of debate about its cost, the trees the work would remove and the riverside "
        "residents who asked for a park for their children."
    )
    top = [
        "Home",
        "Riverside park plan approved despite its cost",
        "By Jane Miller",
        "March 4, 2025",
        "Riverside park plan approved by city council after debate",
    ]
    r = clean("\n\n".join([*top, paragraph]), kind="text")
    assert r.title == "Riverside park plan approved despite its cost"


def test_a_line_of_ten_words_without_an_end_does_not_open_the_article() -> None:
    # A menu's blurb over the heading is not the article's first paragraph: the title is looked
    # for before the paragraph that ends like a sentence.
    top, paragraph, title = PAGES["en"]
    blurb = "Read the stories of the people and the places that make our city what it is"
    text = "\n\n".join([top[0], "Our city stories", blurb, title, "By Jane Miller", paragraph])
    assert clean(text, kind="text").title == title
