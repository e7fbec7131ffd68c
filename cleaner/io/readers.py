"""Readers: a file (or a stream: standard input, a remote file) in, documents out.

A new input format is one reader here. Each yields ``Document``, ``ReadError`` and
``NotADocument`` in file order and never raises for bad data: a bad line or record is a
``ReadError`` and the reader goes on with the next one; a stream that cannot be read further
(corrupt compression) ends with one. The ``clean`` command and the datatrove steps
(``cleaner.datatrove``) use the same readers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO, Literal

from ..types import InputError
from .compression import CORRUPT_ERRORS, compression_of, decompressing, read_lines
from .documents import Document, NotADocument, ReadError
from .warc import is_warc_name, read_warc

__all__ = [
    "InputFormat",
    "Item",
    "format_of",
    "read_file",
    "read_jsonl",
    "read_records",
    "read_stream",
]

InputFormat = Literal["auto", "text", "jsonl", "warc"]
Item = Document | ReadError | NotADocument


def format_of(name: str, requested: InputFormat = "auto") -> Literal["text", "jsonl", "warc"]:
    """How to read a file: as asked, else WARC by its name (``.warc``, ``.warc.gz``...), else one
    page per file. JSONL is read when asked (``--in jsonl``): a ``.jsonl`` file may be a page.

    >>> format_of("crawl.warc.gz"), format_of("a.html.gz"), format_of("a.txt", "jsonl")
    ('warc', 'text', 'jsonl')
    """
    if requested != "auto":
        return requested
    return "warc" if is_warc_name(name) else "text"


def read_records(
    lines: Iterable[bytes | InputError],
    name: str,
    *,
    text_key: str = "text",
    id_key: str = "id",
) -> Iterator[Document | ReadError]:
    """JSONL records to documents: the page under ``text_key``, the id under ``id_key`` (else
    ``NAME:LINE``), the URL under ``url``; the record's other fields travel in
    ``Document.record``. Blank lines are skipped; a line that is not a JSON object with a string
    ``text_key`` is a ``ReadError`` named ``NAME:LINE``."""
    for lineno, line in enumerate(lines, 1):
        where = f"{name}:{lineno}"
        if isinstance(line, InputError):
            yield ReadError(where, str(line))
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as e:
            yield ReadError(where, f"invalid JSON: {e}")
            continue
        if not isinstance(record, dict):
            yield ReadError(where, "a JSONL record must be an object")
            continue
        text = record.get(text_key)
        if not isinstance(text, str):
            yield ReadError(where, f"no string field {text_key!r} (see --text-key)")
            continue
        raw_id = record.get(id_key)
        url = record.get("url")
        yield Document(
            id=str(raw_id) if raw_id is not None else where,
            data=text,
            name=where,
            url=url if isinstance(url, str) else None,
            record=record,
        )


def read_jsonl(
    raw: IO[bytes], name: str, *, max_bytes: int, text_key: str = "text", id_key: str = "id"
) -> Iterator[Document | ReadError]:
    """The records of a JSONL stream as stored (decompressed by ``name``'s suffix); a line past
    ``max_bytes`` once unpacked is refused and skipped, a corrupt stream ends with a
    ``ReadError`` after the records read before it."""
    compression = compression_of(name)
    stream = decompressing(raw, compression)
    lines = read_lines(stream, max_bytes, compressed=compression is not None)
    seen = 0

    def counted() -> Iterator[bytes | InputError]:
        nonlocal seen
        for line in lines:
            seen += 1
            yield line

    try:
        yield from read_records(counted(), name, text_key=text_key, id_key=id_key)
    except CORRUPT_ERRORS as e:
        yield ReadError(f"{name}:{seen + 1}", f"cannot read further (corrupt or truncated): {e}")


def read_stream(
    raw: IO[bytes],
    name: str,
    fmt: Literal["jsonl", "warc"],
    *,
    max_bytes: int,
    text_key: str = "text",
    id_key: str = "id",
) -> Iterator[Item]:
    """The documents of one multi-document stream (JSONL or WARC) as stored."""
    if fmt == "warc":
        return read_warc(raw, name, max_bytes=max_bytes)
    return read_jsonl(raw, name, max_bytes=max_bytes, text_key=text_key, id_key=id_key)


def read_file(
    path: str,
    fmt: Literal["jsonl", "warc"],
    *,
    max_bytes: int,
    text_key: str = "text",
    id_key: str = "id",
) -> Iterator[Item]:
    """``read_stream`` over a local file; an unreadable file is one ``ReadError``."""
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed below, read lazily
    except OSError as e:
        yield ReadError(path, f"cannot read: {e.strerror or e}")
        return
    with raw:
        yield from read_stream(
            raw, path, fmt, max_bytes=max_bytes, text_key=text_key, id_key=id_key
        )
