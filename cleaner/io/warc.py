"""WARC input: one document per HTML or plain-text ``response`` with status 200, streamed with
FastWARC so that memory stays flat over a crawl file of any size.

Common Crawl writes one gzip member per record; FastWARC reads that (and zstd, and plain WARC)
itself. Everything else in the file is skipped on purpose and said so (``NotADocument``: the
``request`` and ``warcinfo`` records, images, redirects, error statuses); a record that is
truncated, or larger than ``max_bytes``, is a ``ReadError`` naming its offset, and the records
before it (and after it, when the file goes on) are kept.
"""

from __future__ import annotations

import codecs
import zlib
from collections.abc import Iterator
from typing import IO, Any

from ..types import InputError, Kind
from .compression import CORRUPT_ERRORS, compression_of, decompressing, too_large
from .documents import Document, NotADocument, ReadError

__all__ = ["WARC_SUFFIXES", "is_warc_name", "read_warc"]

WARC_SUFFIXES = (".warc", ".arc")
"""Names read as WARC (before any compression suffix): ``crawl.warc.gz``, ``a.warc``."""

_KINDS: dict[str, Kind] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
}

_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _is_warc_error(e: BaseException) -> bool:
    """Whether an exception from FastWARC is about the file (then reported as a bad record)
    rather than the process being stopped (Ctrl-C, exit), which must go on up."""
    return not isinstance(e, KeyboardInterrupt | SystemExit | GeneratorExit)


def _seekable(stream: IO[bytes]) -> bool:
    try:
        return stream.seekable()
    except (AttributeError, ValueError, OSError):
        return False


def is_warc_name(name: str) -> bool:
    """Whether a file name says WARC.

    >>> is_warc_name("CC-MAIN-0001.warc.gz"), is_warc_name("a.warc"), is_warc_name("a.jsonl.gz")
    (True, True, False)
    """
    from .compression import strip_compression

    return strip_compression(name).lower().endswith(".warc")


def _decode(payload: bytes, charset: str | None) -> str | bytes:
    """The payload as text when the HTTP header's charset decodes it, else the bytes (the
    cleaner then decodes them as any page: BOM, UTF-8, the page's declared charset, a detector).
    A byte order mark wins over the header, as in a browser."""
    if not charset or payload.startswith(_BOMS):
        return payload
    try:
        return payload.decode(codecs.lookup(charset).name)
    except (LookupError, UnicodeDecodeError):
        return payload


class _Forward:
    """A stream that can only go forward (standard input, a pipe) as FastWARC wants one: it
    asks where it is and may skip ahead, never back."""

    def __init__(self, inner: IO[bytes]) -> None:
        self._inner = inner
        self._pos = 0

    def read(self, size: int = -1) -> bytes:
        data = self._inner.read(size)
        self._pos += len(data)
        return data

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = 0) -> int:
        target = offset if whence == 0 else self._pos + offset if whence == 1 else -1
        if target < self._pos:
            raise OSError("cannot seek back on a stream")
        while self._pos < target and self.read(min(target - self._pos, 1 << 20)):
            pass
        return self._pos

    def close(self) -> None:
        self._inner.close()


def read_warc(
    raw: IO[bytes], name: str, *, max_bytes: int
) -> Iterator[Document | NotADocument | ReadError]:
    """The documents of one WARC file, in file order; ``raw`` is the file as stored (gzip and
    zstd are read by FastWARC, bz2 and xz unpacked here), ``name`` its path for messages and ids.
    """
    from fastwarc.warc import ArchiveIterator

    compression = compression_of(name)
    stream: Any = raw if compression in (None, "gzip", "zstd") else decompressing(raw, compression)
    if not _seekable(stream):
        stream = _Forward(stream)
    offset = 0
    try:
        records = iter(ArchiveIterator(stream, parse_http=True))
    except BaseException as e:  # FastWARC's errors, a Rust panic among them (a BaseException)
        if not _is_warc_error(e):
            raise
        yield ReadError(name, f"cannot read as WARC: {e}")
        return
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except BaseException as e:
            if not _is_warc_error(e):
                raise
            yield ReadError(
                f"{name}@{offset}", f"corrupt WARC record, the rest of the file is skipped: {e}"
            )
            return
        offset = record.stream_pos
        item = _page(record, f"{name}@{offset}", max_bytes)
        yield item
        if isinstance(item, ReadError) and item.reason.startswith("cannot read the record"):
            return


def _page(record: Any, where: str, max_bytes: int) -> Document | NotADocument | ReadError:
    """One record: a page to clean, or why it is not one."""
    from fastwarc.warc import WarcRecordType

    if record.record_type != WarcRecordType.response:
        return NotADocument(where, str(record.record_type))
    if not record.is_http:
        return NotADocument(where, "response without HTTP")
    status = record.http_headers.status_code
    if status != 200:
        return NotADocument(where, f"status {status}")
    ctype = (record.http_content_type or "").lower()
    kind = _KINDS.get(ctype) if ctype else "auto"
    if kind is None:
        return NotADocument(where, ctype)
    length = record.content_length
    if length > max_bytes:
        return ReadError(where, str(too_large(max_bytes, compressed=False)))
    try:
        payload = record.reader.read(length + 1)
    except CORRUPT_ERRORS as e:
        return ReadError(where, f"cannot read the record: {e}")
    if len(payload) < length:
        return ReadError(
            where, f"truncated WARC record ({len(payload):,} of {length:,} bytes); skipped"
        )
    encoding = (record.http_headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", ""):
        try:
            payload = _unencode(payload, encoding, max_bytes)
        except InputError as e:
            return ReadError(where, str(e))
    record_id = record.record_id or where
    charset = record.http_charset
    data = _decode(payload, charset)
    return Document(
        id=record_id,
        data=data,
        name=where,
        url=record.headers.get("WARC-Target-URI"),
        kind=kind,
        meta={
            "warc_record_id": record_id,
            "warc_date": record.headers.get("WARC-Date"),
            "http_charset": charset if isinstance(data, str) else None,
        },
    )


def _unencode(payload: bytes, encoding: str, max_bytes: int) -> bytes:
    """A payload stored as the server sent it, ``Content-Encoding: gzip``, ``deflate`` or
    ``br`` (brotli), unpacked within ``max_bytes`` (an HTTP bomb is refused like a file's).

    >>> import gzip, brotli
    >>> _unencode(gzip.compress(b"<p>Bonjour</p>"), "gzip", 100)
    b'<p>Bonjour</p>'
    >>> _unencode(brotli.compress(b"<p>Bonjour</p>"), "br", 100)
    b'<p>Bonjour</p>'
    """
    if encoding in ("gzip", "x-gzip", "deflate"):
        # 47: gzip or zlib headers, detected; -15 (raw deflate) for servers that send that.
        for wbits in (47, -15) if encoding == "deflate" else (47,):
            z = zlib.decompressobj(wbits)
            try:
                out = z.decompress(payload, max_bytes + 1)
            except zlib.error:
                continue
            if len(out) > max_bytes:
                raise too_large(max_bytes, compressed=True)
            return out
        raise InputError(f"Content-Encoding {encoding}: the payload does not decompress")
    if encoding == "br":
        return _unbrotli(payload, max_bytes)
    raise InputError(f"Content-Encoding {encoding} is not supported (gzip, deflate and br are)")


def _unbrotli(payload: bytes, max_bytes: int) -> bytes:
    """A brotli payload within ``max_bytes``: the decoder's output stops growing past the limit
    (give or take one buffer), so a bomb never becomes gigabytes."""
    import brotli

    decoder = brotli.Decompressor()
    try:
        out: bytes = decoder.process(payload, output_buffer_limit=max_bytes + 1)
    except brotli.error:
        raise InputError("Content-Encoding br: the payload does not decompress") from None
    if len(out) > max_bytes:
        raise too_large(max_bytes, compressed=True)
    if not decoder.is_finished():
        raise InputError("Content-Encoding br: the payload is cut short")
    return out
