"""Title, date and author read from an HTML page: the page's own signals weighed against each
other, precision first (a wrong date or author is worse than none)."""

from __future__ import annotations

import pytest
from test_html import P1, P2, page

from cleaner import clean
from cleaner.dates import stated_dates
from cleaner.htmlmeta import choose_title, clean_author, plausible_author

LD_ARTICLE = (
    '<script type="application/ld+json">{{"@context":"https://schema.org",'
    '"@type":"NewsArticle","datePublished":"{date}"}}</script>'
)


# ------------------------------------------------------------------------------------- title


_BUDGET = "Le budget 2025 adopté par les députés"
_TODO = "<title>Todoist | A to-do list to organize your work</title>"


@pytest.mark.parametrize(
    ("head", "h1", "want"),
    [
        pytest.param(
            "<title>Budget 2025 : le texte adopté | Le Monde</title>"
            '<meta property="og:title" content="Budget 2025 : le texte adopté">',
            _BUDGET,
            _BUDGET,
            id="the heading readers see wins when the declared titles agree",
        ),
        pytest.param(
            f'<meta property="og:title" content="{_BUDGET}">',
            "Newsletter",
            _BUDGET,
            id="a heading the declared titles do not echo is not the title",
        ),
        pytest.param(
            f'<meta property="og:site_name" content="La Dépêche"><title>{_BUDGET} - La Dépêche</title>',
            "La Dépêche",
            _BUDGET,
            id="a logo in h1 is not the title and the site leaves the title",
        ),
        pytest.param(
            "<title>Le budget 2025 adopté | La Dépêche</title>",
            "La Dépêche",
            "Le budget 2025 adopté",
            id="without og:site_name the title element's last segment names the site",
        ),
        pytest.param(
            f'<title>Le Carnet de Marc : {_BUDGET}</title><meta property="og:title" content="{_BUDGET}">',
            "Le Carnet de Marc",
            _BUDGET,
            id="the site is what the title element adds to the og:title it holds",
        ),
        pytest.param(
            f'{_TODO}<link rel="canonical" href="https://todoist.com/home">',
            None,
            "A to-do list to organize your work",
            id="the domain names the site in the title element",
        ),
        pytest.param(
            "<title>BBC | Council approves the riverside park</title>"
            '<link rel="canonical" href="https://www.bbc.co.uk/news/articles/1">',
            None,
            "Council approves the riverside park",
            id="a country's second-level domain names the site by the label before it",
        ),
        pytest.param(
            '<meta property="og:site_name" content="resource block | Terraform | HashiCorp">'
            "<title>resource block | Terraform | HashiCorp</title>",
            "resource block",
            "resource block",
            id="a site name that is a title names no site",
        ),
    ],
)
def test_the_page_title(head: str, h1: str | None, want: str) -> None:
    heading = f"<h1>{h1}</h1>" if h1 else ""
    assert clean(page(f"{heading}<p>{P1}</p>", head)).title == want


@pytest.mark.parametrize(
    ("heading", "want"),
    [
        ("Dec 18 2025 Preparing a transition in Debusine", "Preparing a transition in Debusine"),
        ("Middleware ¶", "Middleware"),
        ("The system for teams The system for teams", "The system for teams"),
        ("Metasploit Wrap-Up 12/19/2025", "Metasploit Wrap-Up 12/19/2025"),  # the title's date
        ("18 décembre 2025", "18 décembre 2025"),  # a date and nothing else stays
        ("2025-26 Football Season: MLS is Back!", "2025-26 Football Season: MLS is Back!"),
        ("Learn C#", "Learn C#"),  # a name's "#", not a permalink's
        ("Middleware #", "Middleware"),
        ("Bora Bora", "Bora Bora"),  # a name, not a heading written twice
        ("Tora! Tora! Tora!", "Tora! Tora! Tora!"),
    ],
)
def test_a_heading_leaves_its_dateline_mark_and_repeats_out_of_the_title(
    heading: str, want: str
) -> None:
    assert choose_title([heading], [], None) == want


def test_a_heading_keeps_a_leading_date_the_declared_title_holds() -> None:
    declared = ["2025-26 Football Season: MLS is Back!"]
    assert choose_title(["2025-26 Football Season: MLS is Back!"], declared, None) == declared[0]
    declared = ["18 décembre 2025, une journée de grève"]
    assert choose_title(["18 décembre 2025, une journée de grève"], declared, None) == (declared[0])


def test_title_unescapes_entities_left_in_declared_titles() -> None:
    head = '<meta property="og:title" content="Outils &amp;#8211; le comparatif">'
    assert clean(page(f"<p>{P1}</p>", head)).title == "Outils – le comparatif"


@pytest.mark.parametrize(
    ("headings", "declared", "site", "element", "want"),
    [
        (["Titre H1"], [], None, "Titre H1 | Site", "Titre H1"),
        ([], [], None, "Titre de la page | Site", "Titre de la page"),
        ([], ["Site - Titre de la page"], "Site", None, "Titre de la page"),
        ([], ["Titre - sous-titre"], None, None, "Titre - sous-titre"),
        ([], [], None, None, ""),
        (["Un titre"], [], None, None, "Un titre"),
        # " / " separates a forum's segments: its logo heading is the forum's name.
        (
            ["Arch Linux"],
            [],
            None,
            "Thread title here / Discussion / Arch Linux Forums",
            "Thread title here",
        ),
        ([], [], None, "Input / Output in Python", "Input / Output in Python"),  # one title
    ],
)
def test_choose_title(
    headings: list[str], declared: list[str], site: str | None, element: str | None, want: str
) -> None:
    assert choose_title(headings, declared, site, element) == want


# -------------------------------------------------------------------------------------- date


def test_a_declared_date_the_page_shows_is_the_date() -> None:
    head = LD_ARTICLE.format(date="2024-03-05T09:12:00Z")
    body = f"<p>Publié le 5 mars 2024</p><p>{P1}</p>"
    assert clean(page(body, head)).date == "2024-03-05"
    m = '<meta property="article:published_time" content="2022-06-01T08:00:00+02:00">'
    assert clean(page(f"<p>June 1, 2022</p><p>{P1}</p>", m, lang="en")).date == "2022-06-01"
    # Fewer sites' meta names for it.
    for name in ("published-date", "og:publish_date", "cxenseparse:publishtime"):
        m = f'<meta name="{name}" content="2021-02-16">'
        body = f"<p>{P1} Texte du 16 février 2021.</p><p>{P2}</p>"
        assert clean(page(body, m)).date == "2021-02-16"
    # Day or month first: 03/05/2024 states both days, one of which the markup declares.
    assert clean(page(f"<p>03/05/2024</p><p>{P1}</p>", head)).date == "2024-03-05"


def test_a_declared_date_the_page_does_not_show_is_not_given() -> None:
    head = LD_ARTICLE.format(date="2024-03-05T09:12:00Z")
    r = clean(page(f"<p>Mis à jour le 9 avril 2024</p><p>{P1}</p><p>{P2}</p>", head))
    assert r.date != "2024-03-05"
    # Nor does the markup's own timestamp count as shown.
    body = f'<p>{P1}</p><script>var d = "2024-03-05T09:12:00Z";</script>'
    assert clean(page(body, head)).date is None


OG_ARTICLE = '<meta property="og:type" content="article">'
LD_WEBPAGE = (
    '<script type="application/ld+json">{"@context":"https://schema.org","@graph":['
    '{"@type":"WebPage","datePublished":"2024-03-05T09:12:00Z"}]}</script>'
    '<meta property="article:published_time" content="2024-03-05T09:12:00Z">'
)
_ARTICLE_BODY = f"<h1>Le budget de la ville adopté</h1><p>{P1}</p><p>{P2}</p>"


def test_an_articles_declared_date_stands_on_a_page_that_shows_no_date() -> None:
    head = OG_ARTICLE + LD_ARTICLE.format(date="2024-03-05T09:12:00Z")
    assert clean(page(_ARTICLE_BODY, head)).date == "2024-03-05"
    meta = '<meta property="article:published_time" content="2024-03-05T09:12:00+01:00">'
    assert clean(page(_ARTICLE_BODY, OG_ARTICLE + meta)).date == "2024-03-05"


@pytest.mark.parametrize(
    "head",
    [
        # Not declared as an article's: no og:type, or the date is a WebPage object's (an SEO
        # plugin's, which writes article:published_time for every page too).
        LD_ARTICLE.format(date="2024-03-05T09:12:00Z"),
        OG_ARTICLE + LD_WEBPAGE,
        # The article object gives only its creation day; the publication date is the WebPage's.
        OG_ARTICLE
        + '<script type="application/ld+json">{"@context":"https://schema.org","@graph":['
        '{"@type":"Article","dateCreated":"2024-03-01T09:12:00Z"},'
        '{"@type":"WebPage","datePublished":"2024-03-05T09:12:00Z"}]}</script>',
    ],
)
def test_a_date_declared_for_a_page_rather_than_an_article_is_not_given(head: str) -> None:
    assert clean(page(_ARTICLE_BODY, head)).date is None


def test_a_declared_date_is_not_given_where_another_date_stands_by_the_title() -> None:
    head = OG_ARTICLE + LD_ARTICLE.format(date="2024-03-05T09:12:00Z")
    body = _ARTICLE_BODY.replace("</h1>", "</h1><p>Mis à jour le 9 avril 2024</p>")
    assert clean(page(body, head)).date is None


def test_a_date_shown_well_before_the_declared_one_is_the_articles() -> None:
    # The markup declares a later day the page does not show (a move, a re-dating in the CMS):
    # the day readers see by the title is the publication's.
    head = OG_ARTICLE + LD_ARTICLE.format(date="2025-06-24T09:12:00Z")
    shown = _titled("<span>Jane Miller</span><span>August 25, 2024</span>")
    assert clean(shown.replace("<head>", "<head>" + head, 1)).date == "2024-08-25"
    # The declared day itself, shown by the title with a two-digit year ("06/24/25"), which the
    # search of the page's text for the declared day leaves out.
    header = '<p>By Jane Miller, <time datetime="2025-06-24T10:00">06/24/25</time></p>'
    shown = _headed(header, lang="en")
    declared = LD_ARTICLE.format(date="2025-06-24T09:12:00Z")
    assert clean(shown.replace("<head>", "<head>" + declared, 1)).date == "2025-06-24"
    # A later shown day is an update's as often as the publication's; a day earlier, the
    # declared time's zone.
    for day in ("July 2, 2025", "June 23, 2025"):
        shown = _titled(f"<span>Jane Miller</span><span>{day}</span>")
        assert clean(shown.replace("<head>", "<head>" + head, 1)).date is None


@pytest.mark.parametrize(
    "title",
    [
        # An empty first <h1> (a logo's) before the article's.
        '<h1><a href="/"><img src="logo.png" alt=""></a></h1><h1>The city budget is adopted</h1>',
        # A heading of several elements is several of the page's text lines.
        "<h1>10 <b>ways</b> the city budget is adopted</h1>",
    ],
)
def test_the_dateline_stands_by_the_articles_heading(title: str) -> None:
    body = _titled("<span>Jane Miller</span><span>March 5, 2024</span>")
    body = body.replace("<h1>The city budget is adopted</h1>", title)
    assert clean(body).date == "2024-03-05"


def _thread(days: list[str]) -> str:
    """A page that declares no date: a title, then posts whose times (shown as the posts'
    numbers) stand below them."""
    posts = "".join(
        f'<div class="post"><p>{P1}</p><p>{P2}</p><time datetime="{d}T10:00:00Z">#{n}</time></div>'
        for n, d in enumerate(days, 1)
    )
    return page(f"<h1>How do I adopt the city budget?</h1>{posts}", lang="en")


def test_a_threads_opening_post_dates_the_page() -> None:
    # Oldest first: a question and its answers.
    assert clean(_thread(["2014-03-28", "2014-03-28", "2014-04-02"])).date == "2014-03-28"
    # Newest first (a list of posts), or a single day: no date.
    assert clean(_thread(["2014-04-02", "2014-03-28", "2014-03-30"])).date is None
    assert clean(_thread(["2014-03-28"])).date is None


def test_a_dateline_with_a_publication_label_beside_the_title_dates_the_page() -> None:
    assert clean(_titled("<span>Published: March 5, 2024</span>")).date == "2024-03-05"
    assert clean(_titled("<span>Release date: March 5, 2024</span>")).date is None


def test_a_page_that_declares_no_date_gets_none_from_its_markup() -> None:
    body = f'<time datetime="2021-01-15T10:00">15 janvier</time><p>{P1}</p>'
    assert clean(page(body)).date is None


def _headed(header: str, *, aside: str = "", lang: str = "fr") -> str:
    """A page that declares no date: an article whose header holds ``header`` beside its <h1>,
    and an ``aside`` further off."""
    body = (
        f"<article><header><h1>Le budget de la ville adopté</h1>{header}</header>"
        f"<p>{P1}</p><p>{P2}</p><p>{P1} {P2}</p></article><aside>{aside}</aside>"
    )
    return page(body, lang=lang)


def _titled(after: str, *, before: str = "") -> str:
    """A page that declares no date, whose <h1> stands alone in its block: what follows the
    title (``after``) is a sibling of that block, in a wrapper that also holds the article."""
    body = (
        f'<div class="wrap">{before}<div class="title"><h1>The city budget is adopted</h1></div>'
        f'<div class="meta">{after}</div><div class="body"><p>{P1}</p><p>{P2}</p>'
        f"<p>{P1} {P2}</p></div></div>"
    )
    return page(body, lang="en")


def test_a_dateline_beside_the_title_block_dates_the_page() -> None:
    r = clean(_titled("<span>Jane Miller</span><span>March 5, 2024</span>"))
    assert r.date == "2024-03-05"


@pytest.mark.parametrize(
    "after",
    [
        "<span>By</span><span>Jane Miller</span><span>March 5, 2024</span>",
        "<p>Written by Jane Miller, March 5, 2024</p>",
    ],
)
def test_a_byline_beside_the_title_block_names_the_author(after: str) -> None:
    assert clean(_titled(after)).author == "Jane Miller"


def test_a_name_alone_beside_the_dateline_under_the_title_is_the_author() -> None:
    assert clean(_titled("<span>Jane Miller</span><span>March 5, 2024</span>")).author == (
        "Jane Miller"
    )
    # A category's words are the article's own, written in lower case there: not a name.
    page = _titled("<span>Healthy Eating</span><span>March 5, 2024</span>")
    assert clean(page.replace("</p>", " It starts with healthy eating.</p>", 1)).author is None


def test_a_reviewer_beside_the_title_block_is_not_the_author() -> None:
    after = "<span>Medically reviewed by</span><span>Jane Miller</span>"
    assert clean(_titled(after)).author is None


@pytest.mark.parametrize(
    "after",
    [
        # A date of change, its label on the line before.
        "<span>Last updated:</span><span>March 5, 2024</span>",
        # A date inside a sentence.
        "<p>Sale ends 03/31/2026. While supplies last. Use code SPRING today</p>",
        # A blog's index: the title, then its posts' dates.
        "".join(f"<h2>Post {n}</h2><span>March {n}, 2024</span>" for n in (9, 7, 5)),
    ],
)
def test_a_change_a_sentence_or_a_list_beside_the_title_gives_no_date(after: str) -> None:
    assert clean(_titled(after)).date is None


@pytest.mark.parametrize(
    ("header", "lang", "day"),
    [
        ("<p>Par Jeanne Dupont, le 5 mars 2024</p>", "fr", "2024-03-05"),
        ("<p>By Jane Miller</p><p>March 5, 2024</p>", "en", "2024-03-05"),
        # The element's machine-readable day, whatever its text says.
        (
            '<p>Publié <time datetime="2024-03-05T09:00">il y a 2 jours</time></p>',
            "fr",
            "2024-03-05",
        ),
        ('<span itemprop="datePublished" content="2024-03-05">5 mars</span>', "fr", "2024-03-05"),
    ],
)
def test_a_page_that_declares_no_date_is_dated_by_its_article_header(
    header: str, lang: str, day: str
) -> None:
    assert clean(_headed(header, lang=lang)).date == day


@pytest.mark.parametrize(
    "header",
    [
        "<p>Mis à jour le 9 avril 2024</p>",  # a change, not the publication
        '<p>Mis à jour <time datetime="2024-04-09">le 9 avril</time></p>',
        "<p>Du 5 mars 2024 au 9 avril 2024</p>",  # a span: an event's dates
    ],
)
def test_a_header_date_of_change_span_or_unknown_order_is_not_given(header: str) -> None:
    assert clean(_headed(header, lang="en")).date is None


def test_a_date_outside_the_article_header_is_not_its_date() -> None:
    # A sidebar's latest posts.
    assert clean(_headed("", aside="<p>Autres articles</p><p>12 février 2024</p>")).date is None


def test_stated_dates() -> None:
    assert stated_dates("le 3 avril 2025 et le 2025-04-09") == {"2025-04-03", "2025-04-09"}
    assert stated_dates("12/05/2024") == {"2024-05-12", "2024-12-05"}
    assert stated_dates("2025-04-09T10:00", machine=False) == set()
    assert stated_dates("rien") == set()


# ------------------------------------------------------------------------------------ author


def test_author_without_byline_junk() -> None:
    head = '<meta name="author" content="Par Jeanne Dupont Publié le 12 mai 2024">'
    assert clean(page(f"<p>{P1}</p>", head)).author == "Jeanne Dupont"
    ld = (
        '<script type="application/ld+json">{"@type":"NewsArticle","author":'
        '[{"@type":"Person","name":"Jeanne Dupont"},{"@type":"Person","name":"Marc Lévy"}]}'
        "</script>"
    )
    assert clean(page(f"<p>{P1}</p>", ld)).author == "Jeanne Dupont, Marc Lévy"
    assert clean_author("By Sarah Whitfield, Senior Reporter") == "Sarah Whitfield"
    assert clean_author("https://www.facebook.com/jdupont") is None


def test_an_organization_named_as_author_in_jsonld_is_not_a_person() -> None:
    ld = (
        '<script type="application/ld+json">{"@type":"Article","author":'
        '{"@type":"Organization","name":"Acme Corp"}}</script>'
    )
    assert clean(page(f"<p>{P1}</p>", ld)).author is None


@pytest.mark.parametrize(
    "name",
    [
        "admin",
        "undefined",
        "andrew.keaveney",
        "brandon-peaktwo",
        "levinemusic",
        "css-1cclx50{align-self:flex-start}",
        "page.head.extra.author",
        "S spikeymike",
    ],
)
def test_logins_placeholders_and_markup_are_not_authors(name: str) -> None:
    assert not plausible_author(name)
    assert clean(page(f"<p>{P1}</p>", f'<meta name="author" content="{name}">')).author is None


@pytest.mark.parametrize("name", ["Jeanne Dupont", "BeauHD", "J. R. Smith", "Ana María López"])
def test_names_are_authors(name: str) -> None:
    assert plausible_author(name)


def test_an_author_link_with_badges_is_not_a_name() -> None:
    body = f'<a rel="author" href="/u/1">lgans316 Distinguished Member Joined Aug</a><p>{P1}</p>'
    assert clean(page(body)).author is None
    body = f'<a rel="author" href="/u/2">Jeanne Dupont</a><p>{P1}</p>'
    assert clean(page(body)).author == "Jeanne Dupont"


# ------------------------------------------------------------------------------------ author


def test_the_site_named_as_author_is_not_the_author() -> None:
    body = f"<h1>Le budget 2025 adopté</h1><p>{P1}</p><p>{P2}</p>"
    for author, head in [
        ("Redfin", '<link rel="canonical" href="https://www.redfin.com/news/budget">'),
        ("Le Quotidien", '<meta property="og:site_name" content="Le Quotidien">'),
        ("Le Quotidien", "<title>Le budget 2025 adopté | Le Quotidien</title>"),
    ]:
        r = clean(page(body, f'{head}<meta name="author" content="{author}">'))
        assert r.author is None, author
    r = clean(page(body, '<meta name="author" content="Jeanne Dupont">'))
    assert r.author == "Jeanne Dupont"


def test_a_jsonld_person_named_as_the_site_is_the_author() -> None:
    # A company's blog whose posts its own account signs: JSON-LD states the authorship.
    body = f"<h1>Le budget 2025 adopté</h1><p>{P1}</p><p>{P2}</p>"
    site = '<meta property="og:site_name" content="Quotidia">'
    ld = (
        '<script type="application/ld+json">{"@type":"BlogPosting","author":'
        '{"@type":"Person","name":"Quotidia"}}</script>'
    )
    assert clean(page(body, site + ld)).author == "Quotidia"
    assert clean(page(body, site + '<meta name="author" content="Quotidia">')).author is None


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("Marco Bambini Dec 5, 2025", "Marco Bambini"),
        ("Jeanne Dupont 12 mai 2024", "Jeanne Dupont"),
        ("Lance Ryan (Content Manager)", "Lance Ryan"),
    ],
)
def test_an_author_name_stops_before_a_date_or_a_role_in_brackets(raw: str, want: str) -> None:
    assert clean_author(raw) == want


def test_a_name_with_a_role_after_it_is_not_read_as_a_name() -> None:
    head = '<header><h1>Le budget 2025 adopté</h1><span class="author">{}</span></header>'
    body = f"<p>{P1}</p><p>{P2}</p>"
    assert clean(page(head.format("Liza Burke Marketing Director") + body)).author is None
    assert clean(page(head.format("Liza Burke") + body)).author == "Liza Burke"


def test_an_organisation_named_as_author_is_the_author_unless_it_is_the_site() -> None:
    body = f"<h1>Le budget 2025 adopté</h1><p>{P1}</p><p>{P2}</p>"
    site = '<meta property="og:site_name" content="Le Quotidien">'
    r = clean(page(body, f'{site}<meta name="author" content="Service Politique">'))
    assert r.author == "Service Politique"
    r = clean(page(body, f'{site}<meta name="author" content="Enrollment Team">'))
    assert r.author == "Enrollment Team"


def test_a_personal_site_is_its_author() -> None:
    # A person's own site bears their name: it is the site, and the author.
    body = f"<h1>Le budget 2025 adopté</h1><p>{P1}</p><p>{P2}</p>"
    head = '<title>Le budget 2025 adopté - Jeanne Dupont</title><meta name="author" content="Jeanne Dupont">'
    assert clean(page(body, head)).author == "Jeanne Dupont"
    # A brand of one word is not a person's name.
    head = '<title>Le budget 2025 adopté - Quotidia</title><meta name="author" content="Quotidia">'
    assert clean(page(body, head)).author is None


def test_a_thread_of_posters_names_no_author() -> None:
    posts = "".join(
        f'<div class="post"><a rel="author" href="/u/{n}">{n}</a><p>{P1}</p></div>'
        for n in ("Kestrel Moss", "Hayley Park", "Dan Brook")
    )
    assert clean(page(f"<h1>Which tent for the Alps?</h1>{posts}")).author is None
    one = f'<a rel="author" href="/u/k">Kestrel Moss</a><p>{P1}</p><p>{P2}</p>'
    assert clean(page(f"<h1>Which tent for the Alps?</h1>{one}")).author == "Kestrel Moss"


@pytest.mark.parametrize(
    ("header", "author"),
    [
        ('<p class="post-author">Jeanne Dupont</p>', "Jeanne Dupont"),
        ('<a rel="author" href="/auteurs/jd">Jeanne Dupont</a>', "Jeanne Dupont"),
        ('<div class="byline"><a href="/a">Follow the author</a></div>', None),
        ('<span class="author-updated">Updated January</span>', None),
    ],
)
def test_the_article_header_names_the_author_the_markup_does_not(
    header: str, author: str | None
) -> None:
    body = (
        f"<article><header><h1>Le budget de la ville adopté</h1>{header}</header>"
        f"<p>{P1}</p><p>{P2}</p></article>"
    )
    assert clean(page(body, lang="en")).author == author


def test_a_malformed_address_is_no_error() -> None:
    # The page's canonical link, or the caller's URL, that cannot be parsed ("Invalid IPv6 URL").
    body = f"<h1>Le budget de la ville adopté</h1><p>{P1}</p><p>{P2}</p>"
    r = clean(page(body, '<link rel="canonical" href="http://[bad/x">'))
    assert r.url is None and P1[:40] in r.text
    assert clean(page(body), url="http://[bad/2025/03/04/x").date is None
