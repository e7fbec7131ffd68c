"""The metadata one cleaned document carries downstream: the same fields in the ``clean``
command's JSONL records and in datatrove's ``doc.metadata``, and the record those commands write."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import __version__
from .types import Config, Result

if TYPE_CHECKING:
    from .io.documents import Document


def result_metadata(r: Result, config: Config, *, keep_removed: bool = True) -> dict[str, Any]:
    """What a cleaning step adds to ``doc.metadata`` (the same fields as the ``clean`` command's
    JSONL records, with ``date`` in it too).

    >>> from cleaner import clean, Config
    >>> meta = result_metadata(clean("Accueil > Monde\\n\\nLe ministre est arrivé mardi à Rabat."), Config())
    >>> meta["removed"], meta["stats"]["chars_out"]
    ([{'rule': 'breadcrumb', 'text': 'Accueil > Monde', 'line': 1}], 37)
    """
    chars_out = len(r.text)
    meta: dict[str, Any] = {
        "lang": r.lang,
        "lang_prob": r.lang_prob,
        "title": r.title,
        "date": r.date,
        "author": r.author,
        "kind": r.kind,
    }
    if keep_removed:
        meta["removed"] = [{"rule": x.rule, "text": x.text, "line": x.line} for x in r.removed]
    meta["stats"] = {
        "chars_in": r.chars_in,
        "chars_out": chars_out,
        "removed_ratio": round(1 - chars_out / r.chars_in, 4) if r.chars_in else 0.0,
    }
    meta["cleaner"] = {"version": __version__, "config": config.digest()}
    return meta


def make_record(
    doc: Document,
    r: Result,
    config: Config,
    *,
    text_key: str = "text",
    extra: dict[str, Any] | None = None,
    explain: bool = False,
) -> dict[str, Any]:
    """The Dolma / datatrove record of one cleaned document: ``id``, ``text``, ``source``,
    ``added``, ``created`` (the page's date) and ``metadata``; a JSONL input record keeps its
    own fields (its text under ``text_key`` replaced). ``explain`` puts the full result in
    ``metadata.explain``."""
    meta: dict[str, Any] = {
        "path": doc.origin,
        "url": r.url or doc.url,
        **doc.meta,
        **result_metadata(r, config),
    }
    if extra:
        meta.update(extra)
    if explain:
        meta["explain"] = r.to_dict()
    source = doc.source or "cleaner"
    if doc.record is None:
        record: dict[str, Any] = {"id": doc.id, "text": r.text, "source": source}
        record["added"] = doc.added
        if r.date:
            record["created"] = r.date
        record["metadata"] = meta
        return record
    record = dict(doc.record)
    record[text_key] = r.text
    record.setdefault("id", doc.id)
    record.setdefault("source", source)
    record.setdefault("added", doc.added)
    if r.date:
        record.setdefault("created", r.date)
    theirs = record.get("metadata")
    record["metadata"] = {**theirs, **meta} if isinstance(theirs, dict) else meta
    return record
