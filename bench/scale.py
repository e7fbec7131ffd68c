"""Scaling and memory of the ``clean`` command (issue 7): ``-j`` speed-up and peak memory.

    python -m bench.scale                    # all three measurements below
    python -m bench.scale jobs               # -j 1 vs -j 2 over 1,000 WCXB text dumps
    python -m bench.scale jobs --kind html --pages 500 --jobs 1,2 --repeat 3
    python -m bench.scale files              # peak RSS of `clean DIR -o OUT`, 1,000 and 10,000 files
    python -m bench.scale big                # peak RSS of `clean big.txt -o OUT`, one 50 MB input

Every measurement runs the real command line (``python -m cleaner ...``) in a child process and
reads the child's own resource usage when it ends (``os.wait4``): wall time and peak resident
memory (``ru_maxrss``, which covers the command and the worker processes it waited for).

- ``jobs``: the first N WCXB pages (text dumps, or ``--kind html`` the HTML; generated pages when
  the benchmark data is missing) are copied into a temporary folder and cleaned into a fresh
  output folder once per ``-j`` value; the output trees must be byte for byte identical.
  Goal: ``-j 2`` at least 1.7x faster than ``-j 1`` on 2 cores. Wall time, so run it on an idle
  machine (``--repeat`` keeps the best of several runs).
- ``files``: generated news-like pages of 1-4 kB (a menu, a breadcrumb, a byline, paragraphs, a
  "Read more" line, share buttons, a footer) in folders of 1,000. Goal: peak memory flat in the
  number of files and under 300 MB at 10,000.
- ``big``: one text of ``--mb`` MB (default 50) made of the benchmarks' real text dumps one after
  another (generated paragraphs with boilerplate lines when the data is missing), cleaned
  with the default ``Config`` (``max_bytes`` is 64 MiB) into one JSONL record. The command is
  also run on a one-line input, to tell its own footprint from what the document adds. Goals
  (issue 19): under 500 MB for 41 MB of real dumps (``--mb 41``), and what the document adds
  under 12x its size.

Results are printed as a table and written to ``out/bench/scale.json`` (``--json`` to change).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
CLEAN = [sys.executable, "-m", "cleaner"]
GOAL_SPEEDUP = 1.7
GOAL_FILES_MB = 300.0
GOAL_BIG_MB = 500.0  # issue 19: a 41 MB text of real dumps
GOAL_BIG_RATIO = 12.0  # and in general: peak memory under 12x the input


@dataclass(frozen=True, slots=True)
class Run:
    what: str
    command: str
    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    exit_code: int


def measure(args: Sequence[str], what: str) -> Run:
    """Run ``args``; its wall time, CPU time (user + system, with waited-for children) and peak
    RSS, from the kernel's accounting of that one child."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(args), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO_ROOT
    )
    assert proc.stderr is not None
    err = proc.stderr.read()  # drain so the child never blocks on a full pipe
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    code = proc.returncode
    if code not in (0, 1):
        sys.stderr.write(err.decode(errors="replace")[-2000:])
    return Run(
        what=what,
        command=" ".join(str(a) for a in args[2:]),
        wall_s=round(wall, 2),
        cpu_s=round(usage.ru_utime + usage.ru_stime, 2),
        peak_rss_mb=round(usage.ru_maxrss / 1024, 1),  # kB on Linux
        exit_code=code,
    )


# ---------------------------------------------------------------------------- generated pages

_SENTENCES = (
    "The council voted on Tuesday to extend the programme for another three years.",
    "Officials said the decision would affect thousands of families across the region.",
    "According to the report, the number of visitors rose by a third over the summer.",
    "Local businesses have welcomed the plan, although some residents remain sceptical.",
    "The minister arrived in the capital on Monday for a two-day official visit.",
    "Engineers expect the first phase of the work to be finished before the winter.",
    "It is the largest investment the town has seen since the factory closed in 1998.",
    "Critics argue that the money would be better spent on schools and public transport.",
    "The study, published in a peer-reviewed journal, followed two thousand patients.",
    "Researchers found that people who walked every day slept better than those who did not.",
    "Prices for fresh vegetables have climbed steadily since the beginning of the year.",
    "Farmers blame the dry spring and the rising cost of fuel and fertiliser.",
    "The festival will open with a concert in the old market square on Friday evening.",
    "Tickets went on sale last week and most of the weekend shows are already sold out.",
    "A spokesperson for the company declined to comment on the negotiations.",
    "Talks between the unions and the management are expected to resume next month.",
    "The museum has reopened after a renovation that took almost four years.",
    "Visitors can now see parts of the collection that had been kept in storage.",
    "Police asked anyone who witnessed the accident to come forward.",
    "The road was closed for several hours while emergency services worked at the scene.",
)
_MENU = "Home | World | Politics | Business | Sport | Culture | Science | Opinion"
_BOILERPLATE = (
    "Share on Facebook",
    "Share on Twitter",
    "Read more: How the city plans to cut traffic by half",
    "Sign up for our newsletter",
    "Advertisement",
    "Photo: Reuters",
)


def make_page(i: int, rng: random.Random) -> str:
    """A news-like text page of about 1-4 kB, with boilerplate around the article."""
    paragraphs = [
        " ".join(rng.choice(_SENTENCES) for _ in range(rng.randint(2, 5)))
        for _ in range(rng.randint(2, 7))
    ]
    lines = [
        _MENU,
        f"Home > News > Story {i}",
        f"Story number {i}: {rng.choice(_SENTENCES)[:-1]}",
        f"By Reporter {i % 97} | Published 2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
        "",
    ]
    for p in paragraphs:
        lines += [p, ""]
        if rng.random() < 0.2:
            lines += [rng.choice(_BOILERPLATE), ""]
    lines += ["Share on Facebook", "Share on Twitter", "© 2024 Example News. All rights reserved."]
    return "\n".join(lines) + "\n"


def write_files(root: Path, n: int, seed: int = 7) -> int:
    """``n`` generated pages in folders of 1,000 under ``root``; returns the bytes written."""
    rng = random.Random(seed)
    total = 0
    for i in range(n):
        folder = root / f"d{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        data = make_page(i, rng).encode()
        (folder / f"page{i:06d}.txt").write_bytes(data)
        total += len(data)
    return total


def write_big(path: Path, megabytes: float, seed: int = 11) -> tuple[int, str]:
    """One text of ``megabytes`` MB: the benchmarks' real text dumps (WCXB dev, then
    scrapinghub) one after another, a blank line between pages, from the first page again until
    the size is reached; generated paragraphs with boilerplate lines when the data is missing.
    Returns the size and what the text is made of."""
    target = int(megabytes * 1_000_000)
    dumps: list[Path] = []
    try:
        from bench.data import DATASETS, load_pages, missing_reason

        reason = missing_reason()
        if reason is not None:
            raise FileNotFoundError(reason)
        dumps = [p.dump_path for name in DATASETS for p in load_pages(name)]
    except (FileNotFoundError, OSError) as e:
        print(f"({e}; using generated text)", file=sys.stderr)
    written = 0
    with path.open("wb") as f:
        if dumps:
            pages = 0
            while written < target:
                data = dumps[pages % len(dumps)].read_bytes().rstrip(b"\n") + b"\n\n"
                f.write(data)
                written += len(data)
                pages += 1
            return path.stat().st_size, f"{pages} real page dumps concatenated"
        rng = random.Random(seed)
        f.write(f"{_MENU}\nHome > News > A very long page\n\n".encode())
        while written < target:
            para = " ".join(rng.choice(_SENTENCES) for _ in range(rng.randint(3, 8)))
            extra = f"{rng.choice(_BOILERPLATE)}\n\n" if rng.random() < 0.1 else ""
            chunk = f"{para}\n\n{extra}".encode()
            f.write(chunk)
            written += len(chunk)
    return path.stat().st_size, "generated paragraphs"


def copy_pages(dest: Path, n: int, kind: str) -> str:
    """The first ``n`` WCXB pages (HTML or text dumps) into ``dest``; generated pages when the
    benchmark data is missing. Returns a description of the input."""
    dest.mkdir(parents=True)
    try:
        from bench.data import load_pages, missing_reason

        reason = missing_reason()
        if reason is not None:
            raise FileNotFoundError(reason)
        pages = load_pages("wcxb_dev", limit=n)
    except (FileNotFoundError, OSError) as e:
        print(f"({e}; using {n} generated pages)", file=sys.stderr)
        size = write_files(dest, n)
        return f"{n} generated text pages ({size / 1e6:.1f} MB)"
    size = 0
    for p in pages:
        src = p.html_path if kind == "html" else p.dump_path
        shutil.copy(src, dest / src.name)
        size += src.stat().st_size
    what = "HTML pages" if kind == "html" else "text dumps"
    return f"{len(pages)} WCXB {what} ({size / 1e6:.1f} MB)"


def _tree(root: Path) -> Iterator[tuple[str, bytes]]:
    for path in sorted(root.rglob("*")):
        if path.is_file():
            yield path.relative_to(root).as_posix(), path.read_bytes()


def same_tree(a: Path, b: Path) -> bool:
    return list(_tree(a)) == list(_tree(b))


# --------------------------------------------------------------------------------- commands


def bench_jobs(tmp: Path, pages: int, jobs: list[int], kind: str, repeat: int) -> dict[str, object]:
    src = tmp / "jobs-in"
    what = copy_pages(src, pages, kind)
    print(f"-j scaling: {what}, {os.cpu_count()} CPUs, best of {repeat}")
    runs: dict[int, Run] = {}
    outputs: dict[int, Path] = {}
    for j in jobs:
        best: Run | None = None
        for r in range(repeat):
            out = tmp / f"jobs-out-{j}-{r}"
            run = measure([*CLEAN, str(src), "-o", str(out), "-q", "-j", str(j)], f"-j {j}")
            if best is None or run.wall_s < best.wall_s:
                best = run
            outputs[j] = out
        assert best is not None
        runs[j] = best
    base = runs[jobs[0]]
    identical = all(same_tree(outputs[jobs[0]], outputs[j]) for j in jobs[1:])
    print(f"  {'jobs':>4} {'wall s':>8} {'CPU s':>8} {'peak MB':>8} {'speed-up':>9}")
    for j, run in runs.items():
        print(
            f"  {j:>4} {run.wall_s:8.2f} {run.cpu_s:8.2f} {run.peak_rss_mb:8.1f} "
            f"{base.wall_s / run.wall_s:8.2f}x"
        )
    last = runs[jobs[-1]]
    speedup = base.wall_s / last.wall_s
    met = "met" if speedup >= GOAL_SPEEDUP else "NOT met"
    print(f"  outputs identical: {'yes' if identical else 'NO'}; goal >= {GOAL_SPEEDUP}x: {met}")
    return {
        "input": what,
        "runs": {str(j): asdict(r) for j, r in runs.items()},
        "speedup": round(speedup, 2),
        "identical": identical,
    }


def bench_files(tmp: Path, counts: list[int]) -> dict[str, object]:
    print("peak memory, a folder of small files (clean DIR -o OUT -j 1):")
    print(f"  {'files':>7} {'MB in':>7} {'wall s':>8} {'peak MB':>8}")
    results: dict[str, object] = {}
    for n in counts:
        src, out = tmp / f"files-{n}", tmp / f"files-out-{n}"
        size = write_files(src, n)
        run = measure([*CLEAN, str(src), "-o", str(out), "-q"], f"{n} files")
        print(f"  {n:>7} {size / 1e6:7.1f} {run.wall_s:8.2f} {run.peak_rss_mb:8.1f}")
        results[str(n)] = {**asdict(run), "bytes_in": size}
        shutil.rmtree(src)
        shutil.rmtree(out, ignore_errors=True)
    top = max(counts)
    peak = results[str(top)]["peak_rss_mb"]  # type: ignore[index]
    met = "met" if peak < GOAL_FILES_MB else "NOT met"
    print(f"  goal: under {GOAL_FILES_MB:g} MB at {top} files: {met}")
    return results


def bench_big(tmp: Path, megabytes: float) -> dict[str, object]:
    src = tmp / "big.txt"
    size, made_of = write_big(src, megabytes)
    # The command's own footprint (interpreter, libraries, phrase lists) on a one-line input:
    # what a document adds on top of it is what "12x the input" bounds.
    tiny = tmp / "tiny.txt"
    tiny.write_text("Le ministre est arrivé mardi à Rabat pour une visite de deux jours.\n")
    base = measure([*CLEAN, str(tiny), "-o", str(tmp / "tiny-out.jsonl"), "-q"], "base")
    out = tmp / "big-out.jsonl"
    run = measure([*CLEAN, str(src), "-o", str(out), "-q", "--format", "jsonl"], "big")
    out_mb = out.stat().st_size / 1e6 if out.is_file() else 0.0
    growth = (run.peak_rss_mb - base.peak_rss_mb) * 2**20 / size
    print(
        f"one {size / 1e6:.1f} MB input ({made_of}): {run.wall_s:.1f} s wall, "
        f"{run.cpu_s:.1f} s CPU, peak {run.peak_rss_mb:.0f} MB (the command alone: "
        f"{base.peak_rss_mb:.0f} MB; the document added {growth:.1f}x its size), "
        f"exit {run.exit_code}, {out_mb:.1f} MB out. Goals: under {GOAL_BIG_MB:.0f} MB for 41 MB "
        f"of real dumps, under {GOAL_BIG_RATIO:.0f}x the input"
    )
    return {
        **asdict(run),
        "bytes_in": size,
        "made_of": made_of,
        "base_peak_rss_mb": base.peak_rss_mb,
        "growth_x_input": round(growth, 2),
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m bench.scale",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("what", nargs="?", default="all", choices=["all", "jobs", "files", "big"])
    ap.add_argument("--pages", type=int, default=1000, help="jobs: pages (default 1000)")
    ap.add_argument("--kind", choices=["text", "html"], default="text", help="jobs: input kind")
    ap.add_argument("--jobs", default="1,2", help="jobs: -j values, first is the baseline")
    ap.add_argument("--repeat", type=int, default=1, help="jobs: runs per -j, best kept")
    ap.add_argument("--files", default="1000,10000", help="files: folder sizes to measure")
    ap.add_argument("--mb", type=float, default=50.0, help="big: size of the one input in MB")
    ap.add_argument("--json", default="out/bench/scale.json", help="where to write the results")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args(argv)

    results: dict[str, object] = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
    }
    tmp = Path(tempfile.mkdtemp(prefix="cleaner-scale-"))
    try:
        if args.what in ("all", "jobs"):
            jobs = [int(j) for j in args.jobs.split(",")]
            results["jobs"] = bench_jobs(tmp, args.pages, jobs, args.kind, max(1, args.repeat))
        if args.what in ("all", "files"):
            counts = [int(n) for n in args.files.split(",")]
            results["files"] = bench_files(tmp, counts)
        if args.what in ("all", "big"):
            results["big"] = bench_big(tmp, args.mb)
    finally:
        if args.keep:
            print(f"(temporary files kept in {tmp})")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    out = REPO_ROOT / args.json
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"results in {out.relative_to(REPO_ROOT) if out.is_relative_to(REPO_ROOT) else out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
