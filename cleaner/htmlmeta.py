"""Metadata from an HTML page's markup: title, date, author, site name, canonical URL, language.

Structured sources (Open Graph and other meta tags, JSON-LD, ``<link rel=canonical>``,
``<html lang>``) are weighed against what the page shows: the title is the ``<h1>`` when the
declared titles agree with it; a date is given only when the page's text states the date its
markup declares (or shows no date near the title, and the markup declares it as an article's),
or, on a page that declares none, when the article's header shows it; an author
only when it reads as a name. Precision first: a wrong date or author
is worse than none. Everything here reads the parsed tree before pruning.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date as _date
from functools import cache, partial
from html import unescape
from typing import Any
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .dates import DATE, parse_date, stated_dates
from .metadata import (
    DATED_LINE_WORDS,
    LINE_CHARS,
    LONE_BYLINE_WORDS,
    NAME_BULLETS,
    Metadata,
    bare_dateline,
    byline_names,
    changed,
    name_alone,
    person_name,
    personal_name,
    plausible_author,
    span,
    squashed,
)
from .phrases import fold, load

__all__ = ["choose_title", "clean_author", "plausible_author", "read_html_metadata"]

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
_LANG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")
_SPACES = re.compile(r"\s+")
# Characters a reader does not see: soft hyphens ("Assis\xadtance"), zero-width spaces, joiners
# and byte-order marks. The text drops them (normalize); so do titles and names.
_INVISIBLE = str.maketrans(dict.fromkeys([0xAD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]))
_MAX_JSONLD_CHARS = 500_000


def _squash(text: str | None) -> str:
    """
    >>> _squash("  Home Repair Assis\xadtance\u200b  Program ")
    'Home Repair Assistance Program'
    """
    return _SPACES.sub(" ", (text or "").translate(_INVISIBLE)).strip()


def _meta_index(tree: LexborHTMLParser) -> dict[str, str]:
    """First ``content`` of every ``<meta>`` by lower-cased name/property/itemprop."""
    found: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        content = attrs.get("content")
        if not content or not content.strip():
            continue
        for key in ("property", "name", "itemprop", "http-equiv"):
            name = attrs.get(key)
            if name:
                found.setdefault(name.strip().lower(), content.strip())
    return found


def _first(meta: dict[str, str], *names: str) -> str | None:
    for name in names:
        value = meta.get(name)
        if value:
            return value
    return None


# ----------------------------------------------------------------------------------- JSON-LD

_ARTICLE_TYPES = frozenset(
    [
        "article",
        "newsarticle",
        "blogposting",
        "reportage",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "liveblogposting",
        "scholarlyarticle",
        "techarticle",
        "webpage",
        "itempage",
        "socialmediaposting",
        "discussionforumposting",
        "report",
    ]
)


def _json_objects(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every JSON object in a JSON-LD document (``@graph`` and lists flattened)."""
    if depth > 6:
        return
    if isinstance(value, list):
        for item in value:
            yield from _json_objects(item, depth + 1)
    elif isinstance(value, dict):
        yield value
        graph = value.get("@graph")
        if graph is not None:
            yield from _json_objects(graph, depth + 1)


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return {t.lower()}
    if isinstance(t, list):
        return {x.lower() for x in t if isinstance(x, str)}
    return set()


def _name_of(value: Any, *, people: bool = False) -> list[str]:
    """Names in a schema.org person/organization field (a string, an object, or a list);
    with ``people``, objects typed as something other than a person (an Organization) are left
    out: a site names itself as the author of pages nobody signed."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        if people and _types(value) - {"person"}:
            return []
        name = value.get("name")
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        return [n for item in value[:10] for n in _name_of(item, people=people)]
    return []


def _jsonld(tree: LexborHTMLParser) -> dict[str, str]:
    """headline, datePublished, dateModified, author, publisher from the page's JSON-LD, the
    article-like object first."""
    objects: list[dict[str, Any]] = []
    for node in tree.css('script[type="application/ld+json"]'):
        raw = node.text(deep=True)
        if not raw or len(raw) > _MAX_JSONLD_CHARS:
            continue
        try:
            data = json.loads(raw.strip().rstrip(";"))
        except (ValueError, RecursionError):
            continue
        objects.extend(_json_objects(data))
    objects.sort(key=lambda o: not (_types(o) & _ARTICLE_TYPES))
    out: dict[str, str] = {}
    for obj in objects:
        for key in ("headline", "datePublished", "dateCreated", "dateModified"):
            value = obj.get(key)
            if isinstance(value, str) and value.strip() and key not in out:
                out[key] = value.strip()
                if key in ("datePublished", "dateCreated"):
                    out[f"{key}:of"] = " ".join(sorted(_types(obj)))  # who the date is of
        if "author" not in out:
            names = [n.strip() for n in _name_of(obj.get("author"), people=True) if n.strip()]
            if names:
                out["author"] = "\x00".join(dict.fromkeys(names))
        if "publisher" not in out:
            pub = _name_of(obj.get("publisher"))
            if pub and pub[0].strip():
                out["publisher"] = pub[0].strip()
        if "website" not in out and "website" in _types(obj):
            name = obj.get("name")
            if isinstance(name, str) and name.strip():
                out["website"] = name.strip()
    return out


# ------------------------------------------------------------------------------------- fields


def iso_date(value: str | None) -> str | None:
    """A date from a machine-readable attribute or a page's text, as ISO 8601.

    >>> iso_date("2024-05-12T10:00:00+02:00"), iso_date("12 mai 2024"), iso_date("soon")
    ('2024-05-12', '2024-05-12', None)
    >>> iso_date("2025-02-31"), iso_date("1066-10-14")
    (None, None)
    """
    if not value:
        return None
    m = _ISO_DATE.match(value)
    if m:
        y, mo, d = (int(x) for x in m.groups())
        if not 1900 <= y <= 2100:
            return None
        try:
            return _date(y, mo, d).isoformat()
        except ValueError:  # "2025-02-31"
            return None
    return parse_date(value[:200])


# An author link's text with more words than this holds more than a name.
_MAX_LINK_AUTHOR_WORDS = 3
_MAX_AUTHOR_NODES = 50  # author links read, at most: past them the page is a thread anyway


_AUTHOR_STOP = re.compile(r"[|\d•·@(]|\s[-–—]\s|https?:|\b(?:on|le|am|el|il)\s*$")


def clean_author(raw: str | None) -> str | None:
    """An author name without the byline word before it or the date line after it.

    >>> clean_author("Par Jeanne Dupont Publié le 12 mai 2024")
    'Jeanne Dupont'
    >>> clean_author("By Sarah Whitfield, Senior Reporter")
    'Sarah Whitfield'
    >>> clean_author("Jeanne Dupont et Marc Lévy")
    'Jeanne Dupont et Marc Lévy'
    >>> clean_author("Jeanne Dupont, envoyée spéciale à Rabat")
    'Jeanne Dupont'
    >>> clean_author("Marco Bambini Dec 5, 2025")
    'Marco Bambini'
    >>> clean_author("https://www.facebook.com/someone") is None
    True
    """
    text = _squash(raw)
    if not text or text.startswith(("http://", "https://", "/")) or len(text) > 300:
        return None
    key = fold(text)
    hit = load("byline").prefix(key)
    if hit:
        # The folded key and the text have the same words: drop as many words as the hit had.
        text = " ".join(text.split(" ")[len(key[: hit.end].split()) :]).lstrip(" :,-–—")
    dateline = load("dateline")
    words = text.split(" ")
    kept: list[str] = []
    for i, word in enumerate(words):
        rest = fold(" ".join(words[i:]))
        if kept and (dateline.prefix(rest) or DATE.match(rest)):
            break  # "Publié le 12 mai", "Dec 5, 2025": the date after the name
        if _AUTHOR_STOP.search(word) and kept:
            break
        if word.endswith((",", ";")):
            kept.append(word.rstrip(",;"))
            break
        kept.append(word)
    name = " ".join(kept).strip(" ,;:|-–—.")
    if not name or len(name.split()) > 12 or not any(c.isalpha() for c in name):
        return None
    if "@" in name or name.lower().startswith("http"):
        return None
    return name


def _lang(value: str | None) -> str | None:
    if not value:
        return None
    m = _LANG.match(value.strip())
    if not m:
        return None
    code = m.group(1).lower()
    return code if code not in ("und", "zxx", "mul", "xx") else None


def _strip_site(title: str, site: str | None) -> str:
    """``"Headline | Site"`` → ``"Headline"`` when the site name is known."""
    if not site:
        return title
    for sep in (" | ", " - ", " – ", " — ", " :: ", " · ", " » "):
        head, found, tail = title.rpartition(sep)
        if found and head and fold(tail) == fold(site):
            return head.strip()
        tail2, found, head2 = title.partition(sep)
        if found and head2 and fold(tail2) == fold(site):
            return head2.strip()
    return title


def _text(node: LexborNode | None) -> str:
    return _squash(node.text(deep=True, separator=" ")) if node is not None else ""


# ------------------------------------------------------------------------------------- title

_MAX_H1 = 5
# A title is words a reader sees: a heading of more words is a paragraph set in <h1>.
_MAX_TITLE_WORDS = 30
# Share of a heading's words a declared title (og:title, headline, <title>) must hold for the
# heading to be taken as the page's title. Measured on WCXB dev (1,497 pages of 7 kinds): 0.5
# takes the right title on 86% of pages; 0.3 on 85%, the first <h1> whatever it says on 79%.
# Remeasured with the site read from the domain and the <title>'s affix (87.0%): 0.3, 86.2%; 0.4,
# 86.4%; 0.6, 85.9%; 0.8, 85.0%; the F1 of heading and declared title instead, 86.4% at best.
_H1_AGREES = 0.5
_TITLE_SEP = re.compile(r"\s(?:[|\-–—·»•]|::)\s")
# " / " parts a title in three or more ("Thread / Board / Forum"); in two it is often the
# headline's own ("Input / Output in Python").
_SLASH_SEP, _SLASH_PARTS = " / ", 3
_WORDS = re.compile(r"\w+")
# A heading's permalink mark (Sphinx's "¶", a link symbol; "#" after a space: "Learn C#" keeps
# its own), not its words.
_HEADING_MARKS = "¶🔗"
# A heading written twice or more (once per screen size) repeats a phrase of this many words or
# more; "Bora Bora" and "Tora! Tora! Tora!" are names.
_REPEAT_WORDS = 3
# Second-level labels under which a country's domains are registered (bbc.co.uk, abc.net.au).
_SECOND_LEVEL = frozenset(["co", "com", "net", "org", "gov", "ac", "edu", "ne", "or", "gob"])
_AFFIX_EDGE = frozenset(":|-–—·»•/")


def _word_set(text: str) -> set[str]:
    return set(_WORDS.findall(text.casefold()))


def title_parts(title: str) -> list[str]:
    """A declared title's segments: "Headline | Site" → ["Headline", "Site"]; " / " splits
    only a title of three segments or more (see ``_SLASH_PARTS``).

    >>> title_parts("Input / Output in Python"), title_parts("A thread / Board / Forum")
    (['Input / Output in Python'], ['A thread', 'Board', 'Forum'])
    """
    parts = _TITLE_SEP.split(title)
    if len(parts) == 1 and len(slashed := title.split(_SLASH_SEP)) >= _SLASH_PARTS:
        return slashed
    return parts


def _is_site_name(text: str, sites: Sequence[set[str]]) -> bool:
    words = _word_set(text)
    return bool(words) and any(words <= site for site in sites)


def _domain_words(url: str | None) -> set[str]:
    """The name of a page's domain: ``{"redfin"}`` for https://www.redfin.com/...

    >>> _domain_words("https://www.bbc.co.uk/news"), _domain_words("http://10.0.0.1/")
    ({'bbc'}, set())
    """
    try:
        host = urlsplit(url.strip()).hostname if url else None
    except ValueError:
        host = None
    labels = host.split(".") if host else []
    if not labels or labels[-1].isdigit():
        return set()  # no host, or an IP address
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return _word_set(labels[-3])
    return _word_set(labels[-2]) if len(labels) >= 2 else set()


def _affix_site(title_element: str, declared: Sequence[str]) -> set[str]:
    """The words the ``<title>`` adds around a declared title it holds whole, cut off from it by
    a separator: the site's name ("The Objective Dad - How I Built ...", "Engora Data Blog:
    Small adventures ..." around the og:title "How I Built ...", "Small adventures ...").

    >>> sorted(_affix_site("Engora Blog: Small adventures with models", ["Small adventures with models"]))
    ['blog', 'engora']
    >>> _affix_site("Bigdata blog post", ["data blog post"])
    set()
    """
    folded = fold(title_element)
    for title in declared:
        key = fold(title)
        if len(key.split()) < 2 or key == folded:
            continue
        at = folded.find(key)
        if at < 0:
            continue
        before, after = folded[:at].rstrip(), folded[at + len(key) :].lstrip()
        # Whole words, cut off from the title by a separator ("Site: Headline", "Headline | Site").
        if (before and before[-1] not in _AFFIX_EDGE) or (after and after[0] not in _AFFIX_EDGE):
            continue
        rest = _word_set(f"{before} {after}")
        if rest and len(rest) < len(_word_set(key)):  # a site's name is the shorter part
            return rest
    return set()


def _bare_heading(heading: str, declared: str) -> str:
    """A heading without what is not its title: a permalink mark ("Middleware ¶"), a date
    written before it ("Dec 18 2025 Preparing a transition"; one after it is often the title's
    own, "Wrap-Up 12/19/2025") that the ``declared``
    titles do not hold, the same words shown twice or more (a heading written once per screen
    size)."""
    heading = heading.rstrip().rstrip(_HEADING_MARKS).rstrip()
    if heading.endswith(" #"):
        heading = heading[:-2].rstrip()
    folded = fold(heading)
    if len(folded) == len(heading):
        m = DATE.match(folded)
        day = parse_date(m.group()) if m and m.group() not in declared else None
        if day and len(day) == len("2025-12-18"):  # a full day, not a season ("2025-26")
            rest = heading[m.end() :].strip(" -–—|·:,") if m else ""
            if len(rest.split()) >= 2:
                heading = rest
                folded = fold(heading)
    words = heading.split()
    if folded not in declared:
        for times in (2, 3, 4):
            n, odd = divmod(len(words), times)
            if not odd and n >= _REPEAT_WORDS and words == words[:n] * times:
                return " ".join(words[:n])
    return heading


def choose_title(
    headings: Sequence[str],
    declared: Sequence[str],
    site: str | None,
    title_element: str | None = None,
    url: str | None = None,
) -> str:
    """The page's title, from its ``<h1>`` headings and the titles it declares (og:title,
    JSON-LD headline, twitter:title, in that order, then the ``<title>`` element).

    The heading readers see wins when the declared titles hold most of its words: it is the
    article's own wording, where a declared title is often rewritten for search engines or
    carries the site's name. A heading that is only the site's name (a logo set in <h1>) is no
    title. Otherwise the first declared title, without the segments that name the site
    ("Headline | Site", "Site - Headline"); a title is split only where a segment names the site.
    The site is named by the page (og:site_name, unless it is a title itself), by its domain
    (``url``: the page's own, its og:url or its canonical link), by what the ``<title>`` adds around a declared
    title it holds, and failing these by the ``<title>``'s last segment.

    >>> choose_title(["Le budget 2025 adopté"], ["Budget 2025 : le texte adopté"], "Le Monde")
    'Le budget 2025 adopté'
    >>> choose_title(["Le Monde"], [], None, "Budget : le texte adopté | Le Monde")
    'Budget : le texte adopté'
    >>> choose_title([], ["Outils – le comparatif"], None)
    'Outils – le comparatif'
    >>> choose_title([], ["Build a DNS server"], None, "The Dad Blog - Build a DNS server")
    'Build a DNS server'
    >>> choose_title([], ["Todoist | A to-do list"], None, None, "https://todoist.com/")
    'A to-do list'
    """
    element = title_element or ""
    named = _word_set(site or "")
    if site and (_TITLE_SEP.search(site) or fold(site) == fold(element)):
        named = set()  # a title given as the site's name ("Page | Product | Company")
    sites = [w for w in (named, _domain_words(url)) if w]
    if title_element:
        if affix := _affix_site(title_element, declared):
            sites.append(affix)
        declared = [*declared, title_element]
        # <title>, "Headline | Site", names the site last, unless a known site name is there.
        parts = title_parts(title_element)
        if len(parts) > 1 and not any(_is_site_name(p, sites) for p in parts):
            sites.append(_word_set(parts[-1]))
    best, agreement = "", -1.0
    said = fold(" ".join(declared))
    for heading in (_bare_heading(h, said) for h in headings):
        words = _word_set(heading)
        if not words or len(heading.split()) > _MAX_TITLE_WORDS or _is_site_name(heading, sites):
            continue
        share = max((len(words & _word_set(d)) / len(words) for d in declared), default=1.0)
        if share > agreement:
            best, agreement = heading, share
    if best and agreement >= _H1_AGREES:
        return best
    for title in declared:
        parts = [p.strip() for p in title_parts(title) if p.strip()]
        kept = [p for p in parts if not _is_site_name(p, sites)]
        if kept:
            return kept[0] if len(kept) < len(parts) else title
    return best or (declared[0] if declared else "")


# -------------------------------------------------------------------------------------- date

_PUBLISHED = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publish-date",
    "publishdate",
    "pubdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    # Fewer sites' names for it.
    "og:article:published_time",
    "og:publish_date",
    "og:publication_time",
    "published",
    "published-date",
    "publish_date",
    "publisheddate",
    "published_at",
    "date-pub",
    "datecreated",
    "cxenseparse:publishtime",
    "shareaholic:article_published_time",
)
# How far before a year and after it a written date can reach ("Wednesday, 29 January 2025").
_DATE_BEFORE, _DATE_AFTER = 40, 12
_MAX_YEAR_HITS = 200


def _shown(date: str, text: str) -> bool:
    """Whether ``text`` writes ``date`` (an ISO day) in any form the date parser reads, day or
    month first. Only the text around each occurrence of the year is parsed; an ISO timestamp
    ("2025-01-29T10:00") is a machine's, not a date shown to readers."""
    year = date[:4]
    start = 0
    for _ in range(_MAX_YEAR_HITS):
        i = text.find(year, start)
        if i < 0:
            return False
        start = i + 4
        window = text[max(0, i - _DATE_BEFORE) : i + _DATE_AFTER]
        if date in stated_dates(window, machine=False):
            return True
    return False


def _stated_date(date: str, tree: LexborHTMLParser) -> str | None:
    """The publication ``date`` the page declares in its markup, when its visible text also
    states it. A declared date the page does not show is often not the one readers are given (a
    template's, the site's, a product's), and a wrong date is worse than none. Measured on WCXB
    dev: the declared date is right on 78% of the pages that declare one, and on 96.5% of those
    that also show it; htmldate's guess, on pages that declare none, on 39%."""
    body = tree.body
    return date if body is not None and _shown(date, body.text(separator=" ")) else None


# JSON-LD types of a page or a thing, not of a piece of writing: the datePublished of a
# WebPage object (an SEO plugin's, on every page of a site) is the page's in the CMS, not the
# article's.
_PAGE_TYPES = frozenset(
    [
        "webpage",
        "itempage",
        "collectionpage",
        "faqpage",
        "aboutpage",
        "contactpage",
        "profilepage",
        "searchresultspage",
        "website",
        "organization",
        "product",
        "course",
    ]
)


def _unshown_date(
    date: str,
    meta: dict[str, str],
    ld: dict[str, str],
    tree: LexborHTMLParser,
    near: tuple[list[str], int] | None,
) -> str | None:
    """The declared publication ``date`` of a page that shows none, when the markup declares it as
    an article's: the page's ``og:type`` is an article and the date is an article-typed JSON-LD
    object's or a meta tag's (``article:published_time``), not a WebPage's. A page that shows
    another date near its title (from NEAR_H1_BEFORE lines before it to NEAR_H1_WIDE after; on
    a page without an <h1>, anywhere) shows readers that date instead (an update's, a
    product's), and gets none. Measured on WCXB dev: the dates declared and not shown are right
    on 64% of the pages; these on 91% (64 right, 6 not), and the HTML mode's date P/R went from
    0.904/0.600 to 0.905/0.682."""
    if (_first(meta, "og:type") or "").casefold() != "article":
        return None
    key = next((k for k in ("datePublished", "dateCreated") if iso_date(ld.get(k)) == date), "")
    dated = ld.get(f"{key}:of")
    if dated is not None and not set(dated.split()) - _PAGE_TYPES:
        return None  # a WebPage's (an SEO plugin writes article:published_time for it too)
    if near is not None:
        lines, at = near
        shown = lines[max(0, at - NEAR_H1_BEFORE) : at + NEAR_H1_WIDE]
    else:
        body = tree.body
        shown = body.text(separator="\n").split("\n") if body is not None else []
    if any(stated_dates(line[:LINE_CHARS], machine=False) for line in shown):
        return None
    return date


# Days by which a date shown by the title must precede the declared one to be the article's: a
# day apart is a time zone's doing (a post of 23:00 UTC shown the day before), not a re-dating.
_EARLIER_DAYS = 2


def _earlier_shown(declared: str, shown: str | None) -> str | None:
    """The date shown by the title, for a declared date the page's text was not found to show:
    the declared one itself, in a form that search missed (right on both WCXB dev pages), or
    an earlier one: the article was published then and moved or re-dated in its CMS since (8
    right, none wrong). A later shown date is often an update's and is not taken (10 right, 14
    wrong)."""
    if shown is None or len(shown) != len(declared):
        return None
    try:
        gap = _date.fromisoformat(declared) - _date.fromisoformat(shown)
    except ValueError:
        return None
    return shown if gap.days >= _EARLIER_DAYS or gap.days == 0 else None


def _declared(meta: dict[str, str], ld: dict[str, str]) -> str | None:
    """The publication day the page's markup declares (JSON-LD, then meta tags), if any."""
    for candidate in (ld.get("datePublished"), ld.get("dateCreated"), _first(meta, *_PUBLISHED)):
        date = iso_date(candidate)
        if date and len(date) == 10:
            return date
    return None


# The article's header: the <h1> and what stands around it, up to the widest of its ancestors
# (HEADER_LEVELS at most) that holds no more than HEADER_CHARS of text: the byline, the dateline,
# the standfirst; not the page's sidebar or the article's body.
HEADER_LEVELS = 4
HEADER_CHARS = 600
_SHOWN_DATES = "time[datetime], [itemprop=datePublished]"
_MAX_HEADER_LINES = 40


def _text_lines(node: LexborNode) -> list[str]:
    """A node's text, one line per text node (an inline element starts a line), whitespace
    collapsed (``squashed``), empty lines left out."""
    return [x for x in map(squashed, node.text(separator="\n").split("\n")) if x]


# The page's <h1> that heads its article, and its text's lines (see ``_title_h1``).
Heading = tuple[LexborNode, list[str]]


def _title_h1(tree: LexborHTMLParser) -> Heading | None:
    """The article's <h1> (the first of ``_MAX_H1`` that has words: an empty one holds a logo,
    an icon) and its text's lines, as the page's text lines write them (an <h1> of several
    elements, "10 <b>Free Tools</b> for You", is several lines there). Measured on WCXB dev,
    with the first <h1> and its whole text before: the HTML mode's date 7 more right, 2 more
    wrong (both on pages the reviewers give no date)."""
    for h1 in tree.css("h1")[:_MAX_H1]:
        if lines := _text_lines(h1):
            return h1, lines
    return None


def _header(heading: Heading | None) -> LexborNode | None:
    if heading is None:
        return None
    node = heading[0]
    for _ in range(HEADER_LEVELS):
        parent = node.parent
        if parent is None or parent.tag in ("body", "html"):
            break
        if len(parent.text(deep=True)) > HEADER_CHARS:
            break
        node = parent
    return node


def _header_date(header: LexborNode | None) -> str | None:
    """The date the article's header shows (see ``HEADER_CHARS``), for a page that declares
    none: a ``<time datetime>`` or ``itemprop="datePublished"`` element, else the first line
    that writes a full date. A date of change ("Updated ...") or a span of two dates is not
    the publication's; a numeric date that reads both ways is not guessed. Measured on the 905
    WCXB dev pages that declare no date: a date on 108, right on 94 (87%); the HTML mode's date
    precision and recall went from 0.921 / 0.432 to 0.910 / 0.543."""
    if header is None:
        return None
    for node in header.css(_SHOWN_DATES):
        label = _text(node) + " " + _text(node.parent)[:80]
        if changed(label):
            continue
        raw = node.attributes.get("datetime") or node.attributes.get("content")
        day = iso_date(raw) if raw and _ISO_DATE.match(raw) else None
        if day and len(day) == 10:
            return day
    lines = header.text(deep=True, separator="\n").split("\n")
    for line in lines[:_MAX_HEADER_LINES]:
        line = squashed(line)
        if not line or changed(line) or span(line):
            continue
        day = parse_date(line, day_first=None)
        if day and len(day) == 10:
            return day
    return None


# A page's <time datetime> elements read, at most; a thread shows this many at least (a post
# and two replies, or a question, its answer and a comment).
_MAX_TIMES = 200
_THREAD_TIMES = 3


def _opening_post_date(tree: LexborHTMLParser) -> str | None:
    """The day of a thread's opening post, for a page that declares no date and shows none by
    its title: the page's ``<time datetime>`` elements in the order they stand, when there are
    ``_THREAD_TIMES`` or more, the first is the earliest, and they give two days or more. A
    thread (a question and its answers, a post and its replies) runs oldest first; a list of
    posts runs newest first and gets none. Measured on WCXB dev: 16 dates, 15 right (forum
    threads and Q&A pages), one on a product page (its first review's) that the reviewers give
    no date. What it can get wrong: an undated article whose comments run oldest first (the
    first comment's day), a list of coming events (the next one's)."""
    days = []
    for node in tree.css("time[datetime]")[:_MAX_TIMES]:
        raw = node.attributes.get("datetime") or ""
        day = iso_date(raw) if _ISO_DATE.match(raw) else None
        if day and len(day) == len("2025-03-04"):
            days.append(day)
    if len(days) < _THREAD_TIMES or len(set(days)) < 2 or days[0] != min(days):
        return None
    return days[0]


# Below the <h1>, in the page's text: the dateline the header's markup does not hold (a theme
# that puts it in a sibling of the title's block). The first line with a full date from
# NEAR_H1_BEFORE lines before the title to NEAR_H1_AFTER after, read as the text mode reads a
# header's line (``bare_dateline``), and not a change's date: "Last updated:" often stands on
# the line before. A page with NEAR_H1_SERIES different dates or more on its first NEAR_H1_WIDE
# lines is a list's (a blog's index). Measured on WCXB dev, HTML-mode date P/R 0.908/0.552 ->
# 0.904/0.601 (without the previous line's label 0.895; 12 lines after, 0.896/0.604).
NEAR_H1_BEFORE, NEAR_H1_AFTER, NEAR_H1_WIDE, NEAR_H1_SERIES = 2, 8, 30, 3
# A date with more words than this after it sits in a sentence ("Sale ends 03/31/2026. While
# supplies last"), not a dateline.
_DATE_TAIL_WORDS = 4
# A line of this many words after the title is the article's body (0.904/0.600 with the stop).
_PARAGRAPH_WORDS = 40


# The heading's first lines that must stand together in the page's text to place it.
_H1_LINES = 3


def _near_h1(tree: LexborHTMLParser, heading: Heading | None) -> tuple[list[str], int] | None:
    """The page's text lines (``_text_lines``) and the index of its <h1>'s first line."""
    body = tree.body
    if heading is None or body is None:
        return None
    key = heading[1][:_H1_LINES]
    lines = _text_lines(body)
    n = len(key)
    at = next(
        (i for i, line in enumerate(lines) if line == key[0] and lines[i : i + n] == key), None
    )
    return None if at is None else (lines, at)


def _header_lines(lines: list[str], at: int) -> range:
    """The lines near the title, up to the article's first paragraph (see ``NEAR_H1_AFTER``)."""
    start = max(0, at - NEAR_H1_BEFORE)
    for j in range(at + 1, min(len(lines), at + NEAR_H1_AFTER + 1)):
        if lines[j].count(" ") >= _PARAGRAPH_WORDS:
            return range(start, j)  # the article's body: the header stands before it
    return range(start, min(len(lines), at + NEAR_H1_AFTER + 1))


def _near_h1_date(near: tuple[list[str], int] | None) -> str | None:
    """The date a line near the <h1> shows, in the page's text (see ``NEAR_H1_AFTER``)."""
    if near is None:
        return None
    lines, at = near
    days = {
        day
        for line in lines[max(0, at - NEAR_H1_BEFORE) : at + NEAR_H1_WIDE]
        if line.count(" ") < DATED_LINE_WORDS
        and (day := parse_date(line, day_first=None))
        and len(day) == len("2025-03-04")
    }
    if len(days) >= NEAR_H1_SERIES:
        return None
    for j in _header_lines(lines, at):
        line = lines[j]
        if (
            j == at
            or line.count(" ") >= DATED_LINE_WORDS
            or changed(f"{lines[j - 1][-40:] if j else ''} {line}")
            or span(line)
            or not bare_dateline(line)
        ):
            continue
        folded = fold(line, bullet=True)
        m = DATE.search(folded)
        if m is None or len(folded[m.end() :].split()) > _DATE_TAIL_WORDS:
            continue
        day = parse_date(line, day_first=None)
        if day and len(day) == len("2025-03-04"):
            return day
    return None


def _near_h1_author(
    near: tuple[list[str], int] | None, person: Callable[[str], bool]
) -> str | None:
    """The names of the first byline near the <h1>, in the page's text (see ``NEAR_H1_AFTER``),
    its byline word on the line before the names or on theirs."""
    if near is None:
        return None
    lines, at = near
    for j in _header_lines(lines, at):
        line = lines[j]
        if line.count(" ") < LONE_BYLINE_WORDS and j + 1 < len(lines):
            line = f"{line} {lines[j + 1]}"  # "By" / "Jane Miller"
        if (names := byline_names(line)) and person(names):
            return names
    # Else a person's name alone beside the header's first dated line ("Andrew King" / "September
    # 4, 2025"), as text mode reads it (see ``metadata.used_as_words``). WCXB dev, HTML-mode
    # author P/R 0.913/0.608 -> 0.909/0.624 (12 names right, 3 not).
    header = _header_lines(lines, at)
    for j in header:
        if (
            j == at
            or lines[j].count(" ") >= DATED_LINE_WORDS
            or not parse_date(lines[j], day_first=None)
        ):
            continue
        for k in (j - 1, j + 1):
            name = lines[k].lstrip(NAME_BULLETS) if k in header and k != at else ""
            if name_alone(name, lines) and person(name):
                return name
        break
    return None


def _site_words(site: str, title_element: str, url: str | None) -> list[set[str]]:
    """The words of the names the page gives itself: its declared site name, the last segment of
    its <title> ("Headline | Site"), its domain's name (``redfin`` of www.redfin.com)."""
    out = [w for w in (_word_set(site),) if w]
    parts = title_parts(title_element)
    if len(parts) > 1 and (last := _word_set(parts[-1])):
        out.append(last)
    if name := _domain_words(url):
        out.append(name)
    return out


def _not_the_site(name: str, sites: Sequence[set[str]]) -> bool:
    """Whether an author's name is not the site's own (its name, its <title>'s last segment,
    its domain: "Redfin", "Supabase"). A team or a desk the markup names as the author ("News
    Desk", "The Investopedia Team") is one: an organisation named as the author is the author.
    Measured on WCXB dev: taking them back turned 0.930 / 0.522 into 0.920 / 0.545; 19 of the 25
    they added are right.

    >>> site = [{"le", "monde"}]
    >>> _not_the_site("Jeanne Dupont", site), _not_the_site("Le Monde", site)
    (True, False)
    >>> _not_the_site("Enrollment Team", []), _not_the_site("Red Fin", [{"redfin"}])
    (True, False)
    """
    if not _word_set(name) or _is_site_name(name, sites):
        return False
    squashed = "".join(_WORDS.findall(name.casefold()))  # "Red Fin" is redfin.com's
    return not any(squashed in site for site in sites)


def _linked_author(tree: LexborHTMLParser, person: Callable[[str], bool]) -> str | None:
    """The author an author link or ``itemprop="author"`` names, when every such element of
    the page names the same one: on a forum or under comments each post has its own, and the
    first is seldom the page's author (WCXB dev: 27 of 28 right with one name, 22 of 59 with
    several)."""
    found: set[str] = set()
    for node in tree.css('[rel="author"], [itemprop="author"]')[:_MAX_AUTHOR_NODES]:
        named = node.css_first('[itemprop="name"]')
        name = clean_author(_text(named if named is not None else node))
        # An author link's text may carry the poster's badges ("Member Joined Aug").
        if name and len(name.split()) <= _MAX_LINK_AUTHOR_WORDS:
            found.add(name)
        if len(found) > 1:
            return None
    name = next(iter(found), None)
    return name if name and person(name) else None


_BYLINE_NODES = '[rel="author"], [itemprop="author"], [class*="author"], [class*="byline"]'
_MAX_HEADER_AUTHOR_WORDS = 4
# Words that join a name's parts ("Anne de la Tour", "Ludwig van Beethoven", "Ahmed bin Ali").
_NAME_PARTICLES = frozenset(
    [
        "de",
        "da",
        "das",
        "del",
        "della",
        "der",
        "di",
        "do",
        "dos",
        "du",
        "la",
        "le",
        "van",
        "von",
        "den",
        "ter",
        "y",
        "e",
        "bin",
        "ibn",
        "al",
        "el",
    ]
)


def _name_case(name: str) -> bool:
    """Whether every word of ``name`` starts as a name does: not in lower case, unless it is a
    particle ("de", "van"). "Follow the author" and "Insights from" are not names; a script
    without case (Arabic) passes."""
    return all(not w[0].islower() or w in _NAME_PARTICLES for w in name.split())


def _header_author(header: LexborNode, person: Callable[[str], bool]) -> str | None:
    """The author the article's header names (see ``HEADER_CHARS``): a byline ("By Jane
    Miller", "Par Jeanne Dupont"), else an author link or an element of class ``author`` or
    ``byline``; a name of at most four words, in a name's case, not a date of change. Measured on
    the WCXB dev pages where the markup named no one: 54 named right, 7 not (before the case
    test, which takes out four of the seven)."""
    lines = header.text(deep=True, separator="\n").split("\n")
    for line in lines[:_MAX_HEADER_LINES]:
        if names := byline_names(squashed(line)):
            return names if person(names) else None
    for node in header.css(_BYLINE_NODES)[:_MAX_AUTHOR_NODES]:
        name = clean_author(_text(node))
        if (
            name
            and len(name.split()) <= _MAX_HEADER_AUTHOR_WORDS
            and _name_case(name)
            and not changed(name)
            and person_name(name)
            and person(name)
        ):
            return name
    return None


def read_html_metadata(
    tree: LexborHTMLParser, *, url: str | None = None, html: str | None = None
) -> Metadata:
    """Metadata from the (unpruned) tree. ``html``, the page's source, is not read any more
    (the date must be one the page shows, see ``_stated_date``); it is accepted for callers."""
    meta = _meta_index(tree)
    ld = _jsonld(tree)

    site = _squash(
        _first(meta, "og:site_name", "application-name", "al:android:app_name")
        or ld.get("publisher")
        or ld.get("website")
    )
    title_element = _text(tree.css_first("title"))
    own_url = url or _first(meta, "og:url")
    for node in tree.css('link[rel="canonical"]')[:1]:
        own_url = own_url or node.attributes.get("href")
    title = choose_title(
        [_text(node) for node in tree.css("h1")[:_MAX_H1]],
        [
            _squash(unescape(t))
            for t in (_first(meta, "og:title"), ld.get("headline"), _first(meta, "twitter:title"))
            if t
        ],
        site,
        _squash(unescape(title_element)) or None,
        own_url,
    )
    # The article's heading, its header and the page's text near it: each read once, and only
    # if the markup leaves the date or the author out.
    heading = cache(partial(_title_h1, tree))
    header = cache(lambda: _header(heading()))
    near_h1 = cache(lambda: _near_h1(tree, heading()))

    def shown_by_title() -> str | None:
        return _header_date(header()) or _near_h1_date(near_h1())

    declared = _declared(meta, ld)
    if declared is not None:
        date = (
            _stated_date(declared, tree)
            or _unshown_date(declared, meta, ld, tree, near_h1())
            or _earlier_shown(declared, shown_by_title())
        )
    else:
        date = shown_by_title() or _opening_post_date(tree)

    sites = _site_words(site, title_element, own_url)

    def person(name: str | None) -> bool:
        return (
            bool(name)
            and plausible_author(name or "")
            and (personal_name(name or "") or _not_the_site(name or "", sites))
        )

    # JSON-LD's author (a person, or a bare name: ``_name_of`` leaves an Organization out) is
    # authorship stated as such, the author even where it is the site's name (a company's blog
    # whose posts its account signs: on WCXB dev, 12 of the 16 such pages have it as their
    # author). A <meta name="author"> that names the site is mostly not (13 of 30).
    names = (clean_author(n) for n in ld.get("author", "").split("\x00"))
    author = ", ".join(dict.fromkeys(n for n in names if n and plausible_author(n))) or None
    if not author:
        author = clean_author(
            _first(
                meta, "author", "article:author", "parsely-author", "sailthru.author", "dc.creator"
            )
        )
        author = author if person(author) else None
    if not author:
        author = _linked_author(tree, person)
    if not author and (head := header()) is not None:
        author = _header_author(head, person)
    if not author:
        author = _near_h1_author(near_h1(), person)

    canonical = None
    for node in tree.css('link[rel="canonical"]'):
        href = (node.attributes.get("href") or "").strip()
        if href:
            canonical = href
            break
    canonical = canonical or _first(meta, "og:url")
    if canonical:
        try:
            canonical = urljoin(url, canonical) if url else canonical
            if not urlsplit(canonical).scheme:
                canonical = None
        except ValueError:  # a malformed address ("http://[bad/x"): the page's, or the caller's
            canonical = None

    html_node = tree.css_first("html")
    lang = _lang(html_node.attributes.get("lang") if html_node is not None else None)
    lang = lang or _lang(_first(meta, "content-language", "og:locale", "language"))

    return Metadata(
        title=title or None,
        date=date,
        author=author,
        source=site or None,
        url=canonical or url,
        lang=lang,
    )
