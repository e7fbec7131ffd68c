"""An article's own lists: a recipe's ingredients and steps, a product's specifications, a
numbered list. The zone heuristics judge lines by their length and their neighbours, and a run of
short lines between two of the article's paragraphs can look like a menu to them. Such a run is
kept again, with a note, when the article's prose introduces it and goes on after it (or the
list announces itself, "Preparation:", and a button follows it), and every one of its lines
reads as a list's item or heading: a quantity or a number first, a bullet, a sentence, a short
heading. A line a phrase rule recognised (a print button, a share bar, a "read more" link) is
never kept again, and it ends the run: it is the page's, not the list's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .phrases import fold
from .rules.page import Note
from .text import ends_sentence

if TYPE_CHECKING:
    from .rules import Verdicts
    from .segment import Block
    from .titles import Layout

__all__ = ["keep_content_lists"]

# The rules that judge a line by where it stands, not by what it says: their lines may be a list.
MAY_BE_LIST = frozenset(["outside_article", "low_content"])
# The rules whose line may close an article's list: a button ("Imprimer la recette").
BUTTON_RULES = frozenset(["ui_string"])
# A list of more lines than this is not an article's (a page's index, a menu); at least
# LIST_MIN_ITEMS of its lines are items, not headings.
LIST_MAX_LINES = 40
LIST_MIN_ITEMS = 2
# The paragraph that introduces a list: a sentence of this many words at least.
INTRO_WORDS = 10
# A list holds more items than headings: ITEMS_PER_HEADING for each (a form's labels, "Website:",
# "Fax:", are headings with nothing under them).
ITEMS_PER_HEADING = 2
# A heading within a list ("Ingredients", "For the sauce:"): this many words at most.
LIST_HEADING_WORDS = 4
# An item starts with a quantity ("3 eggs", "1/2 cup", "½ tsp"), a bullet, or is a sentence
# ("Preheat the oven to 180 °C."). A numbered item ("2. Mix the flour") says something: a
# sentence or NUMBERED_ITEM_WORDS words (a numbered list of names is a list of links).
_ITEM_START = re.compile(r"[*•·▪‣◦●■\-–—]\s|\d|[½¼¾⅓⅔⅛]")
_BULLET = re.compile(r"[*•·▪‣◦●■\-–—]\s")
_HAS_DIGIT = re.compile(r"\d")
BULLET_ITEM_WORDS = 3  # a bullet and this many words or fewer, without a number: a tag or a link
_NUMBERED = re.compile(r"\d{1,3}[.)]\s")
# A heading's number ("2.1 ", "3) ", "4 "), left out when a table of contents is compared with
# the headings it lists.
_NUMBERING = re.compile(r"\d{1,3}(?:\.\d{1,3}){0,3}[.)]?\s")
NUMBERED_ITEM_WORDS = 4
# A nested item of a menu ("+ Answers Forum", "o Careers"): never a list of the article's.
_NESTED = re.compile(r"(?:o|\+)\s")


def _item(text: str) -> bool:
    if ends_sentence(text):
        return True
    if (m := _NUMBERED.match(text)) and not text[m.end() :].lstrip()[:1].isdigit():
        return len(text[m.end() :].split()) >= NUMBERED_ITEM_WORDS
    if _BULLET.match(text):  # "* Mac," is a tag or a link; "* Use high-contrast colours" says
        return len(text.split()) > BULLET_ITEM_WORDS or _HAS_DIGIT.search(text) is not None
    return bool(_ITEM_START.match(text))


def _heading(text: str) -> bool:
    return len(text.split()) <= LIST_HEADING_WORDS or _announces(text)


def keep_content_lists(blocks: Sequence[Block], verdicts: Verdicts, layout: Layout) -> list[int]:
    """Keep again the lists of the article that the zone rules removed (see the module's
    docstring); return their blocks' indices. ``verdicts`` is updated in place, with a note per
    list. Only the lines from the article's first paragraph on are looked at, and each once.

    >>> from cleaner.segment import Block
    >>> from cleaner.rules import Verdict, Verdicts
    >>> from cleaner.titles import read_layout
    >>> lines = ["Mix the flour, the sugar and the eggs in a bowl until the batter is smooth.",
    ...          "Ingredients", "3 eggs", "200 g flour",
    ...          "Bake the cake for forty minutes in the oven and let it cool before you serve it."]
    >>> blocks = [Block(t, i + 1, i) for i, t in enumerate(lines)]
    >>> v = Verdicts(lang="en")
    >>> v.removed.update({i: Verdict("outside_article", "short") for i in (1, 2, 3)})
    >>> keep_content_lists(blocks, v, read_layout(blocks, v)), sorted(v.removed)
    ([1, 2, 3], [])
    """
    removed = verdicts.removed
    start = layout.prose
    if start is None or not removed:
        return []
    kept_again: list[int] = []
    later: set[str] | None = None  # the folded lines after the first candidate list
    n = len(blocks)
    i = start + 1
    while i < n:
        if i not in removed or removed[i].rule not in MAY_BE_LIST:
            i += 1
            continue
        end = i
        while end < n and end in removed and removed[end].rule in MAY_BE_LIST:
            end += 1
        # blocks[i:end] is a run the zone rules removed; i - 1 is kept or a phrase rule's.
        run = range(i, end)
        if (
            i - 1 not in removed
            and len(run) <= LIST_MAX_LINES
            and _introduced(blocks[i - 1].text)
            and _reads_as_list(texts := [blocks[j].text for j in run])
            # The article goes on after the list; or the list announces itself ("Steps:") and
            # a button follows it (a recipe's steps end it, then "Print the recipe").
            and end < n
            and (
                end not in removed
                or (
                    removed[end].rule in BUTTON_RULES
                    and (_announces(texts[0]) or _announces(blocks[i - 1].text))
                )
            )
            and not _contents(texts, later if later is not None else (later := _keys(blocks, end)))
        ):
            rules = sorted({removed[j].rule for j in run})
            for j in run:
                del removed[j]
            kept_again.extend(run)
            verdicts.notes.append(
                Note(
                    rules[0],
                    f"kept, with the next {len(run) - 1} lines: a list between the article's "
                    f"paragraphs, which {' and '.join(rules)} would remove",
                    blocks[i].line,
                )
            )
        i = end
    return kept_again


def _announces(text: str) -> bool:
    """Whether a line announces what follows it ("Ingredients for 6:")."""
    return text.rstrip().endswith(":")


def _keys(blocks: Sequence[Block], start: int) -> set[str]:
    return {fold(b.text) for b in blocks[start:]}


def _introduced(text: str) -> bool:
    """Whether the kept line before a run is the article's prose or a line that announces a
    list ("Ingredients for 6:")."""
    return _announces(text) or (len(text.split()) >= INTRO_WORDS and ends_sentence(text))


def _reads_as_list(texts: list[str]) -> bool:
    if any(_NESTED.match(t) for t in texts):
        return False
    is_item = [_item(t) for t in texts]
    items = sum(is_item)
    return (
        items >= LIST_MIN_ITEMS
        and items >= ITEMS_PER_HEADING * (len(texts) - items)
        and all(item or _heading(t) for item, t in zip(is_item, texts, strict=True))
    )


def _contents(texts: list[str], later: set[str]) -> bool:
    """Whether a run is a table of contents: most of its lines, less their numbers, are the
    headings of the article further down."""
    entries = [fold(t[m.end() :] if (m := _NUMBERING.match(t)) else t) for t in texts]
    return sum(e in later for e in entries) * 2 >= len(entries)
