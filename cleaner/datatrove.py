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
  ``input_error`` (a document ``Cleaner.clean`` refuses), ``empty`` (nothing left), ``lang_XX``,
  ``chars_in``, ``chars_out``, ``removed_lines`` and ``removed_RULE`` per rule.
- ``PageReader`` reads a folder of pages, one file one document (decoded as ``clean`` decodes
  bytes: BOM, UTF-8, the page's declared charset, then a detector), id = the path in the folder.

datatrove is imported when this module is, not when ``cleaner`` is: ``cleaner`` works without it.
Without datatrove this module still imports (so documentation tools and the doctests run), and
building a step raises ``ImportError`` saying what to install.
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Iterator
from typing import Any

from .decode import decode
from .html import looks_like_html
from .pipeline import Cleaner
from .records import result_metadata
from .rules import RULE_NAMES
from .types import Config, InputError, Kind, Result

__all__ = [
    "DATATROVE_MISSING",
    "CleanDocuments",
    "CleanHTML",
    "CleanText",
    "PageReader",
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
    ) -> None:
        super().__init__()
        self.config = config or Config()
        unknown = set(self.config.disabled_rules) - set(RULE_NAMES)
        if unknown:
            raise ValueError(
                f"unknown rule(s) {sorted(unknown)}; valid rules: {', '.join(RULE_NAMES)}"
            )
        kind = kind or self.default_kind
        if kind not in ("auto", "text", "html"):
            raise ValueError(f"unknown kind {kind!r}; use 'auto', 'text' or 'html'")
        self.kind: Kind = kind
        self.lang = lang
        self.keep_removed = keep_removed
        self.drop_empty = drop_empty
        self.url_key = url_key
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
        from datatrove.utils.logging import logger

        cleaner = self.cleaner
        warned = False
        for doc in data or ():
            self.stat_update("total")
            with self.track_time():
                url = doc.metadata.get(self.url_key)
                try:
                    r = cleaner.clean(
                        doc.text,
                        kind=self.kind,
                        lang=self.lang,
                        url=url if isinstance(url, str) else None,
                    )
                except InputError as e:
                    r = None
                    reason = f"input_error: {e}"
                    self.stat_update("input_error")
                except Exception as e:  # a library bug must not stop a cluster job
                    r = None
                    reason = f"internal error (please report): {type(e).__name__}: {e}"
                    self.stat_update("internal_error")
                if r is None:
                    if not warned:
                        logger.warning(f"cleaner dropped document {doc.id}: {reason} (logged once)")
                        warned = True
                    self.stat_update("dropped")
                    continue
                doc.text = r.text
                doc.metadata.update(result_metadata(r, self.config, keep_removed=self.keep_removed))
                if r.url and not doc.metadata.get(self.url_key):
                    doc.metadata[self.url_key] = r.url
                self._count(r)
            if not r.text and self.drop_empty:
                self.stat_update("empty", "dropped")
                continue
            self.stat_update("forwarded")
            self.update_doc_stats(doc)
            yield doc

    def _count(self, r: Result) -> None:
        self.stat_update(f"lang_{r.lang or 'unknown'}")
        self.stat_update("chars_in", value=r.chars_in, unit="doc")
        self.stat_update("chars_out", value=len(r.text), unit="doc")
        self.stat_update("removed_lines", value=len(r.removed), unit="doc")
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
    is_html = kind == "html" or (kind == "auto" and looks_like_html(data[:4096].decode("latin-1")))
    return decode(data, html=is_html)[0]


class PageReader(_BaseDiskReader):  # type: ignore[misc]
    """Read a folder of pages (HTML or text files, local or any fsspec path), one file one
    document; the id is the file's path inside the folder.

    Files are sorted by path and task ``rank`` of ``world_size`` reads files ``rank``,
    ``rank + world_size``, ... (datatrove's sharding). Files larger than ``max_bytes`` and files
    that cannot be decoded are skipped and counted (``too_large``, ``undecodable``); empty files
    are skipped.
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

        with self.data_folder.open(filepath, "rb") as f:
            data = f.read(self.max_bytes + 1)
        if len(data) > self.max_bytes:
            self.stat_update("too_large")
            logger.warning(f"{filepath}: larger than max_bytes={self.max_bytes:,}; skipped")
            return
        with self.track_time():
            try:
                text = decode_page(data, self.kind)
            except InputError as e:
                self.stat_update("undecodable")
                logger.warning(f"{filepath}: {e}; skipped")
                return
        document = self.get_document_from_dict({"text": text, "id": filepath}, filepath, 0)
        if document is not None:
            yield document
