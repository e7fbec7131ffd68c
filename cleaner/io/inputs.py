"""The inputs of a run: files, directory trees, glob patterns and standard input, each a
``Source`` whose documents come out of the readers of this package.

A page file is one document, read when it is cleaned (in a worker process); a JSONL or WARC file
(or standard input with ``--in jsonl``/``--in warc``) is many, read as a stream. Every document
carries the Dolma fields of its output record (``origin``, ``source``, ``added``), so a writer
needs nothing else to write it.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Literal

from .compression import strip_compression
from .documents import Document, NotADocument, ReadError
from .files import InputFile, Skipped, walk
from .readers import InputFormat, format_of, read_stream

__all__ = ["Source", "SourceOptions", "iso_time", "mirrored_name", "posix", "sources"]


def iso_time(ts: float) -> str:
    """A Dolma ``added`` timestamp.

    >>> iso_time(0.25)
    '1970-01-01T00:00:00.250Z'
    """
    stamp = dt.datetime.fromtimestamp(ts, tz=dt.UTC)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.") + f"{stamp.microsecond // 1000:03d}Z"


def posix(path: str) -> str:
    return os.path.normpath(path).replace(os.sep, "/")


def mirrored_name(name: str, ext: str, *, keep_suffix: bool = False) -> str:
    """The name of an input's output in a mirrored tree: the input's name without its
    compression and extension, then ``ext``; the whole name then ``ext`` when a sibling has the
    same stem (``keep_suffix``), so that no two inputs of a folder write the same output.

    >>> mirrored_name("b.html.gz", ".txt"), mirrored_name("b.html.gz", ".txt", keep_suffix=True)
    ('b.txt', 'b.html.gz.txt')
    >>> mirrored_name("dump.jsonl.zst", ".jsonl"), mirrored_name(".gz", ".txt")
    ('dump.jsonl', '.gz.txt')
    """
    if keep_suffix:
        return name + ext
    unpacked = strip_compression(name) or name
    return (os.path.splitext(unpacked)[0] or unpacked) + ext


@dataclass(frozen=True, slots=True)
class SourceOptions:
    """How sources are read (the reading options of the ``clean`` command)."""

    input_format: InputFormat = "auto"
    max_bytes: int = 64 << 20
    text_key: str = "text"
    id_key: str = "id"


@dataclass(slots=True)
class Source:
    """One input: a page file, a file of many documents (``fmt`` ``"jsonl"`` or ``"warc"``), or
    standard input (``path`` ``"-"``). ``rel`` and ``keep_suffix`` place its output in a
    mirrored tree (``mirrored_name``); ``mtime`` is None for standard input."""

    path: str
    fmt: Literal["text", "jsonl", "warc"]
    rel: tuple[str, ...]
    root: str = ""
    keep_suffix: bool = False
    mtime: float | None = None
    added: str = ""

    @property
    def many(self) -> bool:
        """Whether it holds many documents (a JSONL or WARC file or stream)."""
        return self.fmt != "text"

    @property
    def collection(self) -> str:
        """The Dolma source of its documents: the name of the directory walked, else
        ``"cleaner"``."""
        if not self.root:
            return "cleaner"
        return os.path.basename(os.path.abspath(self.root)) or "cleaner"

    def output_name(self, ext: str) -> tuple[str, ...]:
        """Its output's path in a mirrored tree, as components."""
        return (*self.rel[:-1], mirrored_name(self.rel[-1], ext, keep_suffix=self.keep_suffix))

    def documents(
        self, options: SourceOptions, stdin: IO[bytes] | None = None
    ) -> Iterator[Document | ReadError | NotADocument]:
        """Its documents in order; what cannot be read is a ``ReadError`` in its place."""
        if self.path == "-":
            yield from self._stdin(options, stdin or sys.stdin.buffer)
        elif self.fmt == "text":
            name = posix(self.path)
            yield Document(
                name,
                None,
                self.path,
                path=self.path,
                origin=name,
                source=self.collection,
                added=self.added,
            )
        else:
            try:
                f = open(self.path, "rb")  # noqa: SIM115 - closed below, read lazily
            except OSError as e:
                yield ReadError(self.path, f"cannot read: {e.strerror or e}")
                return
            with f:
                yield from self._records(f, options)

    def _stdin(
        self, options: SourceOptions, stdin: IO[bytes]
    ) -> Iterator[Document | ReadError | NotADocument]:
        if self.many:
            yield from self._records(stdin, options)
            return
        try:
            data = stdin.read(options.max_bytes + 1)
        except OSError as e:
            yield ReadError("-", f"cannot read: {e.strerror or e}")
            return
        yield Document("stdin", data, "-", origin="-", source="cleaner", added=self.added)

    def _records(
        self, raw: IO[bytes], options: SourceOptions
    ) -> Iterator[Document | ReadError | NotADocument]:
        assert self.fmt != "text"
        items = read_stream(
            raw,
            self.path,
            self.fmt,
            max_bytes=options.max_bytes,
            text_key=options.text_key,
            id_key=options.id_key,
        )
        origin = posix(self.path)
        for item in items:
            if isinstance(item, Document):
                if item.record is not None and item.record.get(options.id_key) is None:
                    item.id = f"{origin}:{item.name.rpartition(':')[2]}"
                theirs = item.record.get("source") if item.record is not None else None
                item.origin = origin
                item.source = theirs if isinstance(theirs, str) else "cleaner"
                item.added = self.added
            yield item


def sources(
    paths: Iterable[str],
    options: SourceOptions,
    *,
    exclude: frozenset[str] = frozenset(),
    follow_symlinks: bool = False,
) -> Iterator[Source | Skipped]:
    """The inputs named by ``paths`` (files, directories, glob patterns, ``-``), walked in name
    order; a file reached twice (a link, two patterns) is read once. What is met but not read
    is a ``Skipped``; a file that cannot be stat'ed a failed one."""
    seen: set[str] = set()
    for arg in paths:
        if arg == "-":
            fmt = options.input_format if options.input_format != "auto" else "text"
            yield Source("-", fmt, (f"stdin.{fmt}" if fmt != "text" else "stdin",), added=_now())
            continue
        for item in walk([arg], exclude=exclude, follow_symlinks=follow_symlinks):
            if isinstance(item, Skipped):
                yield item
            else:
                source = _source(item, options, seen)
                if source is not None:
                    yield source


def _now() -> str:
    return iso_time(time.time())


def _source(item: InputFile, options: SourceOptions, seen: set[str]) -> Source | Skipped | None:
    try:
        st = os.stat(item.path)
    except OSError as e:
        return Skipped(item.path, e.strerror or str(e), failed=True)
    real = os.path.realpath(item.path)
    if real in seen:
        return None
    seen.add(real)
    return Source(
        item.path,
        format_of(item.path, options.input_format),
        item.rel,
        item.root,
        item.keep_suffix,
        st.st_mtime,
        iso_time(st.st_mtime),
    )
