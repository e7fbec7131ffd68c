"""Phrase lists as data: loading ``data/<rule>/<lang>.txt`` and compiling each rule's phrases
into one matcher (one regular expression of literal alternatives, anchored, no backtracking)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

_APOSTROPHES = str.maketrans(
    {"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "–": "-", "—": "-", "‐": "-", "‑": "-"}
)
_BULLET = re.compile(r"^(?:[*+•·▪►▸‣◦○●■□>|»\-]|o(?= )|\d{1,2}[.)](?= ))\s*")
_SPACES = re.compile(r"\s+")
# Combining marks (accents, Arabic harakat, the hamza above and below) after NFKD.
_COMBINING = regex.compile(r"\p{Mn}+")
_WORD_CHAR = r"[^\W_]"


def fold(text: str) -> str:
    """The form phrases are matched on: lower case, no accents or Arabic diacritics, straight
    apostrophes, no leading bullet, single spaces.

    >>> fold("  * À LIRE AUSSI >> Le Liban")
    'a lire aussi >> le liban'
    >>> fold("اقرأ أيضاً")
    'اقرا ايضا'
    """
    text = text.translate(_APOSTROPHES).casefold()
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
        text = _SPACES.sub(" ", text)
    elif "  " in text or "\t" in text:
        text = _SPACES.sub(" ", text)
    text = text.strip()
    return _BULLET.sub("", text, count=1)


@dataclass(frozen=True, slots=True)
class Hit:
    phrase: str
    lang: str
    end: int


class Matcher:
    """Phrases of one rule, split by mode: start of block, whole block, anywhere."""

    def __init__(self, entries: list[tuple[str, str]]) -> None:
        prefix: dict[str, str] = {}
        whole: dict[str, str] = {}
        anywhere: dict[str, str] = {}
        for raw, lang in entries:
            if raw.startswith("="):
                whole.setdefault(fold(raw[1:]), lang)
            elif raw.startswith("~"):
                anywhere.setdefault(fold(raw[1:]), lang)
            else:
                prefix.setdefault(fold(raw), lang)
        self._langs = {**anywhere, **whole, **prefix}
        self._prefix = _compile(prefix, r"^(?:{})(?!{})".format("{}", _WORD_CHAR))
        self._whole = _compile(whole, r"^(?:{})[\W_]*$")
        self._anywhere = _compile(anywhere, rf"(?<!{_WORD_CHAR})(?:{{}})(?!{_WORD_CHAR})")

    def _hit(self, m: re.Match[str] | None) -> Hit | None:
        if m is None:
            return None
        phrase = m.group(1)
        return Hit(phrase, self._langs.get(phrase, "?"), m.end(1))

    def prefix(self, key: str) -> Hit | None:
        return self._hit(self._prefix.match(key)) if self._prefix else None

    def whole(self, key: str) -> Hit | None:
        return self._hit(self._whole.match(key)) if self._whole else None

    def anywhere(self, key: str) -> Hit | None:
        return self._hit(self._anywhere.search(key)) if self._anywhere else None

    def start_or_whole(self, key: str) -> Hit | None:
        return self.whole(key) or self.prefix(key)


def _compile(phrases: dict[str, str], template: str) -> re.Pattern[str] | None:
    if not phrases:
        return None
    # Longest first, so "a lire aussi" wins over "a lire"; literals only, so no backtracking.
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=lambda p: (-len(p), p)))
    return re.compile(template.replace("(?:{})", f"((?:{alternatives}))", 1))


def available_languages(rule: str) -> tuple[str, ...]:
    folder = resources.files("cleaner") / "data" / rule
    if not folder.is_dir():
        return ()
    return tuple(sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt")))


@lru_cache(maxsize=256)
def load(rule: str, languages: tuple[str, ...] | None = None) -> Matcher:
    """The matcher for ``rule``, from every shipped language (or the given ones, plus ``any``)."""
    have = available_languages(rule)
    wanted = have if languages is None else tuple(x for x in have if x in languages or x == "any")
    if languages is not None:
        missing = [x for x in languages if x not in have]
        if missing and not wanted:
            raise ValueError(
                f"no {rule} phrases for {missing}; shipped languages: {', '.join(have)}"
            )
    entries: list[tuple[str, str]] = []
    for lang in wanted:
        text = (resources.files("cleaner") / "data" / rule / f"{lang}.txt").read_text("utf-8")
        for line in text.splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                entries.append((line, lang))
    return Matcher(entries)
