"""From the command line to a ``Plan``: what to read, how to clean it, where it goes. Every
command line that cannot run is refused here, before anything is read or written."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass

from ..corpus import dedup_available
from ..io import InputFormat, format_of, has_magic, strip_compression
from ..io.inputs import SourceOptions
from ..io.sink import Format, Mode
from ..pipeline import Cleaner
from ..types import Config, Kind

__all__ = ["Plan", "UsageError", "make_plan"]


class UsageError(Exception):
    """A command line that cannot run; exit status 2."""


@dataclass(slots=True)
class Plan:
    paths: list[str]
    mode: Mode
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

    @property
    def reading(self) -> SourceOptions:
        return SourceOptions(
            self.input_format, self.cleaner.config.max_bytes, self.text_key, self.id_key
        )


_CLEANERS: dict[Config, Cleaner] = {}  # building one takes a while; main() may run many times


def _cleaner(args: argparse.Namespace) -> Cleaner:
    try:
        config = Config(
            disabled_rules=frozenset(args.disable),
            extractor=args.extractor,
            title_in_text=args.title_in_text,
        )
    except ValueError as e:
        raise UsageError(str(e)) from None
    cleaner = _CLEANERS.get(config)
    if cleaner is None:
        try:
            cleaner = _CLEANERS[config] = Cleaner(config)
        except ValueError as e:
            raise UsageError(str(e)) from None
    return cleaner


def _check_paths(paths: list[str]) -> None:
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


def _mode(out: str | None, single: bool, diff: bool) -> Mode:
    if out is None:
        if diff:
            return "none"
        if single:
            return "stdout"
        raise UsageError("several inputs: give -o DIR, -o FILE.jsonl, or -o - for standard output")
    if out == "-":
        return "stdout"
    if os.path.isdir(out) or out.endswith(("/", os.sep)):
        return "dir"
    if file_format(out) == "jsonl" or (single and file_format(out) is not None):
        return "file"
    if os.path.exists(out):
        raise UsageError(f"{out}: exists and is not a directory (a JSONL output ends in .jsonl)")
    return "dir"


def make_plan(args: argparse.Namespace) -> Plan:
    cleaner = _cleaner(args)
    if args.compress:
        raise UsageError(
            "--compress is for --executor; without it, name the output FILE.jsonl.gz "
            "(or .bz2, .xz, .zst)"
        )
    paths: list[str] = args.paths
    _check_paths(paths)
    single = len(paths) == 1 and (paths[0] == "-" or os.path.isfile(paths[0]))
    out: str | None = args.output
    mode = _mode(out, single, args.diff)
    many_in = args.input_format in ("jsonl", "warc") or any(
        format_of(p) == "warc" for p in paths if p != "-"
    )
    fmt: Format = (
        args.format
        or (file_format(out) if mode == "file" and out is not None else None)
        or ("jsonl" if many_in else "txt")
    )
    if mode == "file" and file_format(out or "") == "jsonl" and fmt != "jsonl":
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


def file_format(out: str) -> Format | None:
    """The format an output file's name asks for (compression aside), or None.

    >>> file_format("out.jsonl.gz"), file_format("single.txt"), file_format("cleaned")
    ('jsonl', 'txt', None)
    """
    ext = os.path.splitext(strip_compression(out))[1].lower()
    return {".jsonl": "jsonl", ".json": "json", ".txt": "txt"}.get(ext)  # type: ignore[return-value]
