"""The title of a page read from its text: the heading that stands right before the article and
says what the article says.

The rules keep or drop lines; the title is chosen after them, from every line, kept or not (a
heading a zone heuristic dropped can still be the title; a menu item, a button or a date line
that a phrase rule recognised cannot). It never changes the clean text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .phrases import fold
from .text import prose_words, starts_lower, stop_share, stoplist, words

if TYPE_CHECKING:
    from .rules import Verdicts
    from .segment import Block

__all__ = ["title_from_text"]

# A line removed by one of these may still be the title: they judge where a line stands, not
# what it is. Every other rule recognised furniture (a menu, a button, a date, a credit).
MAY_BE_TITLE = frozenset(["low_content", "outside_article", "duplicate_block"])
# How far before the article's first paragraph a title is looked for, in blocks.
TITLE_REACH = 40
# How many of the article's paragraphs its vocabulary is read from.
ARTICLE_PARAGRAPHS = 30
TITLE_MIN_WORDS, TITLE_MAX_WORDS = 2, 25
# Weights of a candidate's score: the share of its words the article uses (0 to 1), plus
# NEARNESS for the line right before the article (decreasing with distance), plus up to
# SPECIFIC for a title of several content words. Measured on the WCXB dev dumps (1,497 pages):
# the title is right (token F1 >= 0.8) on 38.5% of pages, against 25.5% for the last title-like
# line before the first paragraph; NEARNESS 0.1 or 0.6 gives 38.4%.
NEARNESS = 0.3
SPECIFIC = 0.05
_SPECIFIC_WORDS = 6
_MIN_CONTENT_CHARS = 3
_LIST_ITEM = re.compile(r"[*+o•·\-] ")


def title_from_text(blocks: Sequence[Block], verdicts: Verdicts) -> str | None:
    """The page's title among its lines, or ``None`` when no line before its first paragraph
    of prose reads as one.

    >>> from cleaner.segment import Block
    >>> from cleaner.rules import Verdicts
    >>> lines = ["Accueil", "Partager", "Le budget 2025 adopté par les députés",
    ...          "Les députés ont adopté mardi le budget 2025 après des semaines de débats."]
    >>> title_from_text([Block(t, i, i) for i, t in enumerate(lines)], Verdicts(lang="fr"))
    'Le budget 2025 adopté par les députés'
    """
    stops = stoplist(verdicts.lang) if verdicts.lang else frozenset()
    removed = verdicts.removed
    first: int | None = None
    vocabulary: Counter[str] = Counter()
    tokens: dict[int, list[str]] = {}
    paragraphs = 0
    for i, block in enumerate(blocks):
        toks = words(fold(block.text))
        if i not in removed and prose_words(len(toks), stop_share(toks, stops)):
            if first is None:
                first = i
            vocabulary.update(set(toks))
            paragraphs += 1
            if paragraphs >= ARTICLE_PARAGRAPHS:
                break
        elif first is None:
            tokens[i] = toks
            tokens.pop(i - TITLE_REACH, None)  # only the last TITLE_REACH lines are kept
    if first is None:
        return None
    best, best_score = None, 0.0
    for i in range(max(0, first - TITLE_REACH), first):
        text = blocks[i].text
        toks = tokens.get(i, [])
        verdict = removed.get(i)
        if (
            not TITLE_MIN_WORDS <= len(toks) <= TITLE_MAX_WORDS
            or (verdict is not None and verdict.rule not in MAY_BE_TITLE)
            or _LIST_ITEM.match(text)
            or text.rstrip().endswith((".", ",", ";", ":"))
            or starts_lower(text)
        ):
            continue
        content = {t for t in toks if t not in stops and len(t) >= _MIN_CONTENT_CHARS}
        if not content:
            continue
        share = sum(1 for t in content if vocabulary[t]) / len(content)
        score = (
            share
            + NEARNESS / (1 + (first - i - 1) * 0.5)
            + SPECIFIC * min(len(content), _SPECIFIC_WORDS) / _SPECIFIC_WORDS
        )
        if score > best_score:
            best, best_score = text, score
    return best
