"""The jusText-like layer: each block's class from its length and stopwords, the article's
extent, and the zones around it (low-content blocks, short blocks outside the article); and
the page's title."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping
from itertools import pairwise

from ..segment import TABLE_SEP
from ..text import ends_sentence, starts_lower, width
from .page import _HAS_DIGIT, MIN_ARTICLE_WORDS, Class, Context, Found, Judged, Note, Page, Verdict

# Block classes of the jusText-like layer (see ``Class``).
GOOD, NEAR, SHORT, BAD, AHEAD = Class.GOOD, Class.NEAR, Class.SHORT, Class.BAD, Class.AHEAD
# A line of code (a shell command, a brace, a call) is short whatever its length: in the extent
# it weighs nothing, so a documentation page's code does not cut its prose into pieces, and it
# stays where article text surrounds it.
CODE = Class.CODE
CODE_REASON = "a line of code"
# A row of a table (see segment.TABLE_SEP) is likewise short whatever its length, and weighs
# nothing in the extent: a table between two paragraphs stays with them, one in a footer goes.
TABLE_REASON = "a row of a table"
_NEUTRAL = frozenset({CODE_REASON, TABLE_REASON})
_CODE_STARTS = (
    *("$ ", ">>> ", "// ", "/*", "{", "}", "</"),
    *("pip install ", "npm ", "curl ", "git ", "docker ", "sudo "),
)
_CODE_CHARS = "{}[]();=<>$\\_`"
_CODE_CHAR = re.compile(f"[{re.escape(_CODE_CHARS)}]")  # one findall counts them all


CODE_SYMBOL_SHARE = 0.15  # with the check (99661a9, measured on the WCXB dev text dumps)


def looks_like_code(text: str) -> bool:
    """A line that starts like a command or a brace, or whose visible characters are at least
    15% brackets, braces, ``=``, ``;``, ``<>``, ``$``, ``_`` or backquotes.

    >>> [looks_like_code(t) for t in ("$ celery -A proj status", "result = compute(x, y);", "},")]
    [True, True, True]
    >>> [looks_like_code(t) for t in ("Home | Docs | API", "The maximum length is 500 characters.")]
    [False, False]
    >>> looks_like_code("(Getty Images)"), looks_like_code("(print(x))")
    (False, True)
    """
    t = text.strip()
    if t.startswith(_CODE_STARTS):
        return True
    symbols = len(_CODE_CHAR.findall(t))
    if symbols < 2:  # most lines: too few symbols, whatever their length
        return False
    visible = len(t) - t.count(" ")
    if symbols == 2 and t.startswith("(") and t.endswith(")"):
        return False  # an aside or a credit in parentheses: "(Getty Images)", "(2 min read)"
    return symbols >= 2 and symbols >= CODE_SYMBOL_SHARE * visible


_TEASER = re.compile(r"[^\W_](?:\.{3}|…|\s?\[(?:\.{3}|…)\])$")
_TEASER_ENDS = ("...", "…", "]", "\n")  # what _TEASER can end with ($ allows a final newline)


# Text renderers (lynx, w3m, html2text) mark nested list levels with "+" and "o"; in a page
# dump, short items two levels deep are menus and sitemaps, almost never article text.
NESTED_ITEM_REASON = "nested list item, like a menu entry"
TEASER_REASON = "truncated like a teaser"
_NESTED_ITEM = re.compile(r"^(?:o|\+) (?=[^\W\d_])")


def classify(page: Page, i: int, ctx: Context) -> Judged:
    """Intrinsic class of a block from its length and stopword density (with the run's
    stoplist, ``ctx.stop``), with the reason."""
    cached = ctx.classes.get(i)
    if cached is None:
        cached = ctx.classes[i] = _classify(page.blocks[i].text, page.words[i], ctx.stop[i])
    return cached


def classify_all(page: Page, alive: list[int], ctx: Context) -> dict[int, Judged]:
    """``{i: classify(page, i, ctx) for i in alive}``, in one loop."""
    cache, stops, blocks, n = ctx.classes, ctx.stop, page.blocks, page.words
    out: dict[int, Judged] = {}
    for i in alive:
        cached = cache.get(i)
        if cached is None:
            cached = cache[i] = _classify(blocks[i].text, n[i], stops[i])
        out[i] = cached
    return out


# jusText's classes, by length and stopword share. Its defaults are 70 and 200 characters and
# 0.30 and 0.32 stopwords; these came with the first version (94f21b2, no measurement
# recorded), tuned for lines of text dumps rather than HTML paragraphs.
SHORT_WORDS = 6  # fewer words: short
SHORT_CHARS = 50  # fewer characters (a Chinese or Japanese one counts three): short
GOOD_STOPWORDS = 0.28  # this share or more, and GOOD_CHARS or a sentence's end: good
GOOD_CHARS = 150
NEAR_STOPWORDS = 0.18  # this share or more: near-good; less: bad
NESTED_ITEM_WORDS = 13  # a nested list item of fewer words is a menu entry (first version)
_N_WORDS = tuple(f"{n} words" for n in range(SHORT_WORDS))  # the reasons of the short ones


def _classify(text: str, n: int, stop: float) -> Judged:
    """The class of a block of ``n`` words and stopword share ``stop``, and why (``""`` when
    why is the block's words and stopword share: see ``reason``)."""
    if n < NESTED_ITEM_WORDS and text.startswith(("o ", "+ ")) and _NESTED_ITEM.match(text):
        return Judged(BAD, NESTED_ITEM_REASON)
    if TABLE_SEP in text:
        return Judged(SHORT, TABLE_REASON)
    if looks_like_code(text):
        return Judged(SHORT, CODE_REASON)
    if n < SHORT_WORDS:
        return Judged(SHORT, _N_WORDS[n])
    chars = width(text)
    if chars < SHORT_CHARS:
        return Judged(SHORT, f"{n} words")
    # A teaser's ellipsis ends the block, and the pattern spans at most 7 characters.
    if text.endswith(_TEASER_ENDS) and _TEASER.search(text, max(0, len(text) - 8)):
        return Judged(BAD, TEASER_REASON)
    # The reason of the three classes below is written only for the blocks that go (most of a
    # page's blocks stay, and formatting the share cost a tenth of the zone layer's time).
    if stop >= GOOD_STOPWORDS and (chars >= GOOD_CHARS or ends_sentence(text)):
        return _GOOD_BY_STOPWORDS
    if stop >= NEAR_STOPWORDS:
        return _NEAR_BY_STOPWORDS
    return _BAD_BY_STOPWORDS


_GOOD_BY_STOPWORDS = Judged(GOOD, "")
_NEAR_BY_STOPWORDS = Judged(NEAR, "")
_BAD_BY_STOPWORDS = Judged(BAD, "")


def reason(page: Page, i: int, ctx: Context, why: str) -> str:
    """The reason of block ``i``'s class, ``why`` (see ``_classify``): when it is ``""``, the
    block's words and its stopword share."""
    return why or f"{page.words[i]} words, stopwords {ctx.stop[i]:.2f}"


# The article's extent (see ``article_extent``): on most pages a short block between two
# stretches of text costs 2 words and a lone teaser-like good block weighs half; on a page with
# one dominant run of paragraphs (an article: ARTICLE_SHARE of its good words in one run with at
# most RUN_GAP short blocks in a row), each further short block in a row costs 2 words more, so
# a subheading stays cheap and a menu or a list of teasers between two stretches is not crossed,
# and a lone good block weighs ARTICLE_ISOLATED_WEIGHT (a teaser's one-sentence summary after
# the article; on the benchmarks 0.3 keeps fewer teasers than 0.5 and no less article text).
RUN_GAP = 2
MIN_EXTENT_SHARE = 0.4  # of the page's good words: less, and no stretch is "the article"
ARTICLE_SHARE = 0.6
ARTICLE_SHORT_COST = 2.0
ARTICLE_ISOLATED_WEIGHT = 0.3
ARTICLE_GAP_GROWTH = 2.0


def _isolated(judged: list[Judged]) -> list[bool]:
    """Whether each good block (of the alive ones, ``judged`` in order) stands alone between
    non-good neighbours, like a teaser card."""
    # A line of code beside a paragraph is part of the same text, as in documentation.
    near = [GOOD if why in _NEUTRAL else c for c, why in judged]
    n = len(judged)
    return [
        c == GOOD
        and (pos == 0 or near[pos - 1] != GOOD)
        and (pos == n - 1 or near[pos + 1] != GOOD)
        for pos, (c, _) in enumerate(judged)
    ]


def _unanchored_near_as_short(scored: list[tuple[Class, int]]) -> list[tuple[Class, int]]:
    """Near-good blocks with no good block beside them (one short block between allowed) count
    as short in the extent: a headline and its dek in a list of teasers are near-good, but only
    article text sits next to article text.

    >>> scored = [(GOOD, 30), (NEAR, 10), (SHORT, 2), (NEAR, 9)]
    >>> [(str(c), n) for c, n in _unanchored_near_as_short(scored)]
    [('good', 30), ('near-good', 10), ('short', 2), ('short', 9)]
    """
    out = list(scored)
    for pos, (cls, n) in enumerate(scored):
        if cls != NEAR:
            continue
        anchored = False
        for step in (-1, 1):
            k = pos + step
            if 0 <= k < len(scored) and scored[k][0] == SHORT:
                k += step
            if 0 <= k < len(scored) and scored[k][0] == GOOD:
                anchored = True
        if not anchored:
            out[pos] = (SHORT, n)
    return out


def article_run_share(blocks: list[tuple[Class, int]]) -> float:
    """Share of the page's good words in its heaviest run of consecutive good blocks (a short
    block or two between them allowed): near 1 on an article page, low on a listing, a product
    page or a forum, where content comes in many small pieces.

    >>> article_run_share([("good", 40), ("short", 2), ("good", 40), ("short", 1), ("short", 1), ("short", 1), ("good", 20)])
    0.8
    """
    total = sum(n for cls, n in blocks if cls == GOOD)
    if not total:
        return 0.0
    best = run = 0
    gap = 0
    for cls, n in blocks:
        if cls == CODE:
            continue
        if cls == GOOD:
            run += n
            gap = 0
        elif cls == NEAR:
            gap = 0
        else:
            gap += 1
            if gap > RUN_GAP:
                run = 0
        best = max(best, run)
    return best / total


def article_extent(
    blocks: list[tuple[Class, int]],
    isolated: list[bool] | None = None,
    short_cost: float = 2.0,
    isolated_weight: float = 0.5,
    gap_growth: float = 0.0,
) -> tuple[int, int]:
    """First and last position of the heaviest stretch of article text (Kadane's maximum
    subarray over block scores: good blocks weigh their words, near-good half, short blocks cost
    ``short_cost`` words, bad blocks their words). A good block standing alone between non-good
    ones, like a teaser card in a list of links, weighs ``isolated_weight`` of its words;
    each further short block in a row costs ``gap_growth`` more.

    >>> article_extent([("short", 1), ("good", 40), ("short", 2), ("good", 30), ("bad", 50), ("good", 20)])
    (1, 3)
    """
    best, best_span = float("-inf"), (0, len(blocks) - 1)
    run, run_start = 0.0, 0
    gap = 0
    for pos, (cls, n) in enumerate(blocks):
        if cls == CODE:
            continue  # weighs nothing, and neither opens nor closes a gap
        gap = gap + 1 if cls in (SHORT, BAD) else 0
        score: float
        if cls == GOOD:
            score = n
        elif cls == NEAR:
            score = n / 2
        elif cls == SHORT:
            score = -short_cost - gap_growth * (gap - 1)
        else:
            score = -n
        if isolated and isolated[pos]:
            score *= isolated_weight
        if run <= 0:
            run, run_start = score, pos
        else:
            run += score
        if run > best:
            best, best_span = run, (run_start, pos)
    return best_span


# Rules whose removals are boilerplate context for the zone heuristics (see boilerplate_zone):
# interface, navigation and legal lines. Not read_more, photo_credit, byline or dateline, whose
# lines sit inside articles as often as around them.
CONTEXT_RULES = frozenset(
    {
        "nav_ticker",
        "comment_section",
        "ui_string",
        "breadcrumb",
        "copyright_footer",
        "dated_list",
        "author_bio",
    }
)


def _boilerplate_gaps(removed: Mapping[int, Verdict], alive: list[int]) -> list[bool]:
    """Whether a line removed by one of CONTEXT_RULES lies between each alive block and the
    next one (one look per removed line: the alive blocks before it are where it lies).

    >>> removed = {1: Verdict("ui_string", "x"), 4: Verdict("read_more", "y")}
    >>> _boilerplate_gaps(removed, [0, 2, 3, 5])
    [True, False, False, False]
    """
    out = [False] * len(alive)
    last = len(alive) - 1
    for k, (rule, _) in removed.items():
        if rule in CONTEXT_RULES:
            pos = bisect_left(alive, k) - 1  # the alive block before line k
            if 0 <= pos < last:
                out[pos] = True
    return out


def _extent(
    page: Page,
    alive: list[int],
    classes: dict[int, Judged],
    article: bool | None = None,
) -> tuple[int, int, list[tuple[Class, int]], bool, list[bool]]:
    """The article's own extent: the stretch of blocks with the most article text, where every
    short or boilerplate block in between costs something. Good blocks beyond a stretch of
    boilerplate wider than they are heavy (sidebars, teasers, author boxes) fall outside. Also
    the scored blocks, whether the page was taken for an article (given, or measured), and
    which good blocks stand alone (see ``_isolated``)."""
    words = page.words
    judged = [classes[i] for i in alive]
    scored = _unanchored_near_as_short(
        [(c, words[i]) for (c, _), i in zip(judged, alive, strict=True)]
    )
    scored = [
        (CODE, sc[1]) if why in _NEUTRAL else sc
        for sc, (_, why) in zip(scored, judged, strict=True)
    ]
    isolated = _isolated(judged)
    if article is None:
        article = article_run_share(scored) >= ARTICLE_SHARE
    if article:
        # One dominant run of paragraphs: an article page, whose edges are drawn tight.
        start, end = article_extent(
            scored,
            isolated,
            ARTICLE_SHORT_COST,
            ARTICLE_ISOLATED_WEIGHT,
            ARTICLE_GAP_GROWTH,
        )
    else:
        start, end = article_extent(scored, isolated)
    return start, end, scored, article, isolated


# A numbered item: "1) ", "2. ", "3: ", "#4 ", "#5. ", "6 - " (a number alone, as in "23 Nov", is
# not one).
_NUMBERED = re.compile(r"(#\s?)?(\d{1,3})([.):]|\s[-–—])?\s")
_LETTER = re.compile(r"[^\W\d_]")
NUMBERED_MIN_ITEMS = 3
NUMBERED_SLACK = 3  # the list may start this many blocks after the extent's end
NUMBERED_MAX_GAP = 50  # blocks from one item to the next, at most


def numbered_items(texts: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """Positions and numbers of the items of numbered lists that run through the article: the
    numbers 1, 2, 3... in order (at least ``NUMBERED_MIN_ITEMS``), each followed by words, each
    at most ``NUMBERED_MAX_GAP`` blocks after the one before, with other blocks between most of
    them (at most half the items follow the one before directly, so a menu or a breadcrumb
    written as an ordered list is not one), the first item inside the extent ``start..end`` or
    at most ``NUMBERED_SLACK`` blocks after it.

    >>> texts = ["Intro text", "1) Lego set", "http://a.b/c", "2) Slot cars", "x", "3) A box", "y"]
    >>> numbered_items(texts, 0, 0)
    [(1, 1), (3, 2), (5, 3)]
    >>> numbered_items(["1. Home", "2. Picks", "3. Security"], 0, 0)
    []
    """
    open_lists: dict[int, list[int]] = {}  # the number each list expects next -> its positions
    done: list[list[int]] = []
    for pos, text in enumerate(texts):
        m = _NUMBERED.match(text)
        if m is None or not (m.group(1) or m.group(3)) or not _LETTER.search(text, m.end()):
            continue
        k = int(m.group(2))
        chain = open_lists.pop(k, None)
        if chain is not None and pos - chain[-1] <= NUMBERED_MAX_GAP:
            chain.append(pos)
        elif k == 1 and start <= pos <= end + NUMBERED_SLACK:
            chain = [pos]
        else:
            continue
        open_lists[k + 1] = chain
        if len(chain) == NUMBERED_MIN_ITEMS:
            done.append(chain)
    out: list[tuple[int, int]] = []
    for chain in done:
        adjacent = sum(1 for a, b in pairwise(chain) if b == a + 1)
        if adjacent * 2 <= len(chain) - 1:
            out.extend((pos, k) for k, pos in enumerate(chain, 1))
    return sorted(out)


def _data_row(page: Page, i: int) -> bool:
    r"""Whether a table row holds data (a number, or a cell of four words or more) rather than
    reading like a menu laid out in columns (a few short capitalised labels).

    >>> from cleaner.segment import Block
    >>> menu = Page([Block("Home\tAbout us\tContact", 1, 0)], [], [], [], {})
    >>> data = Page([Block("1\tKyle Busch\t5040", 1, 0)], [], [], [], {})
    >>> _data_row(menu, 0), _data_row(data, 0)
    (False, True)
    """
    text = page.text(i)
    return _HAS_DIGIT.search(text) is not None or any(
        len(cell.split()) >= 4 for cell in text.split(TABLE_SEP)
    )


FOOTER_SHARE = 0.7  # a copyright line this far down the page or further opens its footer


def _footer_line(page: Page, alive: list[int], removed: Mapping[int, Verdict]) -> int | None:
    """The first line that the copyright_footer rule took in the last 30% of the page's blocks
    ("© 2026 Nike, Inc. All Rights Reserved"): what follows it is the page's footer (legal
    links, a country selector), on a page where no stretch of text holds the article. A
    heading ("COPYRIGHT", "Privacy policy": two words at most and no year) opens none, and
    neither does a line with more words after it than before it."""
    floor = FOOTER_SHARE * len(page.blocks)
    lines = [
        k
        for k, (rule, _) in removed.items()
        if rule == "copyright_footer"
        and k >= floor
        and (page.words[k] > 2 or _HAS_DIGIT.search(page.keys[k]))
    ]
    if not lines:
        return None
    footer = min(lines)
    before = sum(page.words[i] for i in alive if i < footer)
    after = sum(page.words[i] for i in alive if i > footer)
    return footer if before >= after else None


# The names the zone layer's removals go by (see ``boilerplate_zone``).
LOW_CONTENT = "low_content"
OUTSIDE_ARTICLE = "outside_article"


def boilerplate_zone(page: Page, alive: list[int], ctx: Context) -> Found:
    """The jusText idea on text: long blocks with few stopwords are boilerplate; short and
    middling blocks take the class of their neighbours, so a subheading or a list inside the
    article stays while the menus and footers around it go."""
    classes = classify_all(page, alive, ctx)
    good_words = sum(page.words[i] for i in alive if classes[i][0] == GOOD)
    if good_words < MIN_ARTICLE_WORDS:
        # No article to measure zones against: when in doubt, keep (the phrase rules still ran).
        notes = (
            Note(
                "boilerplate_zone",
                f"no article found ({good_words} words of article-like text); blocks kept "
                f"unjudged by the zone heuristics, but for nested menu items and the footer "
                f"after a copyright line",
            ),
        )
        # Only what is boilerplate whatever the page: items nested two levels deep in a list,
        # and the page's footer.
        edges: dict[int, Verdict] = {
            i: Verdict(LOW_CONTENT, classes[i][1])
            for i in alive
            if classes[i][0] == BAD and classes[i][1] == NESTED_ITEM_REASON
        }
        footer = _footer_line(page, alive, ctx.removed)
        if footer is not None:
            footer_why = Verdict(
                OUTSIDE_ARTICLE, f"after the footer's copyright line {page.blocks[footer].line}"
            )
            edges.update((i, footer_why) for i in alive if i > footer and i not in edges)
        return Found(edges, notes)
    if ctx.title is not None and ctx.title in classes:
        classes[ctx.title] = Judged(GOOD, "title")
    found: list[Note] = []
    out: dict[int, Verdict] = {}
    start, end, scored, article, lone = _extent(page, alive, classes)
    inside = sum(n for cls, n in scored[start : end + 1] if cls == GOOD)
    if inside < MIN_EXTENT_SHARE * good_words:
        # Text in many small pieces (a forum thread, a listing): no stretch holds the article,
        # so no good block is dropped for lying outside one.
        found.append(
            Note(
                "boilerplate_zone",
                f"text in many small pieces (the longest stretch holds {inside} of {good_words} "
                f"article-like words); no block dropped for lying outside it but after the footer",
            )
        )
        footer = _footer_line(page, alive, ctx.removed)
        start, end = 0, len(alive) - 1 if footer is None else bisect_left(alive, footer) - 1
    else:
        # A numbered list running through the article ("1) ...", then "2) ..." further down,
        # each with its own text between) is the article's own structure, as in a listicle: its
        # items are article text, and the extent is drawn again with them (the page measured
        # as before: the items must not make a listing look like one long article).
        items = numbered_items([page.text(i) for i in alive], start, end)
        if items:
            for pos, k in items:
                classes[alive[pos]] = Judged(
                    GOOD, f"item {k} of a numbered list through the article"
                )
            start, end, scored, _, lone = _extent(page, alive, classes, article)
            # The extent takes in the whole list.
            start, end = min(start, items[0][0]), max(end, items[-1][0])
    # The blocks' classes by position among the alive ones, as the zones leave them (``final``).
    judged = [classes[i] for i in alive]
    final: list[Class] = []
    for pos, (cls, why) in enumerate(judged):
        if (
            cls == BAD
            and start <= pos <= end
            and why != NESTED_ITEM_REASON
            and (why != TEASER_REASON or article)
        ):
            # Inside the article's extent (the whole page when no stretch holds the article), a
            # block with few stopwords is as often its own terse text (a list item, "Billing:
            # hourly or monthly plans", a spec line) as not: its neighbours decide, as for a
            # middling block. Nested menu items still go, and teasers but on an article page,
            # where a line ending in "..." inside the extent is the article's own (92% of such
            # words are in the WCXB gold; word F1 +0.0001, scrapinghub +0.0002).
            cls = NEAR
        final.append(cls)
        if cls == BAD:
            i = alive[pos]
            out[i] = Verdict(LOW_CONTENT, reason(page, i, ctx, why))
    boilerplate_after = _boilerplate_gaps(ctx.removed, alive)
    # Up to the nearest line a phrase rule took as interface or navigation text (CONTEXT_RULES)
    # on each side of the extent, the page has not left its content yet. A good block there
    # stays: before the extent, any (an article's first section, cut off from the rest by a
    # table or a list); after it, one beside another good block (a lone one there is a teaser
    # or an author's bio as often as not). It vouches for nothing around it, so the short lines
    # next to it (a byline box under a dek) are still judged by the blocks beyond. On WCXB dev
    # dumps 76% and 65% of such blocks' words are in the gold (word F1 +0.003 and +0.0006); on
    # scrapinghub, deks and promotions before the extent (-0.0015).
    lead, trail = start, end
    while lead > 0 and not boilerplate_after[lead - 1]:
        lead -= 1
    while trail < len(alive) - 1 and not boilerplate_after[trail]:
        trail += 1
    ahead: list[int] = []
    n = len(alive)
    for pos in (*range(start), *range(end + 1, n)):  # the blocks outside the extent, in order
        i = alive[pos]
        cls = judged[pos][0]
        if cls != SHORT and i not in out:
            if cls == GOOD and (lead <= pos < start or (end < pos <= trail and not lone[pos])):
                final[pos] = AHEAD
                ahead.append(page.blocks[i].line)
                continue
            where = "before" if pos < start else "after"
            out[i] = Verdict(OUTSIDE_ARTICLE, f"{cls} block {where} the article's extent")
            final[pos] = BAD
    if ahead:
        found.append(
            Note(
                "boilerplate_zone",
                f"kept {len(ahead)} article-like block(s) outside the article's extent, with no "
                f"boilerplate line between them and it (lines "
                f"{', '.join(map(str, ahead[:10]))}{', ...' if len(ahead) > 10 else ''})",
            )
        )

    # The nearest good-or-bad block on each side (short and near-good ones are looked through;
    # the page edges count as bad), in two linear passes. A line that a phrase rule took as
    # interface or navigation text (CONTEXT_RULES) still stands between its neighbours as a
    # bad block: a short line next to a removed menu or button is next to boilerplate.
    before: list[Class] = []
    last = BAD
    for pos, cls in enumerate(final):
        if pos and boilerplate_after[pos - 1]:
            last = BAD
        before.append(last)
        if cls in (GOOD, BAD):
            last = cls
    after: list[Class] = [BAD] * n
    last = BAD
    for pos in range(n - 1, -1, -1):
        if boilerplate_after[pos]:
            last = BAD
        after[pos] = last
        cls = final[pos]
        if cls in (GOOD, BAD):
            last = cls

    # Near-good blocks first (jusText order): kept when next to a good block; then the short
    # ones (their verdicts held back so that they follow, as the audit has them).
    shorts: list[tuple[int, Verdict]] = []
    for pos, cls in enumerate(final):
        if cls == NEAR:
            prev, nxt = before[pos], after[pos]
            if prev != GOOD and nxt != GOOD:
                i = alive[pos]
                why = reason(page, i, ctx, judged[pos][1])
                out[i] = Verdict(
                    OUTSIDE_ARTICLE, f"middling block ({why}) between {prev} and {nxt}"
                )
        elif cls == SHORT:
            prev, nxt = before[pos], after[pos]
            i = alive[pos]
            why = judged[pos][1]
            if prev == GOOD and (nxt == GOOD or (why == TABLE_REASON and _data_row(page, i))):
                # A table that follows article text is the article's, whatever comes after it
                # (on WCXB dev dumps: 74% of the words of such rows are in the gold; of rows
                # that only precede article text, 35%), unless its rows read like a menu laid
                # out in columns.
                continue
            if prev == BAD and nxt == BAD:
                where = "page edge or boilerplate" if pos in (0, n - 1) else "boilerplate"
            else:
                where = f"{prev} before, {nxt} after"
            why = reason(page, i, ctx, why)
            shorts.append((i, Verdict(OUTSIDE_ARTICLE, f"short block ({why}) among {where}")))
    out.update(shorts)
    return Found(out, tuple(found))


# The title is one of the TITLE_REACH blocks before the first good one, of TITLE_MIN_WORDS to
# TITLE_MAX_WORDS words. First version (94f21b2, no measurement recorded).
TITLE_REACH = 6
TITLE_MIN_WORDS = 3
TITLE_MAX_WORDS = 30


def find_title(page: Page, alive: list[int], ctx: Context) -> int | None:
    """The headline: the last title-like block before the first article paragraph."""
    first_good = None
    for i in alive:
        if classify(page, i, ctx)[0] == GOOD:
            first_good = i
            break
    if first_good is None:
        return None
    candidates = [i for i in alive if i < first_good][-TITLE_REACH:]
    for i in reversed(candidates):
        text = page.text(i)
        n = page.words[i]
        if (
            TITLE_MIN_WORDS <= n <= TITLE_MAX_WORDS
            and not text.rstrip().endswith((".", ",", ";"))
            and not starts_lower(text)
            and page.blocks[i].items == 1
            and not re.match(r"^[*+•·\-] ", text)
        ):
            return i
    return None
