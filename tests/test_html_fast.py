"""The fast paths of HTML extraction give what the plain code they replace gives: they may only
change the speed, never the output."""

from __future__ import annotations

import sys

from hypothesis import example, given
from hypothesis import strategies as st

from cleaner.html import _WORD, _count_words

# Letters and digits of several scripts, combining marks, underscores, punctuation, odd spaces.
_ALPHABET = st.sampled_from(
    list("aeiAEI09_éß’'“”«»-.,;:!?()[]/ \t\n\u00a0\u2009\u3000\x1c\x85")
    + list("Привет Ελληνικά مرحبا 日本語 한국어 İıſﬁ\u0301\u064b²½٣")
)


def test_no_word_character_is_whitespace_and_alnum_is_word() -> None:
    # The two facts ``_count_words`` rests on, checked on every code point.
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        is_word = _WORD.fullmatch(char) is not None
        assert not (is_word and char.isspace()), hex(code)
        assert is_word == (char.isalnum() or char == "_"), hex(code)


@given(st.text(alphabet=_ALPHABET, max_size=200))
@example("")
@example("l'été, 2024 — co-op_x !")
@example("a\u00a0b\u3000c\x1cd")
@example("x\u0301y ²½ ٣")
def test_count_words_is_the_regex_count(text: str) -> None:
    assert _count_words(text) == len(_WORD.findall(text))
