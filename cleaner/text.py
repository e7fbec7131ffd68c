"""Shared text facts: what a word is, how wide a text is, where a sentence ends, which
stopword list fits a page, and what counts as prose. Defined once, and read by the rules, the HTML
mode and corpus mode alike."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .phrases import available_languages, data_lines, fold

# Chinese and Japanese put no spaces between words: each Han or kana character is a word of its
# own (a word of those languages is one to three characters), so their sentences get word counts
# and stopword shares like those of other languages.
_CJK = "\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_WORD = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+(?:['’-][^\W_{_CJK}]+)*")
_RUN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")  # a run of word characters: _WORD without joiners
_CJK_CHAR = re.compile(f"[{_CJK}]")
_TERMINAL = re.compile(r"[.!?…。؟!](?:\s?[\"'»”’)\]])*$")
_UPPER_START = re.compile(r"^[\W_]*[^\W\d_]")


# _WORD and _RUN on an ASCII text, where their classes are these ranges: the same words, found
# about twice as fast (most pages' lines are ASCII).
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+(?:['-][A-Za-z0-9]+)*")
_ASCII_RUN = re.compile(r"[A-Za-z0-9]+")


def words(text: str) -> list[str]:
    """The words of a text; a Chinese or Japanese character is a word.

    >>> words("L'été 2024, co-op: 東京の天気")
    ["L'été", '2024', 'co-op', '東', '京', 'の', '天', '気']
    >>> words("co-op_x 2024 l'an")
    ['co-op', 'x', '2024', "l'an"]
    """
    return (_ASCII_WORD if text.isascii() else _WORD).findall(text)


def runs(text: str) -> list[str]:
    """The runs of word characters of a text: its words, split where ' or - joined them.

    >>> runs("co-op l'été 東京")
    ['co', 'op', 'l', 'été', '東', '京']
    """
    return (_ASCII_RUN if text.isascii() else _RUN).findall(text)


def width(text: str) -> int:
    """The length of a text in characters, a Chinese or Japanese character counting as three:
    one carries about as much as three letters of a language written with spaces.

    >>> width("Le chat"), width("東京の天気")
    (7, 15)
    """
    n = len(text)
    return n if text.isascii() else n + 2 * len(_CJK_CHAR.findall(text))


def ends_sentence(text: str) -> bool:
    """True when a block ends like a sentence.

    >>> ends_sentence("Il est arrivé mardi.") and ends_sentence("« Pourquoi ? »")
    True
    >>> ends_sentence("Les plus lus")
    False
    """
    return bool(_TERMINAL.search(text.rstrip()))


def starts_lower(text: str) -> bool:
    m = _UPPER_START.match(text)
    return m is not None and m.group(0)[-1].islower()


_STOPLIST_NAMES = {
    "en": "English", "fr": "French", "es": "Spanish", "de": "German", "ar": "Arabic",
    "it": "Italian", "pt": "Portuguese", "nl": "Dutch", "sv": "Swedish", "da": "Danish",
    "no": "Norwegian_Bokmal", "fi": "Finnish", "pl": "Polish", "cs": "Czech", "ro": "Romanian",
    "hu": "Hungarian", "tr": "Turkish", "ru": "Russian", "uk": "Ukrainian", "el": "Greek",
    "id": "Indonesian", "ca": "Catalan", "fa": "Persian", "he": "Hebrew", "vi": "Vietnamese",
    "ko": "Korean",
}  # fmt: skip
# cleaner/data/stopwords/<lang>.txt completes jusText's list, or is the whole list for a
# language jusText has none for (Chinese and Japanese: characters, since their words are
# characters here, see ``words``).
_STOPWORD_FILES = available_languages("stopwords")
_STOPLIST_LANGS = (
    *_STOPLIST_NAMES,
    *(lang for lang in _STOPWORD_FILES if lang not in _STOPLIST_NAMES),
)


_STOPLIST_ORDER = {lang: k for k, lang in enumerate(_STOPLIST_LANGS)}


@lru_cache(maxsize=64)
def stoplist(lang: str) -> frozenset[str]:
    """The stopword list for an ISO 639-1 code (empty when there is none): jusText's and
    cleaner's own (see ``_STOPWORD_FILES``), folded like the blocks it is matched on ("été" is
    "ete" there).

    >>> "ete" in stoplist("fr") and "uber" in stoplist("de")
    True
    """
    words_: set[str] = set()
    name = _STOPLIST_NAMES.get(lang)
    if name is not None:
        import justext

        words_.update(fold(w) for w in justext.get_stoplist(name))
    if lang in _STOPWORD_FILES:
        words_.update(fold(line) for line in data_lines("stopwords", f"{lang}.txt"))
    # The lists come from Wikipedia: those of languages written in another script hold a few
    # English words and numbers ("the", "of", "dvd", "3d"), which would let an English page
    # pass for Korean or Russian. A list mostly in another script keeps only its own words.
    ascii_ = {w for w in words_ if w.isascii()}
    if 2 * len(ascii_) < len(words_):
        words_ -= ascii_
    return frozenset(words_)


@lru_cache(maxsize=1)
def _stopword_index() -> dict[str, tuple[str, ...]]:
    """Every stopword of every known language, with the languages it belongs to."""
    index: dict[str, list[str]] = {}
    for lang in _STOPLIST_LANGS:
        for word in stoplist(lang):
            index.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in index.items()}


def guess_stoplist(tokens: list[str], hint: str | None) -> tuple[str | None, frozenset[str]]:
    """The stopword list that covers the most of ``tokens`` (or the hinted language's): one
    pass over a bounded sample, whatever the number of languages.

    >>> guess_stoplist("le chat est sur la table et il dort".split(), None)[0]
    'fr'
    """
    if hint and stoplist(hint):
        return hint, stoplist(hint)
    return _best_stoplist(stopword_hits(tokens[:STOPLIST_SAMPLE]))


def stopword_hits(tokens: list[str]) -> dict[str, int]:
    """How many of ``tokens`` are stopwords of each language."""
    index = _stopword_index()
    # Each distinct word once, with its count: the same sums as a pass word by word.
    # The sample's words are looked up in the index, not the index's (every language's) in the
    # sample; the sums do not depend on the order.
    # Only the sample's stopwords are visited (one set intersection finds them); a language is
    # in the result once one of its stopwords is.
    counts = Counter(tokens)
    hits: dict[str, int] = {}
    for token in counts.keys() & index.keys():
        n = counts[token]
        for lang in index[token]:
            hits[lang] = hits.get(lang, 0) + n
    return hits


def _best_stoplist(hits: dict[str, int]) -> tuple[str | None, frozenset[str]]:
    if not hits:
        return None, frozenset()
    # Most hits wins; ties go to the earlier language in _STOPLIST_LANGS (a fixed order).
    best = max(hits, key=lambda lang: (hits[lang], -_STOPLIST_ORDER[lang]))
    return best, stoplist(best)


STOPLIST_SAMPLE = 3000


# Prose, the one definition the rules share: a block of at least PROSE_WORDS words, a fifth of
# them stopwords of the page's language (dated_list and author_bio weigh the article with it,
# since 039d8ff; comment_section asks for COMMENT_PROSE_WORDS, see there).
PROSE_WORDS = 10
PROSE_STOPWORDS = 0.2


def prose_words(n: int, stop: float, min_words: int = PROSE_WORDS) -> int:
    """The words of a block of ``n`` words and stopword share ``stop`` when it is prose (at
    least ``min_words`` words, a fifth of them stopwords), else 0.

    >>> prose_words(12, 0.25), prose_words(12, 0.1), prose_words(9, 0.5)
    (12, 0, 0)
    """
    return n if n >= min_words and stop >= PROSE_STOPWORDS else 0


def stop_share(tokens: list[str], stops: frozenset[str]) -> float:
    """The share of ``tokens`` that are in ``stops`` (0 without tokens or stopwords)."""
    return sum(map(stops.__contains__, tokens)) / len(tokens) if tokens and stops else 0.0
