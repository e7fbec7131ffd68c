"""Corpus mode: what one page cannot know, a folder of pages from the same site can.

Two passes over the documents. The first cleans every page with the ordinary pipeline and
counts, per source (a site), the pages each normalized line appears on; a line found on more
than ``share`` of a source's pages (and on at least ``min_pages`` of them) that is not a long
sentence is that source's boilerplate, whatever its wording: "Les plus lus", a column of
headlines, a footer. The second pass cleans every page again and drops the boilerplate lines the
page's own rules kept, as ``Removal("repeated_in_source", line, "line on k of n pages of src")``.

The first pass also finds near-duplicates (syndicated copies of one article): MinHash over word
5-gram shingles of the single-page clean text, with a fixed seed. A document whose estimated
Jaccard similarity with an earlier kept document is at least ``dup_threshold`` gets that
document's id as ``duplicate_of``; duplicates are not counted when learning boilerplate (five
copies of one article must not make its lines look like a template). Near-duplicate detection
needs ``datasketch`` (``pip install 'cleaner[corpus]'``).

Memory stays bounded in the corpus size for the line counts: lines are counted as 64-bit hashes
of their normalized form, only lines of at most ``max_words`` words are counted, and a source's
counter is trimmed to its most frequent lines when it grows past ``max_lines_per_source``. The
near-duplicate index keeps one MinHash signature per distinct document (``num_perm`` 64-bit
values each).

>>> docs = [(f"p{i}", "example.org", "Le Journal du Soir, 12 rue des Imprimeurs\\n\\n"
...          f"Article {i} : " + "un mot de plus " * i + "pour finir.") for i in range(1, 6)]
>>> doc_id, result, meta = next(clean_corpus(docs, settings=CorpusSettings(dedup=False)))
>>> result.text
'Article 1 : un mot de plus pour finir.'
>>> [(r.rule, r.evidence, r.line) for r in result.removed]
[('repeated_in_source', 'line on 5 of 5 pages of example.org', 1)]
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

from .decode import decode, unify_line_breaks
from .phrases import fold
from .pipeline import Cleaner
from .text import ends_sentence, words
from .types import Config, InputError, Kind, Removal, Result

__all__ = [
    "RULE",
    "Corpus",
    "CorpusSettings",
    "clean_corpus",
    "dedup_available",
    "learn_boilerplate",
    "line_key",
    "source_of",
]

RULE = "repeated_in_source"
"""The rule name of corpus-mode removals in ``Result.removed``."""

Source = str | bytes


@dataclass(frozen=True, slots=True)
class CorpusSettings:
    """Options of corpus mode.

    Attributes:
        share: a line is a source's boilerplate when it is on more than this share of the
            source's (distinct) pages...
        min_pages: ...and on at least this many of them.
        max_words: longer lines are never counted (never boilerplate).
        sentence_words: a line of at least this many words that ends like a sentence is never
            boilerplate ("not long sentences").
        max_lines_per_source: bound on the distinct line hashes counted per source; past it the
            counter is trimmed to its most frequent half.
        dedup: find near-duplicates (needs ``datasketch``).
        dup_threshold: estimated Jaccard similarity of word shingles from which a document is
            a duplicate of an earlier one.
        shingle_words: words per shingle.
        num_perm: MinHash permutations.
        seed: MinHash seed (fixed: the output is deterministic).
    """

    share: float = 0.2
    min_pages: int = 3
    max_words: int = 30
    sentence_words: int = 12
    max_lines_per_source: int = 50_000
    dedup: bool = True
    dup_threshold: float = 0.8
    shingle_words: int = 5
    num_perm: int = 128
    seed: int = 1

    def __post_init__(self) -> None:
        if not 0 <= self.share < 1:
            raise ValueError(f"share must be in [0, 1), got {self.share}")
        if not 0 < self.dup_threshold <= 1:
            raise ValueError(f"dup_threshold must be in (0, 1], got {self.dup_threshold}")
        if self.min_pages < 1 or self.shingle_words < 1 or self.max_lines_per_source < 2:
            raise ValueError("min_pages, shingle_words must be >= 1, max_lines_per_source >= 2")


# ------------------------------------------------------------------------------------ helpers

_DIGITS = re.compile(r"\d+")
_NOT_WORD = re.compile(r"[\W_]+")


def line_key(text: str) -> str:
    """The form lines are counted on: lower case, no accents, digits folded, no punctuation.

    >>> line_key("© 2024 Le Monde — Tous droits réservés.")
    '0 le monde tous droits reserves'
    >>> line_key("(c) 1999 le MONDE: tous droits réservés") == line_key("© 2024 Le Monde — Tous droits réservés.")
    False
    >>> line_key("Les plus lus :") == line_key("LES PLUS LUS")
    True
    """
    key = _DIGITS.sub("0", fold(text))
    return _NOT_WORD.sub(" ", key).strip()


def _hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")


def source_of(url: str | None = None, field: str | None = None, path: str | None = None) -> str:
    """The group a document is learned with: the domain of its URL (without ``www.``), else a
    source field, else the folder of its path, else ``""``.

    >>> source_of("https://www.lemonde.fr/a/b.html"), source_of(None, "agence"), source_of(path="in/site/a.txt")
    ('lemonde.fr', 'agence', 'in/site')
    >>> source_of("http://[bad/x", "agence")
    'agence'
    """
    if url:
        try:
            host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
        except ValueError:  # "http://[bad/x": no host to group by
            host = ""
        if host:
            return host.removeprefix("www.")
    if field:
        return field
    if path:
        folder = path.replace("\\", "/").rsplit("/", 1)
        return folder[0] if len(folder) == 2 and folder[0] else "."
    return ""


def dedup_available() -> bool:
    """True when ``datasketch`` (near-duplicate detection) is installed."""
    import importlib.util

    return importlib.util.find_spec("datasketch") is not None


def _blocks(result: Result) -> Iterator[str]:
    """The texts of every block of a cleaned page: the kept lines and the removed pieces."""
    for line in result.text.split("\n"):
        if line:
            yield line
    for r in result.removed:
        yield r.text


# --------------------------------------------------------------------------------- the corpus


@dataclass(slots=True)
class _SourceStats:
    pages: int = 0
    counts: Counter[int] = field(default_factory=Counter)
    boilerplate: dict[int, int] = field(default_factory=dict)
    examples: dict[int, str] = field(default_factory=dict)
    removed: Counter[int] = field(default_factory=Counter)
    duplicates: int = 0


class Corpus:
    """What corpus mode learns, and how it is applied.

    ``learn`` every document once (pass 1, in input order), ``finish``, then ``apply`` to each
    document's single-page ``Result`` (pass 2). ``summary`` lists per source the learned lines.
    """

    def __init__(self, settings: CorpusSettings | None = None) -> None:
        self.settings = settings or CorpusSettings()
        self._sources: dict[str, _SourceStats] = {}
        self._duplicate_of: dict[str, str] = {}
        self._finished = False
        self._lsh: Any = None
        self._signatures: dict[int, Any] = {}
        self._ids: list[str] = []
        self._template: Any = None
        if self.settings.dedup:
            if not dedup_available():
                raise ImportError(
                    "near-duplicate detection needs datasketch: pip install 'cleaner[corpus]' "
                    "(or CorpusSettings(dedup=False))"
                )
            from datasketch import MinHashLSH

            self._lsh = MinHashLSH(
                threshold=self.settings.dup_threshold, num_perm=self.settings.num_perm
            )

    # -- pass 1

    def learn(self, doc_id: str, source: str, result: Result) -> str | None:
        """Count one cleaned page; returns the id of the earlier document it duplicates, if any
        (a duplicate is not counted)."""
        if self._finished:
            raise RuntimeError("Corpus.learn after finish()")
        stats = self._sources.setdefault(source, _SourceStats())
        original = self._near_duplicate(doc_id, result.text)
        if original is not None:
            self._duplicate_of[doc_id] = original
            stats.duplicates += 1
            return original
        s = self.settings
        stats.pages += 1
        seen: set[int] = set()
        for text in _blocks(result):
            if not self._countable(text):
                continue
            key = line_key(text)
            if key:
                seen.add(_hash(key))
        stats.counts.update(seen)
        if len(stats.counts) > s.max_lines_per_source:
            keep = stats.counts.most_common(s.max_lines_per_source // 2)
            stats.counts = Counter(dict(keep))
        return None

    def _countable(self, text: str) -> bool:
        n = len(words(text))
        s = self.settings
        return 0 < n <= s.max_words and not (n >= s.sentence_words and ends_sentence(text))

    def _near_duplicate(self, doc_id: str, text: str) -> str | None:
        if self._lsh is None:
            return None
        tokens = [w.lower() for w in words(text)]
        if not tokens:
            return None
        k = self.settings.shingle_words
        shingles = {" ".join(tokens[i : i + k]) for i in range(max(1, len(tokens) - k + 1))}
        from datasketch import MinHash

        s = self.settings
        if self._template is None:
            self._template = MinHash(num_perm=s.num_perm, seed=s.seed)
        t = self._template
        mh = MinHash(num_perm=s.num_perm, seed=s.seed, permutations=t.permutations, scheme=t.scheme)
        mh.update_batch([x.encode() for x in sorted(shingles)])
        values = mh.hashvalues.copy()
        best: tuple[float, int] | None = None
        for key in self._lsh.query(mh):
            score = float((self._signatures[key] == values).mean())
            if score >= s.dup_threshold and (best is None or (score, -key) > (best[0], -best[1])):
                best = (score, key)
        if best is not None:
            return self._ids[best[1]]
        key = len(self._ids)
        self._ids.append(doc_id)
        self._signatures[key] = values
        self._lsh.insert(key, mh)
        return None

    def finish(self) -> None:
        """End pass 1: turn the counts into each source's boilerplate."""
        if self._finished:
            return
        s = self.settings
        for stats in self._sources.values():
            need = max(s.min_pages, int(s.share * stats.pages) + 1)
            stats.boilerplate = {h: c for h, c in stats.counts.items() if c >= need}
            stats.counts = Counter()
        self._finished = True
        self._lsh = None
        self._signatures = {}

    # -- pass 2

    def duplicate_of(self, doc_id: str) -> str | None:
        """The id of the kept document this one near-duplicates, or ``None``."""
        return self._duplicate_of.get(doc_id)

    def boilerplate(self, source: str) -> dict[int, int]:
        """The hashes of a source's learned boilerplate lines and their page counts."""
        stats = self._sources.get(source)
        return stats.boilerplate if stats is not None else {}

    def apply(
        self,
        doc_id: str,
        source: str,
        result: Result,
        original: Source | Callable[[], Source] | None = None,
    ) -> tuple[Result, dict[str, Any]]:
        """Drop the source's boilerplate lines the page's rules kept.

        Returns the new result (removals merged in input order) and metadata for the document:
        ``corpus_source``, ``repeated_removed`` (lines dropped) and, for a near-duplicate,
        ``duplicate_of``. ``original`` is the page as given to the cleaner (or a function that
        reads it), used to give text input removals their exact line; without it (and for HTML
        input) lines come from the layout of the extracted text.
        """
        if not self._finished:
            self.finish()
        stats = self._sources.get(source)
        extra: dict[str, Any] = {"corpus_source": source}
        dup = self._duplicate_of.get(doc_id)
        if dup is not None:
            extra["duplicate_of"] = dup
        if stats is None or not stats.boilerplate:
            extra["repeated_removed"] = 0
            return result, extra
        bp = stats.boilerplate
        for r in result.removed:  # examples for the summary, from what the rules removed too
            h = _hash(line_key(r.text))
            if h in bp:
                stats.examples.setdefault(h, r.text)
        lines = result.text.split("\n")
        drop: list[tuple[int, int]] = []  # (index in lines, hash)
        for i, line in enumerate(lines):
            if not line or not self._countable(line):
                continue
            h = _hash(line_key(line))
            if h in bp:
                stats.examples.setdefault(h, line)
                drop.append((i, h))
        extra["repeated_removed"] = len(drop)
        if not drop:
            return result, extra
        numbers = _line_numbers(result, lines, original)
        n = stats.pages
        added = []
        for i, h in drop:
            stats.removed[h] += 1
            added.append(
                Removal(RULE, lines[i], f"line on {bp[h]} of {n} pages of {source}", numbers[i])
            )
            lines[i] = ""
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
        removed = tuple(sorted((*result.removed, *added), key=lambda r: r.line))
        return dataclasses.replace(result, text=text, removed=removed), extra

    # -- review

    def summary(self, *, limit: int = 200) -> Iterator[dict[str, Any]]:
        """One JSON-ready record per source, in first-seen order: pages, near-duplicates, and
        the learned boilerplate lines (an example wording, the pages it is on, and the pages it
        was removed from by corpus mode), most frequent first, at most ``limit``."""
        for source, stats in self._sources.items():
            lines = sorted(stats.boilerplate.items(), key=lambda kv: (-kv[1], kv[0]))
            yield {
                "source": source,
                "pages": stats.pages,
                "duplicates": stats.duplicates,
                "boilerplate_lines": len(lines),
                "boilerplate": [
                    {
                        "text": stats.examples.get(h),
                        "pages": c,
                        "removed": stats.removed.get(h, 0),
                    }
                    for h, c in lines[:limit]
                ],
            }

    def totals(self) -> dict[str, int]:
        """Counts for a one-line report: sources, learned lines, near-duplicates, lines removed."""
        return {
            "sources": len(self._sources),
            "boilerplate_lines": sum(len(s.boilerplate) for s in self._sources.values()),
            "duplicates": len(self._duplicate_of),
            "removed": sum(sum(s.removed.values()) for s in self._sources.values()),
        }


# ------------------------------------------------------------------------------- line numbers


def _line_numbers(
    result: Result, lines: list[str], original: Source | Callable[[], Source] | None
) -> list[int]:
    """The input line of each line of ``result.text`` (0 for blank lines)."""
    if result.kind == "text" and original is not None:
        data = original() if callable(original) else original
        text: str | None = data if isinstance(data, str) else None
        if isinstance(data, bytes):
            try:
                text, _ = decode(data)
            except InputError:
                text = None
        if text is not None:
            return _align(lines, unify_line_breaks(text).split("\n"))
    # HTML (and text without its original): the extracted text has one block per line with a
    # blank line between blocks; kept blocks fill the lines the removals did not take.
    step = 2 if result.kind == "html" else 1
    taken = {r.line for r in result.removed}
    out: list[int] = []
    number = 1
    for line in lines:
        if not line:
            out.append(0)
            continue
        while number in taken:
            number += step
        out.append(number)
        number += step
    return out


_WINDOW = 5000


def _align(lines: list[str], source_lines: list[str]) -> list[int]:
    """Match each kept line, in order, to the first input line at or after the previous match
    whose normalized form equals or contains it (a ticker item shares its line)."""
    keys: list[str | None] = [None] * len(source_lines)
    out: list[int] = []
    cursor = 0
    for line in lines:
        if not line:
            out.append(0)
            continue
        key = line_key(line)
        found = None
        for j in range(cursor, min(len(source_lines), cursor + _WINDOW)):
            sk = keys[j]
            if sk is None:
                sk = keys[j] = line_key(source_lines[j])
            if sk == key:
                found, cursor = j, j + 1
                break
            if key in sk:
                found, cursor = j, j
                break
        out.append(found + 1 if found is not None else cursor + 1)
    return out


# ------------------------------------------------------------------------------ entry points


def learn_boilerplate(
    docs: Iterable[tuple[str, str, Result]], settings: CorpusSettings | None = None
) -> Corpus:
    """Pass 1 over already cleaned pages ``(id, source, result)``; returns the finished corpus."""
    corpus = Corpus(settings)
    for doc_id, source, result in docs:
        corpus.learn(doc_id, source, result)
    corpus.finish()
    return corpus


def clean_corpus(
    docs: Iterable[tuple[str, str, Source]],
    *,
    config: Config | None = None,
    cleaner: Cleaner | None = None,
    settings: CorpusSettings | None = None,
    kind: Kind = "auto",
    lang: str | None = None,
    drop_duplicates: bool = False,
    errors: Literal["raise", "skip"] = "raise",
    cache_chars: int = 50_000_000,
    corpus: Corpus | None = None,
) -> Iterator[tuple[str, Result, dict[str, Any]]]:
    """Clean documents ``(id, source, page)`` in corpus mode; yields ``(id, result, metadata)``
    in input order (see ``Corpus.apply`` for the metadata).

    ``docs`` is read twice (an iterator is first turned into a list); ``source`` groups pages
    of one site (see ``source_of``). Single-page results of up to ``cache_chars`` characters of
    input are kept between the passes, the rest are cleaned again. ``drop_duplicates`` leaves
    near-duplicates out. ``errors="skip"`` leaves out pages that raise ``InputError`` (by
    default it is raised, with the id as its source). Pass ``corpus`` to read its ``summary()``
    afterwards.
    """
    if iter(docs) is docs:
        docs = list(docs)
    cl = cleaner or Cleaner(config)
    corpus = corpus if corpus is not None else Corpus(settings)
    cache: dict[int, Result] = {}
    budget = cache_chars

    def run(doc_id: str, page: Source) -> Result | None:
        try:
            return cl.clean(page, kind=kind, lang=lang)
        except InputError as e:
            if errors == "skip":
                return None
            raise InputError(str(e), source=doc_id) from e

    for n, (doc_id, source, page) in enumerate(docs):
        result = run(doc_id, page)
        if result is None:
            continue
        corpus.learn(doc_id, source, result)
        if len(page) <= budget:
            cache[n] = result
            budget -= len(page)
    corpus.finish()
    for n, (doc_id, source, page) in enumerate(docs):
        if drop_duplicates and corpus.duplicate_of(doc_id) is not None:
            cache.pop(n, None)
            continue
        result = cache.pop(n, None) or run(doc_id, page)
        if result is None:
            continue
        yield (doc_id, *corpus.apply(doc_id, source, result, page))
