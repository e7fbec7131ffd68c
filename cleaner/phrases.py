"""Phrase lists as data: loading ``data/<rule>/<lang>.txt`` and compiling each rule's phrases
into one matcher (one regular expression of literal alternatives, anchored, no backtracking)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise

import regex

_APOSTROPHES = str.maketrans(
    {"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "–": "-", "—": "-", "‐": "-", "‑": "-"}
)
_APOSTROPHE_PAIRS = tuple((chr(k), str(v)) for k, v in _APOSTROPHES.items())
_BULLET = re.compile(r"^(?:[*+•·▪►▸‣◦○●■□>|»\-]|o(?= )|\d{1,2}[.)](?= ))\s*")
_SPACES = re.compile(r"\s+")
# Combining marks (accents, Arabic harakat, the hamza above and below) after NFKD.
_COMBINING = regex.compile(r"\p{Mn}+")
_WORD_CHAR = r"[^\W_]"
_RUN = re.compile(r"[^\W_]+")


def fold(text: str, *, bullet: bool = False) -> str:
    """The form phrases are matched on: lower case, no accents or Arabic diacritics, straight
    apostrophes, no leading bullet (unless ``bullet``: dates keep the "4. " of "4. März 2025"),
    single spaces.

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
    return text if bullet else _BULLET.sub("", text, count=1)


# The characters but digits a bullet can start with (see ``_BULLET``): other lines skip it.
_BULLET_FIRST = frozenset("*+•·▪►▸‣◦○●■□>|»-o")


def fold_lines(texts: list[str]) -> list[str]:
    """``[fold(t) for t in texts]`` for texts without line breaks, with the case folding and
    accent stripping done once over the whole page instead of once per line.

    >>> fold_lines(["  * À LIRE AUSSI >> Le Liban", "اقرأ أيضاً", "Plain  text"])
    ['a lire aussi >> le liban', 'اقرا ايضا', 'plain text']
    """
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:  # a text with a line break of its own
        return [fold(t) for t in texts]
    # Case folding and NFKD work character by character and never make or take a line break,
    # so the whole page folds to its lines' folds joined.
    # str.translate looks every character of a non-ASCII text up in the table; replacing the few
    # characters it maps (to ASCII ones, which it leaves alone) is the same, and much faster.
    if not joined.isascii():
        for char, plain in _APOSTROPHE_PAIRS:
            if char in joined:
                joined = joined.replace(char, plain)
    folded = joined.casefold()
    lines = folded.split("\n")
    stripped = lines
    if not folded.isascii():
        stripped = _COMBINING.sub("", unicodedata.normalize("NFKD", folded)).split("\n")
    out: list[str] = []
    for line, bare in zip(lines, stripped, strict=True):
        if not line.isascii():
            line = _SPACES.sub(" ", bare)
        elif "  " in line or "\t" in line:
            line = _SPACES.sub(" ", line)
        line = line.strip()
        first = line[:1]
        if first in _BULLET_FIRST or first.isdecimal():  # \d: any decimal digit
            line = _BULLET.sub("", line, count=1)
        out.append(line)
    return out


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
        self.entries = tuple(entries)
        self._langs = {**anywhere, **whole, **prefix}
        self._prefix = _compile(prefix, r"^(?:{})(?!{})".format("{}", _WORD_CHAR))
        self._whole = _compile(whole, r"^(?:{})[\W_]*$")
        self._anywhere = _compile(anywhere, rf"(?<!{_WORD_CHAR})(?:{{}})(?!{_WORD_CHAR})")
        # Any prefix or whole phrase at the start, whatever follows it.
        self._start = _compile({**prefix, **whole}, "^(?:{})")
        # What an anywhere-phrase starts with: its first run of word characters, or (for "©" or
        # "(c) 2024") its first character.
        self.anywhere_runs = frozenset(m.group() for p in anywhere if (m := _RUN.match(p)))
        # Of the phrases of one run, the run; of the others, the run that follows the first.
        single: set[str] = set()
        follows: dict[str, set[str]] = {}
        for p in anywhere:
            runs = _RUN.findall(p) if _RUN.match(p) else []
            if len(runs) == 1:
                single.add(runs[0])
            elif runs:
                follows.setdefault(runs[0], set()).add(runs[1])
        self._anywhere_single = frozenset(single)
        # The first two runs of the others, as pairs, so that one set operation looks for them.
        self._anywhere_pairs = frozenset(
            (run, nxt) for run, nexts in follows.items() for nxt in nexts
        )
        leads = sorted({p[0] for p in anywhere if not _RUN.match(p)})
        self._anywhere_lead = re.compile("|".join(map(re.escape, leads))) if leads else None
        # Its search, for a loop over a page's keys to call directly (see ``rules.read_page``).
        self.anywhere_lead_search = self._anywhere_lead.search if self._anywhere_lead else None

    def may_hold_anywhere_lead(self, key: str) -> bool:
        """Whether ``key`` holds a character that starts an anywhere-phrase without a word
        character ("©", "(c) 2024"); see ``may_hold_anywhere``."""
        return self._anywhere_lead is not None and self._anywhere_lead.search(key) is not None

    def may_start(self, key: str) -> bool:
        """False when ``key`` neither starts with a prefix phrase nor is a whole phrase."""
        return self._start is not None and self._start.match(key) is not None

    def may_start_all(self, keys: list[str]) -> list[bool]:
        """``[self.may_start(key) for key in keys]``, the pattern looked up once.

        >>> Matcher([("lire aussi", "fr"), ("=partager", "fr")]).may_start_all(["lire aussi x", "partager", "x"])
        [True, True, False]
        """
        if self._start is None:
            return [False] * len(keys)
        match = self._start.match
        return [match(key) is not None for key in keys]

    def may_hold_anywhere(self, key: str, runs: list[str]) -> bool:
        """False when no anywhere-phrase is in ``key``, whose runs of word characters are
        ``runs``: a phrase found on word boundaries is one of the key's runs, or is two or more
        of them in a row (its first run, then its second), or starts with a character that is
        not a word character.

        >>> m = Matcher([("~cookie policy", "en"), ("~©", "any"), ("~a lire", "fr")])
        >>> m.may_hold_anywhere("read our cookie policy", ["read", "our", "cookie", "policy"])
        True
        >>> m.may_hold_anywhere("cookies", ["cookies"]), m.may_hold_anywhere("© x", ["x"])
        (False, True)
        >>> m.may_hold_anywhere("a cookie, a policy", ["a", "cookie", "a", "policy"])
        False
        """
        if not self.anywhere_runs.isdisjoint(runs):
            if not self._anywhere_single.isdisjoint(runs):
                return True
            # A phrase's first run followed by its second: a pair of the key's runs in a row.
            if not self._anywhere_pairs.isdisjoint(pairwise(runs)):
                return True
        return self._anywhere_lead is not None and self._anywhere_lead.search(key) is not None

    def _hit(self, m: re.Match[str] | None) -> Hit | None:
        if m is None:
            return None
        phrase = m.group(1)
        return Hit(phrase, self._langs.get(phrase, "?"), m.end(1))

    def prefix(self, key: str) -> Hit | None:
        m = self._prefix.match(key) if self._prefix else None
        return None if m is None else self._hit(m)

    def whole(self, key: str) -> Hit | None:
        m = self._whole.match(key) if self._whole else None
        return None if m is None else self._hit(m)

    def anywhere(self, key: str) -> Hit | None:
        m = self._anywhere.search(key) if self._anywhere else None
        return None if m is None else self._hit(m)

    def start_or_whole(self, key: str) -> Hit | None:
        return self.whole(key) or self.prefix(key)


def merged(matchers: tuple[Matcher, ...]) -> Matcher:
    """One matcher holding the phrases of all ``matchers``: where it finds none of its phrases
    in a mode, none of them would (it finds a phrase wherever one of theirs starts)."""
    return Matcher([entry for m in matchers for entry in m.entries])


def _compile(phrases: dict[str, str], template: str) -> re.Pattern[str] | None:
    if not phrases:
        return None
    # The phrases as a trie of literals, so the engine follows one branch per character instead
    # of trying every phrase in turn; a greedy optional group at each phrase end makes the
    # longest phrase win ("a lire aussi" over "a lire"), as a longest-first alternation would.
    # Literals only, so the backtracking is bounded by the longest phrase.
    return re.compile(template.replace("(?:{})", f"({_trie(sorted(phrases))})", 1))


def _trie(phrases: list[str]) -> str:
    """A regular expression matching exactly ``phrases`` (non-empty, sorted), longest first.

    >>> _trie(["a", "ab", "abcd", "b"])
    '(?:a(?:b(?:cd)?)?|b)'
    """
    children: dict[str, list[str]] = {}
    ends = False
    for p in phrases:
        if p:
            children.setdefault(p[0], []).append(p[1:])
        else:
            ends = True
    if not children:
        return ""
    alternatives = []
    for c, rest in children.items():
        chain = c  # a run of single children is one literal
        while len(rest) == 1 and rest[0]:
            chain += rest[0][0]
            rest = [rest[0][1:]]
        alternatives.append(re.escape(chain) + _trie(rest))
    if len(alternatives) == 1 and not ends:
        return alternatives[0]
    body = "(?:" + "|".join(alternatives) + ")"
    return body + "?" if ends else body


def available_languages(rule: str) -> tuple[str, ...]:
    folder = resources.files("cleaner") / "data"
    for part in rule.split("/"):
        folder = folder / part
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
    entries = [(line, lang) for lang in wanted for line in data_lines(rule, f"{lang}.txt")]
    return Matcher(entries)


def data_lines(*path: str) -> list[str]:
    """The lines of a file under cleaner/data/, stripped, without blank lines and ``#`` comments."""
    text = resources.files("cleaner").joinpath("data", *path).read_text("utf-8")
    return [line for raw in text.splitlines() if (line := raw.strip()) and not line.startswith("#")]


WORD_LISTS = "words"  # cleaner/data/words/<list>/<lang>.txt


def word_list(name: str, role: str = "", *, folded: bool = True) -> tuple[str, ...]:
    """The words of a word list, every shipped language's file in turn, each word once.

    A word list is the vocabulary a rule's pattern is built from ("12 commentaires": the nouns a
    counter can count), kept as data like the phrase lists: ``data/words/<name>/<lang>.txt``, one
    entry a line, ``role: word`` where one list holds words of several roles ("minute: min",
    "read: de lecture"), ``word`` alone for the role ``""``. ``folded`` words are matched on
    folded keys (see ``fold``); the others on the page's own text.

    >>> word_list("weekdays")[:3]
    ('الاثنين', 'الثلاثاء', 'الاربعاء')
    >>> "commenti" in word_list("counters", "noun")
    True
    """
    out: dict[str, None] = {}
    for lang in available_languages(f"{WORD_LISTS}/{name}"):
        for line in data_lines(WORD_LISTS, name, f"{lang}.txt"):
            tag, sep, word = line.partition(": ")
            if not sep:
                tag, word = "", line
            if tag == role:
                out[fold(word) if folded else word] = None
    return tuple(out)


def word_roles(name: str, lang: str, *, folded: bool = True) -> dict[str, tuple[str, ...]]:
    """The words of one language's file of a word list, by role (see ``word_list``), for the
    patterns whose shape differs from language to language (a relative date: "il y a 3 jours",
    "3 days ago").

    >>> word_roles("relative_dates", "fr")["before"]
    ('il y a', 'y a')
    """
    out: dict[str, dict[str, None]] = {}
    for line in data_lines(WORD_LISTS, name, f"{lang}.txt"):
        tag, sep, word = line.partition(": ")
        if not sep:
            tag, word = "", line
        out.setdefault(tag, {})[fold(word) if folded else word] = None
    return {tag: tuple(words) for tag, words in out.items()}


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """A regular expression matching any of ``words`` literally: their trie (see ``_trie``),
    which, like an alternation sorted longest first, takes the longest word that fits ("segunda-
    feira" whole, not "segunda"), and lets the engine follow one branch per character instead of
    trying every word at every position.

    >>> print(alternation(["de", "del", "a.m."]))
    (?:a\\.m\\.|de(?:l)?)
    """
    return _trie(sorted(set(words)))
