"""The title read from a flattened page: the heading right before the article that shares its
words, never a menu item, a share bar, a date line or a button."""

from __future__ import annotations

import pytest

from cleaner import Config, clean
from cleaner.rules import Verdict, Verdicts
from cleaner.segment import Block
from cleaner.titles import place_title, read_layout

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


def _page_with_title() -> tuple[str, str, str]:
    top, paragraph, title = PAGES["en"]
    return "\n\n".join([*top, paragraph]), paragraph, title


def test_the_title_is_left_out_of_the_text_by_default_and_audited() -> None:
    text, paragraph, title = _page_with_title()
    r = clean(text, kind="text")
    assert r.title == title
    assert paragraph in r.text and title not in r.text.split("\n")
    assert ("title", title) in [(x.rule, x.text) for x in r.removed]


def test_title_in_text_keeps_the_heading_in_text_mode() -> None:
    text, _, title = _page_with_title()
    r = clean(text, kind="text", config=Config(title_in_text=True))
    assert r.title == title
    assert title in r.text.split("\n")
    assert "title" not in {x.rule for x in r.removed}


HTML_PAGE = """<html><head><title>{title} | The Courier</title>
<meta property="og:title" content="{title}"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>{title}</h1><p>{paragraph}</p><p>{paragraph}</p></article>
<footer>© The Courier</footer></body></html>"""


@pytest.mark.parametrize("in_text", [False, True])
def test_text_and_html_mode_agree_on_the_title_line(in_text: bool) -> None:
    text, paragraph, title = _page_with_title()
    html = HTML_PAGE.format(title=title, paragraph=paragraph)
    cfg = Config(title_in_text=in_text)
    for r in (clean(text, kind="text", config=cfg), clean(html, kind="html", config=cfg)):
        assert r.title == title
        assert (title in r.text.split("\n")) is in_text, r.text[:120]
        assert paragraph in r.text


def test_html_mode_puts_a_title_the_extractor_left_out_first() -> None:
    _, paragraph, title = _page_with_title()
    html = HTML_PAGE.format(title=title, paragraph=paragraph).replace(f"<h1>{title}</h1>", "")
    r = clean(html, kind="html", config=Config(title_in_text=True))
    assert r.title == title
    assert r.text.split("\n")[0] == title
    assert clean(html, kind="html").text.split("\n")[0] != title


def test_a_title_a_zone_heuristic_removed_is_kept_again_with_a_note() -> None:
    lines = ["0 results", "Making the new riverside park", PAGES["en"][1]]
    blocks = [Block(t, i + 1, i) for i, t in enumerate(lines)]
    title = lines[1]

    def verdicts() -> Verdicts:
        v = Verdicts(lang="en")
        v.removed[0] = Verdict("outside_article", "before the article")
        v.removed[1] = Verdict("outside_article", "before the article")
        return v

    kept = verdicts()
    assert (
        place_title(blocks, kept, title, read_layout(blocks, kept), in_text=True, extracted=False)
        is None
    )
    assert 1 not in kept.removed and 0 in kept.removed
    assert kept.notes and "outside_article" in str(kept.notes[0])
    # A title removed by a rule that recognised furniture is not brought back.
    menu = verdicts()
    menu.removed[1] = Verdict("ui_string", "a button")
    place_title(blocks, menu, title, read_layout(blocks, menu), in_text=True, extracted=False)
    assert menu.removed[1].rule == "ui_string" and not menu.notes


@pytest.mark.parametrize(
    "headline",
    [
        "Group Music Classes vs. Private Instruction: Which Is Best for You and Your Budget?",
        "Faut-il vraiment construire un parc au bord du fleuve en plein centre de la ville ?",
        "¿Debe la ciudad construir un nuevo parque junto al río en pleno centro histórico?",
    ],
)
def test_a_headline_that_asks_heads_the_article_and_does_not_open_it(headline: str) -> None:
    # A question of prose length with nothing but prose after it: the shape of a headline,
    # not of the article's first paragraph.
    body = PAGES["fr"][1] if "parc" in headline else PAGES["en"][1]
    text = "\n\n".join(["Home", "Menu", headline, body, body.replace("Tuesday", "Monday")])
    r = clean(text, kind="text")
    assert r.title == headline
    assert headline not in r.text  # the title is in Result.title (title_in_text=False)
    assert clean(text, kind="text", config=Config(title_in_text=True)).text.startswith(headline)


def test_a_paragraph_of_two_sentences_that_ends_with_a_question_still_opens() -> None:
    body = PAGES["en"][1]
    question = "The council met on Tuesday. Will the park be ready before the summer of next year?"
    text = "\n\n".join(["Home", "City council approves the park plan", question, body, body])
    r = clean(text, kind="text")
    assert question in r.text
    assert r.title == "City council approves the park plan"


def test_the_heading_over_a_byline_far_above_the_first_paragraph_is_the_title() -> None:
    # A table of contents of 45 entries between the article's header and its first paragraph.
    body = PAGES["en"][1]
    contents = [f"* Part {n}: what the council said about the riverside" for n in range(45)]
    head = ["Home", "News", "City council approves the new riverside park plan", "By Jane Miller"]
    text = "\n\n".join([*head, "March 4, 2025", "Table of contents", *contents, body, body])
    assert clean(text, kind="text").title == "City council approves the new riverside park plan"


def test_a_dateline_opening_the_page_reads_no_line_before_the_first() -> None:
    # The header's lines looked for before a dateline stop at the page's first line.
    body = PAGES["en"][1]
    r = clean(f"March 4, 2025\n\n{body}", kind="text")
    assert r.title is None
    assert r.text == body


def test_an_article_that_opens_with_a_question_keeps_it_below_its_headline() -> None:
    # The question follows a kept headline: it is the article's first paragraph, not its title.
    body = PAGES["en"][1]
    question = "Why has the city council taken two years to approve a riverside park plan?"
    headline = "City council approves the riverside park plan"
    r = clean("\n\n".join(["Home", headline, question, body, body]), kind="text")
    assert r.title == headline
    assert question in r.text


def test_the_heading_whose_words_run_through_the_article_beats_a_line_that_uses_them_once() -> None:
    para = (
        "The riverside park plan will turn the old docks into gardens, the council said on {d}, "
        "and the plan keeps the riverside trees that the residents of the docks asked to save."
    )
    days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    body = [para.format(d=d) for d in days]
    body[2] += " Lights and benches were the residents' first worries."
    lines = [
        "Home",
        "Riverside park plan gets nod from councillors",
        "Latest",
        "Lights and benches",
        *body,
    ]
    assert (
        clean("\n\n".join(lines), kind="text").title
        == "Riverside park plan gets nod from councillors"
    )
