"""The ``clean`` command: files, directory trees, globs or standard input in; clean text, JSONL
records or full JSON results out. A thin layer over ``cleaner.Cleaner``: argument parsing, file
I/O, progress and exit codes; every cleaning decision is the library's.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import IO, Any, Literal, TextIO

from . import __version__, executor
from .batch import Outcome, clean_many
from .corpus import Corpus, CorpusSettings, dedup_available, source_of
from .decode import replaced_bytes
from .io import (
    Document,
    InputFile,
    InputFormat,
    JsonlWriter,
    NotADocument,
    ReadError,
    Skipped,
    StreamOutput,
    TreeOutput,
    format_of,
    has_magic,
    json_bytes,
    read_stream,
    safe_relpath,
    strip_compression,
    text_bytes,
    walk,
)
from .phrases import available_languages
from .pipeline import Cleaner
from .records import result_metadata
from .report import Reporter, Stats
from .rules import RULE_DESCRIPTIONS, RULE_NAMES
from .types import Config, InputError, Kind, Result

__all__ = ["build_parser", "main"]

Format = Literal["txt", "jsonl", "json"]
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

EPILOG = """\
output:
  -o DIR         the input tree is mirrored: in/sub/a.html becomes DIR/sub/a.txt (a.html.txt
                 when a sibling a.txt exists); --format jsonl/json write a.jsonl/a.json
  -o FILE.jsonl  one JSONL record per document (Dolma / datatrove schema); FILE.jsonl.gz,
                 .bz2, .xz or .zst is compressed
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


class UsageError(Exception):
    """A command line that cannot run; exit status 2."""


class FatalError(Exception):
    """The run cannot go on (output unwritable, disk full); exit status 1."""


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


# ------------------------------------------------------------------------------------ the plan


@dataclass(slots=True)
class Plan:
    paths: list[str]
    mode: Literal["dir", "file", "stdout", "none"]
    out: str | None
    fmt: Format
    cleaner: Cleaner
    kind: Kind
    lang: str | None
    jobs: int
    explain: bool
    diff: bool
    skip_existing: bool
    input_format: InputFormat
    text_key: str
    id_key: str
    follow_symlinks: bool
    quiet: bool
    verbose: bool
    progress: bool
    corpus: bool = False
    drop_duplicates: bool = False
    corpus_summary: str | None = None
    keep_lang: frozenset[str] | None = None
    format_given: bool = True


_CLEANERS: dict[Config, Cleaner] = {}  # building one takes a while; main() may run many times


def make_plan(args: argparse.Namespace) -> Plan:
    try:
        config = Config(disabled_rules=frozenset(args.disable), extractor=args.extractor)
    except ValueError as e:
        raise UsageError(str(e)) from None
    cleaner = _CLEANERS.get(config)
    if cleaner is None:
        try:
            cleaner = _CLEANERS[config] = Cleaner(config)
        except ValueError as e:
            raise UsageError(str(e)) from None
    if args.compress:
        raise UsageError(
            "--compress is for --executor; without it, name the output FILE.jsonl.gz "
            "(or .bz2, .xz, .zst)"
        )
    paths: list[str] = args.paths
    if not paths:
        raise UsageError("no PATH given (use - to read standard input)")
    if paths.count("-") > 1:
        raise UsageError("- (standard input) can be given only once")
    for path in paths:
        if path == "-" or os.path.lexists(path):
            continue
        if has_magic(path):
            import glob

            if not glob.glob(path, recursive=True):
                raise UsageError(f"{path}: no file matches this pattern")
            continue
        raise UsageError(f"{path}: no such file or directory")

    single = len(paths) == 1 and (paths[0] == "-" or os.path.isfile(paths[0]))
    out: str | None = args.output
    mode: Literal["dir", "file", "stdout", "none"]
    if out is None:
        if args.diff:
            mode = "none"
        elif single:
            mode = "stdout"
        else:
            raise UsageError(
                "several inputs: give -o DIR, -o FILE.jsonl, or -o - for standard output"
            )
    elif out == "-":
        mode = "stdout"
    elif os.path.isdir(out) or out.endswith(("/", os.sep)):
        mode = "dir"
    elif _file_format(out) == "jsonl" or (single and _file_format(out) is not None):
        mode = "file"
    elif os.path.exists(out):
        raise UsageError(f"{out}: exists and is not a directory (a JSONL output ends in .jsonl)")
    else:
        mode = "dir"

    many_in = args.input_format in ("jsonl", "warc") or any(
        format_of(p) == "warc" for p in paths if p != "-"
    )
    fmt: Format = (
        args.format
        or (_file_format(out) if mode == "file" and out is not None else None)
        or ("jsonl" if many_in else "txt")
    )
    if mode == "file" and _file_format(out or "") == "jsonl" and fmt != "jsonl":
        raise UsageError(f"{out}: a .jsonl output takes --format jsonl")
    if args.explain and mode in ("stdout", "file") and fmt == "txt":
        raise UsageError(
            "--explain on standard output or one file needs --format json or jsonl (or -o DIR)"
        )
    if args.skip_existing and not (mode == "dir" or (mode == "file" and fmt == "jsonl")):
        raise UsageError("--skip-existing needs -o DIR or -o FILE.jsonl")
    if mode == "dir" and out is not None:
        real_out = os.path.realpath(out)
        for path in paths:
            if path != "-" and os.path.isdir(path) and os.path.realpath(path) == real_out:
                raise UsageError(f"{out}: the output directory is also an input directory")
    show_progress = (
        args.progress if args.progress is not None else (sys.stderr.isatty() and not args.quiet)
    )
    corpus = args.corpus or args.drop_duplicates
    summary_path: str | None = args.corpus_summary
    if corpus:
        if args.skip_existing:
            raise UsageError("--corpus learns from every input: it cannot --skip-existing")
        if args.drop_duplicates and not dedup_available():
            raise UsageError("--drop-duplicates needs datasketch: pip install 'cleaner[corpus]'")
        if summary_path is None and out is not None and mode == "dir":
            summary_path = os.path.join(out, "corpus-summary.jsonl")
        elif summary_path is None and out is not None and mode == "file":
            summary_path = os.path.splitext(strip_compression(out))[0] + ".corpus.jsonl"
    return Plan(
        paths=paths,
        mode=mode,
        out=out,
        fmt=fmt,
        cleaner=cleaner,
        kind=args.kind,
        lang=args.lang,
        jobs=args.jobs,
        explain=args.explain,
        diff=args.diff,
        skip_existing=args.skip_existing,
        input_format=args.input_format,
        text_key=args.text_key,
        id_key=args.id_key,
        follow_symlinks=args.follow_symlinks,
        quiet=args.quiet,
        verbose=args.verbose,
        progress=bool(show_progress),
        corpus=corpus,
        drop_duplicates=args.drop_duplicates,
        corpus_summary=summary_path,
        keep_lang=args.keep_lang,
        format_given=args.format is not None,
    )


def _file_format(out: str) -> Format | None:
    """The format an output file's name asks for (compression aside), or None.

    >>> _file_format("out.jsonl.gz"), _file_format("single.txt"), _file_format("cleaned")
    ('jsonl', 'txt', None)
    """
    ext = os.path.splitext(strip_compression(out))[1].lower()
    return {".jsonl": "jsonl", ".json": "json", ".txt": "txt"}.get(ext)  # type: ignore[return-value]


# ------------------------------------------------------------------------------------- jobs


@dataclass(slots=True)
class Unit:
    """One output target: a file in the output directory. A document's own output is written
    at once; the records of a JSONL or WARC input mirrored as one JSONL file stream into a
    temporary file that is renamed into place after its last record (memory stays flat)."""

    out_path: str
    shared: bool = False  # several documents (a JSONL or WARC input mirrored as JSONL)
    lines: list[bytes] = field(default_factory=list)
    writer: JsonlWriter | None = None  # a shared output, once its first record came

    @property
    def has_output(self) -> bool:
        return bool(self.lines) or self.writer is not None


@dataclass(slots=True)
class Job:
    name: str  # for messages: a path, "-", or "file.jsonl:12"
    doc_id: str
    path: str  # metadata.path
    source: str
    added: str
    doc: Document
    record: dict[str, Any] | None = None
    unit: Unit | None = None
    last_in_unit: bool = True
    extra: dict[str, Any] | None = None  # corpus mode: metadata of the document


def _iso(ts: float) -> str:
    stamp = dt.datetime.fromtimestamp(ts, tz=dt.UTC)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.") + f"{stamp.microsecond // 1000:03d}Z"


def _posix(path: str) -> str:
    return os.path.normpath(path).replace(os.sep, "/")


def run_jobs(
    jobs: Iterable[Job], plan: Plan
) -> Generator[tuple[Job, Outcome[Document]], None, None]:
    """Clean every job through ``clean_many`` (in ``plan.jobs`` processes), in input order."""
    queue: deque[Job] = deque()

    def docs() -> Iterator[Document]:
        for job in jobs:
            queue.append(job)
            yield job.doc

    outcomes = clean_many(plan.cleaner, docs(), kind=plan.kind, lang=plan.lang, workers=plan.jobs)
    try:
        for outcome in outcomes:
            yield queue.popleft(), outcome
    finally:
        outcomes.close()  # workers finish their document and end


# ------------------------------------------------------------------------------------ output


def make_record(job: Job, r: Result, plan: Plan, *, explain: bool = False) -> dict[str, Any]:
    """The Dolma / datatrove record of one document; a JSONL input record keeps its fields."""
    meta: dict[str, Any] = {
        "path": job.path,
        "url": r.url or job.doc.url,
        **job.doc.meta,
        **result_metadata(r, plan.cleaner.config),
    }
    if job.extra:
        meta.update(job.extra)
    if explain:
        meta["explain"] = r.to_dict()
    if job.record is None:
        record: dict[str, Any] = {"id": job.doc_id, "text": r.text, "source": job.source}
        record["added"] = job.added
        if r.date:
            record["created"] = r.date
        record["metadata"] = meta
        return record
    record = dict(job.record)
    record[plan.text_key] = r.text
    record.setdefault("id", job.doc_id)
    record.setdefault("source", job.source)
    record.setdefault("added", job.added)
    if r.date:
        record.setdefault("created", r.date)
    theirs = record.get("metadata")
    record["metadata"] = {**theirs, **meta} if isinstance(theirs, dict) else meta
    return record


def render(job: Job, r: Result, plan: Plan, *, explain: bool = False) -> bytes:
    """The output of one document; ``explain`` puts the full result in the record."""
    if plan.fmt == "txt":
        return text_bytes(r.text)
    record = make_record(job, r, plan, explain=explain)
    return json_bytes(record, None if plan.fmt == "jsonl" else 2)


_EXT = {"txt": ".txt", "jsonl": ".jsonl", "json": ".json"}


def _colour(stream: TextIO) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ


def print_diff(job: Job, r: Result, stream: TextIO) -> None:
    if not r.removed:
        return
    c = _colour(stream)
    bold, red, yellow, off = ("\x1b[1m", "\x1b[31m", "\x1b[33m", "\x1b[0m") if c else ("",) * 4
    lines = [f"{bold}--- {job.name}{off}"]
    for x in r.removed:
        lines.append(f"{red}-{x.line:>5}{off} {yellow}[{x.rule}]{off} {red}{x.text}{off}")
    stream.write("\n".join(lines) + "\n")
    stream.flush()


# ------------------------------------------------------------------------------------- running


class Runner:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.stats = Stats()
        self.report = Reporter(self.stats, progress=plan.progress, quiet=plan.quiet)
        self.seen_inputs: set[str] = set()
        self.open_units: list[Unit] = []  # shared outputs being written (aborted if the run stops)
        self.tree: TreeOutput | None = None
        self.stream: StreamOutput | None = None
        if plan.mode == "dir":
            assert plan.out is not None
            self.tree = TreeOutput(plan.out)
        elif plan.mode in ("file", "stdout"):
            path = plan.out if plan.mode == "file" else None
            self.stream = StreamOutput(path, text=plan.fmt == "txt")

    # -- output setup

    def open_output(self) -> None:
        plan = self.plan
        try:
            if self.tree is not None:
                self.tree.open(resume=plan.skip_existing)
            elif self.stream is not None:
                self.stream.open(resume=plan.skip_existing)
        except OSError as e:
            what = "cannot write to the output directory" if self.tree else "cannot write"
            raise FatalError(f"{plan.out}: {what}: {e.strerror or e}") from None

    def where(self) -> str:
        plan = self.plan
        if plan.mode == "dir":
            return f"output in {plan.out}{os.sep}"
        if plan.mode == "file":
            return f"output in {plan.out}"
        if plan.mode == "stdout":
            return "output on standard output"
        return "no output written (--diff review)"

    # -- jobs

    def jobs(self, items: list[InputFile | Skipped | str]) -> Iterator[Job]:
        for item in items:
            if isinstance(item, str):  # standard input
                yield from self._stdin_jobs()
            elif isinstance(item, Skipped):
                continue
            elif (fmt := format_of(item.path, self.plan.input_format)) != "text":
                yield from self._stream_jobs(item, fmt)
            else:
                job = self._file_job(item)
                if job is not None:
                    yield job

    def _source_name(self, item: InputFile) -> str:
        """The Dolma source: the name of the directory walked, else "cleaner"."""
        if not item.root:
            return "cleaner"
        return os.path.basename(os.path.abspath(item.root)) or "cleaner"

    def _out_parts(self, item: InputFile, ext: str) -> tuple[str, ...]:
        name = item.rel[-1]
        unpacked = strip_compression(name) or name
        stem = unpacked if item.keep_suffix else (os.path.splitext(unpacked)[0] or unpacked)
        return (*item.rel[:-1], stem + ext)

    def _claim(self, out_path: str, name: str) -> bool:
        assert self.tree is not None
        other = self.tree.claim(out_path, name)
        if other is not None:
            self.fail(name, f"output {out_path} is already written by {other} in this run")
            return False
        return True

    def _up_to_date(self, out_path: str, mtime: float) -> bool:
        return TreeOutput.up_to_date(out_path, mtime)

    def _target(self, parts: tuple[str, ...], name: str) -> str | None:
        assert self.tree is not None
        try:
            return self.tree.path(parts)
        except ValueError as e:
            self.fail(name, str(e))
            return None

    def _file_job(self, item: InputFile) -> Job | None:
        plan = self.plan
        try:
            st = os.stat(item.path)
        except OSError as e:
            self.fail(item.path, e.strerror or str(e))
            return None
        real = os.path.realpath(item.path)
        if real in self.seen_inputs:
            return None
        self.seen_inputs.add(real)
        doc_id = _posix(item.path)
        unit = None
        if plan.mode == "dir":
            unit = self._own_file(self._out_parts(item, _EXT[plan.fmt]), item.path, st.st_mtime)
            if unit is None:
                return None
        elif self._already_written(doc_id):
            return None
        return Job(
            name=item.path,
            doc_id=doc_id,
            path=doc_id,
            source=self._source_name(item),
            added=_iso(st.st_mtime),
            doc=Document(doc_id, None, item.path, path=item.path),
            unit=unit,
        )

    def _stdin_jobs(self) -> Iterator[Job]:
        plan = self.plan
        added = _iso(time.time())
        fmt = plan.input_format if plan.input_format != "auto" else "text"
        if fmt != "text":
            item = InputFile("-", (f"stdin.{fmt}",), "")
            yield from self._records(item, self._read(sys.stdin.buffer, "-", fmt), added)
            return
        try:
            data = sys.stdin.buffer.read(plan.cleaner.config.max_bytes + 1)
        except OSError as e:
            self.fail("-", f"cannot read: {e.strerror or e}")
            return
        unit = None
        if plan.mode == "dir":
            out_path = self._target(("stdin" + _EXT[plan.fmt],), "-")
            if out_path is None or not self._claim(out_path, "-"):
                return
            unit = Unit(out_path)
        yield Job("-", "stdin", "-", "cleaner", added, Document("stdin", data, "-"), unit=unit)

    def _read(
        self, raw: IO[bytes], name: str, fmt: Literal["jsonl", "warc"]
    ) -> Iterator[Document | ReadError | NotADocument]:
        plan = self.plan
        max_bytes = plan.cleaner.config.max_bytes
        return read_stream(
            raw, name, fmt, max_bytes=max_bytes, text_key=plan.text_key, id_key=plan.id_key
        )

    def _stream_jobs(self, item: InputFile, fmt: Literal["jsonl", "warc"]) -> Iterator[Job]:
        """The documents of a file that holds many (JSONL, WARC)."""
        try:
            st = os.stat(item.path)
            f = open(item.path, "rb")  # noqa: SIM115 - closed below, read lazily
        except OSError as e:
            self.fail(item.path, f"cannot read: {e.strerror or e}")
            return
        with f:
            yield from self._records(
                item, self._read(f, item.path, fmt), _iso(st.st_mtime), st.st_mtime
            )

    def _records(
        self,
        item: InputFile,
        docs: Iterable[Document | ReadError | NotADocument],
        added: str,
        mtime: float | None = None,
    ) -> Iterator[Job]:
        plan = self.plan
        file_unit: Unit | None = None
        if plan.mode == "dir" and plan.fmt == "jsonl":
            name = strip_compression(item.rel[-1]) or item.rel[-1]
            stem = os.path.splitext(name)[0]
            out_path = self._target((*item.rel[:-1], (stem or name) + ".jsonl"), item.path)
            if out_path is None or not self._claim(out_path, item.path):
                return
            if plan.skip_existing and mtime is not None and self._up_to_date(out_path, mtime):
                self.stats.skipped += 1
                return
            file_unit = Unit(out_path, shared=True)
        previous: Job | None = None
        for doc in docs:
            if isinstance(doc, ReadError):
                self.fail(doc.name, doc.reason)
                continue
            if isinstance(doc, NotADocument):
                self.stats.not_documents[doc.what] += 1
                if plan.verbose:
                    self.report.info(f"{doc.name}: skipped ({doc.what})")
                continue
            job = self._record_job(item, doc, added, mtime, file_unit)
            if job is None:
                continue
            if previous is not None:
                previous.last_in_unit = file_unit is None
                yield previous
            previous = job
        if previous is not None:
            yield previous  # last_in_unit stays True
        elif file_unit is not None:
            self.write_unit(file_unit, item.path)

    def _record_job(
        self,
        item: InputFile,
        doc: Document,
        added: str,
        mtime: float | None,
        file_unit: Unit | None,
    ) -> Job | None:
        plan = self.plan
        name = doc.name
        doc_id = doc.id
        if doc.record is not None and doc.record.get(plan.id_key) is None:
            doc_id = f"{_posix(item.path)}:{name.rpartition(':')[2]}"
        record = doc.record
        source = record.get("source") if record is not None else None
        unit = file_unit
        if file_unit is None and plan.mode == "dir":
            parts = safe_relpath(doc_id)
            if not parts:
                self.fail(name, f"id {doc_id!r} cannot name an output file")
                return None
            unit = self._own_file((*parts[:-1], parts[-1] + _EXT[plan.fmt]), name, mtime)
            if unit is None:
                return None
        elif self._already_written(doc_id):
            return None
        return Job(
            name=name,
            doc_id=doc_id,
            path=_posix(item.path),
            source=source if isinstance(source, str) else "cleaner",
            added=added,
            doc=doc,
            record=record,
            unit=unit,
        )

    def _own_file(self, parts: tuple[str, ...], name: str, mtime: float | None) -> Unit | None:
        """The output file of a document in a mirrored tree, or None when the document is
        skipped: its path is unsafe or taken, or it is up to date under --skip-existing."""
        out_path = self._target(parts, name)
        if out_path is None or not self._claim(out_path, name):
            return None
        if self.plan.skip_existing and mtime is not None and self._up_to_date(out_path, mtime):
            self.stats.skipped += 1
            return None
        return Unit(out_path)

    def _already_written(self, doc_id: str) -> bool:
        """Whether a resumed JSONL output already holds this document (counted as skipped)."""
        if self.plan.mode == "file" and self.stream and doc_id in self.stream.done_ids:
            self.stats.skipped += 1
            return True
        return False

    # -- results

    def fail(self, name: str, reason: str) -> None:
        self.stats.failed += 1
        self.report.error(name, reason)

    def handle(self, job: Job, outcome: Outcome[Document]) -> None:
        plan = self.plan
        self.stats.bytes_in += outcome.bytes_in
        r = outcome.result
        if r is None or (plan.keep_lang is not None and r.lang not in plan.keep_lang):
            if r is None:
                self.fail(job.name, str(outcome.error or "failed"))
            else:
                self.stats.other_lang += 1
                if plan.verbose:
                    self.report.info(f"{job.name}: language {r.lang}, left out (--keep-lang)")
            if job.unit is not None and job.last_in_unit and job.unit.has_output:
                self.write_unit(job.unit, job.name)
            return
        if plan.diff:
            print_diff(job, r, sys.stderr if plan.mode == "stdout" else sys.stdout)
        # An output of its own gets the full result beside it; a shared one (a JSONL stream or
        # a mirrored JSONL input) carries it in each record's metadata.
        separate = plan.mode == "dir" and job.unit is not None and not job.unit.shared
        data = render(job, r, plan, explain=plan.explain and not separate)
        if plan.mode == "dir":
            unit = job.unit
            assert unit is not None
            if plan.explain and separate:
                explain = os.path.splitext(unit.out_path)[0] + ".explain.json"
                self._write(explain, json.dumps(r.to_dict(), ensure_ascii=False, indent=2).encode())
            if unit.shared:
                self._append(unit, data)
            else:
                unit.lines.append(data)
            if job.last_in_unit:
                self.write_unit(unit, job.name)
        elif self.stream is not None:
            try:
                self.stats.bytes_out += self.stream.write(data)
            except OSError as e:
                if isinstance(e, BrokenPipeError):
                    raise
                raise FatalError(f"{plan.out or '-'}: cannot write: {e.strerror or e}") from None
        self.stats.docs += 1
        # The share removed is of the text (kept plus removed characters): an HTML page's
        # markup is not counted as removed.
        self.stats.chars_in += len(r.text) + sum(len(x.text) for x in r.removed)
        self.stats.chars_out += len(r.text)
        replaced = sum(replaced_bytes(step) for step in r.steps if step.startswith("decode:"))
        if replaced:
            self.stats.bytes_replaced += replaced
            self.stats.docs_replaced += 1
        if plan.verbose:
            where = job.unit.out_path if job.unit is not None else self.where()
            self.report.info(f"{job.name} -> {where}")

    def write_unit(self, unit: Unit, name: str) -> None:
        if unit.writer is not None:
            try:
                unit.writer.commit()
            except OSError as e:
                raise FatalError(f"{unit.out_path}: cannot write: {e.strerror or e}") from None
            finally:
                self.open_units.remove(unit)
            unit.writer = None
            return
        data = b"".join(unit.lines)
        self._write(unit.out_path, data)
        self.stats.bytes_out += len(data)
        unit.lines.clear()

    def _append(self, unit: Unit, data: bytes) -> None:
        """One more record of a shared output, written to its temporary file now."""
        try:
            if unit.writer is None:
                os.makedirs(os.path.dirname(unit.out_path) or ".", exist_ok=True)
                unit.writer = JsonlWriter(unit.out_path)
                self.open_units.append(unit)
            unit.writer.write(data)
        except OSError as e:
            raise FatalError(f"{unit.out_path}: cannot write: {e.strerror or e}") from None
        self.stats.bytes_out += len(data)

    def _write(self, path: str, data: bytes) -> None:
        try:
            TreeOutput.write(path, data)
        except OSError as e:
            # Any write error stops the run: a full disk or an unwritable directory would fail
            # every later document too. Outputs already renamed into place stay as they are.
            raise FatalError(f"{path}: cannot write: {e.strerror or e}") from None

    # -- the run

    def run(self) -> int:
        plan = self.plan
        exclude: set[str] = set()
        if plan.out and plan.mode in ("dir", "file"):
            exclude.add(os.path.realpath(plan.out))
        items: list[InputFile | Skipped | str] = []
        for arg in plan.paths:
            if arg == "-":
                items.append("-")
            else:
                items.extend(
                    walk([arg], exclude=frozenset(exclude), follow_symlinks=plan.follow_symlinks)
                )
        for item in items:
            if isinstance(item, Skipped):
                if item.failed:
                    self.fail(item.path, item.reason)
                elif not plan.quiet:
                    self.report.info(f"{item.path}: {item.reason}")
        has_warc = any(
            isinstance(i, InputFile) and format_of(i.path, plan.input_format) == "warc"
            for i in items
        )
        if has_warc and plan.mode == "dir" and not plan.format_given:
            plan.fmt = "jsonl"  # a WARC holds many documents: mirrored as one JSONL file
        if plan.input_format in ("auto", "text") and not has_warc:
            self.stats.total = sum(1 for i in items if not isinstance(i, Skipped))
        interrupted = False
        status = EXIT_OK
        previous_term = _stop_on_sigterm()
        results = self.corpus_results(items) if plan.corpus else run_jobs(self.jobs(items), plan)
        try:
            self.open_output()
            for job, outcome in results:
                self.handle(job, outcome)
                self.report.tick()
        except KeyboardInterrupt:
            interrupted = True
        except FatalError as e:
            self.report.error("clean", str(e))
            status = EXIT_FAILED
        except BrokenProcessPool:
            self.report.error("clean", "a worker process died; the run stopped")
            status = EXIT_FAILED
        except BrokenPipeError:
            with contextlib.suppress(OSError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            status = EXIT_FAILED
        finally:
            with contextlib.suppress(KeyboardInterrupt):
                results.close()  # workers finish their document and end
            for unit in self.open_units:  # an interrupted file is not put in place
                if unit.writer is not None:
                    unit.writer.abort()
            if self.stream is not None:
                if status == EXIT_OK:
                    try:
                        self.stream.commit()
                    except OSError as e:
                        self.report.error(plan.out or "", f"cannot write: {e.strerror or e}")
                        status = EXIT_FAILED
                else:
                    self.stream.abort()
        if previous_term is not None:
            signal.signal(signal.SIGTERM, previous_term)
        self.report.summary(self.where(), interrupted)
        if interrupted:
            return EXIT_INTERRUPTED
        if status != EXIT_OK:
            return status
        return EXIT_FAILED if self.stats.failed else EXIT_OK

    def corpus_results(
        self, items: list[InputFile | Skipped | str]
    ) -> Generator[tuple[Job, Outcome[Document]], None, None]:
        """Corpus mode: every document is cleaned twice, first to learn (``cleaner.corpus``),
        then to apply what was learned."""
        plan = self.plan
        if plan.corpus_summary and plan.mode == "dir" and plan.out is not None:
            self._claim(os.path.join(plan.out, "corpus-summary.jsonl"), "the corpus summary")
        jobs = list(self.jobs(items))
        corpus = Corpus(CorpusSettings(dedup=dedup_available()))
        sources: dict[str, str] = {}
        first = run_jobs(jobs, plan)
        try:
            for job, outcome in first:
                if outcome.result is not None:
                    sources[job.doc_id] = key = corpus_source(job, outcome.result)
                    corpus.learn(job.doc_id, key, outcome.result)
        finally:
            first.close()
        corpus.finish()
        kept: list[Job] = []
        dropped = 0
        for job in jobs:
            if plan.drop_duplicates and corpus.duplicate_of(job.doc_id) is not None:
                dropped += 1
                if job.unit is not None and job.unit.shared and job.last_in_unit:
                    same = [j for j in kept if j.unit is job.unit]
                    if same:
                        same[-1].last_in_unit = True
                    else:
                        self.write_unit(job.unit, job.name)
                continue
            kept.append(job)
        for job, outcome in run_jobs(kept, plan):
            r = outcome.result
            if r is not None:
                key = sources.get(job.doc_id) or corpus_source(job, r)
                r, job.extra = corpus.apply(job.doc_id, key, r, _reader(job.doc, plan))
                outcome = Outcome(job.doc, r, None, outcome.bytes_in)
            yield job, outcome
        t = corpus.totals()
        where = ""
        if plan.corpus_summary:
            lines = [json.dumps(x, ensure_ascii=False) + "\n" for x in corpus.summary()]
            self._write(plan.corpus_summary, "".join(lines).encode())
            where = f"; summary in {plan.corpus_summary}"
        if not plan.quiet:
            dups = t["duplicates"]
            self.report.info(
                f"corpus: {t['sources']} sources, {t['boilerplate_lines']} repeated lines learned,"
                f" {t['removed']} removed, {dups} near-duplicate{'' if dups == 1 else 's'}"
                + (f" ({dropped} dropped)" if plan.drop_duplicates else "")
                + where
            )


def corpus_source(job: Job, r: Result) -> str:
    """A document's source in corpus mode: the domain of its URL, a JSONL record's "domain" or
    "source" field, else the JSONL file or the folder it is in."""
    field = None
    if job.record is not None:
        value = job.record.get("domain") or job.record.get("source")
        field = value if isinstance(value, str) else None
    key = source_of(job.doc.url or r.url, field)
    if not key:
        key = job.path if job.record is not None else source_of(path=job.path)
    return key


def _reader(doc: Document, plan: Plan) -> Callable[[], str | bytes]:
    def read() -> str | bytes:
        try:
            return doc.load(plan.cleaner.config.max_bytes)
        except (InputError, OSError):
            return b""

    return read


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _stop_on_sigterm() -> Any:
    """Make ``kill`` (SIGTERM) stop the run like Ctrl-C; returns the handler to restore."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _raise_interrupt)


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
