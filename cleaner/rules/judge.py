"""The registry of rules, in order, and the Judge that runs them over a page."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from ..phrases import data_lines, fold, load, merged
from ..segment import Block
from ..text import stop_share, stoplist
from ..types import Config, budget_clock
from .blocks import (
    _credit_patterns,
    breadcrumb,
    byline,
    copyright_footer,
    credit_candidates,
    crumb_candidates,
    date_candidates,
    dateline,
    footer_candidates,
    photo_credit,
    phrase_candidates,
    read_more,
    ui_candidates,
    ui_string,
)
from .no_article import no_article
from .page import (
    BlockRule,
    Context,
    Note,
    Page,
    Rule,
    Verdict,
    _guess_may_change,
    _OutOfTime,
    read_page,
    resample_stoplist,
)
from .sections import (
    author_bio,
    comment_section,
    comment_thread,
    dated_list,
    duplicate_block,
    nav_ticker,
    stray_fragment,
)
from .zones import CONTEXT_RULES, LOW_CONTENT, OUTSIDE_ARTICLE, boilerplate_zone, find_title

RULES: tuple[Rule, ...] = (
    Rule(
        "nav_ticker",
        "headline tickers and headline lists: 'À la une', 'Most read'",
        page=nav_ticker,
    ),
    Rule("comment_section", "readers' comments after the article", page=comment_section),
    Rule(
        "read_more",
        "links to other articles: 'Lire aussi | ...', 'Read more:'",
        block=read_more,
        candidates=phrase_candidates,
    ),
    Rule(
        "photo_credit",
        "captions and photo credits: '(NAME / AFP)', 'Photo: ...'",
        block=photo_credit,
        candidates=credit_candidates,
    ),
    Rule(
        "ui_string",
        "buttons, prompts, counters, cookie and newsletter boxes",
        block=ui_string,
        candidates=ui_candidates,
    ),
    Rule(
        "breadcrumb",
        "navigation trails: 'Accueil > Monde'",
        block=breadcrumb,
        candidates=crumb_candidates,
    ),
    Rule(
        "byline",
        "author lines: 'Par Nadia El Amrani', 'By Sarah Whitfield'",
        block=byline,
        candidates=phrase_candidates,
    ),
    Rule(
        "dateline",
        "publication dates: 'Publié le ...', 'Updated 3 hours ago'",
        block=dateline,
        candidates=date_candidates,
    ),
    Rule(
        "copyright_footer",
        "copyright and legal footers: '© 2024 ...'",
        block=copyright_footer,
        candidates=footer_candidates,
    ),
    Rule(
        "dated_list",
        "a list of dated entries after the article: related posts, reviews",
        page=dated_list,
        reads=frozenset({"dateline"}),
    ),
    Rule(
        "author_bio",
        "the author's name and biography after the article",
        page=author_bio,
        reads=frozenset({"byline"}),
    ),
    # Before the zone heuristics, so they judge the page as a second cleaning would see it:
    # a repeated paragraph no longer vouches for the short lines around it.
    # The title is found once the phrase rules have cleared the page's header.
    Rule(
        "duplicate_block",
        "a paragraph or the title repeated",
        page=duplicate_block,
        reads_title=True,
    ),
    Rule(
        "stray_fragment",
        "a short non-sentence at the edges of the page",
        page=stray_fragment,
        reads_title=True,
    ),
    Rule(
        "boilerplate_zone",
        "jusText-like: low-content blocks, and short blocks outside the article",
        page=boilerplate_zone,
        heuristic=True,
        emits=(
            (LOW_CONTENT, "long blocks with few stopwords (a block of the zone layer)"),
            (OUTSIDE_ARTICLE, "blocks outside the article's extent (a block of the zone layer)"),
        ),
        # The lines those rules took are boilerplate that no block vouches across; the footer
        # starts at a copyright line.
        reads=CONTEXT_RULES,
        reads_title=True,
    ),
    # After the zone heuristics, which already judge a thread on a flattened page; it matters
    # most after an HTML extractor that kept the comments.
    Rule(
        "comment_thread",
        "readers' comments under headers like 'NAME says:', after the article",
        page=comment_thread,
    ),
    # Last: it judges what every other rule left.
    Rule(
        "no_article",
        "every line of a page with no article: an error page, an empty search, a login or "
        "cookie wall",
        page=no_article,
    ),
)


def check_order(rules: Iterable[Rule]) -> None:
    """Raise ``ValueError`` when a rule reads the verdicts of a rule that does not come before
    it, or when two rules give the same audit name: the order of ``RULES`` is a dependency
    graph, declared by each rule's ``reads`` and checked here.

    >>> check_order(RULES)
    >>> thread = next(r for r in RULES if r.name == "comment_thread")
    >>> check_order([thread, Rule("x", "reads comment_thread", reads=frozenset({"comment_thread"}))])
    >>> check_order([Rule("x", "reads a later rule", reads=frozenset({"byline"}))])
    Traceback (most recent call last):
    ...
    ValueError: rule x reads byline, which no earlier rule gives
    """
    given: set[str] = set()
    for rule in rules:
        for read in sorted(rule.reads - given):
            raise ValueError(f"rule {rule.name} reads {read}, which no earlier rule gives")
        for name in rule.names:
            if name in given:
                raise ValueError(f"rule {rule.name} gives {name}, which an earlier rule gives")
            given.add(name)


check_order(RULES)

# Every name a user can disable (``Config.disabled_rules``), as ``clean --list-rules`` shows
# them: each rule's name, then the audit names it gives besides its own.
RULE_NAMES: tuple[str, ...] = tuple(name for r in RULES for name in r.names)
# What the blocks of each name are.
RULE_DESCRIPTIONS: Mapping[str, str] = {
    name: description for r in RULES for name, description in ((r.name, r.description), *r.emits)
}


def rules_table() -> str:
    """The registry as the README shows it: one row per name a user can disable, in order, with
    what it removes, the rules whose verdicts it reads, and its phrase lists' languages.

    >>> rules_table().splitlines()[2].split(" | ")[0]
    '| `nav_ticker`'
    """
    from ..phrases import available_languages

    rows = [
        "| name | removes | reads | phrase lists |",
        "|---|---|---|---|",
    ]
    for rule in RULES:
        reads = ", ".join(f"`{r}`" for r in sorted(rule.reads)) or "-"
        for name in rule.names:
            langs = ", ".join(available_languages(name)) or "-"
            what = RULE_DESCRIPTIONS[name].replace("|", "\\|")
            rows.append(
                f"| `{name}` | {what} | {reads if name == rule.name else f'given by `{rule.name}`'} | {langs} |"
            )
    return "\n".join(rows)


# ---------------------------------------------------------------------------------- judging


@dataclass(slots=True)
class Verdicts:
    """Which blocks went, by which rule and why; what the page's title is."""

    removed: dict[int, Verdict] = field(default_factory=dict)
    title: str | None = None
    title_index: int | None = None
    notes: list[Note] = field(default_factory=list)
    out_of_time: bool = False
    lang: str | None = None  # the language whose stopwords fit the page best
    # The feature pass's folded lines, word counts and stopword shares (with ``lang``'s list),
    # for the metadata read after the rules; ``None`` when the run stopped before them.
    keys: Sequence[str] | None = None
    words: Sequence[int] | None = None
    stop: Sequence[float] | None = None

    def removed_in_order(self, blocks: list[Block]) -> Iterator[tuple[Block, Verdict]]:
        for i in sorted(self.removed):
            yield blocks[i], self.removed[i]


class Judge:
    """Runs ``RULES`` over a page. Holds the compiled matchers; cheap to reuse."""

    def __init__(self, config: Config) -> None:
        self.config = config
        langs = config.languages
        self.matchers = {
            name: load(name, langs)
            for name in (
                "read_more", "photo_credit", "ui_string", "breadcrumb", "byline",
                "dateline", "copyright_footer", "nav_ticker", "comment_section",
            )
        }  # fmt: skip
        agencies = tuple(fold(line) for line in _agency_lines())
        self.matchers["photo_credit"].agencies = agencies  # type: ignore[attr-defined]
        self.phrases = merged(tuple(self.matchers.values()))
        self.credit = _credit_patterns(agencies)
        check_order(RULES)
        disabled = config.disabled_rules
        # A disabled rule does not run; a disabled name that a running rule gives besides its
        # own (``low_content``) only has its verdicts dropped: its blocks are kept.
        self.disabled = frozenset(disabled)
        self.rules = tuple(
            r
            for r in RULES
            if r.name not in disabled
            and not set(r.names) <= disabled
            and (config.heuristics or not r.heuristic)
        )
        # The rules in order, consecutive block rules grouped.
        self.steps: list[Rule | tuple[Rule, ...]] = []
        for r in self.rules:
            if r.block is None:
                self.steps.append(r)
            elif self.steps and isinstance(self.steps[-1], tuple):
                self.steps[-1] += (r,)
            else:
                self.steps.append((r,))

    def page(self, blocks: list[Block], lang: str | None, deadline: float = float("inf")) -> Page:
        """The page's features (see ``page.read_page``), with this Judge's matchers."""
        return read_page(blocks, lang, self.matchers, self.phrases, deadline)

    def context(self, page: Page) -> Context:
        """What a run knows before any rule: no verdicts, the page's first stopword guess, no
        title."""
        return Context({}, page.lang, page.stop, None, {}, self.credit)

    @staticmethod
    def _settle_stoplist(
        page: Page, removed: Mapping[int, Verdict], hint: str | None
    ) -> tuple[str | None, list[float]] | None:
        """The stopword list guessed again from the blocks the phrase rules left, and each
        block's stopword share with it; None when it stays the page's first guess. Menus,
        buttons and cookie boxes in another language than the article's (English UI strings on
        a French page) no longer sway it, and the guess is the same when the clean text is
        cleaned again. The block statistics are redone only when the guess changes."""
        if hint and stoplist(hint):
            return None
        if not _guess_may_change(page, removed):
            return None
        guessed, stops = resample_stoplist(page, removed)
        if guessed == page.lang:
            return None
        return guessed, [stop_share(page.tokens(i), stops) for i in range(len(page.keys))]

    @staticmethod
    def _run_block_rule(
        rule: Rule,
        page: Page,
        alive: list[int],
        ctx: Context,
        removed: dict[int, Verdict],
        notes: list[Note],
        deadline: float,
    ) -> bool:
        """Ask ``rule`` about its candidates among ``alive`` that no earlier rule took, adding
        its verdicts to ``removed`` and its notes to ``notes``; True when the time budget ran
        out."""
        fn: BlockRule | None = rule.block
        assert fn is not None
        name = rule.name
        candidates = rule.candidates(page, alive) if rule.candidates else alive
        for k, i in enumerate(candidates):
            if i in removed:
                continue
            if k % 256 == 0 and budget_clock() > deadline:
                return True
            evidence = fn(page, i, ctx)
            if isinstance(evidence, Note):
                notes.append(evidence)
            elif evidence:
                removed[i] = Verdict(name, evidence)
        return False

    def run(self, blocks: list[Block], *, lang: str | None, deadline: float) -> Verdicts:
        if budget_clock() > deadline:
            return Verdicts(out_of_time=True)
        try:
            page = self.page(blocks, lang, deadline)
        except _OutOfTime:
            return Verdicts(out_of_time=True)
        # The run's state, which the rules read through a Context and only the Judge writes:
        # the verdicts so far, the notes, the stoplist (settled once the phrase rules ran), the
        # title's block (found before the first rule that reads it).
        verdicts = Verdicts(lang=page.lang)
        removed, notes = verdicts.removed, verdicts.notes
        ctx = self.context(page)
        phrases_done = False
        # The blocks no rule took yet, made again (from the last list) after a rule took some.
        alive = list(range(len(blocks)))
        for step in self.steps:
            if len(alive) + len(removed) != len(blocks):
                alive = [i for i in alive if i not in removed]
            if isinstance(step, tuple):
                # Consecutive block rules, one after the other over their candidates: a block
                # rule looks at its own block only, so each sees just the blocks the earlier
                # rules left, as in one pass block by block (and only read_more gives notes,
                # which come in block order either way).
                for rule in step:
                    if self._run_block_rule(rule, page, alive, ctx, removed, notes, deadline):
                        verdicts.out_of_time = True
                        break
                if verdicts.out_of_time:
                    break
                if not phrases_done:
                    phrases_done = True
                    settled = self._settle_stoplist(page, removed, lang)
                    if settled is not None:
                        ctx = ctx._replace(lang=settled[0], stop=settled[1], classes={})
                continue
            rule = step
            if ctx.title is None and rule.reads_title:
                ctx = ctx._replace(title=find_title(page, alive, ctx))
            if rule.page is not None:
                if budget_clock() > deadline:
                    verdicts.out_of_time = True
                    break
                reads = rule.reads
                seen = {i: v for i, v in removed.items() if v.rule in reads} if reads else {}
                found = rule.page(page, alive, ctx._replace(removed=seen))
                for i, evidence in found.verdicts.items():
                    verdict = (
                        evidence if isinstance(evidence, Verdict) else Verdict(rule.name, evidence)
                    )
                    if verdict.rule not in rule.names:
                        raise AssertionError(f"{rule.name} gave {verdict.rule}, not declared")
                    if i != ctx.title and verdict.rule not in self.disabled:
                        removed[i] = verdict
                notes.extend(found.notes)
        title = ctx.title
        if title is None:
            title = find_title(page, [i for i in alive if i not in removed], ctx)
        verdicts.lang = ctx.lang
        verdicts.keys, verdicts.words, verdicts.stop = page.keys, page.words, ctx.stop
        if title is not None and title not in removed:
            verdicts.title = blocks[title].text
            verdicts.title_index = title
        return verdicts


def _agency_lines() -> list[str]:
    return data_lines("agencies.txt")
