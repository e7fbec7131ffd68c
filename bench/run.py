"""Run cleaner and its baselines over the shared benchmarks and score them in one table.

    python -m bench.run                                   # both datasets, every system
    python -m bench.run --dataset wcxb_dev --systems cleaner_text,dump --limit 50
    python -m bench.run --per-page out/bench/per_page --worst 10

Predictions go to ``<out>/<dataset>/<system>/<id>.txt`` (plus ``timing.json`` in the format
``score.py --pred-root`` reads), aggregate results to ``<out>/results.json``. Scores come from
``../shared/bench/score.py``: word (bag-of-words) F1, scrapinghub's 4-shingle F1, and the share of
WCXB ``without`` snippets leaked / ``with`` snippets kept. ``pages/s`` is pages per CPU second
spent inside the system (``time.process_time`` in the worker, reading files excluded).

On WCXB dev it also scores the title, author and date that trafilatura, cleaner's HTML mode and
its text mode return against the reviewed metadata (``bench.meta``; ``--no-meta`` skips it).

Trafilatura predictions (text and metadata) are cached under ``.bench/cache/trafilatura-<version>/``
(``--no-cache`` recomputes them); every other system is recomputed on each run.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import csv
import importlib.util
import json
import math
import os
import statistics
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from bench import meta, systems
from bench.data import DATA_ROOT, DATASETS, REPO_ROOT, Page, load_pages, read_ids, shared_dir

DISPLAY_ORDER = (
    "dump",
    "ten_words",
    "trafilatura",
    "cleaner_html",
    "cleaner_fast",
    "cleaner_text",
)
CACHED_SYSTEMS = frozenset({"trafilatura"})
METRICS = ["bow", "shingle4", "snippets"]


# ------------------------------------------------------------------ workers


@dataclass(frozen=True, slots=True)
class Task:
    """A chunk of pages of one dataset for one system, run in one worker process."""

    system: str
    dataset: str
    pages: tuple[Page, ...]
    out_dir: Path
    cache_dir: Path | None


@dataclass(slots=True)
class TaskResult:
    system: str
    dataset: str
    cpu: dict[str, float] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    cached: int = 0


_WARMED: set[str] = set()


def _read_input(page: Page, system: str) -> str:
    path = page.html_path if systems.input_kind(system) == "html" else page.dump_path
    return path.read_text(encoding="utf-8", errors="replace")


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def run_task(task: Task) -> TaskResult:
    """Run one system over a chunk of pages, writing predictions and timing each page."""
    fn = systems.get(task.system)
    result = TaskResult(task.system, task.dataset)
    task.out_dir.mkdir(parents=True, exist_ok=True)
    if task.cache_dir is not None:
        task.cache_dir.mkdir(parents=True, exist_ok=True)
    for page in task.pages:
        cache_file = task.cache_dir / f"{page.id}.json" if task.cache_dir is not None else None
        if cache_file is not None and cache_file.is_file():
            hit = json.loads(cache_file.read_text(encoding="utf-8"))
            (task.out_dir / f"{page.id}.txt").write_text(hit["text"], encoding="utf-8")
            result.cpu[page.id] = float(hit["cpu"])
            result.cached += 1
            continue
        source = _read_input(page, task.system)
        if task.system not in _WARMED:  # imports and model loading are not the system's speed
            with contextlib.suppress(Exception):
                fn(source)
            _WARMED.add(task.system)
        t0 = time.process_time()
        try:
            text = fn(source)
        except Exception as e:  # a crash is scored as an empty prediction and counted
            text = ""
            result.errors[page.id] = f"{type(e).__name__}: {e}"
        cpu = time.process_time() - t0
        result.cpu[page.id] = cpu
        (task.out_dir / f"{page.id}.txt").write_text(text, encoding="utf-8")
        if cache_file is not None and page.id not in result.errors:
            _write_atomic(cache_file, json.dumps({"text": text, "cpu": cpu}))
    return result


def _chunks(pages: Sequence[Page], size: int) -> Iterable[tuple[Page, ...]]:
    for i in range(0, len(pages), size):
        yield tuple(pages[i : i + size])


def run_all(tasks: list[Task], jobs: int) -> list[TaskResult]:
    """Run the tasks on ``jobs`` processes (inline when ``jobs`` is 1), with a progress line."""
    results: list[TaskResult] = []
    total = sum(len(t.pages) for t in tasks)
    done = 0
    t0 = time.monotonic()

    def progress(r: TaskResult) -> None:
        nonlocal done
        done += len(r.cpu)
        if sys.stderr.isatty():
            print(
                f"\r  {done}/{total} page-runs, {time.monotonic() - t0:.0f} s",
                end="",
                file=sys.stderr,
            )

    if jobs <= 1:
        for task in tasks:
            results.append(run_task(task))
            progress(results[-1])
    else:
        with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
            for fut in concurrent.futures.as_completed([pool.submit(run_task, t) for t in tasks]):
                results.append(fut.result())
                progress(results[-1])
    if sys.stderr.isatty():
        print(file=sys.stderr)
    return results


# ------------------------------------------------------------------ scoring


def load_scorer() -> ModuleType:
    """Import ``../shared/bench/score.py`` as a module."""
    path = shared_dir() / "score.py"
    spec = importlib.util.spec_from_file_location("bench_shared_score", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(slots=True)
class SystemScore:
    dataset: str
    system: str
    pages: int
    aggregate: dict[str, dict[str, float]]
    rows: dict[str, dict[str, float]]
    cpu: dict[str, float]
    errors: dict[str, str]
    cached: int

    def get(self, metric: str, key: str) -> float | None:
        value = self.aggregate.get(metric, {}).get(key)
        return None if value is None else float(value)

    @property
    def cpu_total(self) -> float:
        return sum(self.cpu.values())


def score_dataset(
    scorer: ModuleType,
    dataset: str,
    pages: list[Page],
    system_names: Sequence[str],
    out: Path,
    results: list[TaskResult],
) -> list[SystemScore]:
    ids = {p.id for p in pages}
    gold_texts, gold_snips = scorer.load_gold(DATA_ROOT / dataset, ids)
    scores: list[SystemScore] = []
    for name in system_names:
        mine = [r for r in results if r.dataset == dataset and r.system == name]
        cpu = {k: v for r in mine for k, v in r.cpu.items()}
        errors = {k: v for r in mine for k, v in r.errors.items()}
        pred = scorer.load_pred_dir(out / dataset / name)
        pred = {k: v for k, v in pred.items() if k in ids}
        aggregate, rows = scorer.score(gold_texts, gold_snips, pred, METRICS)
        scores.append(
            SystemScore(
                dataset,
                name,
                len(pages),
                aggregate,
                rows,
                cpu,
                errors,
                sum(r.cached for r in mine),
            )
        )
    timing = {
        s.system: {"pages": len(s.cpu), "total_s": s.cpu_total, "errors": len(s.errors)}
        for s in scores
    }
    (out / dataset / "timing.json").write_text(json.dumps(timing, indent=1), encoding="utf-8")
    return scores


# ------------------------------------------------------------------ reporting


def _f(value: float | None, width: int, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return f"{'-':>{width}}"
    return f"{value:>{width}.{digits}f}"


def main_table(scores: list[SystemScore]) -> str:
    head = (
        f"{'dataset':<12} {'system':<14} {'pages':>5} {'word_F1':>7} {'word_P':>6} {'word_R':>6} "
        f"{'shingle4_F1':>11} {'leaked_without':>14} {'with_kept':>9} {'err':>3} "
        f"{'ms/page':>8} {'pages/s':>8}"
    )
    lines = [head]
    for s in scores:
        ms = 1000 * s.cpu_total / len(s.cpu) if s.cpu else None
        pps = len(s.cpu) / s.cpu_total if s.cpu_total > 0 else None
        lines.append(
            f"{s.dataset:<12} {s.system:<14} {s.pages:>5} {_f(s.get('bow', 'F1'), 7)} "
            f"{_f(s.get('bow', 'P'), 6)} {_f(s.get('bow', 'R'), 6)} "
            f"{_f(s.get('shingle4', 'F1'), 11)} {_f(s.get('snippets', 'without_pct'), 14)} "
            f"{_f(s.get('snippets', 'with_pct'), 9)} {len(s.errors):>3} "
            f"{_f(ms, 8, 2)} {_f(pps, 8, 1)}"
            + (" (cached)" if s.cached and s.cached == len(s.cpu) else "")
        )
    return "\n".join(lines)


# The figures issues 4 (text dumps) and 5 (HTML) set: (dataset, system, column of the main
# table, goal, higher is better).
GOALS: tuple[tuple[str, str, str, float, bool], ...] = (
    ("wcxb_dev", "cleaner_text", "word_F1", 0.85, True),
    ("wcxb_dev", "cleaner_text", "leaked_without", 0.10, False),
    ("scrapinghub", "cleaner_text", "word_F1", 0.90, True),
    ("wcxb_dev", "cleaner_html", "word_F1", 0.86, True),
    ("scrapinghub", "cleaner_html", "shingle4_F1", 0.97, True),
)
_COLUMNS = {
    "word_F1": ("bow", "F1"),
    "leaked_without": ("snippets", "without_pct"),
    "shingle4_F1": ("shingle4", "F1"),
}


# Issue 21: the HTML modes' word F1 on each benchmark at least trafilatura's in the same run.
GOALS_VS_TRAFILATURA: tuple[tuple[str, str], ...] = (
    ("wcxb_dev", "cleaner_html"),
    ("scrapinghub", "cleaner_html"),
    ("wcxb_dev", "cleaner_fast"),
    ("scrapinghub", "cleaner_fast"),
)


def goals_table(scores: list[SystemScore]) -> str | None:
    """Each goal of issues 4, 5 and 21 whose dataset and system ran: measured, goal, met or not."""
    lines = [f"{'goal (issues 4, 5, 21)':<48} {'measured':>8} {'goal':>7}"]
    for dataset, system in GOALS_VS_TRAFILATURA:
        score = next((s for s in scores if s.dataset == dataset and s.system == system), None)
        base = next((s for s in scores if s.dataset == dataset and s.system == "trafilatura"), None)
        value = score.get("bow", "F1") if score else None
        goal = base.get("bow", "F1") if base else None
        if value is None or goal is None:
            continue
        label = f"{dataset} {system} word_F1 vs trafilatura"
        met = "met" if value >= goal else "NOT met"
        bound = f"≥ {goal:.3f}"
        lines.append(f"{label:<48} {value:>8.3f} {bound:>7}  {met}")
    for dataset, system, column, goal, higher in GOALS:
        score = next((s for s in scores if s.dataset == dataset and s.system == system), None)
        value = score.get(*_COLUMNS[column]) if score else None
        if value is None:
            continue
        met = value >= goal if higher else value <= goal
        label = f"{dataset} {system} {column}"
        bound = ("≥ " if higher else "≤ ") + f"{goal:.2f}"
        lines.append(f"{label:<48} {value:>8.3f} {bound:>7}  {'met' if met else 'NOT met'}")
    return "\n".join(lines) if len(lines) > 1 else None


def type_table(dataset: str, pages: list[Page], scores: list[SystemScore]) -> str | None:
    """Word F1 per WCXB page type (rows) and system (columns); ``None`` without page types."""
    types = {p.id: p.page_type for p in pages if p.page_type}
    if not types:
        return None
    names = [s.system for s in scores]
    width = max(12, *(len(n) for n in names))
    lines = [
        f"{dataset}: word F1 by page type",
        f"{'page_type':<14} {'n':>5}" + "".join(f" {n:>{width}}" for n in names),
    ]
    groups = sorted(set(types.values()), key=lambda t: (-list(types.values()).count(t), t))
    for group in [*groups, None]:
        ids = [i for i, t in types.items() if group is None or t == group]
        cells = []
        for s in scores:
            fs = [s.rows[i]["bow_f1"] for i in ids if i in s.rows and "bow_f1" in s.rows[i]]
            cells.append(_f(statistics.mean(fs) if fs else None, width))
        label = group or "ALL"
        lines.append(f"{label:<14} {len(ids):>5}" + "".join(f" {c}" for c in cells))
    return "\n".join(lines)


def _words(path: Path) -> int:
    try:
        return len(path.read_text(encoding="utf-8", errors="replace").split())
    except OSError:
        return 0


def per_page_rows(score: SystemScore, pages: list[Page], out: Path) -> list[dict[str, Any]]:
    """Per-page scores of one system, worst word F1 first."""
    rows = []
    for p in pages:
        r = score.rows.get(p.id, {})
        rows.append(
            {
                "id": p.id,
                "page_type": p.page_type or "",
                "word_f1": r.get("bow_f1", float("nan")),
                "word_p": r.get("bow_p", float("nan")),
                "word_r": r.get("bow_r", float("nan")),
                "shingle4_f1": r.get("sh_f1", float("nan")),
                "without_leaked": r.get("snip_fp", ""),
                "with_missed": r.get("snip_fn", ""),
                "pred_words": _words(out / p.dataset / score.system / f"{p.id}.txt"),
                "gold_words": _words(DATA_ROOT / p.dataset / f"{p.id}.txt"),
                "dump_words": _words(p.dump_path),
                "cpu_ms": round(1000 * score.cpu.get(p.id, float("nan")), 2),
                "error": score.errors.get(p.id, ""),
                "url": p.url or "",
            }
        )
    rows.sort(key=lambda row: (row["word_f1"], row["id"]))
    return rows


def write_per_page(directory: Path, score: SystemScore, rows: list[dict[str, Any]]) -> Path:
    path = directory / score.dataset / f"{score.system}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]) if rows else ["id"])
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {
                    k: f"{v:.4f}" if isinstance(v, float) and k != "cpu_ms" else v
                    for k, v in row.items()
                }
            )
    return path


def worst_table(score: SystemScore, rows: list[dict[str, Any]], n: int) -> str:
    """The ``n`` worst pages by word F1, leaving out pages no system can get right: those with an
    empty gold text (any output scores 0) or an empty text dump (nothing visible to extract)."""
    empty_gold = sum(1 for row in rows if row["gold_words"] == 0)
    empty_dump = sum(1 for row in rows if row["gold_words"] and row["dump_words"] == 0)
    rows = [row for row in rows if row["gold_words"] and row["dump_words"]]
    w = max([2, *(len(row["id"]) for row in rows[:n])])
    lines = [
        f"{score.dataset} / {score.system}: {n} worst pages by word F1 "
        f"(left out: {empty_gold} with empty gold, {empty_dump} with an empty dump)",
        f"{'id':<{w}} {'page_type':<13} {'F1':>6} {'P':>6} {'R':>6} "
        f"{'pred_w':>7} {'gold_w':>7}  url",
    ]
    for row in rows[:n]:
        lines.append(
            f"{row['id']:<{w}} {row['page_type'][:13]:<13} {_f(row['word_f1'], 6)} "
            f"{_f(row['word_p'], 6)} {_f(row['word_r'], 6)} {row['pred_words']:>7} "
            f"{row['gold_words']:>7}  {row['url']}"
        )
    return "\n".join(lines)


# ------------------------------------------------------------------ main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        prog="python -m bench.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--dataset", default="all", choices=[*DATASETS, "all"])
    ap.add_argument(
        "--systems",
        default=",".join(DISPLAY_ORDER),
        help="comma-separated, shown in this order (default: %(default)s; "
        f"also available: {', '.join(systems.EXTRA_SYSTEMS)})",
    )
    ap.add_argument(
        "--limit", type=int, help="only the first N pages (in id order) of each dataset"
    )
    ap.add_argument("--ids", help="file of page ids to run, one per line")
    ap.add_argument("-j", "--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--out", default=str(REPO_ROOT / "out" / "bench"), help="predictions folder")
    ap.add_argument("--per-page", help="write <DIR>/<dataset>/<system>.csv, worst pages first")
    ap.add_argument(
        "--worst", type=int, default=0, help="print the N worst pages of cleaner systems"
    )
    ap.add_argument("--no-cache", action="store_true", help="recompute trafilatura predictions")
    ap.add_argument(
        "--no-meta", action="store_true", help="skip the title, author and date table (WCXB dev)"
    )
    ap.add_argument("--chunk", type=int, default=0, help="pages per worker task (default: auto)")
    args = ap.parse_args(argv)
    try:
        args.system_names = systems.parse_names(args.systems)
    except KeyError as e:
        ap.error(str(e.args[0]))
    except ValueError as e:
        ap.error(str(e))
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    out = Path(args.out).resolve()
    ids = read_ids(args.ids) if args.ids else None
    datasets = list(DATASETS) if args.dataset == "all" else [args.dataset]
    scorer = load_scorer()
    traf_version = systems.trafilatura_version()

    pages_by_ds = {ds: load_pages(ds, ids=ids, limit=args.limit) for ds in datasets}
    run_order = sorted(
        args.system_names, key=lambda n: systems.SYSTEMS.index(n) if n in systems.SYSTEMS else 99
    )
    tasks: list[Task] = []
    for ds, pages in pages_by_ds.items():
        if not pages:
            continue
        size = args.chunk or max(1, min(50, math.ceil(len(pages) / (4 * max(1, args.jobs)))))
        for name in run_order:
            target = out / ds / name
            target.mkdir(parents=True, exist_ok=True)
            for stale in target.glob("*.txt"):
                stale.unlink()
            cache = None
            if name in CACHED_SYSTEMS and not args.no_cache:
                cache = DATA_ROOT / "cache" / f"{name}-{traf_version}" / ds
            tasks.extend(Task(name, ds, chunk, target, cache) for chunk in _chunks(pages, size))

    t0 = time.monotonic()
    results = run_all(tasks, args.jobs)
    wall = time.monotonic() - t0

    all_scores: list[SystemScore] = []
    sections: list[str] = []
    worst_sections: list[str] = []
    for ds, pages in pages_by_ds.items():
        if not pages:
            sections.append(f"{ds}: no pages selected")
            continue
        scores = score_dataset(scorer, ds, pages, args.system_names, out, results)
        all_scores.extend(scores)
        table = type_table(ds, pages, scores)
        if table:
            sections.append(table)
        for s in scores:
            rows = per_page_rows(s, pages, out) if args.per_page or args.worst else []
            if args.per_page:
                write_per_page(Path(args.per_page), s, rows)
            if args.worst and s.system.startswith("cleaner"):
                worst_sections.append(worst_table(s, rows, args.worst))

    print(f"trafilatura {traf_version}; predictions in {out}; wall {wall:.0f} s, -j {args.jobs}")
    print()
    print(main_table(all_scores))
    goals = goals_table(all_scores)
    if goals:
        print()
        print(goals)
    for section in sections + worst_sections:
        print()
        print(section)
    meta_systems = [n for n in args.system_names if n in meta.SYSTEMS]
    truth_file = shared_dir() / "wcxb_dev_meta.jsonl"
    if not args.no_meta and meta_systems and pages_by_ds.get("wcxb_dev"):
        if truth_file.is_file():
            text, _ = meta.report(
                pages_by_ds["wcxb_dev"],
                systems=meta_systems,
                jobs=args.jobs,
                out=out / "meta",
                cache=not args.no_cache,
            )
        else:
            text = f"no metadata table: {truth_file} not found"
        print()
        print(text)
    errors = [(s.dataset, s.system, k, v) for s in all_scores for k, v in s.errors.items()]
    if errors:
        print()
        print(f"{len(errors)} page(s) raised (scored as empty output):")
        for ds, name, page_id, msg in errors[:20]:
            print(f"  {ds}/{name}/{page_id}: {msg[:200]}")

    summary = {
        "trafilatura_version": traf_version,
        "wall_s": wall,
        "results": [
            {
                "dataset": s.dataset,
                "system": s.system,
                "pages": s.pages,
                "metrics": s.aggregate,
                "cpu_s": s.cpu_total,
                "errors": len(s.errors),
                "cached": s.cached,
            }
            for s in all_scores
        ],
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
