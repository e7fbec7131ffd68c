"""Hypothesis strategies for cleaner's property tests, all in one place.

The building blocks are realistic: article sentences as news agencies write them (fr, en, es,
de, ar), boilerplate lines as scraped pages carry them (links to other articles, share buttons,
captions and credits, breadcrumbs, datelines, bylines, copyright footers), tickers, mojibake,
HTML entities and HTML wrappers. Boilerplate wording is composed from parts, so the tests do not
just replay the phrase files.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from hypothesis import strategies as st

# ------------------------------------------------------------------------------ sentences
# Long sentences (more than 16 words, with ordinary stopword density): article prose that no rule
# should ever take for boilerplate.

SENTENCES: dict[str, tuple[str, ...]] = {
    "fr": (
        "Le secrétaire américain à la Défense a entamé mercredi une tournée au Maghreb, la "
        "première depuis plus de quinze ans, pour renforcer la coopération contre le terrorisme.",
        "Selon un communiqué de la présidence, les deux parties ont discuté de la situation en "
        "Libye et au Sahel, ainsi que des moyens de consolider la paix dans la région.",
        "Les autorités locales ont annoncé que les travaux de rénovation du port devraient "
        "s'achever avant la fin de l'année, malgré les retards provoqués par la pandémie.",
        "Dans un entretien accordé à la presse, le ministre a rappelé que la réforme des retraites "
        "restait une priorité du gouvernement pour les mois à venir.",
        "La ville a accueilli pendant trois jours des milliers de visiteurs venus de tout le pays "
        "pour assister au festival, qui fêtait cette année sa dixième édition.",
        "Les prix de l'énergie ont encore augmenté au cours du dernier trimestre, ce qui pèse sur "
        "le budget des ménages les plus modestes et sur celui des petites entreprises.",
        "Le tribunal a reporté le procès au mois prochain, à la demande de la défense qui "
        "souhaitait disposer de plus de temps pour examiner les pièces du dossier.",
        "Cette décision intervient alors que le pays traverse une période de sécheresse sans "
        "précédent, qui a fortement réduit les réserves d'eau des barrages du sud.",
    ),
    "en": (
        "The defence secretary arrived in the capital on Wednesday for talks with the president, "
        "the first such visit in more than fifteen years, officials said.",
        "According to a statement released by the embassy, both sides agreed to expand their "
        "military cooperation and to hold regular consultations on regional security.",
        "The city council voted on Tuesday to delay the construction of the new bridge until "
        "next spring, citing rising costs and a shortage of qualified workers.",
        "Energy prices have continued to rise over the last quarter, putting pressure on the "
        "budgets of households and of many small businesses across the country.",
        "The court postponed the trial until next month at the request of the defence, which "
        "said it needed more time to examine the documents in the case.",
        "Thousands of people gathered in the main square on Saturday evening to celebrate the "
        "victory of the national team, which had not won the cup in two decades.",
        "In an interview with local radio, the minister said that the reform of the pension "
        "system would remain a priority for the government in the coming months.",
        "The drought has reduced the water reserves of the southern dams to their lowest level "
        "in a generation, and farmers fear that the next harvest will be lost.",
    ),
    "es": (
        "El secretario de Defensa llegó el miércoles a la capital para reunirse con el presidente, "
        "en la primera visita de este tipo en más de quince años.",
        "Según un comunicado de la embajada, ambas partes acordaron ampliar su cooperación militar "
        "y celebrar consultas periódicas sobre la seguridad de la región.",
        "El ayuntamiento decidió el martes aplazar la construcción del nuevo puente hasta la "
        "próxima primavera, debido al aumento de los costes y a la falta de trabajadores.",
        "Los precios de la energía siguieron subiendo durante el último trimestre, lo que pesa "
        "sobre el presupuesto de los hogares y de muchas pequeñas empresas del país.",
        "El tribunal aplazó el juicio hasta el mes que viene a petición de la defensa, que dijo "
        "que necesitaba más tiempo para examinar los documentos del caso.",
        "Miles de personas se reunieron el sábado por la noche en la plaza mayor para celebrar la "
        "victoria de la selección, que no ganaba la copa desde hacía dos décadas.",
        "En una entrevista con la radio local, el ministro afirmó que la reforma de las pensiones "
        "seguirá siendo una prioridad del gobierno durante los próximos meses.",
    ),
    "de": (
        "Der Verteidigungsminister ist am Mittwoch zu Gesprächen mit dem Präsidenten in der "
        "Hauptstadt eingetroffen, es ist der erste Besuch dieser Art seit mehr als fünfzehn Jahren.",
        "Nach einer Mitteilung der Botschaft haben sich beide Seiten darauf geeinigt, die "
        "militärische Zusammenarbeit auszubauen und sich regelmäßig über die Sicherheit der Region "
        "abzustimmen.",
        "Der Stadtrat hat am Dienstag beschlossen, den Bau der neuen Brücke bis zum nächsten "
        "Frühjahr zu verschieben, weil die Kosten gestiegen sind und Fachkräfte fehlen.",
        "Die Energiepreise sind im letzten Quartal weiter gestiegen, was die Haushalte und viele "
        "kleine Unternehmen im ganzen Land zunehmend unter Druck setzt.",
        "Das Gericht hat den Prozess auf Antrag der Verteidigung auf den nächsten Monat vertagt, "
        "weil diese mehr Zeit für die Prüfung der Unterlagen in dem Fall brauchte.",
        "Tausende Menschen haben sich am Samstagabend auf dem Marktplatz versammelt, um den Sieg "
        "der Nationalmannschaft zu feiern, die den Pokal seit zwanzig Jahren nicht gewonnen hatte.",
        "In einem Interview mit dem Lokalradio sagte der Minister, dass die Reform der Renten auch "
        "in den kommenden Monaten eine Priorität der Regierung bleiben werde.",
    ),
    "ar": (
        "وصل وزير الدفاع الأمريكي يوم الأربعاء إلى العاصمة في أول زيارة من نوعها منذ أكثر من خمسة "
        "عشر عاما، وذلك من أجل تعزيز التعاون في مجال مكافحة الإرهاب في المنطقة.",
        "وبحسب بيان صادر عن السفارة، فقد اتفق الطرفان على توسيع التعاون العسكري بينهما وعلى عقد "
        "مشاورات منتظمة حول الأمن في المنطقة خلال الأشهر المقبلة.",
        "قرر المجلس البلدي يوم الثلاثاء تأجيل بناء الجسر الجديد إلى فصل الربيع المقبل، بسبب ارتفاع "
        "التكاليف ونقص اليد العاملة المؤهلة في هذا المجال.",
        "واصلت أسعار الطاقة ارتفاعها خلال الربع الأخير من السنة، وهو ما يثقل كاهل الأسر وعدد كبير "
        "من المقاولات الصغيرة في مختلف أنحاء البلاد.",
        "وقررت المحكمة تأجيل المحاكمة إلى الشهر المقبل بطلب من الدفاع، الذي قال إنه يحتاج إلى مزيد "
        "من الوقت من أجل دراسة الوثائق الموجودة في الملف.",
        "وتجمع آلاف الأشخاص مساء يوم السبت في الساحة الكبرى للاحتفال بفوز المنتخب الوطني، الذي لم "
        "يفز بالكأس منذ أكثر من عشرين عاما.",
    ),
}
LANGS: tuple[str, ...] = tuple(SENTENCES)

# Short headlines: what tickers and "read more" links point at.
HEADLINES: dict[str, tuple[str, ...]] = {
    "fr": (
        "Le chef du Pentagone attendu à Rabat",
        "Sécheresse : les barrages du sud à sec",
        "Ligue des champions : exploit de Bodo Glimt",
        "Bourse de Casablanca : clôture en baisse",
        "Alerte météo dans plusieurs provinces",
        "Réforme des retraites, le débat reprend",
    ),
    "en": (
        "Defence chief expected in Rabat",
        "Drought empties southern dams",
        "Champions League: Bodo Glimt stun Inter",
        "Markets close lower after rate decision",
        "Storm warning for coastal provinces",
        "Pension reform back on the agenda",
    ),
    "es": (
        "El jefe del Pentágono llega a Rabat",
        "La sequía vacía los embalses del sur",
        "Liga de Campeones: hazaña del Bodo Glimt",
        "La bolsa cierra en negativo",
        "Alerta por tormentas en la costa",
    ),
    "de": (
        "Verteidigungsminister in Rabat erwartet",
        "Dürre leert die Stauseen im Süden",
        "Champions League: Bodo Glimt überrascht",
        "Börse schließt im Minus",
        "Sturmwarnung für die Küste",
    ),
    "ar": (
        "وزير الدفاع الأمريكي في الرباط",
        "الجفاف يفرغ سدود الجنوب",
        "البورصة تغلق على انخفاض",
        "نشرة إنذارية بهبوب رياح قوية",
    ),
}

FIRST_NAMES = ("Jean", "Nadia", "Sarah", "Juan", "Anna", "Karim", "María", "Thomas", "Fatima")
LAST_NAMES = ("Dupont", "El Amrani", "Whitfield", "Pérez", "Schmidt", "Benali", "García", "Martin")
AGENCIES = ("AFP", "Reuters", "AP", "EFE", "dpa", "Getty Images", "MAP")
MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "septembre", "octobre"),
    "en": ("January", "February", "March", "April", "May", "June", "September", "October"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "octubre"),
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Oktober"),
}

# ------------------------------------------------------------------------------ boilerplate


def _pick(xs: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.sampled_from(xs)


names = st.builds(lambda f, last: f"{f} {last}", _pick(FIRST_NAMES), _pick(LAST_NAMES))
headlines = st.sampled_from(LANGS).flatmap(lambda lang: _pick(HEADLINES[lang]))
years = st.integers(2005, 2026)
days = st.integers(1, 28)


def _cases(s: str) -> st.SearchStrategy[str]:
    return st.sampled_from((s, s.upper(), s.lower()))


read_more = st.builds(
    lambda p, sep, h: f"{p}{sep}{h}",
    st.sampled_from(
        ("Lire aussi", "À lire aussi", "A lire également", "Read more", "Read also", "See also",
         "Lesen Sie auch", "Mehr zum Thema", "Lea también", "Te puede interesar", "اقرأ أيضا")
    ).flatmap(_cases),
    st.sampled_from((" | ", ": ", " >> ", " - ", " → ", " ")),
    headlines,
)  # fmt: skip

share = st.builds(
    lambda p, net: f"{p} {net}",
    st.sampled_from(("Partager sur", "Share on", "Compartir en", "Teilen auf", "شارك على")),
    st.sampled_from(("Facebook", "Twitter", "WhatsApp", "LinkedIn", "X")),
) | st.sampled_from(
    ("Partager", "Imprimer", "Share", "Print", "Compartir", "Teilen", "Facebook", "WhatsApp")
)

photo_credit = st.builds(
    lambda name, agency, form: form.format(name=name, NAME=name.upper(), agency=agency),
    names,
    _pick(AGENCIES),
    st.sampled_from(
        ("({NAME} / {agency})", "({name}/{agency})", "Photo: {agency}/{name}",
         "Foto: {agency}/{name}", "Crédit : {NAME} / {agency})", "Crédit photo : {agency}")
    ),
)  # fmt: skip

breadcrumb = st.builds(
    lambda first, sep, rest: sep.join((first, *rest)),
    st.sampled_from(("Accueil", "Home", "Inicio", "Startseite", "الرئيسية")),
    st.sampled_from((" > ", " » ", " / ", " › ")),
    st.lists(
        st.sampled_from(("Monde", "Afrique", "World", "News", "Politik", "Internacional", "Sport")),
        min_size=1,
        max_size=3,
        unique=True,
    ),
)


def _dateline(lang: str, form: int, day: int, year: int, month: int, hours: int) -> str:
    m = MONTHS.get(lang, MONTHS["fr"])[month % len(MONTHS.get(lang, MONTHS["fr"]))]
    forms = {
        "fr": (f"Publié le {day} {m} {year}", f"Mis à jour le {day} {m} {year} à 10h{day:02d}",
               f"Publié le {day:02d}/0{month % 9 + 1}/{year}", f"il y a {hours} heures"),
        "en": (f"Published {m} {day}, {year}", f"Updated {hours} hours ago",
               f"Last updated: {day} {m} {year}", f"Posted on {m} {day}, {year}"),
        "es": (f"Publicado el {day:02d}/0{month % 9 + 1}/{year}", f"Actualizado {day} {m} {year}",
               f"hace {hours} horas"),
        "de": (f"Stand: {day:02d}.0{month % 9 + 1}.{year}", f"Aktualisiert am {day}. {m} {year}",
               f"vor {hours} Stunden"),
    }  # fmt: skip
    options = forms.get(lang, forms["fr"])
    return options[form % len(options)]


dateline = st.builds(
    _dateline,
    st.sampled_from(("fr", "en", "es", "de")),
    st.integers(0, 3),
    days,
    years,
    st.integers(0, 11),
    st.integers(2, 23),
)

byline = st.builds(
    lambda word, name: f"{word} {name}",
    st.sampled_from(("Par", "By", "Por", "Von", "PAR")),
    names,
)

copyright_footer = st.builds(
    lambda form, year, org: form.format(year=year, org=org),
    st.sampled_from(
        ("© {year} {org}. All rights reserved.", "© {org} {year} - Tous droits réservés",
         "Copyright {year} {org}", "{org} © {year}. Todos los derechos reservados.",
         "Alle Rechte vorbehalten. © {org}")
    ),
    years,
    st.sampled_from(("Example Media", "Le Journal", "Hespress", "Die Zeitung", "El Diario")),
)  # fmt: skip

ui_string = st.sampled_from(
    (
        "Abonnez-vous à notre newsletter",
        "Inscrivez-vous à la newsletter",
        "Sign up for our newsletter",
        "Nous utilisons des cookies pour améliorer votre expérience.",
        "We use cookies to improve your experience on our site.",
        "Merci d'avoir signalé!",
        "Suivez-nous sur Instagram",
        "Follow us on Twitter",
        "Back to top",
    )
)

# Comment-section markers end the article: everything after one is taken for readers' comments
# (the ``comment_section`` rule), so they are only ever inserted after the article.
comment_marker = st.builds(
    lambda n, word: f"{n} {word}",
    st.integers(0, 999),
    st.sampled_from(("commentaires", "comments", "comentarios", "Kommentare")),
) | st.sampled_from(("Laisser un commentaire", "Leave a Reply", "Leave a comment"))

boilerplate_line = st.one_of(
    read_more, share, photo_credit, breadcrumb, dateline, byline, copyright_footer, ui_string
)

# ------------------------------------------------------------------------------ articles


@dataclass(frozen=True)
class Article:
    """A clean article: its paragraphs (each one or more whole sentences), the sentences, and
    their language."""

    lang: str
    paragraphs: tuple[str, ...]
    sentences: tuple[str, ...]

    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@st.composite
def articles(draw: st.DrawFn, langs: tuple[str, ...] = LANGS) -> Article:
    """A single-language article of 2 to 6 distinct paragraphs, each 1 or 2 sentences."""
    lang = draw(st.sampled_from(langs))
    pool = list(SENTENCES[lang])
    order = draw(st.permutations(pool))
    n_sentences = draw(st.integers(min_value=2, max_value=len(pool)))
    chosen = list(order[:n_sentences])
    paragraphs: list[str] = []
    while chosen:
        take = draw(st.integers(1, 2)) if len(chosen) > 1 else 1
        paragraphs.append(" ".join(chosen[:take]))
        chosen = chosen[take:]
    return Article(lang, tuple(paragraphs), tuple(order[:n_sentences]))


@st.composite
def article_with_boilerplate(draw: st.DrawFn) -> tuple[Article, list[str], str]:
    """An article, the boilerplate lines inserted into it, and the page text.

    Each boilerplate line is inserted as a line of its own at a random place: before, between or
    after paragraphs, with or without a blank line around it; a comment-section marker, if any,
    comes last.
    """
    article = draw(articles())
    boiler = draw(st.lists(boilerplate_line, min_size=1, max_size=6, unique=True))
    lines: list[str] = []
    for p in article.paragraphs:
        lines.extend((p, ""))
    lines.pop()
    for b in boiler:
        pos = draw(st.integers(0, len(lines)))
        blank = draw(st.booleans())
        lines[pos:pos] = [b, ""] if blank else [b]
    if draw(st.booleans()):
        marker = draw(comment_marker)
        boiler.append(marker)
        lines.extend(("", marker))
    return article, boiler, "\n".join(lines)


# ------------------------------------------------------------------------------ tickers


def ticker_line(items: list[str], sep: str) -> str:
    return sep.join(items)


tickers = st.builds(
    ticker_line,
    st.lists(headlines, min_size=3, max_size=30),
    st.sampled_from(("    ", " | ", "     ", " • ")),
)

# ------------------------------------------------------------------------------ damage


def mojibake(text: str, codec: str = "cp1252") -> str:
    """Text as a page that decoded UTF-8 bytes with the wrong codec shows it ("Ã©" for "é")."""
    return text.encode("utf-8").decode(codec, errors="replace")


def with_entities(text: str) -> str:
    """Text with its markup-significant and non-ASCII characters written as HTML entities."""
    return html.escape(text, quote=True).encode("ascii", "xmlcharrefreplace").decode("ascii")


def damaged(text_strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Text, its mojibake (cp1252 or latin-1) or its entity-encoded form."""
    return st.one_of(
        text_strategy,
        text_strategy.map(mojibake),
        text_strategy.map(lambda t: mojibake(t, "latin-1")),
        text_strategy.map(with_entities),
    )


def html_wrap(paragraphs: list[str], form: int = 0) -> str:
    """Paragraphs wrapped in one of a few HTML page skeletons."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    forms = (
        f"<html><body>{body}</body></html>",
        f"<!DOCTYPE html><html><head><title>T</title></head><body><article>{body}</article>"
        "</body></html>",
        f'<div class="content">{body}</div>',
        f"<html><head><meta charset='utf-8'><script>var x = 1;</script></head><body>"
        f"<nav><a href='/'>Accueil</a></nav><main>{body}</main></body></html>",
    )
    return forms[form % len(forms)]


# ------------------------------------------------------------------------------ pages


def page_lines() -> st.SearchStrategy[str]:
    """One line of a realistic page: prose, a headline, a ticker or a boilerplate line."""
    prose = st.sampled_from(LANGS).flatmap(lambda lang: _pick(SENTENCES[lang]))
    return st.one_of(prose, prose, prose, headlines, tickers, boilerplate_line, comment_marker)


@st.composite
def pages(draw: st.DrawFn) -> str:
    """A realistic flattened page: paragraphs in several languages mixed with boilerplate,
    tickers and headlines, sometimes damaged by mojibake or entities."""
    lines = draw(st.lists(page_lines(), min_size=1, max_size=25))
    out: list[str] = []
    for line in lines:
        out.append(line)
        if draw(st.booleans()):
            out.append("")
    text = "\n".join(out)
    how = draw(st.integers(0, 5))
    if how == 1:
        return mojibake(text)
    if how == 2:
        return with_entities(text)
    if how == 3:
        return text.replace("\n", "\r\n")
    return text


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    """A realistic page in an HTML wrapper."""
    lines = draw(st.lists(page_lines(), min_size=1, max_size=15))
    return html_wrap(lines, draw(st.integers(0, 3)))


# Arbitrary text with the characters pages actually hold, weighted towards the awkward ones:
# separators, line breaks of every kind, spaces of every kind, controls, invisible characters.
AWKWARD = (
    " \t\n\r|•·>»›/()[]&;#:.…!?-–—«»\"'’\u00a0\u202f\u2028\u2029\x85\x0b\x0c\u200b\u00ad\ufeff©"
)
awkward_text = st.text(
    alphabet=st.one_of(st.sampled_from(AWKWARD), st.characters(codec="utf-8")), max_size=300
)
any_text = st.one_of(st.text(max_size=300), awkward_text)
any_bytes = st.one_of(st.binary(max_size=300), any_text.map(lambda t: t.encode("utf-8")))


# The single-byte code pages ftfy knows how to undo (``ftfy.chardata.CHARMAP_ENCODINGS``) and a
# few more that pages are really misread with; "sloppy" ones are ftfy's own codecs.
MOJIBAKE_CODECS = (
    "latin-1", "sloppy-windows-1252", "sloppy-windows-1250", "sloppy-windows-1251",
    "iso-8859-2", "macroman", "cp437", "sloppy-windows-1253", "sloppy-windows-1254",
)  # fmt: skip

# Letters and signs of the languages cleaner promises, and of the scripts beside them.
_MOJIBAKE_ALPHABET = (
    "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ .,;:'\"!?()-0123456789"
    "àâäáãåçéèêëíìîïñóòôöõúùûüýÿæœßÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸÆŒ«»‘’“”–—…€°ºª¡¿©®·•\u00a0\u00ad"
    "čšžřěůłńśźżőűăîșțČŠŽŘĽ"
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГД"
    "αβγδεζηθλμνξπρστφχψω"
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    "אבגדהוזחטיכלמנסעפצקרשת"
    "中文日本語한국어"
)


@st.composite
def codepage_mojibake(draw: st.DrawFn) -> str:
    """Text of many scripts, as a page that decoded its UTF-8 bytes with another code page shows
    it (characters the code page lacks stay as they were, as mixed-up pages have them)."""
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codecs)

    text = draw(st.text(alphabet=_MOJIBAKE_ALPHABET, min_size=1, max_size=60))
    codec = draw(st.sampled_from(MOJIBAKE_CODECS))
    layers = draw(st.integers(1, 2))
    for _ in range(layers):
        try:
            text = text.encode("utf-8").decode(codec)
        except UnicodeDecodeError:
            break
    return text
