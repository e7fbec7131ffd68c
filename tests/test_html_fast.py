"""The fast paths of HTML extraction give what the plain code they replace gives: they may only
change the speed, never the output."""

from __future__ import annotations

import sys

from hypothesis import example, given
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from cleaner.html_prune import _holders
from cleaner.html_text import _WORD, _count_words

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


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["div", "article", "main", "span", "section"]), st.integers(0, 3)
        ),
        max_size=40,
    )
)
@example([("div", 0), ("main", 0), ("article", 2), ("div", 1)])
def test_holders_are_the_nodes_with_an_article_or_main_inside(shape: list[tuple[str, int]]) -> None:
    # Opens the tag, after closing the given number of open elements: a tree of varied shape.
    html, open_tags = [], []
    for tag, close in shape:
        for _ in range(min(close, len(open_tags))):
            html.append(f"</{open_tags.pop()}>")
        html.append(f"<{tag}>x")
        open_tags.append(tag)
    tree = LexborHTMLParser("<html><body>" + "".join(html) + "</body></html>")
    holders = _holders(tree)
    for node in tree.css("*"):
        assert (node.mem_id in holders) == (node.css_first("article, main") is not None)
