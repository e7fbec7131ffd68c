"""Metadata quality: title, author and date against WCXB's human-reviewed metadata.

``python -m bench.meta`` runs cleaner's text mode (on the dumps), cleaner's HTML mode and
trafilatura (``bare_extraction`` with its metadata) over the WCXB dev pages and scores what each
returns against ``../shared/bench/wcxb_dev_meta.jsonl``:

- **title**: right when its word-token F1 with the true title is at least 0.8; the figure is the
  share of pages whose title is right (every page has a true title).
- **author**: right when its name-token F1 with the true author is at least 0.5 (one of three
  co-authors counts; a name with credentials such as "MS, RD" does not need them). Precision is
  right among the pages where an author was returned, recall right among pages that have one.
- **date**: right when it is the true publication day (``YYYY-MM-DD``); precision and recall as
  for the author.

No system gets the page URL (``--url`` gives it to the cleaner systems and trafilatura). Per page
type with ``--by-type``; the pages where a system is wrong with ``--wrong SYSTEM:FIELD``.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .data import DATA_ROOT, Page, load_pages, read_ids, shared_dir

SYSTEMS = ("trafilatura", "cleaner_html", "cleaner_text")
FIELDS = ("title", "author", "date")
TITLE_F1 = 0.8
AUTHOR_F1 = 0.5

_TOKEN = re.compile(r"\w+")
# Words that join or introduce names, not names.
_NAME_GLUE = frozenset(["by", "and", "und", "et", "y", "par", "von", "por", "de"])

Meta = dict[str, str | None]


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall((text or "").casefold())


def token_f1(pred: list[str], gold: list[str]) -> float:
    """Bag-of-tokens F1 (0.0 when either side is empty)."""
    if not pred or not gold:
        return 0.0
    counts: dict[str, int] = {}
    for t in gold:
        counts[t] = counts.get(t, 0) + 1
    common = 0
    for t in pred:
        if counts.get(t, 0) > 0:
            counts[t] -= 1
            common += 1
    if not common:
        return 0.0
    p, r = common / len(pred), common / len(gold)
    return 2 * p * r / (p + r)


def title_right(pred: str | None, gold: str | None) -> bool:
    return token_f1(tokens(pred), tokens(gold)) >= TITLE_F1


def author_right(pred: str | None, gold: str | None) -> bool:
    def names(s: str | None) -> list[str]:
        return [t for t in tokens(s) if t not in _NAME_GLUE]

    return token_f1(names(pred), names(gold)) >= AUTHOR_F1


def date_right(pred: str | None, gold: str | None) -> bool:
    return bool(pred and gold and pred[:10] == gold[:10])


RIGHT: dict[str, Callable[[str | None, str | None], bool]] = {
    "title": title_right,
    "author": author_right,
    "date": date_right,
}


def load_truth(path: Path | None = None) -> dict[str, Meta]:
    path = path or shared_dir() / "wcxb_dev_meta.jsonl"
    out: dict[str, Meta] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                out[str(row["id"])] = {
                    "title": row.get("title") or None,
                    "author": row.get("author") or None,
                    "date": row.get("publish_date") or None,
                }
    return out


# ------------------------------------------------------------------ systems


def _trafilatura(page: Page, url: str | None) -> Meta:
    import trafilatura

    html = page.html_path.read_text(encoding="utf-8", errors="replace")
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if doc is None:
        return {"title": None, "author": None, "date": None}
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    return {"title": get("title"), "author": get("author"), "date": get("date")}


_CLEANERS: dict[str, Any] = {}


def _cleaner(page: Page, url: str | None, kind: str) -> Meta:
    from cleaner import Cleaner

    cleaner = _CLEANERS.get("c")
    if cleaner is None:
        cleaner = _CLEANERS["c"] = Cleaner()
    path = page.html_path if kind == "html" else page.dump_path
    source = path.read_text(encoding="utf-8", errors="replace")
    r = cleaner.clean(source, kind=kind, url=url)
    return {"title": r.title, "author": r.author, "date": r.date}


def run_one(system: str, page: Page, url: str | None) -> Meta:
    try:
        if system == "trafilatura":
            return _trafilatura(page, url)
        return _cleaner(page, url, "html" if system == "cleaner_html" else "text")
    except Exception as e:  # scored as nothing returned, and counted
        return {"title": None, "author": None, "date": None, "error": f"{type(e).__name__}: {e}"}


def _run_chunk(args: tuple[str, tuple[Page, ...], bool]) -> list[tuple[str, Meta]]:
    system, pages, with_url = args
    return [(p.id, run_one(system, p, p.url if with_url else None)) for p in pages]


def _cache_dir(with_url: bool) -> Path:
    """Where trafilatura's metadata is kept between runs: it does not change with cleaner."""
    from .systems import trafilatura_version

    kind = "meta-url" if with_url else "meta"
    return DATA_ROOT / "cache" / f"trafilatura-{trafilatura_version()}" / kind


def run_system(
    system: str, pages: Sequence[Page], *, jobs: int, with_url: bool, cache: bool = True
) -> dict[str, Meta]:
    """``system``'s metadata for every page; trafilatura's read from and kept in the cache
    (pages that raised are not kept)."""
    out: dict[str, Meta] = {}
    cache_dir = _cache_dir(with_url) if cache and system == "trafilatura" else None
    if cache_dir is not None:
        for p in pages:
            if (f := cache_dir / f"{p.id}.json").is_file():
                out[p.id] = json.loads(f.read_text(encoding="utf-8"))
    todo = [p for p in pages if p.id not in out]
    computed = _run_pages(system, todo, jobs=jobs, with_url=with_url)
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for page_id, meta in computed.items():
            if "error" not in meta:
                (cache_dir / f"{page_id}.json").write_text(json.dumps(meta), encoding="utf-8")
    out.update(computed)
    return out


def _run_pages(system: str, pages: Sequence[Page], *, jobs: int, with_url: bool) -> dict[str, Meta]:
    chunks = [(system, tuple(pages[i : i + 25]), with_url) for i in range(0, len(pages), 25)]
    out: dict[str, Meta] = {}
    if not chunks:
        return out
    if jobs <= 1:
        for c in chunks:
            out.update(_run_chunk(c))
    else:
        with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
            for part in pool.map(_run_chunk, chunks):
                out.update(part)
    return out


# ------------------------------------------------------------------ scoring


@dataclass(frozen=True, slots=True)
class Score:
    n: int  # pages scored
    title: float  # share of pages with the right title
    author_p: float | None
    author_r: float | None
    date_p: float | None
    date_r: float | None
    author_returned: int
    date_returned: int


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def score(preds: dict[str, Meta], truth: dict[str, Meta], ids: Sequence[str]) -> Score:
    title_ok = 0
    got = {"author": 0, "date": 0}
    ok = {"author": 0, "date": 0}
    has = {"author": 0, "date": 0}
    for i in ids:
        pred, gold = preds.get(i, {}), truth[i]
        title_ok += title_right(pred.get("title"), gold["title"])
        for field in ("author", "date"):
            has[field] += gold[field] is not None
            if pred.get(field):
                got[field] += 1
                ok[field] += RIGHT[field](pred.get(field), gold[field])
    return Score(
        n=len(ids),
        title=title_ok / len(ids) if ids else 0.0,
        author_p=_ratio(ok["author"], got["author"]),
        author_r=_ratio(ok["author"], has["author"]),
        date_p=_ratio(ok["date"], got["date"]),
        date_r=_ratio(ok["date"], has["date"]),
        author_returned=got["author"],
        date_returned=got["date"],
    )


def _f(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def table(rows: list[tuple[str, str, Score]]) -> str:
    head = f"{'pages':<14} {'system':<13} {'n':>5} {'title':>6}  {'author P / R':>13}  {'date P / R':>13}"
    lines = [head, "-" * len(head)]
    for group, system, s in rows:
        lines.append(
            f"{group:<14} {system:<13} {s.n:>5} {_f(s.title):>6}  "
            f"{_f(s.author_p)} / {_f(s.author_r)}  {_f(s.date_p)} / {_f(s.date_r)}"
        )
    return "\n".join(lines)


def wrong_rows(
    system: str, field: str, preds: dict[str, Meta], truth: dict[str, Meta], pages: Sequence[Page]
) -> list[str]:
    """Pages where ``system`` returned a wrong ``field`` (or missed a title)."""
    out = []
    for p in pages:
        pred, gold = preds.get(p.id, {}).get(field), truth[p.id][field]
        if field == "title":
            bad = not title_right(pred, gold)
        else:
            bad = bool(pred) and not RIGHT[field](pred, gold)
        if bad:
            out.append(f"{p.id} [{p.page_type}] got {pred!r} want {gold!r}")
    return out


def report(
    pages: Sequence[Page],
    *,
    systems: Sequence[str] = SYSTEMS,
    jobs: int = 2,
    by_type: bool = True,
    with_url: bool = False,
    out: Path | None = None,
    cache: bool = True,
    saved: Sequence[str] = (),
) -> tuple[str, dict[str, dict[str, Meta]]]:
    """Run ``systems`` over the WCXB ``pages`` that have reviewed metadata; return the table
    (a row per system, and per page type with ``by_type``) and the predictions. With ``out``,
    each system's predictions are written to ``out/<system>.jsonl``; the ``saved`` systems
    are read back from there instead of run."""
    truth = load_truth()
    pages = [p for p in pages if p.id in truth]
    preds: dict[str, dict[str, Meta]] = {}
    for s in systems:
        if s in saved and out is not None:
            with (out / f"{s}.jsonl").open(encoding="utf-8") as f:
                rows_in = [json.loads(line) for line in f if line.strip()]
            preds[s] = {str(r.pop("id")): r for r in rows_in}
            continue
        preds[s] = run_system(s, pages, jobs=jobs, with_url=with_url, cache=cache)
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            with (out / f"{s}.jsonl").open("w", encoding="utf-8") as f:
                for p in pages:
                    f.write(json.dumps({"id": p.id, **preds[s][p.id]}, ensure_ascii=False) + "\n")
    groups: list[tuple[str, list[str]]] = [("all", [p.id for p in pages])]
    if by_type:
        for t in sorted({p.page_type or "?" for p in pages}):
            groups.append((t, [p.id for p in pages if (p.page_type or "?") == t]))
    rows = [(name, s, score(preds[s], truth, ids)) for name, ids in groups for s in systems]
    head = (
        f"WCXB dev metadata, {len(pages)} pages"
        + (" (with URLs)" if with_url else " (no URLs)")
        + f": title right = token F1 >= {TITLE_F1}; author right = name F1 >= {AUTHOR_F1};"
        " date right = same day"
    )
    errors = {s: sum(1 for m in preds[s].values() if "error" in m) for s in systems}
    tail = "".join(f"\n{s}: {n} pages raised" for s, n in errors.items() if n)
    return f"{head}\n{table(rows)}{tail}", preds


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m bench.meta", description=__doc__.split("\n")[0])
    ap.add_argument("--systems", default=",".join(SYSTEMS))
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--ids", help="a file of page ids, one per line")
    ap.add_argument("--url", action="store_true", help="give every system the page URL")
    ap.add_argument("--by-type", action="store_true", help="a row per WCXB page type too")
    ap.add_argument("--wrong", metavar="SYSTEM:FIELD", help="list that system's wrong pages")
    ap.add_argument("--out", type=Path, default=Path("out/bench/meta"))
    ap.add_argument(
        "--saved", default="", help="systems read back from --out (their last run) instead of run"
    )
    ap.add_argument("--no-cache", action="store_true", help="recompute trafilatura's metadata")
    return ap.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    systems = [s for s in args.systems.split(",") if s]
    for s in systems:
        if s not in SYSTEMS:
            print(f"unknown system {s!r}; choose from {', '.join(SYSTEMS)}", file=sys.stderr)
            return 2
    truth = load_truth()
    ids = read_ids(args.ids) if args.ids else None
    pages = [p for p in load_pages("wcxb_dev", ids=ids, limit=args.limit) if p.id in truth]
    text, preds = report(
        pages,
        systems=systems,
        jobs=args.jobs,
        by_type=args.by_type,
        with_url=args.url,
        out=args.out,
        cache=not args.no_cache,
        saved=[s for s in args.saved.split(",") if s],
    )
    print(text)
    if args.wrong:
        system, _, field = args.wrong.partition(":")
        for line in wrong_rows(system, field, preds.get(system, {}), truth, pages):
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
