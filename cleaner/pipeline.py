"""The pipeline, top to bottom in one function: decode, repair, normalize, (extract), segment,
judge, assemble, detect language."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from . import html as html_mode
from .content_lists import keep_content_lists
from .decode import check_text, decode
from .langid import LanguageDetector, make_detector
from .memory import give_back
from .metadata import Metadata, read_metadata, url_date
from .normalize import prepare
from .rules import Judge, Verdicts
from .segment import Block, segment
from .titles import place_title, read_layout
from .types import Config, InputError, Kind, Removal, Result, budget_clock

if TYPE_CHECKING:
    from .batch import Outcome

__all__ = ["Cleaner", "clean"]

_D = TypeVar("_D")


class Cleaner:
    """A configured pipeline: compiled phrase matchers and a language detector, built once and
    reused for every document. Pickles (only the config travels; the rest is rebuilt), so it can
    be shipped to process pools, Ray or datatrove workers.
    """

    def __init__(self, config: Config | None = None) -> None:
        # A Config validates itself when it is made (unknown rule names, backends, limits).
        self.config = config or Config()
        self._judge = Judge(self.config)
        # After a main-content extractor chose the article's blocks, the zone heuristics would
        # judge them a second time (and cost recall): HTML pages get the phrase rules only.
        self._judge_extracted = Judge(dataclasses.replace(self.config, heuristics=False))
        self._detector: LanguageDetector = make_detector(self.config)

    def __getstate__(self) -> Config:
        return self.config

    def __setstate__(self, config: Config) -> None:
        self.__init__(config)  # type: ignore[misc]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Cleaner) and other.config == self.config

    def __hash__(self) -> int:
        return hash(self.config)

    def __repr__(self) -> str:
        return f"Cleaner({self.config!r})"

    def clean(
        self,
        source: str | bytes,
        *,
        kind: Kind = "auto",
        lang: str | None = None,
        url: str | None = None,
    ) -> Result:
        """Clean one document. Raises only ``InputError`` (for input that cannot be cleaned)."""
        try:
            return self._clean(source, kind=kind, lang=lang, url=url)
        except InputError:
            raise
        except RecursionError as e:
            raise InputError("document too deeply nested to process") from e
        except MemoryError as e:
            raise InputError("document too large to process in memory") from e

    def clean_many(
        self,
        docs: Iterable[_D],
        *,
        kind: Kind = "auto",
        lang: str | None = None,
        workers: int = 1,
    ) -> Iterator[Outcome[_D]]:
        """Clean a stream of documents (pages, records with a ``"text"``, or reader documents),
        yielding one ``Outcome`` (result or error) per document in input order; see
        ``cleaner.batch.clean_many``."""
        from .batch import clean_many

        return clean_many(self, docs, kind=kind, lang=lang, workers=workers)

    def _clean(
        self, source: str | bytes, *, kind: Kind, lang: str | None, url: str | None
    ) -> Result:
        cfg = self.config
        steps: list[str] = []
        # The whole document's work counts against the budget, extraction included.
        deadline = budget_clock() + cfg.time_budget
        if not isinstance(source, str | bytes):
            raise InputError(f"expected str or bytes, got {type(source).__name__}")
        if kind not in ("auto", "text", "html"):
            raise InputError(f"unknown kind {kind!r}; use 'auto', 'text' or 'html'")
        if len(source) > cfg.max_bytes:
            raise InputError(
                f"document of {len(source):,} bytes is larger than max_bytes={cfg.max_bytes:,}; "
                "raise Config.max_bytes or split the input"
            )

        # 1. Decode.
        if isinstance(source, bytes):
            sniff = source[:4096].decode("latin-1")
            is_html = kind == "html" or (kind == "auto" and html_mode.looks_like_html(sniff))
            text, how = decode(source, html=is_html)
            if how not in ("utf-8", "utf-8 (BOM)"):
                steps.append(f"decode:{how}")
        else:
            check_text(source)
            text = source
            is_html = kind == "html" or (kind == "auto" and html_mode.looks_like_html(text[:4096]))
        chars_in = len(text)

        # 2. Extract the main content (HTML only); the result is text with one block per line.
        page_meta = Metadata()
        judge = self._judge
        # What the HTML extraction left out, audited before the rules' removals (line 0: these
        # pieces are not lines of the text the rules saw).
        extraction_removals: tuple[Removal, ...] = ()
        if is_html:
            extracted = html_mode.extract(text, config=cfg, url=url)
            text, page_meta = extracted.text, extracted.metadata
            extraction_removals = extracted.dropped
            steps.extend(extracted.steps)
            if not extracted.heuristics:
                judge = self._judge_extracted

        # 3. Repair and normalize, piece by piece (line count is kept, so lines stay
        # addressable); past the time budget the rest is normalized but not repaired.
        pieces, prepared = prepare(
            text,
            fix_encoding=cfg.fix_encoding,
            nbsp_to_space=cfg.nbsp_to_space,
            deadline=deadline,
            clock=budget_clock,
            budget=cfg.time_budget,
        )
        steps.extend(prepared)
        del text  # the pieces hold it now: one copy of a big document, not two

        # 4. Segment into blocks.
        blocks, cut = segment(pieces, max_line_chars=cfg.max_line_chars)
        del pieces
        if cut:
            steps.append(f"cap:max_line_chars={cfg.max_line_chars}")

        # 5. Judge: every rule in order; a block removed by one rule is not seen by the next.
        verdicts = judge.run(blocks, lang=lang, deadline=deadline)
        if verdicts.out_of_time:
            steps.append(f"cap:time_budget={cfg.time_budget}s (remaining blocks kept unjudged)")

        # 6. Metadata from the page's own lines, removed ones included; HTML metadata wins.
        layout = read_layout(blocks, verdicts)
        meta = read_metadata(
            blocks, verdicts, day_first=None if verdicts.lang == "en" else True, layout=layout
        ).merged_under(page_meta)
        if meta.date is None and (day := url_date(meta.url or url)):
            meta = dataclasses.replace(meta, date=day)  # a permalink's day, as a last resort
        # The article's own lists, which the zone rules took for short lines of the page.
        keep_content_lists(blocks, verdicts, layout)
        # The title opens the text or is left out of it, in both modes (Config.title_in_text).
        opener = place_title(
            blocks, verdicts, meta.title, layout, in_text=cfg.title_in_text, extracted=is_html
        )
        del layout
        verdicts.keys = verdicts.words = verdicts.stop = None  # the feature pass's, let go

        # 7. The audit trail, then the clean text (the blocks go as it is joined: on a big
        # document the blocks and the joined text are the largest things held).
        removed = extraction_removals + tuple(
            Removal(rule, block.text, evidence, block.line)
            for block, (rule, evidence) in verdicts.removed_in_order(blocks)
        )
        clean_text = assemble(blocks, verdicts, consume=True)
        if opener and clean_text:
            clean_text = f"{opener}\n\n{clean_text}"
        give_back(chars_in)  # a big document's freed lines, before its output is built

        # 8. Language, on a bounded sample of the clean text; a caller's hint wins.
        detected_lang: str | None
        prob: float | None
        if lang:
            detected_lang, prob = lang, None
        else:
            detected_lang, prob = self._detector.detect(clean_text)
            if detected_lang is None and meta.lang:
                detected_lang = meta.lang

        return Result(
            text=clean_text,
            lang=detected_lang,
            lang_prob=prob,
            title=meta.title,
            date=meta.date,
            author=meta.author,
            source=meta.source,
            url=meta.url or url,
            removed=removed,
            steps=tuple(dict.fromkeys(steps)),
            kind="html" if is_html else "text",
            chars_in=chars_in,
            notes=tuple(map(str, verdicts.notes)),
        )


# Kept lines are joined this many at a time into one piece, and each piece's blocks let go: a
# big document's lines and its joined text are never all held twice, and each piece is as
# narrow as its own characters allow.
ASSEMBLE_PIECE = 4096


def assemble(blocks: list[Block], verdicts: Verdicts, *, consume: bool = False) -> str:
    r"""Kept blocks, one per line; a blank line between paragraphs, and where a removed block
    stood between two kept ones (so no two unrelated lines are glued into one paragraph).
    ``consume`` empties ``blocks`` as they are joined (the caller is done with them).

    >>> from cleaner.segment import Block
    >>> v = Verdicts(removed={1: ("ui_string", "")})
    >>> assemble([Block("a", 1, 0), Block("b", 2, 0), Block("c", 3, 0), Block("d", 5, 1)], v)
    'a\n\nc\n\nd'
    """
    pieces: list[str] = []
    out: list[str] = []
    last_para: int | None = None
    gap = False
    first = True
    n = len(blocks)
    if consume:
        blocks.reverse()  # popped from the end: in input order, each let go once read
    for i in range(n):
        block = blocks.pop() if consume else blocks[i]
        if i in verdicts.removed:
            gap = True
            continue
        if not first and (gap or block.para != last_para):
            out.append("")
        out.append(block.text)
        first = False
        last_para = block.para
        gap = False
        if len(out) >= ASSEMBLE_PIECE:
            pieces.append("\n".join(out))
            out = []
    if pieces:
        if out:
            pieces.append("\n".join(out))
        # Each piece ended with a line; the next starts its own (a "" entry begins it when a
        # paragraph break falls there, so "\n" joins pieces the way it joins lines).
        return "\n".join(pieces)
    return "\n".join(out)


_DEFAULT: dict[Config, Cleaner] = {}


def clean(
    source: str | bytes,
    *,
    kind: Kind = "auto",
    lang: str | None = None,
    config: Config | None = None,
    url: str | None = None,
) -> Result:
    """Clean one page (HTML or text, ``str`` or ``bytes``) and say what was removed and why.

    ``kind`` is ``"auto"`` (tell HTML from text), ``"text"`` or ``"html"``; ``lang`` is an ISO 639-1
    hint that skips detection; ``url`` helps metadata. Raises ``InputError`` for input that cannot
    be cleaned, and nothing else.

    >>> r = clean("Accueil > Monde\\n\\nLe ministre est arrivé mardi à Rabat pour une visite de deux jours.")
    >>> r.text
    'Le ministre est arrivé mardi à Rabat pour une visite de deux jours.'
    >>> [(x.rule, x.text) for x in r.removed]
    [('breadcrumb', 'Accueil > Monde')]
    """
    cfg = config or Config()
    cleaner = _DEFAULT.get(cfg)
    if cleaner is None:
        if len(_DEFAULT) >= 8:  # a few configs are reused; many one-off ones are not kept
            _DEFAULT.clear()
        cleaner = _DEFAULT[cfg] = Cleaner(cfg)
    return cleaner.clean(source, kind=kind, lang=lang, url=url)
