"""Cut the normalized text into blocks: one per line, or one per item of a ticker line."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import islice
from typing import NamedTuple

from .normalize import collapse_whitespace
from .phrases import alternation, word_list

# A ticker packs many headlines on one line, separated by wide gaps (three or more spaces, after
# no-break spaces became spaces) or by a pipe or bullet between spaces.
_TICKER_SEP = re.compile(r"[ \t]{3,}|[ \t]+[|•·][ \t]+")
_MIN_TICKER_ITEMS = 3
MAX_TICKER_ITEMS = 1000

# A date label glued to the first paragraph ("date 2020-09 Le secrétaire ..."): the label is cut
# off as a block of its own, so the date can be read and dropped and the paragraph kept whole.
# (the labels: ``data/words/date_labels``).
_DATE_LABEL = re.compile(
    rf"^(?:{alternation(word_list('date_labels', folded=False))})\s?:?\s"
    r"(?:\d{4}-\d{2}(?:-\d{2})?|\d{1,2}[/.-]\d{1,2}[/.-]\d{4})\s(?=[^\W\d_])",
    re.IGNORECASE,
)


class Block(NamedTuple):
    """A unit the rules judge: a line, or one item of a line split as a ticker (a named tuple:
    immutable, and cheap to make for every line of a page).

    ``para`` numbers the paragraphs (runs of non-blank lines) of the input; ``items`` is how
    many pieces the line was split into (1 for an ordinary line).
    """

    text: str
    line: int
    para: int
    item: int = 0
    items: int = 1


def split_ticker(line: str) -> list[str]:
    """The items of a ticker line, or ``[line]`` when it is not one.

    >>> split_ticker("Sport    Météo    Bourse    Culture")
    ['Sport', 'Météo', 'Bourse', 'Culture']
    >>> split_ticker("Accueil | Monde | Afrique")
    ['Accueil', 'Monde', 'Afrique']
    >>> split_ticker("A plain sentence | with one pipe.")
    ['A plain sentence | with one pipe.']
    """
    separators = sum(1 for _ in islice(_TICKER_SEP.finditer(line), MAX_TICKER_ITEMS + 1))
    if not separators or separators > MAX_TICKER_ITEMS:
        # No separator, or not a headline bar but a flood: judged as one line (cut to
        # max_line_chars), so the work stays proportional to the characters.
        return [line]
    items = [p for p in (collapse_whitespace(x) for x in _TICKER_SEP.split(line)) if p]
    return items if len(items) >= _MIN_TICKER_ITEMS else [line]


def split_date_label(line: str) -> list[str]:
    """A leading date label and the paragraph it is glued to, as two pieces.

    >>> split_date_label("date 2020-09 Le secrétaire américain à la défense se rend cette semaine au Maghreb.")
    ['date 2020-09', 'Le secrétaire américain à la défense se rend cette semaine au Maghreb.']
    >>> split_date_label("date 2020-09 est le mois.")
    ['date 2020-09 est le mois.']
    """
    m = _DATE_LABEL.match(line)
    if m is None or len(line[m.end() :].split()) < 8:
        return [line]
    return [line[: m.end()].rstrip(), line[m.end() :]]


def segment(text: str | Sequence[str], *, max_line_chars: int) -> tuple[list[Block], bool]:
    """Blocks in input order, and whether a line had to be cut to ``max_line_chars``.

    ``text`` is the text, or pieces of it cut after line breaks (``normalize.prepare``'s), so a
    big document is never joined whole. Line numbers are 1-based lines of the text; blank lines
    make no block but end a paragraph.
    """
    blocks: list[Block] = []
    para = 0
    in_para = False
    cut = False
    lines = text.split("\n") if isinstance(text, str) else _lines(text)
    ticker = [_may_be_ticker(line) for line in lines]
    columns = [_columns(line) if t else _NO_COLUMNS for line, t in zip(lines, ticker, strict=True)]
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            if in_para:
                para += 1
                in_para = False
            continue
        in_para = True
        if ticker[number - 1]:
            cells = _tab_cells(raw)
            pieces = cells if len(cells) >= _MIN_TICKER_ITEMS else split_ticker(raw)
            if len(pieces) == 1:
                pieces = split_date_label(collapse_whitespace(raw))
            elif cells is pieces or _in_table(columns, number - 1):
                # A row of a table (cells between tabs, or laid out in columns that line up
                # with the next or the previous line), not a ticker: one block, its cells
                # separated by tabs, as HTML mode writes a table row.
                pieces = [TABLE_SEP.join(pieces)]
        elif "  " in raw or "\t" in raw:
            pieces = split_date_label(collapse_whitespace(raw))
        else:  # single spaces only: collapse_whitespace would only strip
            pieces = split_date_label(raw.strip())
        if len(pieces) == 1 and len(pieces[0]) <= max_line_chars:
            blocks.append(Block(pieces[0], number, para))
            continue
        bounded: list[str] = []
        for piece in pieces:
            if len(piece) > max_line_chars:
                cut = True
                bounded.extend(_cut(piece, max_line_chars))
            else:
                bounded.append(piece)
        n = len(bounded)
        blocks.extend(Block(p, number, para, i, n) for i, p in enumerate(bounded))
    return blocks, cut


# A text renderer writes a table as rows of cells in columns: a cell starts at the same offset
# in consecutive rows. Such a row is kept whole (its cells joined by TABLE_SEP), where a line of
# headlines is cut into items. On WCXB dev dumps, 62% of the words of the lines that line up
# with a neighbour this way are in the gold, against 45% of those that do not.
def _lines(pieces: Sequence[str]) -> list[str]:
    """The lines of ``"".join(pieces)``, for pieces that end with a line break but the last.

    >>> _lines(["a\\nb\\n", "c\\n", "d"]) == "a\\nb\\nc\\nd".split("\\n")
    True
    """
    lines: list[str] = []
    for piece in pieces[:-1]:
        lines.extend(piece.split("\n")[:-1])
    lines.extend(pieces[-1].split("\n") if pieces else [""])
    return lines


TABLE_SEP = "\t"
_NO_COLUMNS: frozenset[int] = frozenset()
# After a non-space only, so a long run of spaces is scanned once, not from each of its spaces.
_CELL_START = re.compile(r"(?<=\S)(?:[ ]{3,}+|\t++)(?=\S)")
MIN_SHARED_COLUMNS = 2
# Offsets kept per line (bounded memory on a flood of gaps; a table has fewer columns).
_MAX_COLUMNS = 64
# A row is compared with the nearest line with cells on each side, at most this many lines
# away: a schedule's rows can each be followed by a note or two (WCXB text +0.0003 over
# comparing with the next and previous lines only; 3 and 10 lines do the same).
_ROW_REACH = 5


def _columns(line: str) -> frozenset[int]:
    """Offsets at which a cell starts after a wide gap (three spaces or more, or a tab).

    >>> sorted(_columns("Pos.  Name         Points   Wins"))
    [19, 28]
    """
    return frozenset(m.end() for m in islice(_CELL_START.finditer(line), _MAX_COLUMNS))


def _in_table(columns: list[frozenset[int]], k: int) -> bool:
    """Whether line ``k`` has at least ``MIN_SHARED_COLUMNS`` cell offsets in common with the
    nearest line with cells before or after it (``_ROW_REACH`` lines away at most).

    >>> rows = ["1    Kyle Busch      5040    5", "2    Martin Truex    5035    7"]
    >>> _in_table([_columns(r) for r in rows], 0)
    True
    >>> _in_table([_columns("Sport   Météo   Bourse"), _columns("Une phrase   de   rien")], 0)
    False
    >>> _in_table([_columns(rows[0]), frozenset(), _columns(rows[1])], 2)
    True
    """
    here = columns[k]
    for step in (-1, 1):
        for j in range(k + step, k + step * (_ROW_REACH + 1), step):
            if not 0 <= j < len(columns):
                break
            if columns[j]:  # the nearest line with cells on this side
                if len(here & columns[j]) >= MIN_SHARED_COLUMNS:
                    return True
                break
    return False


def _tab_cells(line: str) -> list[str]:
    r"""The cells of a line written with tabs between them (as this pipeline writes a table
    row), spaces collapsed; ``[]`` when it has no tab.

    >>> _tab_cells("Name\tAge \t Town")
    ['Name', 'Age', 'Town']
    """
    if "\t" not in line:
        return []
    return [c for c in (collapse_whitespace(x) for x in line.split("\t")) if c]


def _may_be_ticker(line: str) -> bool:
    """False when ``line`` has no ticker separator (most lines): no wide gap, tab or bullet."""
    return "   " in line or "\t" in line or " |" in line or " •" in line or " ·" in line


def _cut(text: str, size: int) -> list[str]:
    """Cut an over-long line at spaces into pieces of at most ``size`` characters."""
    out: list[str] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            space = text.rfind(" ", start + size // 2, end)
            if space > start:
                end = space
        out.append(text[start:end].strip())
        start = end
    return [p for p in out if p]
