"""Giving freed memory back to the system after a big document.

The lines of a document of tens of megabytes are hundreds of thousands of small strings and
tuples; once the clean text is joined they are freed, but the C allocator (glibc's) keeps much
of that memory in its free lists, so the process holds it while the next big thing (the JSON of
the clean text) is built beside it: measured on 41 MB of real dumps, 115 MB held for nothing.
``give_back`` asks the allocator to return it (``malloc_trim``); where there is no glibc it does
nothing.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import sys
from collections.abc import Callable

# Below this many characters a document's lines are a few megabytes at most: not worth a call.
BIG_DOCUMENT_CHARS = 4_000_000


@functools.lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim: Callable[[int], int] = libc.malloc_trim
        return trim
    return None


def give_back(chars: int) -> bool:
    """Return free memory to the system after a document of ``chars`` characters, when it was
    big and the allocator can; whether it was asked.

    >>> give_back(10)
    False
    """
    if chars < BIG_DOCUMENT_CHARS:
        return False
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
