"""Diff two output trees of ``python -m bench.run`` page by page: proof that a refactor kept the
clean text byte-identical, or the list of pages a deliberate change touched.

    python -m bench.compare OLD NEW                # every dataset and system both trees hold
    python -m bench.compare OLD NEW --diff 3       # and a unified diff of the first 3 changed pages

A tree is ``<out>/<dataset>/<system>/<id>.txt`` (``bench.run --out``). Pages present in only one
tree count as differences. Exit status 0 when every compared page is identical, 1 otherwise.
"""

from __future__ import annotations

import argparse
import difflib
from collections.abc import Sequence
from pathlib import Path


def pages(root: Path) -> dict[tuple[str, str, str], Path]:
    """Every ``(dataset, system, id)`` of an output tree, with its file."""
    return {
        (path.parent.parent.name, path.parent.name, path.stem): path
        for path in sorted(root.glob("*/*/*.txt"))
    }


def compare(
    old: Path, new: Path
) -> tuple[dict[tuple[str, str], int], list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """Pages compared per (dataset, system) both trees hold; pages that differ (or exist only in
    the new tree); pages of the old tree missing from the new one."""
    a, b = pages(old), pages(new)
    systems = {k[:2] for k in a} & {k[:2] for k in b}
    counts: dict[tuple[str, str], int] = dict.fromkeys(sorted(systems), 0)
    changed: list[tuple[str, str, str]] = []
    missing: list[tuple[str, str, str]] = []
    for key in sorted(a.keys() | b.keys()):
        if key[:2] not in systems:
            continue
        if key not in b:
            missing.append(key)
            continue
        counts[key[:2]] += 1
        if key not in a or a[key].read_bytes() != b[key].read_bytes():
            changed.append(key)
    return counts, changed, missing


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m bench.compare",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("old", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("--diff", type=int, default=0, metavar="N", help="show N changed pages")
    args = ap.parse_args(argv)
    counts, changed, missing = compare(args.old, args.new)
    if not counts:
        ap.error("the two trees share no dataset/system folder")
    for (dataset, system), n in counts.items():
        diff = sum(1 for k in changed if k[:2] == (dataset, system))
        gone = sum(1 for k in missing if k[:2] == (dataset, system))
        print(f"{dataset}/{system}: {n} pages compared, {diff} differ, {gone} missing")
    for key in missing:
        print("missing:", "/".join(key))
    for key in changed:
        print("differs:", "/".join(key))
    for dataset, system, page in changed[: args.diff]:
        before = args.old / dataset / system / f"{page}.txt"
        after = args.new / dataset / system / f"{page}.txt"
        old_lines = before.read_text("utf-8").splitlines() if before.exists() else []
        new_lines = after.read_text("utf-8").splitlines()
        print()
        print(
            "\n".join(
                difflib.unified_diff(
                    old_lines, new_lines, str(before), str(after), lineterm="", n=1
                )
            )
        )
    return 1 if changed or missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
