"""What a run tells a person: messages, the progress line and the summary line, all on standard
error. The ``clean`` command and ``clean --executor`` end with the same summary line, made here
from the same ``Stats``."""

from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass, field

__all__ = ["Reporter", "Stats", "summary_line"]


@dataclass(slots=True)
class Stats:
    """The counts of one run, filled by the ``clean`` command as it goes, or read back from
    datatrove's stats after ``clean --executor``."""

    docs: int = 0
    failed: int = 0
    skipped: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    chars_in: int = 0  # of text: kept and removed characters (an HTML page's markup is not text)
    chars_out: int = 0
    total: int | None = None
    bytes_replaced: int = 0  # invalid bytes replaced while decoding (UTF-8 with stray bytes)
    docs_replaced: int = 0
    other_lang: int = 0  # cleaned, but not in --keep-lang
    empty: int = 0  # cleaned to nothing, so left out of a record stream (JSONL)
    no_article: int = 0  # pages that hold no article (Result.no_article), emptied
    not_documents: Counter[str] = field(default_factory=Counter)  # WARC requests, images...


class Reporter:
    """Messages, the progress line and the summary, all on standard error."""

    def __init__(self, stats: Stats, *, progress: bool = False, quiet: bool = False) -> None:
        self.progress = progress
        self.quiet = quiet
        self.stats = stats
        self.start = time.monotonic()
        self._last = 0.0
        self._shown = False

    def _clear(self) -> None:
        if self._shown:
            sys.stderr.write("\r\x1b[K")
            self._shown = False

    def error(self, name: str, reason: str) -> None:
        self._clear()
        print(f"{name}: {reason}", file=sys.stderr, flush=True)

    def info(self, message: str) -> None:
        self._clear()
        print(message, file=sys.stderr, flush=True)

    def tick(self, force: bool = False) -> None:
        if not self.progress:
            return
        now = time.monotonic()
        if not force and now - self._last < 0.1:
            return
        self._last = now
        s = self.stats
        done = s.docs + s.failed + s.skipped
        rate = done / max(now - self.start, 1e-9)
        count = f"{done}/{s.total}" if s.total is not None else f"{done}"
        sys.stderr.write(f"\r\x1b[Kclean: {count} documents, {s.failed} failed, {rate:.1f}/s")
        sys.stderr.flush()
        self._shown = True

    def summary(self, where: str, interrupted: bool) -> None:
        self._clear()
        if self.quiet:
            return
        line = summary_line(self.stats, time.monotonic() - self.start, where, interrupted)
        print(line, file=sys.stderr, flush=True)


def summary_line(s: Stats, secs: float, where: str, interrupted: bool = False) -> str:
    """The line that ends every run, with or without ``--executor``."""
    ratio = 1 - s.chars_out / s.chars_in if s.chars_in else 0.0
    head = "interrupted: " if interrupted else ""
    if interrupted and s.total is not None:
        head += f"{s.docs + s.failed + s.skipped} of {s.total} inputs done, "
    skipped = f", {s.skipped} skipped (up to date)" if s.skipped else ""
    if s.bytes_replaced:
        skipped += (
            f", {s.bytes_replaced} invalid {'byte' if s.bytes_replaced == 1 else 'bytes'} "
            f"replaced in {s.docs_replaced} {'document' if s.docs_replaced == 1 else 'documents'}"
        )
    if s.other_lang:
        skipped += f", {s.other_lang} in other languages left out"
    if s.no_article:
        skipped += f", {s.no_article} without an article"
    if s.empty:
        skipped += f", {s.empty} empty left out"
    if s.not_documents:
        n = sum(s.not_documents.values())
        kinds = ", ".join(f"{v} {k}" for k, v in sorted(s.not_documents.items()))
        skipped += f", {n} records not pages skipped ({kinds})"
    docs = "document" if s.docs == 1 else "documents"
    return (
        f"clean: {head}{s.docs} {docs}, {s.failed} failed{skipped}, "
        f"{_size(s.bytes_in)} in, {_size(s.bytes_out)} out, {ratio:.1%} of the text removed, "
        f"{secs:.2f} s, {s.docs / max(secs, 1e-9):.1f} docs/s; {where}"
    )


def _size(n: int) -> str:
    """
    >>> _size(999), _size(15_234), _size(3_400_000_000_000)
    ('999 B', '15.2 kB', '3400.0 GB')
    """
    if n < 1000:
        return f"{n} B"
    value = n / 1000
    for unit in ("kB", "MB"):
        if value < 1000:
            return f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} GB"
