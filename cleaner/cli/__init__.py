"""The ``clean`` command: files, directory trees, globs or standard input in; clean text, JSONL
records or full JSON results out. A thin layer over the library: argument parsing (here), a
checked plan (``plan.py``), and a run that assembles the library's one path for documents
(``run.py``: ``cleaner.io`` readers -> ``clean_many`` -> ``cleaner.io`` writers) and reports on
it. Every cleaning decision is the library's; ``--executor`` hands over to ``cleaner.executor``,
which assembles the same readers and ``clean_many`` as datatrove steps.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from .. import __version__, executor
from ..phrases import available_languages
from ..rules import RULE_DESCRIPTIONS, RULE_NAMES
from .plan import UsageError, make_plan
from .run import EXIT_OK, Runner

__all__ = ["Runner", "UsageError", "build_parser", "main", "make_plan"]

EXIT_USAGE = 2

EPILOG = """\
output:
  -o DIR         the input tree is mirrored: in/sub/a.html (or a.html.gz) becomes
                 DIR/sub/a.txt; siblings with one stem keep their whole name (a.html.txt,
                 a.html.gz.txt, a.txt.txt); --format jsonl/json write a.jsonl/a.json
  -o FILE.jsonl  one JSONL record per document (Dolma / datatrove schema); FILE.jsonl.gz,
                 .bz2, .xz or .zst is compressed. A document with no text left is left out
                 of JSONL (as with --executor) and counted in the summary
  -o FILE.txt    one input: that file (FILE.json, FILE.jsonl likewise)
  -o -           standard output; without -o a single input goes to standard output
  --explain      beside each output, a.explain.json holds the full result with every removal
                 (on a stream, the record gets metadata.explain)
  --diff         print every removed line with its rule for review (outputs are written
                 only when -o is given)

inputs:
  Inputs are never modified. Directories are walked recursively in name order; an output
  directory inside the input tree is skipped. Symbolic links found while walking are followed
  only when they point inside the tree (--follow-symlinks follows all). An empty file is
  cleaned to an empty output. A file that cannot be cleaned (binary, undecodable, unreadable,
  broken link) is reported on standard error as "path: reason" and the run goes on.
  --in jsonl reads records (text under --text-key, id under --id-key) and keeps their other
  fields. A .warc or .warc.gz file (or --in warc) gives one record per HTML or text response
  with status 200; its other records are skipped and counted. Inputs ending in .gz, .bz2, .xz
  or .zst are decompressed; a document past 64 MiB once unpacked is refused.

corpus mode:
  --corpus reads every input twice: the first pass learns, per source (the domain of the
  record's url, else its "domain" or "source" field, else the input's folder), the lines that
  recur on many pages and finds near-duplicates; the second removes those lines (rule
  repeated_in_source) and marks near-duplicates with metadata.duplicate_of. The learned lines
  go to --corpus-summary (default: DIR/corpus-summary.jsonl or FILE.corpus.jsonl).

exit status:
  0 every input cleaned, 1 some inputs failed (all others were written) or the output could
  not be written, 2 usage error, 130 interrupted (finished outputs are kept; rerun with
  --skip-existing to finish).
"""


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per CPU) or more")
    return n or (os.cpu_count() or 1)


def _langs(value: str) -> frozenset[str]:
    codes = frozenset(c.strip().lower() for c in value.split(",") if c.strip())
    if not codes:
        raise argparse.ArgumentTypeError("give language codes, e.g. fr,en")
    return codes


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="clean",
        description="Turn scraped web pages (HTML or text) into clean article text, "
        "with an audit of every removal.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="file, directory, glob, or - (stdin)")
    p.add_argument("-o", "--output", metavar="OUT", help="directory, FILE.jsonl, or - (stdout)")
    p.add_argument("--format", choices=["txt", "jsonl", "json"], help="output format")
    p.add_argument("--kind", choices=["auto", "text", "html"], default="auto", help="input kind")
    p.add_argument("--lang", metavar="CODE", help="language hint (ISO 639-1); skips detection")
    p.add_argument(
        "--extractor",
        choices=["trafilatura", "fast"],
        default="trafilatura",
        help="HTML main-content extractor (fast: no trafilatura, for crawl-scale runs)",
    )
    p.add_argument(
        "--title-in-text",
        action="store_true",
        help="open the text with the page's title (default: the title is only in the metadata)",
    )
    p.add_argument("-j", "--jobs", type=_jobs, default=1, metavar="N", help="worker processes")
    review = p.add_mutually_exclusive_group()
    review.add_argument("--explain", action="store_true", help="write the full result too")
    review.add_argument("--diff", action="store_true", help="print removed lines with rules")
    p.add_argument(
        "--disable", action="append", default=[], metavar="RULE", help="skip a rule (repeatable)"
    )
    p.add_argument("--list-rules", action="store_true", help="list the rules and exit")
    p.add_argument("--corpus", action="store_true", help="learn repeated lines per source")
    p.add_argument(
        "--drop-duplicates", action="store_true", help="corpus mode, one per near-duplicate set"
    )
    p.add_argument("--corpus-summary", metavar="FILE", help="learned lines per source (JSONL)")
    p.add_argument(
        "--skip-existing", action="store_true", help="skip inputs whose output is newer (resume)"
    )
    p.add_argument(
        "--in",
        dest="input_format",
        choices=["auto", "text", "jsonl", "warc"],
        default="auto",
        help="input format (default: WARC for .warc[.gz] files, else one page per file)",
    )
    p.add_argument(
        "--keep-lang",
        type=_langs,
        metavar="CODES",
        help="keep only documents in these languages (e.g. fr,en); others are counted",
    )
    p.add_argument("--text-key", default="text", help="JSONL input: field with the page")
    p.add_argument("--id-key", default="id", help="JSONL input: field with the id")
    p.add_argument(
        "--follow-symlinks", action="store_true", help="follow links leaving the input tree"
    )
    loud = p.add_mutually_exclusive_group()
    loud.add_argument("-q", "--quiet", action="store_true", help="no progress, no summary")
    loud.add_argument("-v", "--verbose", action="store_true", help="one line per document")
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress line on stderr (default: when it is a terminal)",
    )
    p.add_argument("--version", action="version", version=f"clean (cleaner) {__version__}")
    executor.add_arguments(p)  # --executor local|ray|slurm and its options (cleaner/executor.py)
    return p


def list_rules(out: TextIO) -> None:
    width = max(map(len, RULE_NAMES))
    for name in RULE_NAMES:
        langs = ",".join(available_languages(name)) or "all (no phrase list)"
        out.write(f"{name:<{width}}  {langs:<18}  {RULE_DESCRIPTIONS[name]}\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``clean`` command; returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else EXIT_USAGE
    if args.list_rules:
        list_rules(sys.stdout)
        return EXIT_OK
    if args.executor:
        return executor.run_from_args(args)
    try:
        plan = make_plan(args)
    except UsageError as e:
        parser.print_usage(sys.stderr)
        print(f"clean: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    return Runner(plan).run()
