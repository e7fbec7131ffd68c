"""Rules that judge a section of the page from its blocks in order: headline lists, comment
sections and threads, lists of dated entries, the author's box, repeats and stray fragments."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping, Sequence

from ..phrases import alternation, word_list
from ..text import ends_sentence, prose_words, starts_lower
from .blocks import _byline_rest
from .page import MIN_ARTICLE_WORDS, Context, Found, Page, Verdict

# -------------------------------------------------------------------------------- page rules


# A ticker line: this many items or more, each of at most TICKER_ITEM_WORDS words; a headline
# under a headline-list heading: at most HEADLINE_WORDS words. First version (94f21b2, no
# measurement recorded).
TICKER_MIN_ITEMS = 3
TICKER_ITEM_WORDS = 30
HEADLINE_WORDS = 20


def nav_ticker(page: Page, alive: list[int], ctx: Context) -> Found:
    """Headline tickers (one line of many headlines) and lists of headlines under a heading
    such as "À la une", "Les plus lus", "Most read"."""
    out: dict[int, str] = {}
    follow_from: tuple[int, str] | None = None
    copies: Counter[str] | None = None  # keys of the alive blocks, counted on the first heading
    for i in alive:
        block = page.blocks[i]
        if block.items >= TICKER_MIN_ITEMS and page.words[i] <= TICKER_ITEM_WORDS:
            out[i] = f"item {block.item + 1} of a {block.items}-item ticker line"
            continue
        hit = page.whole("nav_ticker", i)
        if hit:
            if copies is None:
                copies = Counter(page.keys[j] for j in alive)
            n = copies[page.keys[i]]
            if n > 1:
                # "Read more" under every card of a listing is a button, not the heading of a
                # list of headlines: the cards stay for the other rules to judge.
                out[i] = f'"{hit.phrase}" {n} times on the page, a button ({hit.lang})'
                follow_from = None
                continue
            out[i] = f'headline-list heading "{hit.phrase}" ({hit.lang})'
            follow_from = (block.line, hit.phrase)
            continue
        if follow_from is not None:
            if page.words[i] <= HEADLINE_WORDS and not ends_sentence(block.text):
                out[i] = f'headline listed under "{follow_from[1]}" (line {follow_from[0]})'
                continue
            follow_from = None
    return Found(out)


# A bare comment counter: "12 commentaires", "(3) Comments" (the nouns: ``data/words/
# comment_headings``).
_COMMENT_COUNT = re.compile(
    rf"^[(\[]?\s?\d{{1,6}}\s?[)\]]?\s(?:{alternation(word_list('comment_headings', 'noun'))})\b"
)


# WordPress-style comment headings: "12 thoughts on “Title”", "One response to “Title”". The
# count is what tells them from an article's own "Final thoughts on ..." heading.
_COUNTED_HEADING = re.compile(
    rf"^(?:\d{{1,6}}|{alternation(word_list('comment_headings', 'one'))})\s"
    rf"(?:{alternation(word_list('comment_headings', 'heading'))})\s"
    rf"(?:{alternation(word_list('comment_headings', 'on'))})\b"
)


def _not_a_heading(text: str) -> bool:
    """A quoted line ("> what do you think?" in a mailing-list archive) or the lower-case end of
    a sentence wrapped onto its own line ("comments.") heads nothing.

    >>> _not_a_heading("> what do you think?"), _not_a_heading("comments.")
    (True, True)
    >>> _not_a_heading("Comments are closed."), _not_a_heading("What do you think?")
    (False, False)
    """
    text = text.strip()
    return text.startswith(">") or (text[:1].islower() and text.endswith("."))


# Prose for comment_section is 12 words or more: with text.PROSE_WORDS (10) a page of WCXB dev
# (0527, a forum) lost its article to a comment heading found too early (measured on both
# benchmarks, text and HTML: the only page that changed).
COMMENT_PROSE_WORDS = 12
COMMENT_HEADING_MAX_WORDS = 14  # first version of the rule (53ef711: WCXB dumps 0.772 -> 0.795)
# A bare counter ("12 commentaires") opens the comments once this share of the page's prose is
# behind it (first version, 53ef711).
COUNTER_PROSE_SHARE = 0.66


def comment_section(page: Page, alive: list[int], ctx: Context) -> Found:
    """Readers' comments: once a comment-section heading ("Leave a Reply", "12 commentaires")
    follows the article, the rest of the page is comments and page furniture, not the article."""

    words, stop = page.words, ctx.stop
    prose = [prose_words(words[i], stop[i], COMMENT_PROSE_WORDS) for i in alive]
    total = sum(prose)
    seen_words = 0
    copies: Counter[str] | None = None
    for pos, i in enumerate(alive):
        key = page.keys[i]
        if (
            seen_words >= MIN_ARTICLE_WORDS
            and words[i] <= COMMENT_HEADING_MAX_WORDS
            and (page.may_hold_phrase(i) or _may_count(key))
            and not _not_a_heading(page.text(i))
        ):
            hit = (
                page.whole("comment_section", i)
                or page.prefix("comment_section", i)
                or page.anywhere("comment_section", i)
            )
            # A bare counter ("12 commentaires") also sits in share bars inside the article: it
            # opens the comments only once most of the page's prose is behind it, or when a
            # colon makes it the heading of what follows ("10 comments:").
            counted = hit is None and _COUNTED_HEADING.match(key)
            counter = (
                hit is None
                and not counted
                and _COMMENT_COUNT.match(key)
                and (seen_words >= COUNTER_PROSE_SHARE * total or key.endswith(":"))
            )
            if (hit or counted) and _in_share_bar(page, alive, pos):
                # "Comments" between "Twitter" and "Print" is a button that jumps to them.
                hit = counted = None
            if hit or counted or counter:
                # A heading on the page three times or more is a label of its structure, like
                # "Comments" under each answer of a Q&A page, not where the comments begin.
                if copies is None:
                    copies = Counter(page.keys[j] for j in alive)
                if copies[key] >= _LABEL_COPIES:
                    hit = counted = counter = None
            if hit or counted or counter:
                label = hit.phrase if hit else key
                why = f'after the comment-section heading "{label}" (line {page.blocks[i].line})'
                return Found(dict.fromkeys(alive[pos:], why))
        seen_words += prose[pos]
    return Found({})


_COUNT_OPENERS = tuple(word_list("comment_headings", "one"))


def _may_count(key: str) -> bool:
    """False when ``key`` can be neither a counted heading nor a bare counter: both open with a
    number (in brackets or not) or a count written as a word ("One response to ...")."""
    first = key[:1]
    return first.isdecimal() or first in "([" or key.startswith(_COUNT_OPENERS)


_LIST_ITEM = ("* ", "• ", "- ", "+ ")


SHARE_BUTTON_WORDS = 3  # "* Facebook", "* Print this page"; first version of the check


def _in_share_bar(page: Page, alive: list[int], pos: int) -> bool:
    """Whether the block at ``pos`` is a list item next to a list item that is a lone
    interface word ("* Facebook", "* Print"), like the buttons of a share bar."""
    if not page.text(alive[pos]).startswith(_LIST_ITEM):
        return False
    return any(
        0 <= k < len(alive)
        and page.text(alive[k]).startswith(_LIST_ITEM)
        and page.words[alive[k]] <= SHARE_BUTTON_WORDS
        and page.whole("ui_string", alive[k]) is not None
        for k in (pos - 1, pos + 1)
    )


# A reader's comment header, on the folded block: "lonespeed says:", "Olivia (GiveWell) on
# October 4, 2018 at 10:58 am said:", "Jean a écrit :", "Hans schreibt:".
# (the words: ``data/words/comment_headers``).
_COMMENT_HEADER = re.compile(
    rf"(?:^|\s)(?:{alternation(word_list('comment_headers', 'says'))}|"
    rf"(?:{alternation(word_list('comment_headers', 'on'))})\s.{{0,40}}\d.{{0,30}}\s"
    rf"(?:{alternation(word_list('comment_headers', 'said'))}))\s?:$"
)
MIN_COMMENT_HEADERS = 2
COMMENT_HEADER_WORDS = 12  # with the rule (27b0e25: scrapinghub HTML word F1 0.954 -> 0.962)


def comment_thread(page: Page, alive: list[int], ctx: Context) -> Found:
    """Readers' comments with no heading over them: from the first of two or more comment
    headers ("lonespeed says:") after the article's first words, the rest of the page is the
    thread. An undated "said:" (a quote in the article) is not a header."""
    headers: list[int] = []
    seen = 0
    for pos, i in enumerate(alive):
        key = page.keys[i]
        if (
            seen >= MIN_ARTICLE_WORDS
            and page.words[i] <= COMMENT_HEADER_WORDS
            and key.endswith(":")
            and _COMMENT_HEADER.search(key)
        ):
            headers.append(pos)
        seen += page.words[i]
    if len(headers) < MIN_COMMENT_HEADERS:
        return Found({})
    first = alive[headers[0]]
    why = f"after the first of {len(headers)} comment headers (line {page.blocks[first].line})"
    return Found(dict.fromkeys(alive[headers[0] :], why))


# A list of dated entries after the article: related posts or teasers each with its date, reviews,
# comments. Three or more date lines that the dateline rule took, each 1 to DATED_MAX_GAP blocks
# after the one before, mark the entries between them.
# With the rule (058b010: WCXB text word F1 0.8067 -> 0.8078, 32 pages changed).
DATED_MIN_DATES = 3
DATED_MAX_GAP = 5
DATED_DATE_WORDS = 6  # a date line, not a sentence that holds a date
DATED_ARTICLE_SHARE = 0.7
DATED_EARLIER_DATES = 2  # an article's own dateline, and one more


def _prose(page: Page, stop: Sequence[float], i: int) -> int:
    """The words of block ``i`` if it is prose (see ``text.prose_words``), else 0."""
    return prose_words(page.words[i], stop[i])


LABEL_SHAPE_WORDS = 15  # with the rule (058b010: WCXB text word F1 0.8067 -> 0.8078)


def _shape(page: Page, i: int) -> bool:
    """Whether a block reads like a label (a title, a name, a category) rather than text."""
    return page.words[i] <= LABEL_SHAPE_WORDS and not ends_sentence(page.text(i))


def _dated_chains(
    page: Page, alive: list[int], removed: Mapping[int, Verdict]
) -> tuple[list[list[int]], list[int]]:
    """Chains of date lines (block indexes) with 1 to DATED_MAX_GAP alive blocks between each
    date and the next, at least DATED_MIN_DATES long; and every date line."""
    dates = sorted(
        i
        for i, (rule, _) in removed.items()
        if rule == "dateline" and page.words[i] <= DATED_DATE_WORDS
    )
    chains: list[list[int]] = []
    chain: list[int] = []
    last_pos = -1
    for i in dates:
        pos = bisect_left(alive, i)  # alive blocks before the date line
        if chain and 1 <= pos - last_pos <= DATED_MAX_GAP:
            chain.append(i)
        else:
            if len(chain) >= DATED_MIN_DATES:
                chains.append(chain)
            chain = [i]
        last_pos = pos
    if len(chain) >= DATED_MIN_DATES:
        chains.append(chain)
    return chains, dates


def dated_list(page: Page, alive: list[int], ctx: Context) -> Found:
    """A list of dated entries after the article, like related posts with their dates, or
    reviews: the blocks between three or more date lines, each a few blocks after the one
    before, and the blocks beyond the first and last dates that have the entries' shape (label
    or text). Only once the article is behind it: most of the page's prose outside the list
    lies before it, more than the list holds, and at most DATED_EARLIER_DATES date lines
    come before it. A forum thread, whose every post has its date, or a listing of dated
    teasers, which starts before the page's prose, is the page's content and stays."""
    chains, dates = _dated_chains(page, alive, ctx.removed)
    if not chains:
        return Found({})
    sums = [0]  # prose words in alive[:k]
    for i in alive:
        sums.append(sums[-1] + _prose(page, ctx.stop, i))
    out: dict[int, str] = {}
    for chain in chains:
        earlier = bisect_left(dates, chain[0])
        if earlier > DATED_EARLIER_DATES:
            continue
        first = bisect_left(alive, chain[0])  # alive position right after the first date
        last = bisect_left(alive, chain[-1])  # alive position right after the last date
        lo, hi = first, last  # the entries: alive[lo:hi]
        gap = bisect_left(alive, chain[1]) - first
        for j in range(1, gap + 1):
            k = first - j
            if k < 0 or _shape(page, alive[k]) != _shape(page, alive[first + gap - j]):
                break
            lo = k
        gap = last - bisect_left(alive, chain[-2])
        for j in range(gap):
            k = last + j
            if k >= len(alive) or _shape(page, alive[k]) != _shape(page, alive[last - gap + j]):
                break
            hi = k + 1
        before, inside, after = sums[lo], sums[hi] - sums[lo], sums[-1] - sums[hi]
        if (
            before < MIN_ARTICLE_WORDS
            or before < DATED_ARTICLE_SHARE * (before + after)
            or inside > before
        ):
            continue
        lines = ", ".join(str(page.blocks[d].line) for d in chain[:5])
        more = ", ..." if len(chain) > 5 else ""
        why = f"entry of a list of {len(chain)} dated entries after the article (dates on lines {lines}{more})"
        out.update(dict.fromkeys(alive[lo:hi], why))
    return Found(out)


# An author's box after the article: the byline's name alone, or a paragraph that opens with the
# name ("Cassidy Horton is a finance writer ...") or with the first name and a verb ("Sam is the
# VP of Marketing ...", "Jeanne est journaliste ...").
# The name a byline gives: its first one to four words.
_BIO_NAME = re.compile(r"[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,3}")
# (the verbs: ``data/words/bio_verbs``, compared with the page's words lower-cased).
_BIO_VERBS = frozenset(word_list("bio_verbs", folded=False))
# With the rule (1ddd339, on both benchmarks; see its message for the figures).
BIO_MAX_WORDS = 150
BIO_ARTICLE_SHARE = 0.7
# A byline's name to look for: two words or more, four characters or more (a lone "Staff"
# names nobody); with the rule, like the two above.
BIO_NAME_WORDS = 2
BIO_NAME_CHARS = 4


def _byline_name(page: Page, i: int) -> str | None:
    """The name a byline block gives ("By Sarah Whitfield, Senior Writer" -> "Sarah Whitfield")."""
    found = _byline_rest(page, i)
    m = _BIO_NAME.match(found[1]) if found else None
    return m.group(0) if m else None


def _opens_with(text: str, names: dict[str, int], firsts: frozenset[str]) -> str | None:
    """The name (of ``names``, two to four words) that ``text`` opens with, or the first name
    (of ``firsts``) that opens it before a verb; a possessive ("Sarah Whitfield's book")
    opens nothing.

    >>> names = {"Sarah Whitfield": 1}
    >>> [_opens_with(t, names, frozenset({"Sarah"})) for t in
    ...  ("Sarah Whitfield, a reporter, lives here.", "Sarah is a reporter.", "Sarah Whitfield's book")]
    ['Sarah Whitfield', 'Sarah', None]
    """
    tokens = text.split(maxsplit=4)
    for m in range(min(4, len(tokens)), 1, -1):
        candidate = " ".join(tokens[:m]).rstrip(",;:")
        if candidate in names:
            return candidate
    if len(tokens) > 1 and tokens[0] in firsts and tokens[1].lower() in _BIO_VERBS:
        return tokens[0]
    return None


def author_bio(page: Page, alive: list[int], ctx: Context) -> Found:
    """The author's box after the article: once most of the page's prose is behind, a block
    that is the name a byline gave, or a paragraph of at most BIO_MAX_WORDS words that opens
    with that name, or with its first name and a verb ("Sam is ...")."""
    names: dict[str, int] = {}  # name -> line of its byline
    for i, (rule, _) in ctx.removed.items():
        if rule == "byline":
            name = _byline_name(page, i)
            if name and len(name) >= BIO_NAME_CHARS and len(name.split()) >= BIO_NAME_WORDS:
                names.setdefault(name, page.blocks[i].line)
    if not names:
        return Found({})
    firsts = frozenset(name.split()[0] for name in names)

    total = sum(_prose(page, ctx.stop, i) for i in alive)
    seen = 0
    out: dict[int, str] = {}
    for i in alive:
        if seen >= MIN_ARTICLE_WORDS and seen >= BIO_ARTICLE_SHARE * total:
            text = page.text(i)
            if text in names:
                out[i] = f"the author's name, after the article (byline on line {names[text]})"
            elif page.words[i] <= BIO_MAX_WORDS and (who := _opens_with(text, names, firsts)):
                out[i] = f'the author\'s biography, after the article ("{who} ...")'
        seen += _prose(page, ctx.stop, i)
    return Found(out)


# A line of fewer than this many words on the page three times or more is a label of the
# content's own structure ("Eat every 2-3 hours" on each day of a meal plan, a row heading of a
# schedule): every copy stays. A title or a dek comes back once, a paragraph copied for another
# layout comes back whole: those still go. On the benchmarks: scrapinghub HTML 4-shingle
# +0.002, WCXB HTML word F1 +0.001, WCXB text -0.0002.
_LABEL_WORDS = 20
_LABEL_COPIES = 3


def duplicate_block(page: Page, alive: list[int], ctx: Context) -> Found:
    """A paragraph or the title repeated: the first copy stays. A short line repeated three
    times or more is a label of the page's own structure, and every copy stays."""
    seen: dict[str, int] = {}
    out: dict[int, str] = {}
    copies = Counter(page.keys[i] for i in alive)
    for i in alive:
        key = page.keys[i]
        n = page.words[i]
        if n < 3 or (n < _LABEL_WORDS and copies[key] >= _LABEL_COPIES):
            continue
        first = seen.get(key)
        if first is None:
            seen[key] = i
        else:
            out[i] = f"repeats line {page.blocks[first].line}"
    return Found(out)


# A stray fragment: at most FRAGMENT_WORDS words, or one word of at most FRAGMENT_CHARS
# characters ("»", "Nr."). First version (94f21b2, no measurement recorded).
FRAGMENT_WORDS = 6
FRAGMENT_CHARS = 3


def stray_fragment(page: Page, alive: list[int], ctx: Context) -> Found:
    """A short non-sentence left at the top or bottom edge of the page, like a lone
    "président Abdelmadjid Tebboune" cut from a caption."""
    out: dict[int, str] = {}

    def is_fragment(i: int) -> bool:
        text = page.text(i)
        return (
            i != ctx.title
            and page.words[i] <= FRAGMENT_WORDS
            and not ends_sentence(text)
            and (starts_lower(text) or (page.words[i] <= 1 and len(text) <= FRAGMENT_CHARS))
        )

    for order in (alive, list(reversed(alive))):
        for i in order:
            if not is_fragment(i):
                break
            out[i] = "short fragment at the edge of the page, not a sentence"
    return Found(out)
