"""Smoke test of the benchmark harness (bench/): it runs end to end on three pages per dataset.

The harness itself is not part of the test suite; this only checks that it still works. It needs
the shared benchmark archives beside the repository (``../shared/bench``) and is skipped without.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLEANER_BENCH_SHARED") or REPO_ROOT.parent / "shared" / "bench")
NEEDED = ("score.py", "scrapinghub.tar.xz", "wcxb_dev.tar.xz")

pytestmark = pytest.mark.skipif(
    not all((SHARED / name).is_file() for name in NEEDED),
    reason=f"benchmark data not found in {SHARED} (expected {', '.join(NEEDED)})",
)

SYSTEMS = ("dump", "ten_words", "trafilatura", "cleaner_html", "cleaner_fast", "cleaner_text")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLEANER_BENCH_SHARED": str(SHARED)}
    proc = subprocess.run(
        [sys.executable, "-m", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    return proc


def test_harness_runs_on_three_pages(tmp_path: Path) -> None:
    out, per_page = tmp_path / "out", tmp_path / "per_page"
    proc = _run(
        "bench.run",
        "--dataset=all",
        "--limit=3",
        "--no-cache",
        f"--out={out}",
        f"--per-page={per_page}",
        "--worst=2",
    )
    text = proc.stdout
    assert "word_F1" in text and "shingle4_F1" in text and "leaked_without" in text
    for dataset in ("wcxb_dev", "scrapinghub"):
        for system in SYSTEMS:
            assert any(line.split()[:3] == [dataset, system, "3"] for line in text.splitlines()), (
                f"no row for {dataset}/{system}"
            )
            assert len(list((out / dataset / system).glob("*.txt"))) == 3
            with (per_page / dataset / f"{system}.csv").open(encoding="utf-8") as f:
                rows = list(csv.DictReader(f))
            assert len(rows) == 3
            assert all(0.0 <= float(r["word_f1"]) <= 1.0 for r in rows)
    assert "wcxb_dev: word F1 by page type" in text
    assert "worst pages by word F1" in text
    goals = [
        line
        for line in text.splitlines()
        if line.startswith(("wcxb_dev cleaner", "scrapinghub cleaner"))
    ]
    # 5 goals of issues 4 and 5, 4 of issue 21 (the HTML modes against trafilatura).
    assert len(goals) == 9 and all(line.endswith(("met", "NOT met")) for line in goals), goals

    # The title, author and date table (issue 23), a row per system that returns metadata.
    assert "WCXB dev metadata, 3 pages" in text
    for system in ("trafilatura", "cleaner_html", "cleaner_text"):
        assert any(line.split()[:3] == ["all", system, "3"] for line in text.splitlines()), system
        assert len((out / "meta" / f"{system}.jsonl").read_text(encoding="utf-8").splitlines()) == 3

    summary = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert len(summary["results"]) == 2 * len(SYSTEMS)
    dump = next(
        r for r in summary["results"] if r["dataset"] == "wcxb_dev" and r["system"] == "dump"
    )
    assert dump["metrics"]["bow"]["R"] > 0.9  # the whole page text holds the article
    timing = json.loads((out / "wcxb_dev" / "timing.json").read_text(encoding="utf-8"))
    assert timing["cleaner_text"]["pages"] == 3


def test_speed_runs_on_two_pages() -> None:
    proc = _run("bench.speed", "--dataset=scrapinghub", "--limit=2", "--warmup=1")
    for name in ("trafilatura", "cleaner_html", "cleaner_text", "cleaner_text_py3langid"):
        assert any(line.startswith(name + " ") for line in proc.stdout.splitlines()), name
    assert "vs trafilatura" in proc.stdout


def test_html_steps_runs_on_two_pages() -> None:
    proc = _run("bench.html_steps", "--dataset=scrapinghub", "--limit=2", "--warmup=1")
    lines = proc.stdout.splitlines()
    header = next(line for line in lines if line.startswith("step (CPU ms/page)"))
    assert header.split()[-2:] == ["default", "fast"]
    for step in ("parse", "prune", "trafilatura fast pass", "visible lines", "rules", "language"):
        assert any(line.startswith(step + " ") for line in lines), step
    assert any(line.startswith("speed vs trafilatura") for line in lines)
    assert "WARNING" not in proc.stdout
