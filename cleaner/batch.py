"""``Cleaner.clean_many``: a stream of documents in, one outcome per document out, in input order.

Why a function of its own: a corpus is cleaned as a stream, never as a list. The input is pulled
only as fast as results are taken (a bounded window in flight), one bad document becomes an
error in its place instead of stopping the stream, and ``workers > 1`` spreads the work over
processes without changing a byte of the output: each result is what ``Cleaner.clean`` gives
for that document. The ``clean`` command and the datatrove steps both clean through here.
"""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Generator, Iterable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .io.documents import Document
from .lifeline import exit_with_parent
from .types import InputError, Kind, Result

if TYPE_CHECKING:
    from .pipeline import Cleaner

__all__ = ["Outcome", "clean_many"]

D = TypeVar("D")

BATCH = 1
"""Documents sent to a worker at once. One: a document takes milliseconds, its round trip a
fraction of one, and a worker that falls behind (a busy machine) then holds up one document
of the ordered output, not the three behind it in its batch."""

IN_FLIGHT = 16
"""Documents in flight per worker: enough to keep every worker busy, few enough that memory
stays bounded over an endless stream."""


@dataclass(frozen=True, slots=True)
class Outcome(Generic[D]):
    """What became of one document: ``doc`` as it was given, and either its ``result`` or the
    ``error`` that says why it could not be cleaned. ``bytes_in`` is the size of the page read
    (0 when it could not be read)."""

    doc: D
    result: Result | None
    error: InputError | None
    bytes_in: int = 0

    @property
    def ok(self) -> bool:
        return self.result is not None


@dataclass(frozen=True, slots=True)
class _Work:
    """What a worker needs to clean one document (a file path or the data, never the caller's
    whole object: a JSONL record's other fields stay in the parent)."""

    data: str | bytes | None
    path: str | None
    url: str | None
    kind: Kind
    lang: str | None


def _work(doc: object, kind: Kind, lang: str | None) -> _Work | InputError:
    if isinstance(doc, str | bytes):
        return _Work(doc, None, None, kind, lang)
    if isinstance(doc, Document):
        if doc.data is None and doc.path is None:
            return InputError(f"{doc.name}: a Document needs data or a path")
        use = doc.kind if kind == "auto" and doc.kind is not None else kind
        return _Work(doc.data, doc.path if doc.data is None else None, doc.url, use, lang)
    if isinstance(doc, Mapping):
        text = doc.get("text")
        if not isinstance(text, str | bytes):
            return InputError(
                f"a record needs a 'text' field of str or bytes, got {type(text).__name__}"
            )
        url = doc.get("url")
        return _Work(text, None, url if isinstance(url, str) else None, kind, lang)
    return InputError(
        f"expected str, bytes, a record (mapping with 'text') or a Document, got {type(doc).__name__}"
    )


def _size(data: object) -> int:
    """Bytes read, for the summary; 0 for what is not a page (the cleaner refuses it)."""
    if isinstance(data, bytes):
        return len(data)
    return len(data.encode("utf-8", "surrogatepass")) if isinstance(data, str) else 0


def clean_one(cleaner: Cleaner, work: _Work) -> tuple[Result | None, InputError | None, int]:
    """Read (when the document is a path) and clean one document; every problem becomes the
    error of its outcome, a library bug included (reported as such), so the stream goes on."""
    data = work.data
    if data is None:
        assert work.path is not None
        try:
            data = Document("", None, work.path, path=work.path).load(cleaner.config.max_bytes)
        except InputError as e:
            return None, e, 0
        except Exception as e:  # OSError, or a corrupt compressed file
            reason = getattr(e, "strerror", None) or str(e) or type(e).__name__
            return None, InputError(f"cannot read: {reason}"), 0
    size = _size(data)
    try:
        return cleaner.clean(data, kind=work.kind, lang=work.lang, url=work.url), None, size
    except InputError as e:
        return None, e, size
    except Exception as e:  # a library bug must not stop the stream
        return None, InputError(f"internal error (please report): {type(e).__name__}: {e}"), size


# ------------------------------------------------------------------------------- worker processes

_WORKER: Cleaner | None = None


def _init_worker(cleaner: Cleaner) -> None:
    """Runs once in each worker process."""
    global _WORKER
    exit_with_parent()  # no orphans: a worker ends when the parent dies, even by SIGKILL
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    # The parent's SIGTERM handler came along with the fork: a worker told to stop, stops.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER = cleaner


def _clean_batch(works: list[_Work]) -> list[tuple[Result | None, InputError | None, int]]:
    assert _WORKER is not None
    return [clean_one(_WORKER, w) for w in works]


def clean_many(
    cleaner: Cleaner,
    docs: Iterable[D],
    *,
    kind: Kind = "auto",
    lang: str | None = None,
    workers: int = 1,
) -> Generator[Outcome[D], None, None]:
    """Clean every document of ``docs`` and yield one ``Outcome`` per document, in input order.

    A document is a ``str`` or ``bytes`` page, a record (a mapping whose ``"text"`` is the page
    and ``"url"`` its address), or a ``cleaner.io.Document`` from a reader. With ``workers > 1``
    the documents are cleaned in that many processes; at most ``workers * 16`` documents are in
    flight, so memory stays bounded over an endless stream. Closing the generator stops the
    workers.
    """
    if workers <= 1:
        for doc in docs:
            work = _work(doc, kind, lang)
            if isinstance(work, InputError):
                yield Outcome(doc, None, work)
                continue
            result, error, size = clean_one(cleaner, work)
            yield Outcome(doc, result, error, size)
        return
    yield from _clean_in_pool(cleaner, docs, kind, lang, workers)


def _clean_in_pool(
    cleaner: Cleaner, docs: Iterable[D], kind: Kind, lang: str | None, workers: int
) -> Generator[Outcome[D], None, None]:
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(cleaner,))
    pending: deque[tuple[list[D], list[_Work | InputError], Future[Any] | None]] = deque()
    it = iter(docs)

    def submit() -> bool:
        batch = list(islice(it, BATCH))
        if not batch:
            return False
        works = [_work(d, kind, lang) for d in batch]
        todo = [w for w in works if isinstance(w, _Work)]
        future = pool.submit(_clean_batch, todo) if todo else None
        pending.append((batch, works, future))
        return True

    try:
        while len(pending) * BATCH < workers * IN_FLIGHT and submit():
            pass
        while pending:
            batch, works, future = pending.popleft()
            done = iter(future.result() if future is not None else ())
            submit()
            for doc, work in zip(batch, works, strict=True):
                if isinstance(work, InputError):
                    yield Outcome(doc, None, work)
                else:
                    result, error, size = next(done)
                    yield Outcome(doc, result, error, size)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
