"""Does corpus mode move the WCXB text-dump word F1? Single-page cleaning against corpus mode
with the pages grouped by domain (issue 8).

    python -m bench.corpus                      # every WCXB dev page, -j 2
    python -m bench.corpus --share 0.5 --min-pages 2 --reuse

Each dump is cleaned once with the ordinary pipeline (``cleaner_text``, as ``bench.run`` does);
those results are scored as "single", then learned by ``cleaner.corpus.Corpus`` grouped by the
manifest's domain, applied, and scored as "corpus". Most WCXB domains have one page, where
corpus mode can do nothing, so the table also gives the pages of domains with two or more pages
and the F1 on those. Predictions go to ``<out>/{single,corpus}/<id>.txt``, the corpus summary
(learned lines per domain) to ``<out>/summary.jsonl``; ``--reuse`` reads the single-page results
pickled by an earlier run instead of cleaning again.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import pickle
import shutil
import statistics
import sys
from collections import Counter
from pathlib import Path

from bench.data import DATA_ROOT, Page, load_pages
from bench.run import load_scorer
from cleaner import Cleaner, Config, Result
from cleaner.corpus import Corpus, CorpusSettings, dedup_available

DATASET = "wcxb_dev"


def _clean(paths: list[Path]) -> list[Result]:
    cleaner = Cleaner(Config())
    return [cleaner.clean(p.read_bytes(), kind="text") for p in paths]


def clean_all(pages: list[Page], jobs: int) -> dict[str, Result]:
    chunks = [pages[i : i + 25] for i in range(0, len(pages), 25)]
    out: dict[str, Result] = {}
    with concurrent.futures.ProcessPoolExecutor(jobs) as pool:
        futures = [pool.submit(_clean, [p.dump_path for p in c]) for c in chunks]
        for chunk, future in zip(chunks, futures, strict=True):
            for page, result in zip(chunk, future.result(), strict=True):
                out[page.id] = result
            print(f"\rcleaned {len(out)}/{len(pages)}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return out


def write(directory: Path, texts: dict[str, str]) -> None:
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    for page_id, text in texts.items():
        (directory / f"{page_id}.txt").write_text(text + "\n" if text else "", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", type=Path, default=Path("out/bench/corpus"))
    p.add_argument("-j", "--jobs", type=int, default=2)
    p.add_argument("--limit", type=int, help="first N pages")
    p.add_argument("--reuse", action="store_true", help="reuse the pickled single-page results")
    defaults = CorpusSettings()
    p.add_argument("--share", type=float, default=defaults.share)
    p.add_argument("--min-pages", type=int, default=defaults.min_pages)
    p.add_argument("--no-dedup", action="store_true")
    args = p.parse_args(argv)

    pages = load_pages(DATASET, limit=args.limit)
    manifest = {}
    with (DATA_ROOT / DATASET / "manifest.jsonl").open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                manifest[str(row["id"])] = row
    domain = {pg.id: str(manifest.get(pg.id, {}).get("domain") or pg.id) for pg in pages}

    args.out.mkdir(parents=True, exist_ok=True)
    cache = args.out / "single.pickle"
    results: dict[str, Result] | None = None
    if args.reuse and cache.is_file():
        results = pickle.loads(cache.read_bytes())
        if not all(pg.id in results for pg in pages):
            results = None
    if results is None:
        results = clean_all(pages, args.jobs)
        cache.write_bytes(pickle.dumps(results))

    settings = CorpusSettings(
        share=args.share,
        min_pages=args.min_pages,
        dedup=not args.no_dedup and dedup_available(),
    )
    corpus = Corpus(settings)
    for pg in pages:
        corpus.learn(pg.id, domain[pg.id], results[pg.id])
    corpus.finish()
    single = {pg.id: results[pg.id].text for pg in pages}
    after = {}
    for pg in pages:
        r, _ = corpus.apply(pg.id, domain[pg.id], results[pg.id], pg.dump_path.read_bytes)
        after[pg.id] = r.text
    write(args.out / "single", single)
    write(args.out / "corpus", after)
    with (args.out / "summary.jsonl").open("w", encoding="utf-8") as f:
        for record in corpus.summary():
            f.write(json.dumps(record, ensure_ascii=False) + "\n")

    scorer = load_scorer()
    ids = {pg.id for pg in pages}
    gold, snips = scorer.load_gold(DATA_ROOT / DATASET, ids)
    gold = {k: v for k, v in gold.items() if k in ids}
    sizes = Counter(domain.values())
    multi = {pid for pid in ids if sizes[domain[pid]] >= 2}

    def f1(pred: dict[str, str], subset: set[str]) -> float:
        return statistics.fmean(scorer.bow_prf(pred.get(k, ""), gold[k])[2] for k in subset)

    def leaked(pred: dict[str, str], subset: set[str]) -> float:
        mine = {k: snips[k] for k in subset if k in snips}
        res, _ = scorer.score({}, mine, {k: pred[k] for k in mine}, ["snippets"])
        return float(res["snippets"]["without_pct"]) if mine else float("nan")

    changed = sum(1 for k in ids if single[k] != after[k])
    t = corpus.totals()
    print(
        f"{DATASET}: {len(ids)} pages, {len(set(domain.values()))} domains; "
        f"{len(multi)} pages in {sum(1 for n in sizes.values() if n >= 2)} domains of >= 2 pages"
    )
    print(
        f"corpus mode (share > {settings.share}, min_pages {settings.min_pages}, dedup "
        f"{'on' if settings.dedup else 'off'}): {t['boilerplate_lines']} lines learned, "
        f"{t['removed']} lines removed from {changed} pages, {t['duplicates']} near-duplicates"
    )
    print(f"{'':28}{'single':>8}{'corpus':>8}{'delta':>8}")
    for name, subset in (("word F1, all pages", ids), ("word F1, domains >= 2 pages", multi)):
        if subset:
            a, b = f1(single, subset), f1(after, subset)
            print(f"{name:28}{a:8.4f}{b:8.4f}{b - a:+8.4f}")
    if multi:
        a, b = leaked(single, multi), leaked(after, multi)
        print(f"{'leaked_without, >= 2 pages':28}{a:8.4f}{b:8.4f}{b - a:+8.4f}")
    print(f"predictions and summary.jsonl in {args.out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
