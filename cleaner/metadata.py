"""Metadata read from the page's own lines before the rules drop them: title, date, author,
source (the publication's name)."""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date as _date
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .dates import DATE, MONTH_ALT, numeric_order, parse_date
from .phrases import alternation, fold, load, word_list
from .titles import Layout, read_layout, title_from_text

if TYPE_CHECKING:
    from .rules import Verdicts
    from .rules.page import Verdict
    from .segment import Block


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None = None
    date: str | None = None
    author: str | None = None
    source: str | None = None
    url: str | None = None
    lang: str | None = None

    def merged_under(self, other: Metadata) -> Metadata:
        """``other``'s fields where it has them, ours elsewhere."""
        return Metadata(
            **{
                f.name: getattr(other, f.name) or getattr(self, f.name)
                for f in dataclasses.fields(self)
            }
        )


# A line is read with its whitespace collapsed and up to this many characters: the patterns that
# read it then stay linear, and a date or a byline stands at its start.
LINE_CHARS = 300


def squashed(text: str) -> str:
    """``text`` with its whitespace collapsed, cut to ``LINE_CHARS`` characters."""
    return " ".join(text.split())[:LINE_CHARS]


# A permalink's day: "/2025/09/04/slug", "/2025-09-04-slug" (WordPress and most blog engines),
# the article's slug after it (not a day's archive, "/2025/09/04/", nor a file "2025-09-04.pdf").
_URL_DAY = re.compile(r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?=[/_-]\w)")


def url_date(url: str | None) -> str | None:
    """The day a page's address gives in its path, for a page that states none otherwise.
    Measured on WCXB dev (the pages' og:url and canonical links; the benchmark gives no URL):
    31 pages have one, all the reviewed date; 29 of them were dated already.

    >>> url_date("https://example.com/2025/09/04/budget-adopted/"), url_date("https://x.org/2025/09/04/")
    ('2025-09-04', None)
    """
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:  # "http://[bad/..."
        return None
    m = _URL_DAY.search(path)
    if m is None:
        return None
    try:
        return _date(*map(int, m.groups())).isoformat()
    except ValueError:  # "/2025/02/30/"
        return None


# "Publié dans Challenge le 29 - 09 - 2020", "Published in The Times on ...", "Publicado en X el".
_SOURCE = re.compile(
    r"^(?:publi[ée]e? dans|paru dans|published in|publicado en|veröffentlicht in|erschienen in|"
    r"نشر في) (?P<name>[^,| ][^,|]{0,58}?[^,| ]) (?:le|on|el|am|في|,|\|) ",
    re.IGNORECASE,
)
# What follows a byline word: the names, up to a separator, a role or a date.
AUTHOR_LINE = re.compile(
    r"^\W*(?:(?:par|by|written by|reporting by|story by|posted by|von|por|escrito por|بقلم|كتب|كتبت)"
    r"(?:\s*:\s*|\s+)|(?:author|auteur|autor|autore|autora)\s*:\s*)"
    r"(?P<names>[^|,–—:\s][^|,–—:\n]{1,79}?)\s*(?:$|[|,–—]|\s-\s|\s(?:le|on|am|el)\s+\d"
    rf"|\s(?:(?:on|am|el|le)\s+)?(?:{MONTH_ALT})\.?\s+\d"
    rf"|\s(?:on\s+)?(?:{alternation(word_list('weekdays'))})\b|\s[•·»]"
    r"|\s(?:publié|publiée|published|updated|last updated|mis à jour)\b)",
    re.IGNORECASE,
)


# A date line that says the text changed ("Updated on ...", "mis à jour le ..."): its date is not
# the publication's (``data/words/modified``).
_MODIFIED = re.compile(rf"(?<!\w)(?:{alternation(word_list('modified'))})(?!\w)")
# The publication's dateline and byline stand in the article's header: before its first paragraph
# of prose, or among the first lines after it. Dates and names further down are of other things
# (related posts, events, comments, menus "By Industry"). Measured on the WCXB dev dumps, with the
# line of a change skipped: 0 lines after the first paragraph, 79% of the dates returned right; 3,
# 87%; 6, 80%; anywhere, 73%. Authors: 3, 88%; 6, 86%; anywhere, 77%. With today's date rules
# (WCXB dev, date precision / recall): 3, 0.908 / 0.417; 4, 0.903 / 0.441; 5, 0.898 / 0.453; 6,
# 0.896 / 0.460. Four lines is the furthest that keeps precision at 0.90 (author recall 0.256 ->
# 0.271 beside it).
HEADER_REACH = 4
_DATED = frozenset(["dateline", "byline"])
# A list's dates: a dated line is one of a list's items (posts, teasers, events) when it and the
# dated lines before and after it, each at most SERIES_GAP lines from the next, give SERIES_DATES
# different days or more; unless the list runs forward in time and is not bulleted (a thread's
# posts), where the first item is the page's own. Measured on the WCXB dev dumps (text mode): such a date was wrong
# on all 5 listing pages it was returned on; the one right date in a list opened a thread.
SERIES_GAP = 10
SERIES_DATES = 3
# Two dates joined by a dash or "to" are a span (an event's, a stay's), not a publication date.
_SPAN = re.compile(r"\s*(?:(?:[-–—~]|to|au|bis|al|hasta|until|jusqu'au|إلى)\s*)?", re.IGNORECASE)
_LIST_ITEM = re.compile(r"[*+o•·\-] ")
# A short line with a full date that no date rule took (the zone rule took it first, or none
# did: "Tom Talbot October 14, 2025", "June 3, 2024 39") dates the page too when it stands in the
# header, from HEADER_BEFORE lines before the first paragraph to HEADER_REACH after, and is not
# one of a list's dated items; every line of at most DATED_LINE_WORDS words with a full date
# counts towards a list. Measured on the WCXB dev dumps (text mode), date P/R 0.902/0.329 before;
# 0.893/0.427 with such lines as candidates only, 0.908/0.417 with them counted in lists too
# (HEADER_BEFORE 10: 0.899/0.423; none after the first paragraph: 0.907/0.387).
HEADER_BEFORE = 5
DATED_LINE_WORDS = 12
_MAY_BE_DATELINE = frozenset([None, "outside_article"])
_DIGIT = re.compile(r"\d")
_LATER_POST = re.compile(r"#\s?(?:[2-9]|\d\d)")
_MEMBER = re.compile(rf"\b(?:{alternation(word_list('member_stats', 'label'))})\b")


# What a CMS or a template puts where a name should be: markup, a placeholder, a login.
_NOT_A_NAME = re.compile(r"[{};=<>@:]|\w\.\w+\.\w|^\W*\w\s|\d")
_PLACEHOLDERS = frozenset(
    ["undefined", "null", "none", "admin", "administrator", "webmaster", "unknown", "author"]
)


def plausible_author(name: str) -> bool:
    """Whether ``name`` can be an author's name: not a placeholder, markup, a login handle
    ("andrew.keaveney", "brandon-peaktwo", "levinemusic") or a letter before a name (an avatar's
    initial read with it).

    >>> [plausible_author(n) for n in ("Jeanne Dupont", "BeauHD", "admin", "j.doe", "S spikeymike")]
    [True, True, False, False, False]
    """
    if name.casefold() in _PLACEHOLDERS or _NOT_A_NAME.search(name):
        return False
    one_word = " " not in name
    return not (one_word and (name.islower() or any(c in name for c in "._-")))


# A name made of these words is a desk, a team, a company or a menu's filter ("By Team Size"),
# not a person (``data/words/not_a_person``).
_NOT_A_PERSON = frozenset(word_list("not_a_person"))
_NAME_WORD = re.compile(r"\w+")


def organisation(name: str) -> bool:
    """Whether ``name`` holds a word of a team's, a company's or a desk's name.

    >>> organisation("Enrollment Team"), organisation("Clemson News"), organisation("Jeanne Dupont")
    (True, True, False)
    """
    return any(fold(w) in _NOT_A_PERSON for w in _NAME_WORD.findall(name.casefold()))


def person_name(names: str) -> bool:
    """Whether a byline's names read as a person's: two words or more, not all in capitals (a
    menu's heading), a name (see ``plausible_author``) and not a team's or a company's."""
    return (
        len(names.split()) >= 2
        and not names[0].islower()
        and not names.isupper()
        and plausible_author(names)
        and not organisation(names)
    )


def byline_names(text: str) -> str | None:
    """The names a byline gives ("By Jane Miller on March 4", ``AUTHOR_LINE``), when they read
    as a person's (``person_name``)."""
    m = AUTHOR_LINE.match(text)
    names = m.group("names").strip() if m else ""
    return names if names and person_name(names) else None


def span(text: str) -> bool:
    """Whether ``text`` gives two dates joined by a dash or a word of span ("du 12 au 17 mai
    2025" is one date to the parser; "2025-12-12 - 2025-12-17" is two).

    >>> span("DATE: 2025-12-12 - 2025-12-17"), span("Publié le 12 mai 2025")
    (True, False)
    """
    folded = fold(text, bullet=True)
    found = list(itertools.islice(DATE.finditer(folded), 2))
    return len(found) == 2 and bool(_SPAN.fullmatch(folded, found[0].end(), found[1].start()))


def changed(text: str) -> bool:
    """Whether a date line says the text changed ("Updated on ...", ``data/words/modified``)."""
    return bool(_MODIFIED.search(fold(text)))


def _page_dates(
    blocks: list[Block], removed: dict[int, Verdict], day_first: bool | None
) -> dict[int, str]:
    """The page's dated lines and their dates, in order: every dateline and byline that gives
    one, and every other line of at most ``DATED_LINE_WORDS`` words that gives a full date."""
    out: dict[int, str] = {}
    for i, block in enumerate(blocks):
        head = block.text[:600]
        if not _DIGIT.search(head):
            continue
        verdict = removed.get(i)
        text = squashed(head)
        rule_dated = verdict is not None and verdict.rule in _DATED
        if not rule_dated and text.count(" ") >= DATED_LINE_WORDS:
            continue
        day = parse_date(text, day_first=day_first)
        if day and (rule_dated or len(day) == len("2025-03-04")):
            out[i] = day
    return out


def _listed_dates(blocks: list[Block], dated: dict[int, str]) -> set[int]:
    """The dated lines that belong to a list of dated items, see ``SERIES_GAP``. One pass over
    the page's dated lines, in order."""
    bullets = {i for i in dated if _LIST_ITEM.match(blocks[i].text)}
    out: set[int] = set()
    run: list[tuple[int, str]] = []
    for item in [*dated.items(), (-1, "")]:
        if run and (item[0] < 0 or item[0] - run[-1][0] > SERIES_GAP):
            days = [day for _, day in run]
            if len(set(days)) >= SERIES_DATES:
                # A thread runs forward in time: its first post is the page's own (a calendar
                # runs forward too, but its dates are a list's bulleted items).
                thread = run[0][0] not in bullets and all(
                    a <= b for a, b in itertools.pairwise(days)
                )
                out.update(i for i, _ in run[1 if thread else 0 :])
            run = []
        run.append(item)
    return out


def bare_dateline(text: str) -> bool:
    """Whether a short line that no date rule took may still be the header's dateline: not a
    list's item, no label before its date ("Release date: ...", "Expires ...:") but a dateline's
    own ("Published: ...", ``data/dateline``), not a forum member's counter ("Joined Feb 14,
    2024") or a later post ("#2 · Jun 4, 2024"), not a date with a two-digit year ("14.11.10",
    a section number as often as a date).

    >>> bare_dateline("Published: January 3, 2024"), bare_dateline("Release date: January 3, 2024")
    (True, False)
    """
    if _LIST_ITEM.match(text):
        return False
    folded = fold(text, bullet=True)
    m = DATE.search(folded)
    if m is None or _two_digit_year(m):
        return False
    before = folded[: m.start()]
    if ":" in before and _other_label(before):
        return False
    return not _LATER_POST.search(before) and not _MEMBER.search(folded)


def _other_label(folded: str) -> bool:
    """Whether a folded label ("release date:", "published:") is another date's than the
    page's: not a dateline's own phrase (``data/dateline``) with nothing but a colon after it."""
    label = load("dateline").prefix(folded)
    return label is None or bool(folded[label.end :].strip(" :"))


def _two_digit_year(m: re.Match[str]) -> bool:
    return bool(m.group("ny")) and len(m.group("ny")) == 2


def _other_date(text: str) -> bool:
    """Whether a dated line (``squashed``) gives another date than the publication's: a
    change's ("Updated on"), a span's, or one with a two-digit year."""
    return changed(text) or span(text) or short_year(text)


def short_year(text: str) -> bool:
    """Whether the first date of a line has a two-digit year ("2.28.27", "14.11.10"): which
    century, and which of its numbers is the year, the page does not say. Measured on the WCXB
    dev dumps (text mode), dates of such lines skipped: date P/R 0.902/0.482 -> 0.906/0.481.

    >>> short_year("2.28.27"), short_year("02/28/2027")
    (True, False)
    """
    m = DATE.search(fold(text, bullet=True))
    return m is not None and _two_digit_year(m)


def read_metadata(
    blocks: list[Block],
    verdicts: Verdicts,
    *,
    day_first: bool | None = True,
    layout: Layout | None = None,
) -> Metadata:
    """Title, date, author and source from the page's lines: datelines and bylines first (the
    rules removed them, but their words were the page's own), then the top of the page.

    The date is the first one written on a dateline or byline of the article's header (see
    ``HEADER_REACH``) that does not say the text changed; the author the first name of two words
    or more a byline of the header gives (not a menu item "By Industry", a login or a badge).
    Precision first: a page whose only date is an update or a list's gets none. ``day_first``
    says how numeric dates read; ``None`` (a language that writes both, English), that the
    page's other dates must prove it ("25/04/2025"), else a date that reads both ways is not
    returned.
    """
    date = author = source = None
    dated_at: int | None = None
    if day_first is None:
        day_first = numeric_order(
            [blocks[i].text[:300] for i, v in verdicts.removed.items() if v.rule in _DATED]
        )
    layout = layout or read_layout(blocks, verdicts)
    start = layout.prose
    dated = _page_dates(blocks, verdicts.removed, day_first)
    in_series = _listed_dates(blocks, dated)
    for i, day in dated.items():
        if start is None or i >= start + HEADER_REACH:
            break
        verdict = verdicts.removed.get(i)
        rule = verdict.rule if verdict is not None else None
        text = squashed(blocks[i].text)
        if i in in_series or _other_date(text):
            continue
        if rule in _DATED:
            date, dated_at = day, i
            break
        if rule in _MAY_BE_DATELINE and i >= start - HEADER_BEFORE and bare_dateline(text):
            date = day
            break
    removed = sorted(verdicts.removed.items())
    for i, (rule, _) in removed:
        text = squashed(blocks[i].text)
        header = start is not None and i < start + HEADER_REACH
        if rule in _DATED and source is None and (m := _SOURCE.match(text)):
            source = m.group("name").strip()
        if (
            rule == "byline"
            and author is None
            and header
            and not _LIST_ITEM.match(text)
            and (names := byline_names(text))
        ):
            author = names
    if date is None and start is not None:
        date = _later_dateline(blocks, verdicts, dated, in_series, start)
    if author is None and start is not None:
        author = _bare_byline(blocks, verdicts, start)
    if author is None and dated_at is not None:
        author = _named_beside(blocks, verdicts, dated_at)
    title = title_from_text(blocks, verdicts, layout) or verdicts.title
    return Metadata(title=title, date=date, author=author, source=source)


# A dateline or byline the rules recognised (rule ``dateline`` or ``byline``) dates the page
# from further down when the header holds none: the article's header often stands after its
# standfirst, a share bar or a picture, past the first paragraph. Up to DATELINE_REACH lines
# after the first paragraph, and not a labelled value ("Release Date:" on the line before it:
# a product's) or a change ("Updated on" before it). Measured on the WCXB dev dumps (text mode),
# date P/R 0.903/0.441 before; 6 lines: 0.900/0.460; 10: 0.899/0.468; 20: 0.902/0.482; 40:
# 0.886/0.487; 20 without the label test: 0.881/0.485 (9 release dates of a shop's products).
DATELINE_REACH = 20


def labelled(previous: str) -> bool:
    """Whether the line before a date labels it as something else than the page's date: a
    label of its own ("Release Date:", "Expires:"; not a dateline's "Published:") or a change
    ("Updated on").

    >>> labelled("Release Date:"), labelled("Published:"), labelled("Updated on"), labelled("By")
    (True, False, True, False)
    """
    text = squashed(previous)
    if text.count(" ") < DATED_LINE_WORDS and changed(text):  # a label, not a paragraph
        return True
    return text.endswith(":") and _other_label(fold(text))


def _later_dateline(
    blocks: list[Block],
    verdicts: Verdicts,
    dated: dict[int, str],
    in_series: set[int],
    start: int,
) -> str | None:
    """The date of the first dateline or byline from ``HEADER_REACH`` to ``DATELINE_REACH``
    lines after the first paragraph (see ``DATELINE_REACH``)."""
    for i, day in dated.items():
        if i >= start + DATELINE_REACH:
            break
        verdict = verdicts.removed.get(i)
        if i < start + HEADER_REACH or verdict is None or verdict.rule not in _DATED:
            continue
        text = squashed(blocks[i].text)
        if i in in_series or _other_date(text):
            continue
        if i and labelled(blocks[i - 1].text):
            continue
        return day
    return None


# A byline that no byline rule took (the zone rule took it first, it shares its line with the
# date, or no rule did: "By Sofia Gonzalez December 2, 2025") names the author too when it
# stands from BYLINE_BEFORE lines before the first paragraph to HEADER_REACH after. Measured on
# the WCXB dev dumps (text mode), author P/R 0.935/0.194 -> 0.934/0.229 (5 lines: 0.933/0.227;
# 15: 0.934/0.231; kept and outside_article lines only: 0.931/0.221).
BYLINE_BEFORE = 10
# A byline word alone on its line ("By" / "Jane Miller") is read with the next line, the byline
# rule's lines included: 0.934/0.229 -> 0.931/0.256.
LONE_BYLINE_WORDS = 2
_MAY_BE_BYLINE = frozenset(
    [None, "byline", "outside_article", "dateline", "low_content", "nav_ticker"]
)


def _bare_byline(blocks: list[Block], verdicts: Verdicts, start: int) -> str | None:
    """The names of the first byline of the header that the byline rule did not take (see
    ``BYLINE_BEFORE``)."""
    for i in range(max(0, start - BYLINE_BEFORE), min(len(blocks), start + HEADER_REACH)):
        verdict = verdicts.removed.get(i)
        if (verdict.rule if verdict is not None else None) not in _MAY_BE_BYLINE:
            continue
        text = squashed(blocks[i].text[:600])
        if text.count(" ") < LONE_BYLINE_WORDS and i + 1 < len(blocks):
            text = f"{text} {squashed(blocks[i + 1].text[:300])}"  # "By" / "Jane Miller"
        if not _LIST_ITEM.match(text) and (names := byline_names(text)):
            return names
    return None


# Rules that take a line for what it is (a menu item, a button, a credit): such a line is no
# byline. The others judge where it stands.
_NAME_MAY_BE = frozenset(["low_content", "outside_article", "duplicate_block", "byline"])


def _named_beside(blocks: list[Block], verdicts: Verdicts, at: int) -> str | None:
    """The author a header names without a byline word: a person's full name alone on the line
    right before or after the header's dateline ("Andrew King" / "September 4, 2025")."""
    for j in (at - 1, at + 1):
        if not 0 <= j < len(blocks):
            continue
        verdict = verdicts.removed.get(j)
        if verdict is not None and verdict.rule not in _NAME_MAY_BE:
            continue
        name = " ".join(blocks[j].text.split())[:80].lstrip(NAME_BULLETS)
        if name_alone(name, (b.text for b in blocks)):
            return name
    return None


# What a name alone on its line may be preceded by: a list's bullet.
NAME_BULLETS = "*+•·- "


def name_alone(name: str, texts: Iterable[str]) -> bool:
    """Whether ``name``, alone on its line beside a dateline, is the author's: a person's full
    name (``personal_name``) that none of the page's lines (``texts``) uses as words."""
    return personal_name(name) and plausible_author(name) and not used_as_words(name, texts)


def used_as_words(name: str, texts: Iterable[str]) -> bool:
    """Whether one of ``name``'s words is written in lower case elsewhere on the page (its lines,
    ``texts``): a label or a heading ("Healthy Eating Tips", "Vibe Coding") is made of the page's
    own words, where a person's name keeps its capital."""
    words = {w.casefold() for w in _NAME_WORD.findall(name)}
    return any(w in words for text in texts for w in _NAME_WORD.findall(text) if w.islower())


_NAME_STOPLISTS = ("en", "fr", "es", "de", "it", "pt")
# A name's word: letters, with the dots, hyphens and apostrophes of "J.", "Jean-Luc", "O'Neil".
_NAME_SHAPE = re.compile(r"[^\W\d_]+(?:[.'’-][^\W\d_]*)*")


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    from .text import stoplist

    return frozenset().union(*(stoplist(lang) for lang in _NAME_STOPLISTS))


def personal_name(name: str) -> bool:
    """Whether ``name`` reads as a person's full name: two to four words, each capitalised (not
    in capitals: "TOI"), none a common word of the main languages ("Le Monde", "Back of Mind"),
    no team's or company's word.

    >>> [personal_name(n) for n in ("Dan Davies", "Le Monde", "Soliant", "News Desk", "TOI Desk")]
    [True, False, False, False, False]
    """
    words = name.split()
    if not 2 <= len(words) <= 4 or organisation(name):
        return False
    common = _common_words()
    return all(
        w[0].isupper()
        and not (w.isupper() and len(w.strip(".")) > 1)
        and _NAME_SHAPE.fullmatch(w) is not None
        and fold(w).strip(".") not in common
        for w in words
    )
