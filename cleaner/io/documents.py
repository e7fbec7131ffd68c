"""What readers yield: documents to clean, inputs that could not be read, and records that are not
documents (a WARC request, an image). One vocabulary for every format, so the ``clean`` command,
``Cleaner.clean_many`` and the datatrove steps handle any reader the same way."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Any

from ..types import Kind
from .compression import compression_of, decompressing, read_bounded

__all__ = ["Document", "NotADocument", "ReadError", "read_page"]


@dataclass(slots=True)
class Document:
    """One document to clean.

    ``data`` is the page itself; when it is None the page is read from ``path`` when it is
    cleaned (in a worker process: the parent does not read every file), decompressed by name and
    bounded like any input. ``name`` says where it came from in messages (``a.html``,
    ``dump.jsonl:12``, ``crawl.warc.gz@2048``). ``record`` holds the fields of a JSONL record,
    which the output keeps; ``meta`` what the reader learnt (a WARC record's id, date and
    charset) for the output's metadata. ``kind`` is the reader's hint (a WARC response's
    Content-Type), used when the caller asked for ``"auto"``.

    The Dolma fields of the output record: ``origin`` is the input file it came from
    (``metadata.path``), ``source`` the collection (the folder walked, or a JSONL record's own
    ``source``), ``added`` when it was read (the file's modification time).
    """

    id: str
    data: str | bytes | None
    name: str
    path: str | None = None
    url: str | None = None
    kind: Kind | None = None
    record: dict[str, Any] | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    origin: str | None = None
    source: str | None = None
    added: str | None = None

    def load(self, max_bytes: int) -> str | bytes:
        """The page: ``data``, or the file at ``path`` read within ``max_bytes`` once
        decompressed. Raises ``InputError`` (too large) and ``OSError`` (unreadable, corrupt)."""
        if self.data is not None:
            return self.data
        assert self.path is not None, "a Document needs data or a path"
        with open(self.path, "rb") as raw:
            return read_page(raw, self.path, max_bytes)


def read_page(raw: IO[bytes], name: str, max_bytes: int) -> bytes:
    """The page a file holds (one file, one document), decompressed by ``name``, refused past
    ``max_bytes`` once unpacked: how the ``clean`` command and ``cleaner.datatrove.PageReader``
    read a page. Raises ``InputError`` (too large), ``OSError`` and ``CORRUPT_ERRORS``."""
    compression = compression_of(name)
    with decompressing(raw, compression) as f:
        return read_bounded(f, max_bytes, compressed=compression is not None)


@dataclass(frozen=True, slots=True)
class ReadError:
    """Something a reader could not read (a corrupt line, a truncated WARC record, an unreadable
    file): reported as ``name: reason``, counted as a failure, and the reader goes on."""

    name: str
    reason: str


@dataclass(frozen=True, slots=True)
class NotADocument:
    """A record that is not a page to clean and is skipped on purpose (a WARC ``request``, an
    image, a 404); ``what`` is the category counted in the summary."""

    name: str
    what: str
