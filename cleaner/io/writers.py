"""Writers: cleaned documents out, never half-written.

A mirrored tree writes each output with ``atomic_write``; a JSONL file (compressed by its name:
``out.jsonl.gz``, ``.bz2``, ``.xz``, ``.zst``) is written into a temporary file beside it and
renamed into place when the run ends, so a reader never sees a partial file.
"""

from __future__ import annotations

import contextlib

from .compression import compressing, compression_of
from .files import AtomicFile

__all__ = ["JsonlWriter"]


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
