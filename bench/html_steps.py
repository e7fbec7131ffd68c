"""CPU time of each step of cleaner's HTML mode, default and fast extractor, on the same pages.

    python -m bench.html_steps                 # the first 300 WCXB dev pages
    python -m bench.html_steps --limit 0       # every page

A step is one of the functions the HTML path calls (see ``cleaner.html.extract``,
``cleaner.html_fast.extract_fast`` and ``cleaner.pipeline.Cleaner._clean``), timed where it is
called: for the run, the module attribute the caller looks up is replaced by a timed wrapper, so
the code measured is the code that runs (there is no replica of the path to drift from it). A
step's time excludes the steps it calls; ``extract: other`` and ``pipeline: other`` are what
lies between the steps (the pruned tree serialized, branches, the audit entries built, the
input decoded). The wrappers cost a little: the table's sum is printed beside
``Cleaner.clean``'s time unwrapped on the same pages, and a page whose clean text differs
between the two runs is counted (it should never happen). Trafilatura
(``trafilatura.extract(html)``, defaults) on the same pages is the yardstick, as in
``bench.speed``; time is ``time.process_time``, inputs are read before timing and each
extractor is warmed up on a few pages first.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from bench import systems
from bench.data import DATASETS, load_pages
from cleaner import Cleaner, Config
from cleaner.types import Extractor, LangBackend

# The steps in the order the path takes them; each is (module, attribute, label). A label that
# is a function gets the call's keyword arguments (trafilatura's fast pass and its fallbacks are
# one function).
_PIPELINE = "cleaner.pipeline"
_HTML = "cleaner.html"
_FAST = "cleaner.html_fast"


def _trafilatura_label(kwargs: dict[str, Any]) -> str:
    return "trafilatura fast pass" if kwargs.get("fast") else "trafilatura fallbacks"


Label = str | Callable[[dict[str, Any]], str]
WRAPPED: tuple[tuple[str, str, Label], ...] = (
    (_HTML, "nesting_depth", "depth scan"),
    (_HTML, "HTMLParser", "parse"),
    (_FAST, "HTMLParser", "parse"),
    (_HTML, "read_html_metadata", "html metadata"),
    (_FAST, "read_html_metadata", "html metadata"),
    (_HTML, "prune", "prune"),
    (_FAST, "_prune", "prune"),
    (_HTML, "_word_count", "word counts"),
    (_HTML, "_count_words", "word counts"),
    (_HTML, "repair_markup", "repair markup"),
    (_HTML, "_trafilatura", _trafilatura_label),
    (_HTML, "_paragraphs", "trafilatura output read"),
    (_HTML, "_visible_lines", "visible lines"),
    (_FAST, "_region", "main region"),
    (_FAST, "_lines", "visible lines"),
    (_HTML, "_kept_prose_share", "prose checks"),
    (_HTML, "_holds_the_prose", "prose checks"),
    (_HTML, "_holds", "prose checks"),
    (_HTML, "_rescue_paragraphs", "rescue"),
    (_HTML, "_left_out_lines", "audit (left-out lines)"),
    (_FAST, "extract_fast", "extract: other"),
    (_HTML, "extract", "extract: other"),
    (_PIPELINE, "prepare", "repair + normalize"),
    (_PIPELINE, "segment", "segment"),
    (_PIPELINE, "read_metadata", "text metadata"),
    (_PIPELINE, "assemble", "assemble"),
)
STEPS: tuple[str, ...] = (
    "depth scan",
    "parse",
    "html metadata",
    "prune",
    "word counts",
    "repair markup",
    "trafilatura fast pass",
    "trafilatura fallbacks",
    "trafilatura output read",
    "main region",
    "visible lines",
    "prose checks",
    "rescue",
    "audit (left-out lines)",
    "extract: other",
    "repair + normalize",
    "segment",
    "features",
    "rules",
    "text metadata",
    "assemble",
    "language",
    "pipeline: other",
)
# Column name -> Config.extractor.
EXTRACTORS: dict[str, Extractor] = {"default": "trafilatura", "fast": "fast"}


class Steps:
    """CPU seconds per step, each step's own (the steps it calls are counted apart)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self._stack: list[list[float]] = []  # seconds of the nested steps of each open step

    def wrap(self, fn: Callable[..., Any], label: Label) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            name = label if isinstance(label, str) else label(kwargs)
            inner = [0.0]
            self._stack.append(inner)
            t0 = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                elapsed = time.process_time() - t0
                self._stack.pop()
                self.seconds[name] += elapsed - inner[0]
                if self._stack:
                    self._stack[-1][0] += elapsed

        return timed


@contextmanager
def instrumented(cleaner: Cleaner, steps: Steps) -> Iterator[None]:
    """The steps of ``cleaner``'s HTML path timed into ``steps`` while the block runs."""
    import importlib

    modules: list[tuple[Any, str, Any]] = []
    for module_name, name, label in WRAPPED:
        module = importlib.import_module(module_name)
        modules.append((module, name, getattr(module, name)))
        setattr(module, name, steps.wrap(getattr(module, name), label))
    # Methods of the Cleaner's own objects, wrapped on the instance (dropped afterwards).
    methods: list[tuple[Any, str, Label]] = [(cleaner, "_clean", "pipeline: other")]
    for judge in (cleaner._judge, cleaner._judge_extracted):
        methods += [(judge, "page", "features"), (judge, "run", "rules")]
    methods.append((cleaner._detector, "detect", "language"))
    for owner, name, label in methods:
        setattr(owner, name, steps.wrap(getattr(owner, name), label))
    try:
        yield
    finally:
        for module, name, original in modules:
            setattr(module, name, original)
        for owner, name, _ in methods:
            vars(owner).pop(name, None)


def measure(
    cleaner: Cleaner, pages: Sequence[str], warmup: int
) -> tuple[dict[str, float], float, int]:
    """Seconds per step over ``pages``, ``Cleaner.clean``'s seconds unwrapped on the same pages,
    and how many pages the two runs cleaned differently."""
    for source in pages[:warmup]:
        cleaner.clean(source, kind="html")
    gc.collect()
    plain: list[str] = []
    whole = 0.0
    for source in pages:
        t0 = time.process_time()
        plain.append(cleaner.clean(source, kind="html").text)
        whole += time.process_time() - t0
    steps = Steps()
    drift = 0
    with instrumented(cleaner, steps):
        for source, text in zip(pages, plain, strict=True):
            drift += cleaner.clean(source, kind="html").text != text
    return dict(steps.seconds), whole, drift


def trafilatura_seconds(pages: Sequence[str], warmup: int) -> float:
    fn = systems.get("trafilatura")
    for source in pages[:warmup]:
        fn(source)
    gc.collect()
    total = 0.0
    for source in pages:
        t0 = time.process_time()
        fn(source)
        total += time.process_time() - t0
    return total


def report(
    measured: dict[str, tuple[dict[str, float], float, int]],
    baseline: float | None,
    n: int,
    out: Callable[[str], None] = print,
) -> None:
    names = list(measured)
    out(f"{'step (CPU ms/page)':<26}" + "".join(f"{name:>13}" for name in names))
    for step in STEPS:
        values = [measured[name][0].get(step) for name in names]
        if all(v is None for v in values):
            continue
        cells = "".join(f"{'-':>13}" if v is None else f"{1000 * v / n:13.2f}" for v in values)
        out(f"{step:<26}{cells}")
    out(f"{'sum':<26}" + "".join(f"{1000 * sum(measured[x][0].values()) / n:13.2f}" for x in names))
    out(
        f"{'Cleaner.clean unwrapped':<26}"
        + "".join(f"{1000 * measured[x][1] / n:13.2f}" for x in names)
    )
    if baseline is not None:
        out(f"{'trafilatura':<26}{1000 * baseline / n:13.2f}   (trafilatura.extract, same pages)")
        ratios = "".join(f"{baseline / measured[x][1]:12.2f}x" for x in names)
        out(f"{'speed vs trafilatura':<26}{ratios}")
    for name in names:
        if measured[name][2]:
            out(f"WARNING: {name}: {measured[name][2]} pages cleaned differently when timed")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m bench.html_steps",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--dataset", default="wcxb_dev", choices=DATASETS)
    ap.add_argument("--limit", type=int, default=300, help="first N pages; 0 = all (default 300)")
    ap.add_argument("--warmup", type=int, default=5, help="untimed pages per extractor first")
    ap.add_argument("--lang-backend", default="langdetect", choices=["langdetect", "py3langid"])
    ap.add_argument("--no-trafilatura", action="store_true", help="skip the yardstick")
    args = ap.parse_args(argv)
    pages = load_pages(args.dataset, limit=args.limit or None)
    if not pages:
        ap.error("no pages")
    html = [p.html_path.read_text(encoding="utf-8", errors="replace") for p in pages]
    backend: LangBackend = args.lang_backend
    print(
        f"{args.dataset}: {len(pages)} pages ({sum(len(h.encode()) for h in html) / 1e6:.1f} MB "
        f"HTML); trafilatura {systems.trafilatura_version()}; lang_backend={backend}; "
        f"CPU time (process_time), {args.warmup} warm-up pages per extractor"
    )
    measured = {
        name: measure(Cleaner(Config(extractor=extractor, lang_backend=backend)), html, args.warmup)
        for name, extractor in EXTRACTORS.items()
    }
    baseline = None if args.no_trafilatura else trafilatura_seconds(html, args.warmup)
    print()
    report(measured, baseline, len(html))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
