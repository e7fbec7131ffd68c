"""CPU time of every hostile-input case of ``tests/test_hostile.py`` (issue 19: the suite asserts
behaviour only; how long a case takes is measured here).

    python -m bench.hostile                  # every text and HTML case, default Config
    python -m bench.hostile --limit 10.0     # flag cases over 10 s of CPU (the default)

Each case is built, then cleaned once in this process; the time is ``time.process_time``, so
other load on the machine matters little. Cases over ``--limit`` are flagged; the exit code is
1 when any is.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from cleaner import InputError, clean

REPO_ROOT = Path(__file__).resolve().parents[1]


def _cases_module() -> ModuleType:
    sys.path.insert(0, str(REPO_ROOT / "tests"))
    spec = importlib.util.spec_from_file_location(
        "hostile_cases", REPO_ROOT / "tests" / "test_hostile.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (its dataclasses look themselves up there)
    spec.loader.exec_module(module)
    return module


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m bench.hostile",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--limit", type=float, default=10.0, help="flag cases over this many CPU s")
    args = ap.parse_args(argv)
    cases = _cases_module()
    clean("x")  # warm up: phrase lists and the language detector
    slow = 0
    print(f"{'case':<32} {'kind':<5} {'CPU s':>7}  outcome")
    for kind, table in (("text", cases.TEXT_CASES), ("html", cases.HTML_CASES)):
        for name in sorted(table):
            source = table[name]()
            start = time.process_time()
            try:
                r = clean(source)
                outcome = "result " + " ".join(s for s in r.steps if s.startswith("cap:"))
            except InputError as e:
                outcome = f"InputError: {str(e)[:60]}"
            seconds = time.process_time() - start
            flag = "  <-- over the limit" if seconds > args.limit else ""
            slow += bool(flag)
            print(f"{name:<32} {kind:<5} {seconds:7.2f}  {outcome}{flag}")
    print(f"{slow} case(s) over {args.limit:.0f} s of CPU")
    return 1 if slow else 0


if __name__ == "__main__":
    raise SystemExit(main())
