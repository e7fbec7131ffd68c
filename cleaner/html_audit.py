"""How the extractor's text lines up with the page's visible lines: the lines it left out
(audited as ``html_extractor``), the share of the page's prose it kept, and the prose
paragraphs it missed between or beside the ones it kept (put back).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from itertools import accumulate, islice

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from .phrases import fold
from .text import STOPLIST_SAMPLE, ends_sentence, guess_stoplist, stop_share, words
from .types import Removal

# Beyond this many characters compared (visible lines x extracted text), a visible line is
# looked for only near where the previous long line was found (both texts are in page order),
# so the audit stays linear on huge pages.
_FULL_SEARCH_BUDGET = 50_000_000
_ALIGN_WINDOW = 20_000
_ANCHOR_CHARS = 40


def _left_out(visible: str, extracted: str) -> list[Removal]:
    r"""Lines of the page's visible text found nowhere in the extracted text (compared with
    spaces squashed, so a line the extractor merged into a paragraph counts as kept).

    >>> [(r.rule, r.text) for r in _left_out("Menu\n\nA first  paragraph.\n\nFooter", "A first paragraph.")]
    [('html_extractor', 'Menu'), ('html_extractor', 'Footer')]
    """
    lines = [squashed for line in visible.split("\n") if (squashed := " ".join(line.split()))]
    return _left_out_lines(lines, extracted)


def _left_out_lines(lines: list[str], extracted: str) -> list[Removal]:
    """``_left_out`` of visible lines already squashed, none empty (see ``_visible_lines``)."""
    kept = " ".join(extracted.split())
    full = len(lines) * len(kept) <= _FULL_SEARCH_BUDGET
    out: list[Removal] = []
    pos = 0
    # Repeated lines (share buttons, "Reply", menus) are looked for once in a full search.
    known: dict[str, int] = {}
    for line in lines:
        if full:
            found = known.get(line, -2)
            if found == -2:
                found = known[line] = kept.find(line)
        else:
            found = kept.find(line, pos, pos + _ALIGN_WINDOW + len(line))
            if found >= 0 and len(line) >= _ANCHOR_CHARS:
                pos = found + len(line)
        if found < 0:
            out.append(Removal("html_extractor", line, "outside the main content", 0))
    return out


# A visible line trafilatura left out between two of the paragraphs it kept is put back when it
# reads as a paragraph of the article: _RESCUE_WORDS words or more, a sentence's end, a stopword
# share of good text (see rules.classify), not a truncated teaser, not a caption. trafilatura
# takes one container for the article and misses the paragraphs a page splits into others (ads
# or widgets between them); on WCXB dev this gains 0.012 word F1 and leaks no more boilerplate.
# After the last kept paragraph, prose is as often a teaser, a comment or an author's bio: there
# only a run of _RESCUE_RUN such paragraphs right after it (a line of at most _RESCUE_GAP_WORDS
# words, like "Advertisement", between two of them) continues the article. That run gains 0.004
# scrapinghub word F1 (two pages, none worse) and leaves WCXB unchanged; any prose after the last
# kept paragraph, or runs of two, cost precision on both. The same run right before the first
# kept paragraph is the article's beginning, in a container of its own (two WCXB pages gain
# 0.06 each, none worse; runs of two also take in a dek or a promotion before the article).
_RESCUE_WORDS = 15
_RESCUE_STOPWORDS = 0.3
_RESCUE_RUN = 3
_RESCUE_GAP_WORDS = 3
_CAPTIONS = "figure, figcaption, [class*=caption], [class*=Caption]"
# The fast pass sometimes takes one section of an article for all of it (its first <div> of
# several). When it kept under _FALLBACK_PROSE_SHARE of the words of the page's prose lines (at
# least _MIN_PROSE_WORDS of them; see _kept_prose_share), trafilatura's fallbacks are asked;
# their text replaces the fast pass's when it is longer and holds at least _FALLBACK_HOLDS of
# its paragraphs (it extends the article, not swaps it for a cookie notice). On WCXB dev the
# fallbacks run on 110 more pages and 10 read their text: 6 gain 2.2 word F1 in all, 4 lose
# 0.33 (HTML word F1 +0.0013, about 1.5 ms a page more); scrapinghub and the seeds are
# unchanged. Shares of 0.4 to 0.75 change the same pages.
_FALLBACK_PROSE_SHARE = 0.5
_MIN_PROSE_WORDS = 150
_FALLBACK_HOLDS = 0.5


def _kept_prose_share(lines: list[str], text: str, minimum: int = _MIN_PROSE_WORDS) -> float | None:
    r"""Share of the words of the page's prose lines (of ``_RESCUE_WORDS`` words or more, ending
    a sentence) found in ``text``; None when the page has under ``minimum`` such words
    (words are counted between spaces: a Chinese or Japanese page has none) or is too big to
    compare in full (see ``_FULL_SEARCH_BUDGET``).

    >>> para = "In ward {} the river rose in the night and the town woke up to find it in street {}."
    >>> lines = [para.format(k, k) for k in range(12)]
    >>> _kept_prose_share(lines, lines[0] + "\n\n" + lines[1] + "\n\n" + lines[2])
    0.25
    >>> _kept_prose_share(lines[:2], lines[0]) is None
    True
    """
    kept = " ".join(text.split())
    if len(lines) * len(kept) > _FULL_SEARCH_BUDGET:
        return None
    total = inside = 0
    for line in lines:
        if len(line) < _ANCHOR_CHARS or line.endswith(("...", "…")) or not ends_sentence(line):
            continue
        n = line.count(" ") + 1  # lines are squashed: one space between words
        if n < _RESCUE_WORDS:
            continue
        total += n
        if line in kept:
            inside += n
    return inside / total if total and total >= minimum else None


def _holds(text: str, part: str, share: float) -> bool:
    r"""Whether ``text`` holds at least ``share`` of the long paragraphs of ``part``, spaces
    squashed (False on pages too big to compare in full).

    >>> para = "The river rose in the night and the town woke up to find it in the streets."
    >>> _holds(f"A title\n\n{para}", f"{para}\n\nA paragraph the text does not hold at all.", 0.5)
    True
    >>> _holds("Something else entirely.", para, 0.5)
    False
    """
    paras = [" ".join(p.split()) for p in part.split("\n\n") if len(p) >= _ANCHOR_CHARS]
    squashed = " ".join(text.split())
    if len(paras) * len(squashed) > _FULL_SEARCH_BUDGET:
        return False
    return sum(p in squashed for p in paras) >= share * len(paras)


def _prose_run(lines: Iterable[str], prose: Callable[[str], bool]) -> list[str]:
    """The ``prose`` lines at the start of ``lines``, a line of at most ``_RESCUE_GAP_WORDS``
    words allowed between two of them.

    >>> _prose_run(["A long one.", "Ad", "Another.", "Menu item", "More"], lambda s: "." in s)
    ['A long one.', 'Another.']
    """
    run: list[str] = []
    gap = False
    for line in lines:
        if prose(line):
            run.append(line)
            gap = False
        elif not gap and len(line.split()) <= _RESCUE_GAP_WORDS:
            gap = True
        else:
            break
    return run


def _rescue_paragraphs(lines: list[str], text: str, tree: HTMLParser) -> tuple[str, int]:
    r"""``text`` with the prose paragraphs among the page's visible ``lines`` that lie between
    two paragraphs of ``text`` but are missing from it, or that follow its last paragraph or
    precede its first in a run of at least ``_RESCUE_RUN``, each in its place; and how many
    were put back.

    >>> first = "The river rose in the night and the town woke up to find it in the streets."
    >>> missed = "It was then that we all saw the water rise over the old bridge in the town."
    >>> last = "By the evening the water had gone down and the people were back in their homes."
    >>> lines = ["Menu", first, "Advertisement", missed, last, "More stories like this one."]
    >>> text, n = _rescue_paragraphs(lines, f"{first}\n\n{last}", HTMLParser("<p>x</p>"))
    >>> n, text.split("\n\n") == [first, missed, last]
    (1, True)
    """
    paras = text.split("\n\n")
    squashed = [" ".join(p.split()) for p in paras]
    kept = " ".join(squashed)
    if len(lines) * len(kept) > _FULL_SEARCH_BUDGET:
        return text, 0
    starts = list(accumulate((len(p) + 1 for p in squashed[:-1]), initial=0))
    # Each long line found in order in the kept text anchors to the paragraph that holds it.
    anchor = [-1] * len(lines)
    pos = 0
    for k, line in enumerate(lines):
        if len(line) >= _ANCHOR_CHARS:
            found = kept.find(line, pos, pos + _ALIGN_WINDOW + len(line))
            if found >= 0:
                anchor[k] = bisect_right(starts, found) - 1
                pos = found + len(line)
    anchored = [k for k, a in enumerate(anchor) if a >= 0]
    if len(anchored) < 2:
        return text, 0

    def missed_paragraph(line: str) -> bool:
        return (
            len(line) >= _ANCHOR_CHARS
            and not line.endswith(("...", "…"))
            and ends_sentence(line)
            # Not in the kept text in another form (a heading glued to its paragraph).
            and line[:_ANCHOR_CHARS] not in kept
            and line[-_ANCHOR_CHARS:] not in kept
        )

    candidates: list[tuple[int, str]] = []  # (paragraph it follows, line)
    previous = anchor[anchored[0]]
    for k in range(anchored[0], anchored[-1] + 1):
        if anchor[k] >= 0:
            previous = anchor[k]
        elif missed_paragraph(lines[k]):
            candidates.append((previous, lines[k]))
    run = _prose_run(islice(lines, anchored[-1] + 1, None), missed_paragraph)
    if len(run) >= _RESCUE_RUN:
        candidates.extend((len(paras) - 1, line) for line in run)
    lead = _prose_run(reversed(lines[: anchored[0]]), missed_paragraph)
    if len(lead) >= _RESCUE_RUN:
        candidates.extend((-1, line) for line in reversed(lead))
    if not candidates:
        return text, 0
    # The kept text's stopwords and the page's captions are read only for a candidate long
    # enough to need them (on WCXB dev, most pages with candidates have none).
    stops: frozenset[str] | None = None
    captions: set[str] | None = None
    inserts: dict[int, list[str]] = {}
    for after, line in candidates:
        tokens = words(fold(line))
        if len(tokens) < _RESCUE_WORDS:
            continue
        if stops is None:
            _, stops = guess_stoplist(words(fold(kept))[:STOPLIST_SAMPLE], None)
        if stop_share(tokens, stops) < _RESCUE_STOPWORDS:
            continue
        if captions is None:
            captions = {
                " ".join(n.text(deep=True, separator=" ").split()) for n in tree.css(_CAPTIONS)
            }
        if line not in captions:
            inserts.setdefault(after, []).append(line)
    if not inserts:
        return text, 0
    out: list[str] = list(inserts.get(-1, ()))
    for k, para in enumerate(paras):
        out.append(para)
        out.extend(inserts.get(k, ()))
    return "\n\n".join(out), sum(map(len, inserts.values()))
