"""The title of a page read from its text: the heading that stands right before the article and
says what the article says.

The rules keep or drop lines; the title is chosen after them, from every line, kept or not (a
heading a zone heuristic dropped can still be the title; a menu item, a button or a date line
that a phrase rule recognised cannot). It never changes the clean text.

One pass over the page's lines (``read_layout``) finds where the article starts and its
vocabulary; the title and the header's dateline and byline (``metadata``) are read from it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from .phrases import fold
from .rules.page import Note, Verdict
from .text import ends_sentence, prose_words, starts_lower, stop_share, stoplist, words

if TYPE_CHECKING:
    from .rules import Verdicts
    from .segment import Block


__all__ = ["Layout", "place_title", "read_layout", "title_from_text"]

# A line removed by one of these may still be the title: they judge where a line stands, not
# what it is. Every other rule recognised furniture (a menu, a button, a date, a credit).
# nav_ticker's headlines are short lines in a run under a "Most read" heading, and the run can
# reach the article's own heading (WCXB dev dumps, title right: 47.8% -> 49.0% with it here).
MAY_BE_TITLE = frozenset(["low_content", "outside_article", "duplicate_block", "nav_ticker"])
# Lines that, right after a candidate, say it heads an article: its byline or dateline.
HEADER_RULES = frozenset(["byline", "dateline"])
# How far before the article's first paragraph a title is looked for, in blocks; and up to
# TITLE_FAR blocks before it, a line that a byline or dateline follows (within HEADER_LINES):
# the article's header stands there when a table of contents, a form or a thread's furniture
# sits between it and the first paragraph the layout found. WCXB dev dumps, title right: 49.8%
# -> 50.4% with TITLE_FAR 300 (80: 50.2%; 150: 50.3%; 1,000: 50.4%); word F1 unchanged.
TITLE_REACH = 40
TITLE_FAR = 300
# How many of the article's paragraphs its vocabulary is read from.
ARTICLE_PARAGRAPHS = 30
TITLE_MIN_WORDS, TITLE_MAX_WORDS = 2, 25
# The article's first paragraph is long, or ends like a sentence with another paragraph within
# the OPENING_FOLLOW kept lines after it: a teaser, a table of contents' item or a menu's blurb
# does not open it (WCXB dev dumps, title right: 47.4% without the follower, 47.8% with it;
# 49.2% when the lines the rules took count too, but then a subheading after a "read also" link
# became the title and left the text).
OPENING_WORDS = 40
OPENING_FOLLOW = 2  # kept lines
OPENING_LOOKAHEAD = 20  # lines, kept or not, looked at for them
# A candidate's score: how much the article uses its content words (each counts by the number
# of the article's paragraphs that use it, in full from RECURRENT paragraphs: a title's words run
# through its article, a menu item's turn up once), weighed down for a title of fewer than
# MATCHED_FULL words the article uses (one shared word is weak evidence); plus NEARNESS
# for the line right before the article (decreasing with distance: NEARNESS / (1 + d * DECAY)
# for d lines between); plus HEADED when a byline or dateline follows within HEADER_LINES;
# plus REPEATED when the page shows the same line twice (the <title> and the <h1>, a breadcrumb's
# last item); plus up to SPECIFIC for a title of several content words. Measured on the WCXB dev
# dumps (1,497 pages, title token F1 >= 0.8): 37.0% right with the share alone and NEARNESS 0.3
# (the first version), 45.8% with MATCHED_FULL and an opening paragraph, 47.4% with HEADED and
# REPEATED (HEADED 0.1: 46.6%, 0.5: 47.5%; REPEATED 0.3: 46.1%).
# Counting the paragraphs (RECURRENT 5, fewer in an article of fewer paragraphs) instead of the
# share of words used: 50.2% -> 52.4% (3 to 8 paragraphs: 52.3% to 53.0%; 12: 51.5%; 20: 50.2%).
# Word F1 WCXB 0.8098 -> 0.8099, scrapinghub 0.9159 -> 0.9156: of its 6 pages that changed, 5
# gained and one lost a sentence of the article, taken for the title, to Result.title.
MATCHED_FULL = 4
RECURRENT = 5
NEARNESS, DECAY = 0.15, 0.5
HEADED, HEADER_LINES = 0.3, 3
REPEATED = 0.1
SPECIFIC = 0.05
_SPECIFIC_WORDS = 6
_MIN_CONTENT_CHARS = 3
_LIST_ITEM = re.compile(r"[*+o•·\-] ")
# A trail of links ("Accueil > Monde", "Home » News"): a breadcrumb, never the title, even where
# its rule is disabled.
_TRAIL = re.compile(r"\s[>»›]\s")
# A line that ends with a question or an exclamation and holds no full stop: a headline's shape
# ("Group Music Classes vs. Private Instruction: Which Is Best for You?"), which opens no article
# when it stands right after furniture the rules took; after a kept line (the headline, then the
# article's first question) it opens the article. WCXB dev dumps, title right: 49.5% -> 50.2%
# (50.4% whatever stands before it, but then an article's opening question became its title and
# left the text); word F1 0.8097 -> 0.8098, scrapinghub 0.9158 -> 0.9159.
_HEADLINE_END = re.compile(r"[?!؟？！][\s\"'»”’)]*$")
_INNER_STOP = re.compile(r"(?<!\w)(\w+)\.(?=\s+\w)")
_ABBREVIATION = 3  # letters at most before a full stop that is no sentence's end ("vs.", "Dr.")


class Layout(NamedTuple):
    """Where the article starts in a page's lines, and what it says."""

    prose: int | None  # the first kept paragraph of prose (10 words, a fifth stopwords)
    opening: int | None  # the article's first paragraph (see ``OPENING_WORDS``)
    vocabulary: Counter[str]  # words of the article's first paragraphs (once per paragraph)
    lines: dict[int, str]  # the folded lines before the opening, within reach
    keys: dict[str, list[int]]  # where each folded line stands, up to the last paragraph read
    stops: frozenset[str]


def read_layout(
    blocks: Sequence[Block], verdicts: Verdicts, *, follow: int = OPENING_FOLLOW
) -> Layout:
    """One pass over the lines up to the article's ``ARTICLE_PARAGRAPHS``-th paragraph (each
    line read once; the opening's check looks ``follow`` lines ahead). A page whose paragraphs
    all stand alone (an article of one paragraph) is read again without the follower."""
    stops = stoplist(verdicts.lang) if verdicts.lang else frozenset()
    removed = verdicts.removed
    keys: dict[str, list[int]] = {}
    ahead: dict[int, tuple[str, int]] = {}
    # The rules' feature pass folded every line and counted its words and stopwords already.
    folded, counts, shares = verdicts.keys, verdicts.words, verdicts.stop

    def facts(i: int) -> tuple[str, int]:
        """Line ``i`` folded and, when it is a kept paragraph of prose, its word count."""
        got = ahead.get(i)
        if got is None:
            if folded is not None and counts is not None and shares is not None:
                key = folded[i]
                n = 0 if i in removed else prose_words(counts[i], shares[i])
            else:
                key = fold(blocks[i].text)
                toks = words(key)
                n = 0 if i in removed else prose_words(len(toks), stop_share(toks, stops))
            keys.setdefault(key.strip(), []).append(i)
            got = ahead[i] = (key, n)
        return got

    def after_kept_line(i: int) -> bool:
        """Whether a line the rules kept stands before line ``i`` (its byline and dateline
        aside): a headline, which the question after it then follows."""
        j = i - 1
        while j >= 0 and j in removed and removed[j].rule in HEADER_RULES:
            j -= 1
        return j >= 0 and j not in removed

    def opens(i: int, n: int) -> bool:
        """Whether the paragraph at ``i`` opens the article (see ``OPENING_WORDS``)."""
        if n > OPENING_WORDS:
            return True
        if not ends_sentence(blocks[i].text):
            return False
        if n <= TITLE_MAX_WORDS and asks(blocks[i].text) and not after_kept_line(i):
            return False  # a headline that asks ("Which Is Best for You?") heads the article
        if not follow:
            return True
        seen = 0
        for j in range(i + 1, min(len(blocks), i + 1 + OPENING_LOOKAHEAD)):
            if j in removed:
                continue  # a line the rules took (a "read also" link) does not part paragraphs
            if facts(j)[1]:
                return True
            seen += 1
            if seen >= follow:
                return False
        return False

    prose: int | None = None
    opening: int | None = None
    vocabulary: Counter[str] = Counter()
    lines: dict[int, str] = {}
    paragraphs = 0
    for i in range(len(blocks)):
        key, n = facts(i)
        del ahead[i]  # read once more at most, by the opening's check
        if n and prose is None:
            prose = i
        if n and opening is None and not opens(i, n):
            n = 0
        if n:
            if opening is None:
                opening = i
            vocabulary.update(set(words(key)))
            paragraphs += 1
            if paragraphs >= ARTICLE_PARAGRAPHS:
                break
        elif opening is None:
            lines[i] = key
            lines.pop(i - TITLE_REACH, None)  # only the last TITLE_REACH lines are kept
    if opening is None and follow and prose is not None:
        return read_layout(blocks, verdicts, follow=0)
    return Layout(prose, opening, vocabulary, lines, keys, stops)


def asks(text: str) -> bool:
    """Whether a line is one question or exclamation, as a headline is.

    >>> asks("Laptop vs. Desktop: How Many Watts Does a Computer Use?"), asks("Il pleut. Et alors ?")
    (True, False)
    >>> asks("هل يجب بناء حديقة جديدة؟"), asks("No. Really. Why?")
    (True, False)
    """
    return bool(_HEADLINE_END.search(text)) and not any(
        len(m.group(1)) > _ABBREVIATION for m in _INNER_STOP.finditer(text)
    )


def title_from_text(
    blocks: Sequence[Block], verdicts: Verdicts, layout: Layout | None = None
) -> str | None:
    """The page's title among its lines, or ``None`` when no line before its first paragraph
    of prose reads as one.

    >>> from cleaner.segment import Block
    >>> from cleaner.rules import Verdicts
    >>> lines = ["Accueil", "Partager", "Le budget 2025 adopté par les députés",
    ...          "Les députés ont adopté mardi le budget 2025 après des semaines de débats."]
    >>> title_from_text([Block(t, i, i) for i, t in enumerate(lines)], Verdicts(lang="fr"))
    'Le budget 2025 adopté par les députés'
    """
    layout = layout or read_layout(blocks, verdicts)
    first, stops, removed = layout.opening, layout.stops, verdicts.removed
    if first is None:
        return None
    best, best_score = None, 0.0
    near, far = max(0, first - TITLE_REACH), max(0, first - TITLE_FAR)
    vocabulary = layout.vocabulary
    # A short article's words cannot recur in RECURRENT paragraphs: its most used word ("the")
    # says how many paragraphs it has.
    recurrent = max(1, min(RECURRENT, max(vocabulary.values(), default=1)))
    headed = {
        j
        for i, verdict in removed.items()
        if verdict.rule in HEADER_RULES and far <= i < near + HEADER_LINES
        for j in range(max(far, i - HEADER_LINES), min(i, near))
    }
    for i in [*sorted(headed), *range(near, first)]:
        text = blocks[i].text
        toks = words(layout.lines[i] if i in layout.lines else fold(text))
        verdict = removed.get(i)
        if (
            not TITLE_MIN_WORDS <= len(toks) <= TITLE_MAX_WORDS
            or (verdict is not None and verdict.rule not in MAY_BE_TITLE)
            or _LIST_ITEM.match(text)
            or _TRAIL.search(text)
            or text.rstrip().endswith((".", ",", ";", ":"))
            or starts_lower(text)
        ):
            continue
        content = {t for t in toks if t not in stops and len(t) >= _MIN_CONTENT_CHARS}
        if not content:
            continue
        matched = sum(1 for t in content if vocabulary[t])
        used = sum(min(vocabulary[t], recurrent) for t in content) / recurrent / len(content)
        score = (
            used * min(matched, MATCHED_FULL) / MATCHED_FULL
            + NEARNESS / (1 + (first - i - 1) * DECAY)
            + SPECIFIC * min(len(content), _SPECIFIC_WORDS) / _SPECIFIC_WORDS
        )
        if any(
            (after := removed.get(j)) is not None and after.rule in HEADER_RULES
            for j in range(i + 1, i + 1 + HEADER_LINES)
        ):
            score += HEADED
        if len(layout.keys.get(fold(text).strip(), ())) > 1:
            score += REPEATED
        if score > best_score:
            best, best_score = text, score
    return best


def place_title(
    blocks: Sequence[Block],
    verdicts: Verdicts,
    title: str | None,
    layout: Layout,
    *,
    in_text: bool,
    extracted: bool,
) -> str | None:
    """Make the clean text hold the page's title or not, as ``Config.title_in_text`` says, in
    text and HTML mode alike; returns a line to open the text with, or ``None``.

    With ``in_text``, a line that is the title stays: one a zone heuristic removed
    (``MAY_BE_TITLE``) is kept again, with a note; when no line of the text is the title (an
    HTML extractor that left the heading out, ``extracted``), the title is returned to open
    the text. Without, every kept line that is the title is removed, rule ``title`` (its lines
    are read up to the article's ``ARTICLE_PARAGRAPHS``-th paragraph). ``verdicts`` is updated
    in place.
    """
    if not title:
        return None
    key = fold(title).strip()
    where = layout.keys.get(key, [])
    removed = verdicts.removed
    kept = [i for i in where if i not in removed]
    if not in_text:
        for i in kept:
            removed[i] = Verdict("title", "the page's title, in Result.title (title_in_text=False)")
        return None
    if kept:  # the title is in the text already
        return None
    dropped = [i for i in where if i in removed and removed[i].rule in MAY_BE_TITLE]
    if dropped:
        i = dropped[-1]  # the copy nearest the article
        rule, evidence = removed.pop(i)
        verdicts.notes.append(
            Note(
                "title",
                f"kept as the page's title, which {rule} would remove ({evidence})",
                blocks[i].line,
            )
        )
        return None
    return title if extracted else None
