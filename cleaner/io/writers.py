"""Writers: cleaned documents out, never half-written.

- ``TreeOutput``: a mirrored tree, one file per output, each written with ``atomic_write``; an
  output path never leaves the tree, and is written by one input only in a run.
- ``StreamOutput``: every document into one stream, a file or standard output. A file (compressed
  by its name: ``out.jsonl.gz``, ``.bz2``, ``.xz``, ``.zst``) is written into a temporary file
  beside it and renamed into place when the run ends (``JsonlWriter``), so a reader never sees a
  partial file; a resumed run keeps the previous file's complete records.

They raise ``OSError`` (and ``ValueError`` for a path outside the tree); the caller decides
what that means for the run.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from typing import IO, Any

from .compression import CORRUPT_ERRORS, compressing, compression_of, open_input
from .files import AtomicFile, atomic_write, ensure_inside, remove_stale_temp_files

__all__ = ["JsonlWriter", "StreamOutput", "TreeOutput", "json_bytes", "text_bytes"]


class JsonlWriter:
    """One JSONL output file, compressed as its name says; ``commit()`` puts it in place,
    ``abort()`` leaves the target as it was."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._atomic = AtomicFile(path)
        try:
            self._stream = compressing(self._atomic.file, compression_of(path))
        except BaseException:
            self._atomic.abort()
            raise

    def write(self, data: bytes) -> None:
        self._stream.write(data)

    def commit(self) -> None:
        if self._stream is not self._atomic.file:
            try:
                self._stream.close()  # ends the compressed stream; the file stays open
            except BaseException:
                self._atomic.abort()
                raise
        self._atomic.commit()

    def abort(self) -> None:
        with contextlib.suppress(Exception):
            if self._stream is not self._atomic.file:
                self._stream.close()
        self._atomic.abort()


class TreeOutput:
    """A mirrored output tree under ``root``."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.claimed: dict[str, str] = {}

    def open(self, *, resume: bool = False) -> None:
        """Make the tree and check that it can be written now, not after the first document
        was cleaned; a resumed run removes the temporary files a killed run left."""
        os.makedirs(self.root, exist_ok=True)
        probe = os.path.join(self.root, ".write-test")
        atomic_write(probe, b"")
        os.unlink(probe)
        if resume:
            remove_stale_temp_files(self.root)

    def path(self, parts: tuple[str, ...]) -> str:
        """The output path of ``parts``; ``ValueError`` when it would leave the tree."""
        return ensure_inside(self.root, parts)

    def claim(self, path: str, name: str) -> str | None:
        """Reserve ``path`` for the input ``name``; the input that already has it, if any."""
        other = self.claimed.get(path)
        if other is None:
            self.claimed[path] = name
        return other

    @staticmethod
    def up_to_date(path: str, mtime: float) -> bool:
        """Whether ``path`` exists and is not older than its input (``--skip-existing``)."""
        try:
            return os.stat(path).st_mtime >= mtime
        except OSError:
            return False

    @staticmethod
    def write(path: str, data: bytes) -> None:
        parent = os.path.dirname(path)
        if parent:
            os.makedirs(parent, exist_ok=True)
        atomic_write(path, data)


class StreamOutput:
    """Every document into one stream: the file ``path``, or standard output when it is None.
    Plain text documents are separated by a form feed line."""

    def __init__(self, path: str | None, *, text: bool = False) -> None:
        self.path = path
        self.text = text
        self.done_ids: set[str] = set()  # records kept from a previous run (resume)
        self._file: JsonlWriter | None = None
        self._stdout: IO[bytes] | None = None
        self._first = True

    def open(self, *, resume: bool = False) -> None:
        if self.path is None:
            self._stdout = sys.stdout.buffer
            return
        parent = os.path.dirname(self.path)
        if parent:
            os.makedirs(parent, exist_ok=True)
        self._file = JsonlWriter(self.path)
        if resume and os.path.isfile(self.path):
            self._keep_records(self.path)

    def _keep_records(self, path: str) -> None:
        """Copy the complete records of a previous output, up to a torn or damaged line."""
        assert self._file is not None
        with open_input(path) as f:
            for line in _lines_until_damage(f):
                try:
                    record = json.loads(line)
                except ValueError:
                    break  # a torn last line: redo that document
                if not line.endswith(b"\n") or not isinstance(record, dict):
                    break
                self._file.write(line)
                self.done_ids.add(str(record.get("id")))

    def write(self, data: bytes) -> int:
        """Write one document's output; returns the bytes written."""
        if self.text and not self._first:
            data = b"\f\n" + data
        self._first = False
        if self._stdout is not None:
            self._stdout.write(data)
            self._stdout.flush()
        else:
            assert self._file is not None
            self._file.write(data)
        return len(data)

    def commit(self) -> None:
        if self._file is not None:
            self._file.commit()

    def abort(self) -> None:
        if self._file is not None:
            self._file.abort()


_PIECE = 1 << 20


def text_bytes(text: str) -> bytes:
    """A plain text output: the text and a line break, as UTF-8 (nothing for an empty text).

    >>> text_bytes("Bonjour"), text_bytes("")
    (b'Bonjour\\n', b'')
    """
    return b"".join([*_utf8_pieces(text), b"\n"]) if text else b""


def _utf8_pieces(text: str) -> Iterator[bytes]:
    """``text`` as UTF-8 in pieces of a million characters: a big document's text is not
    copied whole once more (one astral character makes a Python string four bytes a char)."""
    for start in range(0, len(text), _PIECE):
        yield text[start : start + _PIECE].encode()


def json_bytes(record: dict[str, Any], indent: int | None) -> bytes:
    """``json.dumps(record, ensure_ascii=False, indent=indent)`` and a line break, as UTF-8, with
    the long strings
    escaped and encoded a piece at a time, so no whole JSON copy of a big text is made."""
    big = {k: v for k, v in record.items() if isinstance(v, str) and len(v) > _PIECE}
    if not big:
        return (json.dumps(record, ensure_ascii=False, indent=indent) + "\n").encode()
    marks = {k: f"\x00cleaner-{k}\x00" for k in big}
    head = json.dumps({**record, **marks}, ensure_ascii=False, indent=indent)
    parts: list[bytes] = []
    rest = head
    for k, mark in marks.items():
        before, _, rest = rest.partition(json.dumps(mark))
        parts.append(before.encode())
        parts.append(b'"')
        for start in range(0, len(big[k]), _PIECE):
            piece = json.dumps(big[k][start : start + _PIECE], ensure_ascii=False)
            parts.append(piece[1:-1].encode())
        parts.append(b'"')
    parts.append((rest + "\n").encode())
    return b"".join(parts)


def _lines_until_damage(f: IO[bytes]) -> Iterator[bytes]:
    """The lines of a previous output, up to where it is damaged (a compressed file cut short by
    a killed run): the documents after that point are cleaned again."""
    with contextlib.suppress(*CORRUPT_ERRORS):
        yield from f
