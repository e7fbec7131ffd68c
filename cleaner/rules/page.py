"""The page the rules judge: its blocks, their folded keys and word statistics, the phrase
matchers (a frozen ``Page``, built once by the feature pass); what a run knows so far (a
``Context``); the shape of a rule and of what it finds (``Found``, ``Note``); the stopword guess
made again once the phrase rules ran."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from .. import text as _text
from ..phrases import Hit, Matcher, fold_lines
from ..segment import Block
from ..text import (
    _STOPLIST_LANGS,
    _best_stoplist,
    _stopword_index,
    guess_stoplist,
    stoplist,
    stopword_hits,
    words,
)
from ..text import runs as text_runs
from ..types import budget_clock


class Verdict(NamedTuple):
    """Why a block goes: the name of the rule that took it (the audit's name, one a user can
    disable) and its evidence."""

    rule: str
    evidence: str


class Class(StrEnum):
    """A block's class in the jusText-like layer (see ``zones``)."""

    GOOD = "good"
    NEAR = "near-good"
    SHORT = "short"
    BAD = "bad"
    # A good block kept outside the article's extent (see boilerplate_zone): judged, and looked
    # through when its neighbours are judged.
    AHEAD = "ahead"
    # A line of code or a table row: weighs nothing in the article's extent.
    CODE = "code"


class Judged(NamedTuple):
    """A block's class, and why."""

    cls: Class
    why: str


class Note(NamedTuple):
    """Something a rule kept in doubt, and why: a line (``line``: "line 12: kept, starts with
    ...") or the whole page (no line: "boilerplate_zone: no article found ..."). The notes go
    to the result in the order the rules gave them."""

    rule: str
    text: str
    line: int | None = None

    def __str__(self) -> str:
        if self.line is not None:
            return f"line {self.line}: {self.text}"
        return f"{self.rule}: {self.text}"


# The photo-credit patterns for the agencies (see ``blocks._credit_patterns``): a credit at the
# end of a block, and one anywhere in it.
CreditPatterns = tuple[re.Pattern[str], re.Pattern[str]]


@dataclass(frozen=True, slots=True)
class Page:
    """What the rules see: the blocks, their folded keys and word statistics, and the phrase
    matchers. Built once per document by the feature pass (``read_page``) and never changed:
    what a run learns as the rules go is in its ``Context``."""

    blocks: list[Block]
    keys: list[str]
    words: list[int]
    # The stopword share of each block with the page's first stopword guess (``lang``); the run
    # may settle on another list (see ``Context.stop``).
    stop: list[float]
    matchers: dict[str, Matcher]
    lang: str | None = None
    # Every rule's phrases in one matcher (see ``phrases.merged``) and, per block, whether it
    # starts with one of them and whether its words can start an anywhere-phrase (see
    # Judge.page): the rules skip the blocks where none of their phrases can be.
    phrases: Matcher | None = None
    starts: list[bool] | None = None
    maybe_anywhere: list[bool] | None = None
    # A memo of ``_may_hold_anywhere`` (the value is the page's own: filled as asked).
    _anywhere_hits: dict[int, bool] = field(default_factory=dict)
    # The stopword guess's sample (see Judge.page): the words of the first blocks, which
    # blocks gave how many of the sampled words, and the stopword hits per language.
    head: list[list[str]] = field(default_factory=list)
    sample_spans: list[tuple[int, int]] = field(default_factory=list)
    sample_hits: dict[str, int] = field(default_factory=dict)

    def text(self, i: int) -> str:
        return self.blocks[i].text

    def tokens(self, i: int) -> list[str]:
        """The words of block ``i`` (kept from the stopword sample for the first blocks)."""
        return self.head[i] if i < len(self.head) else words(self.keys[i])

    def prefix(self, rule: str, i: int) -> Hit | None:
        """The phrase of ``rule`` that block ``i`` starts with (see ``Matcher.prefix``)."""
        if self.starts is not None and not self.starts[i]:
            return None
        return self.matchers[rule].prefix(self.keys[i])

    def whole(self, rule: str, i: int) -> Hit | None:
        """The phrase of ``rule`` that block ``i`` is (see ``Matcher.whole``)."""
        if self.starts is not None and not self.starts[i]:
            return None
        return self.matchers[rule].whole(self.keys[i])

    def anywhere(self, rule: str, i: int) -> Hit | None:
        """The first phrase of ``rule`` in block ``i`` (see ``Matcher.anywhere``)."""
        if self.maybe_anywhere is not None and not self.maybe_anywhere[i]:
            return None
        if not self._may_hold_anywhere(i):
            return None
        return self.matchers[rule].anywhere(self.keys[i])

    def may_hold_phrase(self, i: int) -> bool:
        """False when block ``i`` can hold no rule's phrase: it starts with none, and no
        anywhere-phrase is in it."""
        return bool(
            (self.starts is None or self.starts[i])
            or self.maybe_anywhere is None
            or self.maybe_anywhere[i]
        )

    def _may_hold_anywhere(self, i: int) -> bool:
        """False when no rule's anywhere-phrase is in block ``i``."""
        if self.phrases is None:
            return True
        if self.maybe_anywhere is not None and not self.maybe_anywhere[i]:
            return False
        hit = self._anywhere_hits.get(i)
        if hit is None:
            hit = self._anywhere_hits[i] = self.phrases.anywhere(self.keys[i]) is not None
        return hit


# Words of article-like text a page needs before its article is measured or left behind.
MIN_ARTICLE_WORDS = 60
_HAS_DIGIT = re.compile(r"\d")


class Context(NamedTuple):
    """What a run knows when a rule is asked, passed to it by the Judge: the page itself never
    changes."""

    # The verdicts so far of the rules this rule reads (its ``Rule.reads``; no others).
    removed: Mapping[int, Verdict]
    # The stopword list the run settled on (see ``Judge._settle_stoplist``), and each block's
    # stopword share with it.
    lang: str | None
    stop: Sequence[float]
    # The title's block, once found (for the rules that read it, ``Rule.reads_title``).
    title: int | None
    # A memo of ``zones.classify`` for this stoplist (a block's class is a function of the page
    # and ``stop``: filled as asked, new when the stoplist changes).
    classes: dict[int, Judged]
    # The photo-credit patterns, built once by the Judge from its matchers.
    credit: CreditPatterns


class Found(NamedTuple):
    """What a page rule found: its verdicts (the evidence under the rule's own name, or a
    ``Verdict`` under another of the names it emits) and its notes."""

    verdicts: Mapping[int, str | Verdict]
    notes: tuple[Note, ...] = ()


# A block rule's answer: evidence (the block goes), a note (the block stays, in doubt) or None.
BlockRule = Callable[[Page, int, Context], "str | Note | None"]
# The blocks a block rule can fire on, of the alive ones, from the page's features: a cheap
# filter that leaves out only blocks the rule would keep.
Candidates = Callable[[Page, list[int]], list[int]]
PageRule = Callable[[Page, list[int], Context], Found]


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule of the registry (see ``judge.RULES``).

    ``emits`` are the audit names it gives besides its own, each with what it removes: every
    one is a name a user can disable (its blocks are then kept). ``reads`` are the rules whose
    verdicts it reads (``Context.removed`` holds theirs and no others); they must come before
    it, which the Judge checks when it is built. ``reads_title`` asks for the page's title,
    found from the blocks left before it runs. A block rule's ``candidates`` are the blocks it can fire on (see ``Candidates``);
    the others are not asked.
    """

    name: str
    description: str
    block: BlockRule | None = None
    page: PageRule | None = None
    candidates: Candidates | None = None
    heuristic: bool = False
    emits: tuple[tuple[str, str], ...] = ()
    reads: frozenset[str] = frozenset()
    reads_title: bool = False
    # Every audit name the rule gives: its own, then those of ``emits``.
    names: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", (self.name, *(name for name, _ in self.emits)))


def resample_stoplist(
    page: Page, removed: Mapping[int, Verdict]
) -> tuple[str | None, frozenset[str]]:
    """The stopword guess on the first words of the blocks that are not ``removed`` (a
    repeated line counted once), like the first guess on the whole page."""
    sample: list[str] = []
    sampled: set[str] = set()
    for i, key in enumerate(page.keys):
        if len(sample) >= _text.STOPLIST_SAMPLE:
            break
        if i not in removed and key not in sampled:
            sampled.add(key)
            sample.extend(page.tokens(i))
    return guess_stoplist(sample, None)


def _guess_may_change(page: Page, removed: Mapping[int, Verdict]) -> bool:
    """False when ``resample_stoplist`` is sure to make the page's first guess: no sampled
    block was removed, or the guessed language leads by more than the removed blocks can
    change. Taking R sampled words out takes each language's hits down by its hits among them,
    and the R words that come into the sample in their place add at most R to any language."""
    index = _stopword_index()
    taken = 0
    taken_hits: dict[str, int] = {}
    for i, n in page.sample_spans:
        if i in removed:
            taken += n
            for token in page.head[i][:n]:
                for lang in index.get(token, ()):
                    taken_hits[lang] = taken_hits.get(lang, 0) + 1
    if not taken:
        return False
    best = page.lang
    if best is None or best not in page.sample_hits:
        return True
    hits = page.sample_hits
    floor = hits[best] - taken_hits.get(best, 0)
    return any(
        hits.get(lang, 0) - taken_hits.get(lang, 0) + taken >= floor
        for lang in _STOPLIST_LANGS
        if lang != best
    )


class _OutOfTime(Exception):
    """The document's time budget ran out while the page was being prepared."""


# Past this many words a block is not prefiltered for anywhere-phrases (marked "maybe"): no rule
# looks for one in so long a block (ui_string stops at 90 words), and its many words would cost
# the prefilter more than it saves.
PREFILTER_MAX_WORDS = 90


DEADLINE_STRIDE = 256  # blocks between two looks at the clock: a few milliseconds of work


def read_page(
    blocks: list[Block],
    lang: str | None,
    matchers: dict[str, Matcher],
    phrases: Matcher,
    deadline: float = float("inf"),
) -> Page:
    """The feature pass: the page the rules read, computed once before any of them. Per block
    its folded key (``phrases.fold_lines``), its words and their count, its stopword share (the
    stopword list guessed from the page's first words, or the hinted language's), whether it
    starts with a phrase of any rule's lists and whether one of their anywhere-phrases can be in
    it (``phrases``, every rule's phrases in one matcher). Raises ``_OutOfTime`` past
    ``deadline``, checked every ``DEADLINE_STRIDE`` blocks in each pass over them (on a big
    document the feature pass alone could otherwise outlast the time budget).
    """
    keys: list[str] = []
    for start in range(0, len(blocks), DEADLINE_STRIDE):
        if start and budget_clock() > deadline:
            raise _OutOfTime
        keys.extend(fold_lines([b.text for b in blocks[start : start + DEADLINE_STRIDE]]))
    # The language's stopwords from a sample of the first words, then one block at a time,
    # so no list of every word of the document is ever held (bounded memory on big inputs).
    # A repeated line counts once, so the guess is the same once duplicates are gone.
    head: list[list[str]] = []
    sample: list[str] = []
    sampled: set[str] = set()
    spans: list[tuple[int, int]] = []  # (block, how many of its words are in the sample)
    for k, key in enumerate(keys):
        if len(sample) >= _text.STOPLIST_SAMPLE:
            break
        head.append(words(key))
        if key not in sampled:
            sampled.add(key)
            spans.append((k, min(len(head[-1]), _text.STOPLIST_SAMPLE - len(sample))))
            sample.extend(head[-1])
    hits: dict[str, int] = {}
    guessed: str | None
    if lang and stoplist(lang):
        guessed, stops = lang, stoplist(lang)
    else:
        hits = stopword_hits(sample[: _text.STOPLIST_SAMPLE])
        guessed, stops = _best_stoplist(hits)
    # Per block, in one loop: its word count, its stopword share, and whether an
    # anywhere-phrase can be in it (``Matcher.may_hold_anywhere``, its first test inlined).
    may_hold, lead = phrases.may_hold_anywhere, phrases.anywhere_lead_search
    no_first_run = phrases.anywhere_runs.isdisjoint
    is_stop = stops.__contains__
    words_: list[int] = []
    stop: list[float] = []
    maybe_anywhere: list[bool] = []
    n_head = len(head)
    # The three are functions of the key: a repeated line (a fifth of a page's lines: menus,
    # buttons, labels) takes them from its first copy.
    done: dict[str, tuple[int, float, bool]] = {}
    for k, key in enumerate(keys):
        if k % DEADLINE_STRIDE == 0 and k and budget_clock() > deadline:
            raise _OutOfTime
        known = done.get(key)
        if known is None:
            ts = head[k] if k < n_head else words(key)
            n = len(ts)
            # The words are the key's runs of word characters, unless joined by ' or -.
            runs = text_runs(key) if "'" in key or "-" in key or "’" in key else ts
            if n > PREFILTER_MAX_WORDS:
                maybe = True  # a maybe: the phrase search decides, if asked
            elif no_first_run(runs):
                maybe = lead is not None and lead(key) is not None
            else:
                maybe = may_hold(key, runs)
            share = sum(map(is_stop, ts)) / n if n and stops else 0.0  # see stop_share
            known = done[key] = (n, share, maybe)
        words_.append(known[0])
        stop.append(known[1])
        maybe_anywhere.append(known[2])
    return Page(
        blocks,
        keys,
        words_,
        stop,
        matchers,
        lang=guessed,
        phrases=phrases,
        starts=phrases.may_start_all(keys),
        maybe_anywhere=maybe_anywhere,
        head=head,
        sample_spans=spans,
        sample_hits=hits,
    )
