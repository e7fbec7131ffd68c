"""The public data types: configuration in, result and audit trail out."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time
from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["auto", "text", "html"]
LangBackend = Literal["langdetect", "py3langid"]
Extractor = Literal["trafilatura", "fast"]


class InputError(ValueError):
    """Input that cannot be cleaned: binary data, undecodable bytes, oversized documents.

    The message says what is wrong and, where it helps, what to do about it. When the caller
    knows where the input came from (a file path, a record id) it is in ``source``.
    """

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


@dataclass(frozen=True, slots=True)
class Removal:
    """One removed piece of the input and why it went.

    ``line`` is the 1-based line of the decoded input (after line breaks were unified), so a
    reviewer can find the piece in the original page; for HTML input it is the line of the
    extracted text, and 0 for what never reached that text: rule ``html_prune`` (page furniture
    deleted before extraction, one piece per element: navigation, hidden, share bars, consent
    boxes...), rule ``html_extractor`` (visible lines the main-content extractor left out) and,
    with ``Config(extractor="fast")``, rule ``link_list`` (short lines that are mostly link
    text). Rule ``title`` is the page's title line, left out of the text for ``Result.title``
    (``Config.title_in_text``).
    """

    rule: str
    text: str
    evidence: str
    line: int

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "text": self.text, "evidence": self.evidence, "line": self.line}

    def __reduce__(self) -> tuple[type[Removal], tuple[str, str, str, int]]:
        # Pickled by its constructor's arguments: a page's audit trail goes from each worker of
        # `clean -j N` to the parent, and the generated slots state costs about three times more.
        return (Removal, (self.rule, self.text, self.evidence, self.line))


class _SortedRules(frozenset[str]):
    """A frozenset of rule names that pickles as a sorted tuple (deterministic bytes)."""

    def __reduce__(self) -> tuple[type[_SortedRules], tuple[tuple[str, ...]]]:
        return (_SortedRules, (tuple(sorted(self)),))

    def __repr__(self) -> str:
        return f"frozenset({sorted(self)!r})" if self else "frozenset()"


# The clock of ``Config.time_budget``: the CPU time of the calling thread. A wall clock ran out
# when other processes kept the machine busy (a cold worker of a local Ray cluster on a loaded
# machine kept a page's boilerplate unjudged), so the same input gave another output.
budget_clock = time.thread_time


@dataclass(frozen=True, slots=True)
class Config:
    """Every option of the pipeline. Frozen, hashable and picklable.

    Attributes:
        disabled_rules: names of rules to skip (see ``cleaner.rules.RULE_NAMES``).
        languages: phrase-list languages to load; ``None`` loads every shipped language, so a
            page's boilerplate is found whatever its language.
        fix_encoding: repair mojibake and HTML entities with ftfy.
        nbsp_to_space: map no-break and thin spaces to a plain space.
        heuristics: run the jusText-like scoring for boilerplate no phrase list names.
        lang_backend: ``"langdetect"`` (seeded, default) or ``"py3langid"`` (faster, optional extra).
        lang_sample_chars: language detection reads at most this many characters of clean text.
        min_lang_chars: below this many letters of clean text, ``lang`` is ``None``.
        max_bytes: larger inputs are refused with ``InputError`` (bounded memory per document).
        max_line_chars: longer lines are cut into pieces of at most this size before the rules run,
            so no rule ever sees an unbounded line (recorded in ``steps``).
        extractor: HTML main-content extractor: ``"trafilatura"`` (default, most accurate) or
            ``"fast"`` (no trafilatura: the page's tree and the text rules, several times faster).
        title_in_text: whether the page's title opens the clean text, in text and HTML mode
            alike. ``False`` (default): the title is in ``Result.title`` and not in the text;
            its line is removed (rule ``title`` in the audit), as trafilatura and the
            benchmarks' reviewed texts leave it out. ``True``: the title's line is kept (a
            heading the zone heuristics dropped is kept again, with a note) and, in HTML
            mode, put first when the extractor left it out.
        time_budget: seconds of work per document, counted in CPU time of the calling thread
            (see ``budget_clock``) from the start of ``clean``. It bounds the two stages whose
            cost can grow faster than the text: the encoding repair (past the budget the rest of
            the text is normalized but not repaired) and the rules (the remaining blocks are
            kept unjudged); ``steps`` says which and where. The other stages (decoding, the HTML
            extractor, segmentation, assembly, language detection on a bounded sample) are
            linear in the input and bounded by ``max_bytes``; their time counts against the
            budget, so a document that used it up there is not judged.
    """

    disabled_rules: frozenset[str] = frozenset()
    languages: tuple[str, ...] | None = None
    fix_encoding: bool = True
    nbsp_to_space: bool = True
    heuristics: bool = True
    lang_backend: LangBackend = "langdetect"
    lang_sample_chars: int = 1200
    min_lang_chars: int = 40
    max_bytes: int = 64 * 1024 * 1024
    max_line_chars: int = 20_000
    time_budget: float = 5.0
    extractor: Extractor = "trafilatura"
    title_in_text: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.disabled_rules, str):
            raise ValueError("disabled_rules takes a set of rule names, not one string")
        # Sorted, so a Config pickles and hashes to the same bytes in every process (frozenset
        # order follows the per-process string hash): datasets' fingerprints and caches rely on it.
        object.__setattr__(self, "disabled_rules", _SortedRules(self.disabled_rules))
        self._validate()

    def _validate(self) -> None:
        """Refuse a configuration that could only fail later, inside ``clean()`` (whose only
        exception is ``InputError``, about the input): a caller's mistake is told at once,
        with what is valid."""
        if self.disabled_rules:
            from .rules import RULE_NAMES  # here: the rules import this module

            unknown = sorted(set(self.disabled_rules) - set(RULE_NAMES))
            if unknown:
                raise ValueError(
                    f"unknown rule(s) {unknown} in disabled_rules; valid rules: "
                    + ", ".join(RULE_NAMES)
                )
        if self.lang_backend not in ("langdetect", "py3langid"):
            raise ValueError(
                f"unknown lang_backend {self.lang_backend!r}; use 'langdetect' or 'py3langid'"
            )
        if self.extractor not in ("trafilatura", "fast"):
            raise ValueError(f"unknown extractor {self.extractor!r}; use 'trafilatura' or 'fast'")
        for name in ("lang_sample_chars", "max_bytes", "max_line_chars"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be a positive number, got {getattr(self, name)!r}")
        if not self.time_budget >= 0:  # 0 judges nothing: every block is kept unjudged
            raise ValueError(
                f"time_budget must be a number of seconds, 0 or more, got {self.time_budget!r}"
            )

    def digest(self) -> str:
        """A short stable hash of the configuration, for provenance records and caches."""
        payload = {
            k: sorted(v) if isinstance(v, frozenset) else v
            for k, v in dataclasses.asdict(self).items()
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class Result:
    """The clean text, what was learned about the page, and the audit trail."""

    text: str
    lang: str | None = None
    lang_prob: float | None = None
    title: str | None = None
    date: str | None = None
    author: str | None = None
    source: str | None = None
    url: str | None = None
    removed: tuple[Removal, ...] = ()
    steps: tuple[str, ...] = ()
    kind: Literal["text", "html"] = "text"
    chars_in: int = 0
    notes: tuple[str, ...] = field(default=())

    @property
    def no_article(self) -> bool:
        """Whether the page holds no article (an error page, an empty search, a login or cookie
        wall): its text is empty and ``notes`` says why (rule ``no_article``)."""
        return any(x.rule == "no_article" for x in self.removed)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (``json.dumps(result.to_dict())`` works as is)."""
        return {
            "text": self.text,
            "lang": self.lang,
            "lang_prob": self.lang_prob,
            "title": self.title,
            "date": self.date,
            "author": self.author,
            "source": self.source,
            "url": self.url,
            "kind": self.kind,
            "chars_in": self.chars_in,
            "removed": [r.to_dict() for r in self.removed],
            "steps": list(self.steps),
            "notes": list(self.notes),
        }
