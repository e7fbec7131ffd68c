"""Dates as pages write them, found and turned into ISO 8601 as precise as the page says.

Every pattern is built from bounded pieces (fixed digit counts, literal month names), so none
can backtrack for long whatever the input.
"""

from __future__ import annotations

import re

from .phrases import _trie, fold, word_list

# Month names and abbreviations by number, folded (``data/words/months``).
_MONTH_NAMES: dict[int, tuple[str, ...]] = {n: word_list("months", str(n)) for n in range(1, 13)}
MONTHS: dict[str, int] = {name: n for n, names in _MONTH_NAMES.items() for name in names}
# The names as a trie of literals (see ``phrases._trie``): the engine follows one branch per
# character instead of trying some 130 names at every position of a searched line, and, as an
# alternation sorted longest first would, takes the longest name that fits.
MONTH_ALT = _trie(sorted(MONTHS))

# Matched on folded text (lower case, no accents), see ``cleaner.phrases.fold``.
_ISO = r"(?P<iy>\d{4})-(?P<im>\d{1,2})(?:-(?P<id>\d{1,2}))?"
_NUMERIC = r"(?P<na>\d{1,2})\s?[-/.]\s?(?P<nb>\d{1,2})\s?[-/.]\s?(?P<ny>\d{4}|\d{2})"
_DAY_MONTH = rf"(?P<dd>\d{{1,2}})(?:er|st|nd|rd|th|\.)?\s(?:de\s)?(?P<dm>{MONTH_ALT})\.?,?\s(?:de\s)?(?P<dy>\d{{4}})"
_MONTH_DAY = rf"(?P<mm>{MONTH_ALT})\.?\s(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?\s(?P<my>\d{{4}})"
_MONTH_YEAR = rf"(?P<ym>{MONTH_ALT})\.?\s(?:de\s)?(?P<yy>\d{{4}})"
# "Nov 18", "18 nov.": a day without a year, only ever used to say a whole block is a date.
SHORT_DATE = re.compile(rf"^(?:(?:{MONTH_ALT})\.?\s\d{{1,2}}|\d{{1,2}}\s(?:{MONTH_ALT})\.?)$")
DATE = re.compile(
    rf"(?<![\w-])(?:{_ISO}|{_NUMERIC}|{_DAY_MONTH}|{_MONTH_DAY}|{_MONTH_YEAR})(?![\w-])"
)


def _valid(year: int, month: int, day: int | None) -> bool:
    return 1900 <= year <= 2100 and 1 <= month <= 12 and (day is None or 1 <= day <= 31)


def _iso(year: int, month: int, day: int | None) -> str | None:
    if not _valid(year, month, day):
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def parse_date(text: str, *, day_first: bool | None = True) -> str | None:
    """The first date in ``text`` as ISO 8601, as precise as written. ``day_first`` says how a
    numeric date reads ("03/04/2025"); ``None``, that nothing says it: such a date is skipped
    unless it reads one way only ("25/04/2025", "04/25/2025", "04/04/2025").

    >>> parse_date("date 2020-09")
    '2020-09'
    >>> parse_date("Publié dans Challenge le 29 - 09 - 2020")
    '2020-09-29'
    >>> parse_date("Publié le 14 janvier 2025 à 10h")
    '2025-01-14'
    >>> parse_date("September 4, 2025"), parse_date("4. März 2025")
    ('2025-09-04', '2025-03-04')
    >>> parse_date("12/05/2024"), parse_date("12/05/2024", day_first=False)
    ('2024-05-12', '2024-12-05')
    >>> parse_date("12/05/2024", day_first=None), parse_date("12/25/2024", day_first=None)
    (None, '2024-12-25')
    >>> parse_date("en février 2006")
    '2006-02'
    >>> parse_date("no date here") is None
    True
    """
    for m in DATE.finditer(fold(text, bullet=True)):
        g = m.groupdict()
        if g["iy"]:
            found = _iso(int(g["iy"]), int(g["im"]), int(g["id"]) if g["id"] else None)
        elif g["na"]:
            a, b, y = int(g["na"]), int(g["nb"]), int(g["ny"])
            y = y + 2000 if y < 100 else y
            if day_first is None and a <= 12 and b <= 12 and a != b:
                continue  # reads both ways, and nothing says which
            found = (
                _iso(y, b, a) if a > 12 or (day_first is not False and b <= 12) else _iso(y, a, b)
            )
        elif g["dd"]:
            found = _iso(int(g["dy"]), MONTHS[g["dm"]], int(g["dd"]))
        elif g["mm"]:
            found = _iso(int(g["my"]), MONTHS[g["mm"]], int(g["md"]))
        else:
            found = _iso(int(g["yy"]), MONTHS[g["ym"]], None)
        if found:
            return found
    return None


_NUMERIC_DATE = re.compile(rf"(?<![\w-]){_NUMERIC}(?![\w-])")


def numeric_order(texts: list[str]) -> bool | None:
    """Whether the numeric dates of ``texts`` are written day first (True) or month first
    (False), as the ones that read one way only prove ("25/04/2025": day first); ``None`` when
    none proves it, or they disagree.

    >>> numeric_order(["03/04/2025", "25/04/2025"]), numeric_order(["04/25/2025"])
    (True, False)
    >>> numeric_order(["03/04/2025"]) is None
    True
    """
    proofs = set()
    for text in texts:
        for m in _NUMERIC_DATE.finditer(text):
            a, b = int(m.group("na")), int(m.group("nb"))
            if a > 12 >= b:
                proofs.add(True)
            elif b > 12 >= a:
                proofs.add(False)
    return proofs.pop() if len(proofs) == 1 else None


def stated_dates(text: str, *, machine: bool = True) -> set[str]:
    """Every full day (``YYYY-MM-DD``) ``text`` writes; a numeric date that reads both ways
    gives both days. ``machine=False`` leaves out ISO timestamps ("2025-01-29T10:00"), which
    markup and scripts carry and readers are not shown.

    >>> sorted(stated_dates("Publié le 03/04/2025, mis à jour le 5 avril 2025"))
    ['2025-03-04', '2025-04-03', '2025-04-05']
    >>> stated_dates('"datePublished": "2025-01-29T10:00:00Z"', machine=False)
    set()
    """
    out: set[str] = set()
    folded = fold(text, bullet=True)
    for m in DATE.finditer(folded):
        g = m.groupdict()
        found: tuple[str | None, ...] = ()
        if g["iy"]:
            if g["id"] and (machine or folded[m.end() : m.end() + 1] != "t"):
                found = (_iso(int(g["iy"]), int(g["im"]), int(g["id"])),)
        elif g["na"]:
            a, b, y = int(g["na"]), int(g["nb"]), int(g["ny"])
            y = y + 2000 if y < 100 else y
            found = (_iso(y, b, a), _iso(y, a, b))
        elif g["dd"]:
            found = (_iso(int(g["dy"]), MONTHS[g["dm"]], int(g["dd"])),)
        elif g["mm"]:
            found = (_iso(int(g["my"]), MONTHS[g["mm"]], int(g["md"])),)
        out.update(d for d in found if d)
    return out
