"""datatrove pipeline steps: cleaner inside a text-corpus pipeline (``pip install 'cleaner[datatrove]'``).

>>> from datatrove.pipeline.readers import JsonlReader            # doctest: +SKIP
>>> from datatrove.pipeline.writers import JsonlWriter            # doctest: +SKIP
>>> from cleaner.datatrove import CleanHTML
>>> pipeline = [JsonlReader("in/"), CleanHTML(), JsonlWriter("out/")]  # doctest: +SKIP

- ``CleanText`` (flattened text) and ``CleanHTML`` (raw HTML) replace ``doc.text`` with the clean
  text and put ``lang``, ``lang_prob``, ``title``, ``date``, ``author``, ``kind``, ``removed``,
  ``stats`` and ``cleaner`` (version and config digest) in ``doc.metadata``; ``url`` too when the
  document has none. ``CleanDocuments(kind="auto")`` tells HTML from text per document.
- They count what they did in datatrove's stats: ``total``, ``forwarded``, ``dropped``,
  ``input_error`` (a document ``Cleaner.clean`` refuses), ``empty`` (nothing left),
  ``no_article`` (a page with no article: an error page, a login wall...), ``lang_XX``,
  ``chars_in``, ``chars_out``, ``removed_chars``, ``removed_lines`` and ``removed_RULE`` per
  rule.
- ``PageReader`` reads a folder of pages, one file one document (decoded as ``clean`` decodes
  bytes: BOM, UTF-8, the page's declared charset, then a detector), id = the path in the folder.
- ``RecordReader`` reads JSONL files and ``WarcReader`` WARC files (one document per HTML or
  text response with status 200, with ``url``, ``warc_record_id``, ``warc_date`` and
  ``http_charset`` in the metadata) through the same readers as the ``clean`` command
  (``cleaner.io``): compressed by name, bounded, and a bad record is counted (``bad_record``),
  logged with its line or offset, and skipped instead of failing the task.
- Every reader decompresses ``.gz``, ``.bz2``, ``.xz`` and ``.zst`` by name, and refuses a
  document past ``max_bytes`` once unpacked.

datatrove is imported when this module is, not when ``cleaner`` is: ``cleaner`` works without it.
Without datatrove this module still imports (so documentation tools and the doctests run), and
building a step raises ``ImportError`` saying what to install.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
from collections import Counter, deque
from collections.abc import Iterator
from typing import IO, Any

from .batch import clean_many
from .decode import decode, replaced_bytes
from .html import looks_like_html
from .io import CORRUPT_ERRORS, NotADocument, ReadError
from .io import Document as Page
from .io.documents import read_page
from .io.readers import read_jsonl
from .io.warc import read_warc
from .pipeline import Cleaner
from .records import result_metadata
from .types import Config, InputError, Kind, Result

__all__ = [
    "DATATROVE_MISSING",
    "CleanDocuments",
    "CleanHTML",
    "CleanText",
    "PageReader",
    "RecordReader",
    "WarcReader",
    "decode_page",
    "have_datatrove",
    "result_metadata",
]

DATATROVE_MISSING = (
    "cleaner's datatrove steps need datatrove: pip install 'cleaner[datatrove]' "
    "(and 'cleaner[ray]' for the Ray executor)"
)


class _Unavailable:
    """Stands in for a datatrove base class when datatrove is not installed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise ImportError(DATATROVE_MISSING)


def _datatrove(module: str, name: str) -> Any:
    try:
        return getattr(importlib.import_module(module), name)
    except ImportError:
        return _Unavailable


def have_datatrove() -> bool:
    """True when datatrove (and orjson, which its JSONL reader and writer need) import."""
    try:
        importlib.import_module("datatrove")
        importlib.import_module("orjson")
    except ImportError:
        return False
    return True


# Typed as Any on purpose: datatrove ships no type information, and this keeps the module
# checkable whether or not it is installed.
_PipelineStep: Any = _datatrove("datatrove.pipeline.base", "PipelineStep")
_BaseDiskReader: Any = _datatrove("datatrove.pipeline.readers.base", "BaseDiskReader")


_CLEANERS: dict[Config, Cleaner] = {}


class CleanDocuments(_PipelineStep):  # type: ignore[misc]
    """Clean every document's text with one ``Cleaner``; see the module docstring.

    Args:
        config: the ``Config`` (default ``Config()``).
        kind: ``"auto"`` (tell HTML from text per document), ``"text"`` or ``"html"``; by
            default the class's ``default_kind`` (``"text"`` for ``CleanText``, ``"html"`` for
            ``CleanHTML``).
        lang: an ISO 639-1 hint for every document (skips detection).
        keep_removed: put the audit trail (``removed``) in the metadata.
        drop_empty: drop documents with nothing left (counted as ``empty``); when False they go on
            with empty text.
        url_key: the metadata field holding the page's URL (a hint for HTML metadata).
        keep_langs: keep only documents detected in these languages (the others are dropped
            and counted as ``other_lang``).
    """

    name = "🧹 cleaner"
    type = "✂️ - FORMAT"
    default_kind: Kind = "auto"

    def __init__(
        self,
        config: Config | None = None,
        *,
        kind: Kind | None = None,
        lang: str | None = None,
        keep_removed: bool = True,
        drop_empty: bool = True,
        url_key: str = "url",
        keep_langs: frozenset[str] | None = None,
    ) -> None:
        super().__init__()
        self.config = config or Config()  # a Config refuses unknown rule names itself
        kind = kind or self.default_kind
        if kind not in ("auto", "text", "html"):
            raise ValueError(f"unknown kind {kind!r}; use 'auto', 'text' or 'html'")
        self.kind: Kind = kind
        self.lang = lang
        self.keep_removed = keep_removed
        self.drop_empty = drop_empty
        self.url_key = url_key
        self.keep_langs = keep_langs
        self._cleaner: Cleaner | None = None  # built in the worker, on first use

    @property
    def cleaner(self) -> Cleaner:
        if self._cleaner is None:
            # One per config and process: a worker running many tasks builds it once.
            cleaner = _CLEANERS.get(self.config)
            if cleaner is None:
                cleaner = _CLEANERS[self.config] = Cleaner(self.config)
            self._cleaner = cleaner
        return self._cleaner

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_cleaner"] = None  # workers build their own
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def run(self, data: Any, rank: int = 0, world_size: int = 1) -> Iterator[Any]:
        """Clean the documents through ``clean_many``, the path the ``clean`` command takes;
        a document that cannot be cleaned is logged with its id, counted and dropped."""
        from datatrove.utils.logging import logger

        taken: deque[Any] = deque()

        def pages() -> Iterator[Page]:
            for doc in data or ():
                self.stat_update("total")
                taken.append(doc)
                url = doc.metadata.get(self.url_key)
                yield Page(
                    str(doc.id), doc.text, str(doc.id), url=url if isinstance(url, str) else None
                )

        outcomes = clean_many(self.cleaner, pages(), kind=self.kind, lang=self.lang)
        while True:
            with self.track_time():
                outcome = next(outcomes, None)
            if outcome is None:
                return
            doc = taken.popleft()
            r = outcome.result
            if r is None:
                reason = str(outcome.error)
                internal = reason.startswith("internal error")
                self.stat_update("internal_error" if internal else "input_error", "dropped")
                logger.warning(f"{doc.id}: {reason}; dropped")
                continue
            self.stat_update("bytes_in", value=outcome.bytes_in, unit="doc")
            self.stat_update(f"lang_{r.lang or 'unknown'}")
            if self.keep_langs is not None and r.lang not in self.keep_langs:
                self.stat_update("other_lang", "dropped")
                continue
            self._count(r)  # what was cleaned and kept, as the command's summary counts it
            if r.no_article:
                self.stat_update("no_article")
            if not r.text and self.drop_empty:
                self.stat_update("empty", "dropped")
                continue
            doc.text = r.text
            doc.metadata.update(result_metadata(r, self.config, keep_removed=self.keep_removed))
            if r.url and not doc.metadata.get(self.url_key):
                doc.metadata[self.url_key] = r.url
            self.stat_update("forwarded")
            self.update_doc_stats(doc)
            yield doc

    def _count(self, r: Result) -> None:
        self.stat_update("chars_in", value=r.chars_in, unit="doc")
        self.stat_update("chars_out", value=len(r.text), unit="doc")
        self.stat_update("removed_lines", value=len(r.removed), unit="doc")
        # The text the rules and the extractor removed: with chars_out, the text's size (an
        # HTML page's markup aside), of which the command's summary gives the share removed.
        self.stat_update("removed_chars", value=sum(len(x.text) for x in r.removed), unit="doc")
        _count_replaced(self, sum(replaced_bytes(s) for s in r.steps if s.startswith("decode:")))
        for rule, n in sorted(Counter(x.rule for x in r.removed).items()):
            self.stat_update(f"removed_{rule}", value=n, unit="doc")


class CleanText(CleanDocuments):
    """``CleanDocuments`` for flattened text (``kind="text"``)."""

    name = "🧹 cleaner (text)"
    default_kind: Kind = "text"


class CleanHTML(CleanDocuments):
    """``CleanDocuments`` for raw HTML (``kind="html"``): extraction, then the same cleaning."""

    name = "🧹 cleaner (HTML)"
    type = "🛢 - EXTRAC"
    default_kind: Kind = "html"


def decode_page(data: bytes, kind: Kind = "auto") -> str:
    """Bytes of one page to text, as ``Cleaner.clean`` decodes bytes. Raises ``InputError``.

    >>> decode_page("Caf\\xe9 cr\\xe8me".encode("cp1252"))
    'Café crème'
    """
    return _decode_page(data, kind)[0]


def _decode_page(data: bytes, kind: Kind) -> tuple[str, int]:
    """The text and the number of invalid bytes replaced while decoding (counted by the readers
    as ``bytes_replaced``, as the ``clean`` command's summary does)."""
    is_html = kind == "html" or (kind == "auto" and looks_like_html(data[:4096].decode("latin-1")))
    text, how = decode(data, html=is_html)
    return text, replaced_bytes(how)


def _count_replaced(step: Any, replaced: int) -> None:
    if replaced:
        step.stat_update("bytes_replaced", value=replaced)
        step.stat_update("docs_replaced")


_UNREADABLE: tuple[type[BaseException], ...] = (ValueError, *CORRUPT_ERRORS)


class PageReader(_BaseDiskReader):  # type: ignore[misc]
    """Read a folder of pages (HTML or text files, local or any fsspec path), one file one
    document; the id is the file's path inside the folder.

    Files are sorted by path and task ``rank`` of ``world_size`` reads files ``rank``,
    ``rank + world_size``, ... (datatrove's sharding). Files larger than ``max_bytes`` and files
    that cannot be decoded are skipped and counted (``too_large``, ``undecodable``); empty files
    are skipped and counted as ``empty``.
    """

    name = "📄 pages"

    def __init__(
        self,
        data_folder: Any,
        *,
        kind: Kind = "auto",
        glob_pattern: str | None = None,
        recursive: bool = True,
        max_bytes: int = Config().max_bytes,
        limit: int = -1,
        skip: int = 0,
        default_metadata: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(
            data_folder,
            limit=limit,
            skip=skip,
            default_metadata=default_metadata,
            recursive=recursive,
            glob_pattern=glob_pattern,
        )
        self.kind: Kind = kind
        self.max_bytes = max_bytes

    def read_file(self, filepath: str) -> Iterator[Any]:
        from datatrove.utils.logging import logger

        try:
            with self.data_folder.open(filepath, "rb") as raw:
                data = read_page(raw, filepath, self.max_bytes)
        except InputError as e:
            self.stat_update("too_large")
            logger.warning(f"{filepath}: {e}; skipped")
            return
        except _UNREADABLE as e:  # unreadable, or a corrupt compressed file
            self.stat_update("undecodable")
            logger.warning(f"{filepath}: cannot read: {e}; skipped")
            return
        with self.track_time():
            try:
                text, replaced = _decode_page(data, self.kind)
            except InputError as e:
                self.stat_update("undecodable")
                logger.warning(f"{filepath}: {e}; skipped")
                return
            _count_replaced(self, replaced)
        if not text:
            self.stat_update("empty")  # as the cleaning step counts a page it empties
            return
        document = self.get_document_from_dict({"text": text, "id": filepath}, filepath, 0)
        if document is not None:
            yield document


class _StreamReader(_BaseDiskReader):  # type: ignore[misc]
    """A reader of files that hold many documents, through ``cleaner.io``'s readers: what they
    cannot read is counted as ``bad_record`` and logged, and the file goes on."""

    def __init__(
        self,
        data_folder: Any,
        *,
        glob_pattern: str | None = None,
        recursive: bool = True,
        max_bytes: int = Config().max_bytes,
        text_key: str = "text",
        id_key: str = "id",
        limit: int = -1,
        skip: int = 0,
        default_metadata: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(
            data_folder,
            limit=limit,
            skip=skip,
            text_key=text_key,
            id_key=id_key,
            default_metadata=default_metadata,
            recursive=recursive,
            glob_pattern=glob_pattern,
        )
        self.max_bytes = max_bytes

    def items(self, raw: IO[bytes], filepath: str) -> Iterator[Page | ReadError | NotADocument]:
        raise NotImplementedError

    def to_dict(self, page: Page) -> dict[str, Any] | None:
        raise NotImplementedError

    def read_file(self, filepath: str) -> Iterator[Any]:
        from datatrove.utils.logging import logger

        with self.data_folder.open(filepath, "rb") as raw:
            for n, item in enumerate(self.items(raw, filepath)):
                if isinstance(item, ReadError):
                    self.stat_update("bad_record")
                    logger.warning(f"{item.name}: {item.reason}")
                    continue
                if isinstance(item, NotADocument):
                    self.stat_update(f"not_page_{item.what}")
                    continue
                with self.track_time():
                    data = self.to_dict(item)
                    if data is not None and not data.get(self.text_key):
                        self.stat_update("empty")  # datatrove would drop it without a count
                        continue
                    document = (
                        None if data is None else self.get_document_from_dict(data, filepath, n)
                    )
                if document is not None:
                    yield document


class RecordReader(_StreamReader):
    """JSONL files (compressed by name), like datatrove's ``JsonlReader``, except that a line
    that is not a JSON object with a string ``text_key`` (``{"text": 123}``), or that is past
    ``max_bytes``, is counted as ``bad_record``, logged with its line number and skipped, where
    it would fail the whole task."""

    name = "📄 JSONL records"

    def items(self, raw: IO[bytes], filepath: str) -> Iterator[Page | ReadError | NotADocument]:
        return read_jsonl(
            raw, filepath, max_bytes=self.max_bytes, text_key=self.text_key, id_key=self.id_key
        )

    def to_dict(self, page: Page) -> dict[str, Any] | None:
        return dict(page.record or {})


class WarcReader(_StreamReader):
    """WARC files (``.warc``, ``.warc.gz`` with a gzip member per record, ``.warc.zst``...): one
    document per HTML or plain-text ``response`` with status 200, its id the WARC record id,
    with ``url``, ``warc_record_id``, ``warc_date`` and ``http_charset`` in the metadata. Other
    records are counted (``not_page_request``, ``not_page_status 404``, ...); a truncated or
    oversized record is a ``bad_record``."""

    name = "🕷 WARC"

    def items(self, raw: IO[bytes], filepath: str) -> Iterator[Page | ReadError | NotADocument]:
        return read_warc(raw, filepath, max_bytes=self.max_bytes)

    def to_dict(self, page: Page) -> dict[str, Any] | None:
        from datatrove.utils.logging import logger

        text = page.data
        if isinstance(text, bytes):
            try:
                text, replaced = _decode_page(text, page.kind or "auto")
            except InputError as e:
                self.stat_update("bad_record")
                logger.warning(f"{page.name}: {e}")
                return None
            _count_replaced(self, replaced)
        return {"text": text, "id": page.id, "metadata": {"url": page.url, **page.meta}}


# --------------------------------------------------------------------------------- the executors


_LEVELS: list[str] = []  # the levels of the stderr_level blocks this process is in


@contextlib.contextmanager
def stderr_level(level: str) -> Iterator[None]:
    """While inside, datatrove's task loggers print only ``level`` and above on standard error
    (their log files still get everything): ``clean -q`` shows errors only, ``clean`` warnings
    (bad records), ``clean -v`` everything."""
    from datatrove.utils import logging as dt_logging
    from datatrove.utils.logging import logger

    def add_task_logger(
        logging_dir: Any, rank: int, local_rank: int = 0, node_rank: int = -1
    ) -> Any:
        logger.remove()
        logfile = logging_dir.open(f"logs/task_{rank:05d}.log", "w")
        fmt = "{time:YYYY-MM-DD HH:mm:ss.SSS} | {level: <8} | {name}:{function}:{line} - {message}"
        logger.add(sys.stderr, level=level if local_rank == 0 else "ERROR", format=fmt)
        logger.add(logfile, level="DEBUG", format=fmt)
        logger.info(f"Launching pipeline for {rank=}")
        return logfile

    def close_task_logger(logfile: Any) -> None:
        logger.complete()
        logger.remove()
        logger.add(sys.stderr, level=level)
        logfile.close()

    modules = [
        m
        for name in ("datatrove.executor.base", "datatrove.executor.ray", "datatrove.executor.jobs")
        if (m := sys.modules.get(name)) is not None
    ]
    outer = list(_LEVELS)
    _LEVELS.append(level)
    saved = [(m, getattr(m, "add_task_logger"), getattr(m, "close_task_logger")) for m in modules]  # noqa: B009
    for m in modules:
        setattr(m, "add_task_logger", add_task_logger)  # noqa: B010
        setattr(m, "close_task_logger", close_task_logger)  # noqa: B010
    logger.remove()
    logger.add(sys.stderr, level=level)
    try:
        yield
    finally:
        for m, add, close in saved:
            setattr(m, "add_task_logger", add)  # noqa: B010
            setattr(m, "close_task_logger", close)  # noqa: B010
        _LEVELS.pop()
        if outer:  # back to the level of the enclosing block
            logger.remove()
            logger.add(sys.stderr, level=outer[-1])
        else:
            dt_logging.setup_default_logger()


class _Leveled:
    """An executor whose tasks log on standard error at ``stderr_level`` and above (set by
    ``clean --executor``; ``INFO`` is datatrove's own)."""

    stderr_level = "INFO"

    def _run_for_rank(self, rank: int, local_rank: int = 0, node_rank: int = -1) -> Any:
        with stderr_level(self.stderr_level):
            return super()._run_for_rank(rank, local_rank, node_rank)  # type: ignore[misc]


class _LeveledLocal(_Leveled):
    def _launch_run_for_rank(self, rank: int, ranks_q: Any, *args: Any, **kwargs: Any) -> Any:
        # Its "N/M tasks completed" line is logged after the task, in the worker process.
        with stderr_level(self.stderr_level):
            return super()._launch_run_for_rank(rank, ranks_q, *args, **kwargs)  # type: ignore[misc]


class LocalExecutor(_LeveledLocal, _datatrove("datatrove.executor", "LocalPipelineExecutor")):  # type: ignore[misc]
    """datatrove's ``LocalPipelineExecutor`` with ``stderr_level``."""


class RayExecutor(_Leveled, _datatrove("datatrove.executor", "RayPipelineExecutor")):  # type: ignore[misc]
    """datatrove's ``RayPipelineExecutor`` with ``stderr_level``."""
