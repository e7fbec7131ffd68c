"""Compression by file name, in and out, with every read bounded.

Corpora travel compressed (``.jsonl.gz``, ``.warc.gz``, ``.zst``), and a compressed input is still
an input: a few kilobytes of gzip can unpack to gigabytes, so nothing here ever reads more than the
caller's limit into memory. What is past the limit is refused with an ``InputError`` naming the
limit, and a line-by-line reader skips the oversized line and goes on with the next one.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zlib
from collections.abc import Iterator
from typing import IO, Literal, cast

from ..types import InputError

__all__ = [
    "COMPRESSIONS",
    "CORRUPT_ERRORS",
    "Compression",
    "compressing",
    "compression_of",
    "decompressing",
    "open_input",
    "read_bounded",
    "read_lines",
    "strip_compression",
]

Compression = Literal["gzip", "bz2", "xz", "zstd"]

COMPRESSIONS: dict[str, Compression] = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".zst": "zstd"}
"""File name suffix -> compression; the same suffixes are read and written."""


def _zstd_error() -> type[Exception]:
    import zstandard

    return zstandard.ZstdError


# What a damaged or truncated compressed stream raises while it is read.
CORRUPT_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    EOFError,
    zlib.error,
    lzma.LZMAError,
    _zstd_error(),
)


def compression_of(name: str) -> Compression | None:
    """The compression a file name asks for, or None.

    >>> compression_of("crawl/a.jsonl.gz"), compression_of("a.warc.zst"), compression_of("a.html")
    ('gzip', 'zstd', None)
    """
    for suffix, kind in COMPRESSIONS.items():
        if name.lower().endswith(suffix):
            return kind
    return None


def strip_compression(name: str) -> str:
    """The name without its compression suffix, to tell what is inside.

    >>> strip_compression("a.jsonl.gz"), strip_compression("page.html")
    ('a.jsonl', 'page.html')
    """
    for suffix in COMPRESSIONS:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def decompressing(raw: IO[bytes], compression: Compression | None) -> IO[bytes]:
    """A stream of the decompressed bytes of ``raw`` (``raw`` itself when not compressed)."""
    if compression is None:
        return raw
    if compression == "gzip":
        return cast(IO[bytes], gzip.GzipFile(fileobj=raw, mode="rb"))
    if compression == "bz2":
        return cast(IO[bytes], bz2.BZ2File(raw, "rb"))
    if compression == "xz":
        return cast(IO[bytes], lzma.LZMAFile(raw, "rb"))
    import zstandard

    reader = zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True)
    # Buffered, so that ``readline(limit)`` works as on the other streams.
    return cast(IO[bytes], io.BufferedReader(reader))


def compressing(raw: IO[bytes], compression: Compression | None) -> IO[bytes]:
    """A stream that compresses into ``raw``; closing it finishes the compressed stream but
    leaves ``raw`` open (the caller renames it into place). gzip gets no timestamp, so the same
    records give the same bytes."""
    if compression is None:
        return raw
    if compression == "gzip":
        return cast(IO[bytes], gzip.GzipFile(fileobj=raw, mode="wb", mtime=0))
    if compression == "bz2":
        return cast(IO[bytes], bz2.BZ2File(raw, "wb"))
    if compression == "xz":
        return cast(IO[bytes], lzma.LZMAFile(raw, "wb"))
    import zstandard

    return cast(IO[bytes], zstandard.ZstdCompressor().stream_writer(raw, closefd=False))


def open_input(path: str) -> IO[bytes]:
    """``path`` opened for reading, decompressed according to its name. Raises ``OSError``."""
    raw = open(path, "rb")  # noqa: SIM115 - the caller closes the returned stream
    try:
        return decompressing(raw, compression_of(path))
    except BaseException:
        raw.close()
        raise


def too_large(limit: int, compressed: bool) -> InputError:
    unpacked = " once decompressed" if compressed else ""
    return InputError(
        f"larger than max_bytes={limit:,}{unpacked}; refused (raise Config.max_bytes or "
        "split the input)"
    )


def read_bounded(stream: IO[bytes], limit: int, *, compressed: bool = False) -> bytes:
    """All of ``stream``, or ``InputError`` when it holds more than ``limit`` bytes: at most
    ``limit + 1`` bytes are ever read.

    >>> import gzip, io
    >>> bomb = io.BytesIO(gzip.compress(b"0" * 1_000_000))
    >>> read_bounded(gzip.GzipFile(fileobj=bomb), 1000, compressed=True)
    Traceback (most recent call last):
    ...
    cleaner.types.InputError: larger than max_bytes=1,000 once decompressed; refused (raise Config.max_bytes or split the input)
    """
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise too_large(limit, compressed)
    return data


def read_lines(
    stream: IO[bytes], limit: int, *, compressed: bool = False
) -> Iterator[bytes | InputError]:
    """The lines of ``stream``; a line longer than ``limit`` becomes an ``InputError`` in its
    place and is skipped in bounded pieces, so the lines after it are still read.

    >>> import io
    >>> list(read_lines(io.BytesIO(b"a\\n" + b"x" * 50 + b"\\nb\\n"), 10))[::2]
    [b'a\\n', b'b\\n']
    """
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            yield too_large(limit, compressed)
            while line and not line.endswith(b"\n"):
                line = stream.readline(1 << 20)
            continue
        yield line
