"""CPU time of each stage of cleaner's text mode, on the same pages as ``bench.speed``.

    python -m bench.stages                     # the first 300 WCXB text dumps
    python -m bench.stages --limit 0           # every page

The stages are the pipeline's own functions called in the pipeline's order (see
``cleaner.pipeline.Cleaner._clean``): decode (the input checked, line breaks unified), repair
(invisible characters, mojibake), normalize, segment, features (the page the rules read: folded
keys, words, stopwords, phrase hints), rules (the Judge's run less the features), metadata (the
page's layout, its metadata, the content lists kept, the title placed, and the clean text
assembled), language. Where a stage's time goes is what a speed-up has to find;
the sum is checked against ``Cleaner.clean`` on the same pages, and a page whose clean text
differs from ``Cleaner.clean``'s is counted (this replica of the pipeline has drifted: fix it).
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable, Sequence

from cleaner import Cleaner, Config
from cleaner.content_lists import keep_content_lists
from cleaner.decode import check_text, unify_line_breaks
from cleaner.metadata import read_metadata
from cleaner.normalize import PIECE_CHARS, _chunks, drop_invisible, normalizers, repair
from cleaner.pipeline import assemble
from cleaner.segment import segment
from cleaner.titles import place_title, read_layout
from cleaner.types import budget_clock

STAGES = (
    "decode",
    "repair",
    "normalize",
    "segment",
    "features",
    "rules",
    "metadata",
    "language",
)


class Clock:
    """CPU seconds per stage, summed over pages."""

    def __init__(self) -> None:
        self.seconds = dict.fromkeys(STAGES, 0.0)
        self._t = time.process_time()

    def start(self) -> None:
        self._t = time.process_time()

    def lap(self, stage: str) -> None:
        now = time.process_time()
        self.seconds[stage] += now - self._t
        self._t = time.process_time()


def run_stages(cleaner: Cleaner, source: str, clock: Clock) -> str:
    """The text mode of ``cleaner`` on ``source``, stage by stage; the clean text."""
    cfg = cleaner.config
    judge = cleaner._judge
    deadline = budget_clock() + cfg.time_budget
    clock.start()
    check_text(source)
    # normalize.prepare, piece by piece, each step on its own clock.
    chain = normalizers(nbsp_to_space=cfg.nbsp_to_space)
    if cfg.fix_encoding:  # repair drops invisible characters itself, as in prepare
        chain = tuple(n for n in chain if n is not drop_invisible)
    pieces: list[str] = []
    for raw in _chunks(source, PIECE_CHARS) or [""]:
        piece = unify_line_breaks(raw)
        clock.lap("decode")
        if cfg.fix_encoding:
            piece, _ = repair(piece)
        clock.lap("repair")
        for normalizer in chain:
            piece = normalizer(piece)
        clock.lap("normalize")
        pieces.append(piece)
    blocks, _ = segment(pieces, max_line_chars=cfg.max_line_chars)
    clock.lap("segment")
    # The features are timed on their own, then the Judge's run (which builds them again) is
    # timed whole: the rules' share is the difference.
    t0 = time.process_time()
    judge.page(blocks, None, deadline)
    t1 = time.process_time()
    verdicts = judge.run(blocks, lang=None, deadline=deadline)
    t2 = time.process_time()
    clock.seconds["features"] += t1 - t0
    clock.seconds["rules"] += max(0.0, (t2 - t1) - (t1 - t0))
    clock.start()
    layout = read_layout(blocks, verdicts)
    meta = read_metadata(
        blocks, verdicts, day_first=None if verdicts.lang == "en" else True, layout=layout
    )
    keep_content_lists(blocks, verdicts, layout)
    opener = place_title(
        blocks, verdicts, meta.title, layout, in_text=cfg.title_in_text, extracted=False
    )
    clean_text = assemble(blocks, verdicts)
    if opener and clean_text:
        clean_text = f"{opener}\n\n{clean_text}"
    clock.lap("metadata")
    cleaner._detector.detect(clean_text)
    clock.lap("language")
    return clean_text


def measure(inputs: Sequence[str], warmup: int = 5) -> tuple[dict[str, float], float, int]:
    """CPU seconds per stage over ``inputs``, ``Cleaner.clean``'s CPU seconds on the same
    inputs, and how many pages the stage-by-stage run cleaned differently."""
    cleaner = Cleaner(Config())
    for source in inputs[:warmup]:
        cleaner.clean(source, kind="text")
    gc.collect()
    clock = Clock()
    drift = 0
    whole = 0.0
    for source in inputs:
        staged = run_stages(cleaner, source, clock)
        t0 = time.process_time()
        text = cleaner.clean(source, kind="text").text
        whole += time.process_time() - t0
        drift += text != staged
    return clock.seconds, whole, drift


def report(
    inputs: Sequence[str],
    baseline: float | None = None,
    out: Callable[[str], None] = print,
    warmup: int = 5,
) -> dict[str, float]:
    """Print the stage table for ``inputs`` (text dumps), beside ``baseline`` (trafilatura's
    CPU seconds on the same pages' HTML, when measured); return the seconds per stage."""
    seconds, whole, drift = measure(inputs, warmup)
    n = len(inputs)
    mb = sum(len(s.encode()) for s in inputs) / 1e6
    total = sum(seconds.values())
    out(f"cleaner text mode by stage ({n} pages, {mb:.1f} MB): CPU ms per page")
    out(f"{'stage':<12} {'ms/page':>9} {'share':>7}")
    for stage in STAGES:
        ms = 1000 * seconds[stage] / n
        share = seconds[stage] / total if total else 0.0
        out(f"{stage:<12} {ms:9.2f} {share:7.1%}")
    out(
        f"{'sum':<12} {1000 * total / n:9.2f}   (Cleaner.clean: {1000 * whole / n:.2f} ms/page, "
        f"{mb / whole if whole else float('inf'):.2f} MB/s)"
    )
    if baseline is not None:
        out(
            f"{'trafilatura':<12} {1000 * baseline / n:9.2f}   (on the same pages' HTML; "
            f"cleaner text mode {baseline / whole if whole else float('inf'):.1f}x faster)"
        )
    if drift:
        out(f"WARNING: {drift} pages cleaned differently stage by stage than by Cleaner.clean")
    return seconds


def main(argv: Sequence[str] | None = None) -> int:
    from bench.data import DATASETS, load_pages

    ap = argparse.ArgumentParser(
        prog="python -m bench.stages",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--dataset", default="wcxb_dev", choices=DATASETS)
    ap.add_argument("--limit", type=int, default=300, help="first N pages; 0 = all (default 300)")
    args = ap.parse_args(argv)
    pages = load_pages(args.dataset, limit=args.limit or None)
    if not pages:
        ap.error("no pages")
    dump = [p.dump_path.read_text(encoding="utf-8", errors="replace") for p in pages]
    report(dump)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
