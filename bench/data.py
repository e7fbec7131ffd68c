"""Where the benchmark data lives, unpacking it, and reading its pages.

The archives sit in ``../shared/bench/`` beside the repository (override with the
``CLEANER_BENCH_SHARED`` environment variable); they are unpacked once into the git-ignored
``.bench/`` folder at the repository root.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_ROOT = REPO_ROOT / ".bench"
DATASETS = ("wcxb_dev", "scrapinghub")


def shared_dir() -> Path:
    """The folder holding the archives and ``score.py`` (``../shared/bench`` by default)."""
    env = os.environ.get("CLEANER_BENCH_SHARED")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "bench"


def missing_reason() -> str | None:
    """Why the benchmark cannot run here, or ``None`` when everything it needs is present."""
    shared = shared_dir()
    needed = [shared / "score.py", *(shared / f"{name}.tar.xz" for name in DATASETS)]
    missing = [str(p) for p in needed if not p.is_file()]
    if missing:
        return "benchmark data not found: " + ", ".join(missing)
    return None


def ensure_unpacked(name: str, root: Path = DATA_ROOT) -> Path:
    """Unpack ``<name>.tar.xz`` into ``root`` unless it is already there; return ``root``.

    Extraction goes to a temporary folder first and is then renamed into place, so a run that is
    interrupted never leaves a half-unpacked dataset that looks complete.
    """
    gold, dump = root / name, root / f"{name}_dump"
    if gold.is_dir() and dump.is_dir():
        return root
    archive = shared_dir() / f"{name}.tar.xz"
    if not archive.is_file():
        raise FileNotFoundError(
            f"{archive} not found; the benchmark archives live in ../shared/bench"
        )
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".unpack-{name}-", dir=root) as tmp:
        if shutil.which("tar"):  # the tar binary is about twice as fast as the tarfile module
            subprocess.run(["tar", "-xJf", str(archive), "-C", tmp], check=True)
        else:
            with tarfile.open(archive) as tf:
                tf.extractall(tmp, filter="data")
        for part in (gold, dump):
            if not part.exists():
                try:
                    (Path(tmp) / part.name).rename(part)
                except OSError:
                    if not part.is_dir():  # not a concurrent run that got there first
                        raise
    return root


@dataclass(frozen=True, slots=True)
class Page:
    """One benchmark page: its id, page type (WCXB) and the paths of its inputs."""

    dataset: str
    id: str
    page_type: str | None
    url: str | None
    html_path: Path
    dump_path: Path


def load_pages(
    name: str,
    *,
    root: Path = DATA_ROOT,
    ids: set[str] | None = None,
    limit: int | None = None,
) -> list[Page]:
    """The pages of a dataset in id order, restricted to ``ids`` and the first ``limit``."""
    ensure_unpacked(name, root)
    gold = root / name
    manifest: dict[str, dict[str, str]] = {}
    man_path = gold / "manifest.jsonl"
    if man_path.is_file():
        with man_path.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    row = json.loads(line)
                    manifest[str(row["id"])] = row
    page_ids = sorted(p.stem for p in gold.glob("*.html"))
    if ids is not None:
        page_ids = [i for i in page_ids if i in ids]
    if limit is not None:
        page_ids = page_ids[:limit]
    return [
        Page(
            dataset=name,
            id=i,
            page_type=manifest.get(i, {}).get("page_type"),
            url=manifest.get(i, {}).get("url"),
            html_path=gold / f"{i}.html",
            dump_path=root / f"{name}_dump" / f"{i}.txt",
        )
        for i in page_ids
    ]


def read_ids(path: str | Path) -> set[str]:
    """Ids listed one per line (blank lines and ``#`` comments ignored)."""
    out: set[str] = set()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.add(line)
    return out
