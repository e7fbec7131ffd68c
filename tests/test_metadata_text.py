"""Date and author read from a flattened page: from the article's header only, never a date of
change, a date of a list further down, or a menu item that starts with "By"."""

from __future__ import annotations

import pytest

from cleaner import clean

PARAGRAPH = {
    "en": "The city council approved on Tuesday the plan for a new riverside park, after two years "
    "of debate about its cost and the trees that the work would remove from the bank.",
    "fr": "Le conseil municipal a adopté mardi le projet de parc au bord du fleuve, après deux ans "
    "de débats sur son coût et sur les arbres que les travaux feraient tomber.",
    "es": "El ayuntamiento aprobó el martes el proyecto del nuevo parque junto al río, después de "
    "dos años de debate sobre su coste y sobre los árboles que las obras talarían.",
    "de": "Der Stadtrat hat am Dienstag den Plan für den neuen Park am Fluss beschlossen, nach zwei "
    "Jahren Streit über die Kosten und die Bäume, die dafür gefällt werden müssten.",
}
PUBLISHED = {
    "en": ("By Jane Miller", "Published on March 4, 2025", "Jane Miller"),
    "fr": ("Par Jeanne Dupont", "Publié le 4 mars 2025", "Jeanne Dupont"),
    "es": ("Por Ana López", "Publicado el 4 de marzo de 2025", "Ana López"),
    "de": ("Von Anna Schmidt", "Veröffentlicht am 4. März 2025", "Anna Schmidt"),
}
UPDATED = {
    "en": "Updated on March 9, 2025",
    "fr": "Mis à jour le 9 mars 2025",
    "es": "Actualizado el 9 de marzo de 2025",
    "de": "Aktualisiert am 9. März 2025",
}


def _page(*top: str, lang: str, tail: tuple[str, ...] = ()) -> str:
    p = PARAGRAPH[lang]
    return "\n\n".join(["Home", *top, "A headline for the park", p, p, *tail])


@pytest.mark.parametrize("lang", sorted(PARAGRAPH))
def test_the_header_dateline_and_byline_give_date_and_author(lang: str) -> None:
    byline, dateline, name = PUBLISHED[lang]
    r = clean(_page(byline, dateline, lang=lang), kind="text")
    assert r.date == "2025-03-04"
    assert r.author == name


@pytest.mark.parametrize("lang", sorted(PARAGRAPH))
def test_a_date_of_change_is_not_the_publication_date(lang: str) -> None:
    r = clean(_page(UPDATED[lang], lang=lang), kind="text")
    assert r.date is None
    # With the publication's line beside it, that one is the date.
    r = clean(_page(UPDATED[lang], PUBLISHED[lang][1], lang=lang), kind="text")
    assert r.date == "2025-03-04"


def test_dates_of_a_list_below_the_article_are_not_its_date() -> None:
    tail = tuple(
        x
        for d in ("March 1, 2025", "February 20, 2025", "February 2, 2025")
        for x in ("Another story about the city", d)
    )
    filler = tuple(PARAGRAPH["en"] for _ in range(4))
    r = clean(_page(lang="en", tail=filler + tail), kind="text")
    assert r.date is None


@pytest.mark.parametrize("line", ["+ By Company Size", "BY COMPANY TYPE", "By Industry"])
def test_a_menu_item_starting_with_by_is_not_an_author(line: str) -> None:
    assert clean(_page(line, lang="en"), kind="text").author is None


def test_an_english_numeric_date_that_reads_both_ways_is_not_guessed() -> None:
    # "03/10/2023" is 10 March in the US and 3 October in Britain: nothing on the page says which.
    assert clean(_page("By Jane Miller", "03/10/2023", lang="en"), kind="text").date is None
    # One that reads one way only is returned, and it proves how the other dates read.
    assert clean(_page("By Jane Miller", "25/10/2023", lang="en"), kind="text").date == "2023-10-25"
    proven = _page("By Jane Miller", "03/10/2023", lang="en", tail=("25/10/2023",))
    assert clean(proven, kind="text").date == "2023-10-03"
    # French writes the day first.
    assert clean(_page("Par Jeanne Dupont", "03/10/2023", lang="fr"), kind="text").date == (
        "2023-10-03"
    )


@pytest.mark.parametrize("line", ["By Team Size", "By Company Size", "By Clemson News Staff"])
def test_a_team_a_company_or_a_filter_is_not_an_author(line: str) -> None:
    assert clean(_page(line, "March 4, 2025", lang="en"), kind="text").author is None


_STORIES = [
    "The harbour authority opened a second ferry line to the islands this week, with six "
    "crossings a day in summer and two in winter.",
    "A bakery that has stood on the market square since 1952 closes at the end of the month, its "
    "owners say, for want of anyone to take it over.",
    "The school board chose a new head for the lycée after a year in which three interim heads "
    "came and went, and parents asked for someone who would stay.",
    "Cyclists will have a lane of their own on the bridge from April, the council said, once the "
    "works on the railings are finished.",
]


def _dated_items(days: list[str], *, prefix: str = "", bullet: str = "") -> str:
    """A page of items, each a heading, a date line and a paragraph."""
    parts = ["Home"]
    for n, (day, story) in enumerate(zip(days, _STORIES, strict=False)):
        parts += [f"Item number {n + 1} of the page", f"{bullet}{prefix}{day}", story]
    return "\n\n".join(parts)


def test_the_first_date_of_a_list_of_dated_items_is_not_the_page_date() -> None:
    # A blog's index or a news listing, newest first: its first date is an item's, not the page's.
    days = ["March 9, 2025", "March 4, 2025", "February 27, 2025", "February 20, 2025"]
    assert clean(_dated_items(days), kind="text").date is None


def test_a_thread_is_dated_by_its_first_post() -> None:
    # A forum thread runs forward in time: its opening post's date is the page's.
    days = ["March 4, 2025", "March 5, 2025", "March 9, 2025", "March 12, 2025"]
    assert clean(_dated_items(days, prefix="Posted "), kind="text").date == "2025-03-04"
    # A calendar runs forward too, but its dates are a list's bulleted items.
    assert clean(_dated_items(days, bullet="* "), kind="text").date is None


@pytest.mark.parametrize(
    ("lang", "span"),
    [
        ("en", "March 4, 2025 - March 9, 2025"),
        ("fr", "4 mars 2025 – 9 mars 2025"),
    ],
)
def test_a_span_of_two_dates_is_not_a_publication_date(lang: str, span: str) -> None:
    assert clean(_page(PUBLISHED[lang][0], span, lang=lang), kind="text").date is None
    # The publication's own line, given beside it, is read.
    page = _page(PUBLISHED[lang][0], PUBLISHED[lang][1], span, lang=lang)
    assert clean(page, kind="text").date == "2025-03-04"


BARE_DATE = {
    "en": "March 4, 2025",
    "fr": "4 mars 2025",
    "es": "4 de marzo de 2025",
    "de": "4. März 2025",
}


@pytest.mark.parametrize("lang", sorted(PARAGRAPH))
def test_a_name_alone_beside_the_dateline_is_the_author(lang: str) -> None:
    # Many blogs print the author's name on its own line above the date, with no "By".
    name = PUBLISHED[lang][2]
    r = clean(_page(name, BARE_DATE[lang], lang=lang), kind="text")
    assert (r.date, r.author) == ("2025-03-04", name)


@pytest.mark.parametrize("label", ["City Council", "Riverside Park", "Share Print!"])
def test_a_label_beside_the_dateline_is_not_an_author(label: str) -> None:
    # A category or a heading is made of words the article writes in lower case; a name is not.
    r = clean(_page(label, BARE_DATE["en"], lang="en"), kind="text")
    assert r.date == "2025-03-04"
    assert r.author is None


@pytest.mark.parametrize("lang", sorted(PARAGRAPH))
def test_a_short_header_line_with_a_name_and_a_date_dates_the_page(lang: str) -> None:
    # No byline word and no date label: the dateline rule leaves the line, the header reads it.
    line = f"{PUBLISHED[lang][2]} {BARE_DATE[lang]}"
    assert clean(_page(line, lang=lang), kind="text").date == "2025-03-04"


@pytest.mark.parametrize(
    "line",
    [
        "Release date: March 4, 2025",
        "Joined March 4, 2025",
        "#2 · March 4, 2025",
        "* Jane Miller March 4, 2025",
        "Section 14.11.10",
    ],
)
def test_a_labelled_listed_or_ambiguous_date_in_the_header_is_not_the_page_date(
    line: str,
) -> None:
    assert clean(_page(line, lang="en"), kind="text").date is None


def test_the_dates_of_a_listing_s_items_are_not_its_date() -> None:
    # A listing: each item a heading, "Name · date" and a teaser paragraph.
    items = [
        ("Jane Miller · March 9, 2025", _STORIES[0]),
        ("Tom Baker · March 4, 2025", _STORIES[1]),
        ("Ana Ruiz · February 27, 2025", _STORIES[2]),
    ]
    parts = ["Home"]
    for n, (line, story) in enumerate(items):
        parts += [f"Item number {n + 1} of the page", line, story]
    assert clean("\n\n".join(parts), kind="text").date is None


@pytest.mark.parametrize(
    "line",
    [
        "Author: Jane Miller",
        "By: Jane Miller",
        "Written by: Jane Miller",
        "By Jane Miller on March 4, 2025",
        "By Jane Miller Mar 4, 2025 | 6 comments",
        "By Jane Miller • March 4, 2025",
        "Posted by Jane Miller on Tuesday",
    ],
)
def test_byline_forms_name_the_author(line: str) -> None:
    assert clean(_page(line, lang="en"), kind="text").author == "Jane Miller"


def test_a_byline_beside_the_article_is_read_whichever_rule_took_it() -> None:
    # Far from any menu, right above the article: no rule takes it for a byline, the header does.
    page = "\n\n".join(
        ["Home", "A headline for the park", "By Jane Miller March 4, 2025", *[PARAGRAPH["en"]] * 2]
    )
    r = clean(page, kind="text")
    assert (r.author, r.date) == ("Jane Miller", "2025-03-04")


@pytest.mark.parametrize("lang", sorted(PARAGRAPH))
def test_a_byline_word_alone_on_its_line_names_the_author_on_the_next(lang: str) -> None:
    byline, _, name = PUBLISHED[lang]
    word = byline.split()[0]
    assert clean(_page(word, name, lang=lang), kind="text").author == name


def test_by_and_a_phrase_is_not_a_byline() -> None:
    page = "\n\n".join(
        ["Home", "A headline for the park", "by adapting to its needs", *[PARAGRAPH["en"]] * 2]
    )
    assert clean(page, kind="text").author is None


SHARE_BAR = ("Share", "Facebook", "Twitter", "Email")


@pytest.mark.parametrize("lang", sorted(PARAGRAPH))
def test_a_dateline_below_the_standfirst_and_a_share_bar_dates_the_page(lang: str) -> None:
    p = PARAGRAPH[lang]
    dateline = PUBLISHED[lang][1]
    text = "\n\n".join(["Home", "A headline for the park", p, *SHARE_BAR, dateline, p, p])
    assert clean(text, kind="text").date == "2025-03-04"


@pytest.mark.parametrize("label", ["Release Date:", "Expires:", "Updated on"])
def test_a_date_labelled_on_the_line_before_is_not_the_page_date(label: str) -> None:
    p = PARAGRAPH["en"]
    text = "\n\n".join(
        ["Home", "A headline for the park", p, *SHARE_BAR, label, "March 4, 2025", p, p]
    )
    assert clean(text, kind="text").date is None
    # A dateline's own label on the line before is no other date's.
    text = text.replace(label, "Published:")
    assert clean(text, kind="text").date == "2025-03-04"


def test_a_paragraph_that_mentions_an_update_is_no_label_of_the_date_after_it() -> None:
    p = PARAGRAPH["en"]
    note = "We updated this story on Tuesday with the vote of the council and the mayor's reply."
    text = "\n\n".join(["Home", "A headline for the park", p, *SHARE_BAR, note, "March 4, 2025"])
    assert clean(f"{text}\n\n{p}\n\n{p}", kind="text").date == "2025-03-04"


def test_a_dateline_far_below_the_first_paragraph_is_not_the_header_s() -> None:
    p = PARAGRAPH["en"]
    far = ("Another story about the city",) * 25
    text = "\n\n".join(["Home", "A headline for the park", p, *far, "March 4, 2025", p, p])
    assert clean(text, kind="text").date is None


def test_a_dateline_with_a_two_digit_year_does_not_date_the_page() -> None:
    # "2.28.27": which number is the year, and in which century, the page does not say.
    assert clean(_page("2.28.27", lang="en"), kind="text").date is None
    assert clean(_page("Published 2.28.2027", lang="en"), kind="text").date == "2027-02-28"


def test_a_permalinks_day_dates_a_page_that_states_none() -> None:
    text = f"The riverside park is approved\n\n{PARAGRAPH['en']}\n\n{PARAGRAPH['en']}"
    url = "https://example.com/news/2025/03/04/riverside-park/"
    assert clean(text, url=url).date == "2025-03-04"
    assert clean(text, url="https://example.com/news/riverside-park-2025/").date is None
    # A day's archive, a file named by its day, a day that does not exist, a malformed URL.
    for other in (
        "/news/2025/03/04/",
        "/files/2025-03-04.pdf",
        "/2025/02/30/park",
        "[bad/2025/03/04/x",
    ):
        assert clean(text, url=f"https://example.com{other}").date is None
    # The page's own dateline wins over its address.
    dated = text.replace("\n\n", "\n\nPublished on March 9, 2025\n\n", 1)
    assert clean(dated, url=url).date == "2025-03-09"
