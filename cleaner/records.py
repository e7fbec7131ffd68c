"""The metadata one cleaned document carries downstream: the same fields in the ``clean``
command's JSONL records and in datatrove's ``doc.metadata``."""

from __future__ import annotations

from typing import Any

from . import __version__
from .types import Config, Result


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
