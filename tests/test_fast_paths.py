"""The fast paths of the text pipeline give what the plain code they replace gives (property
tests on mixed-script text): they may only change the speed, never the output."""

from __future__ import annotations

import ftfy.badness
from hypothesis import example, given
from hypothesis import strategies as st

from cleaner.decode import _LINE_BREAKS, unify_line_breaks
from cleaner.normalize import _is_bad
from cleaner.phrases import fold, fold_lines

# Letters of several scripts, combining marks, curly quotes, mojibake pieces and spaces.
_ALPHABET = st.sampled_from(
    list("aeiouAEIOU éèàçÉÀßñü’‘“”«» \u00a0\t*•-|")
    + list("ÃƒÂ©â€™Ð¸Ñ\u0301\u0308\u064b")
    + list("Привет мир Ελληνικά مرحبا 日本語 한국어 İıſﬁ")
)
_TEXT = st.text(alphabet=_ALPHABET, max_size=80)
_LINE = _TEXT.map(lambda t: t.replace("\n", " "))


@given(st.lists(_LINE, max_size=12))
@example(["  * À LIRE AUSSI >> Le Liban", "اقرأ أيضاً", "Plain  text", ""])
@example(["ß", "İstanbul", "ﬁn", "e\u0301"])
def test_fold_lines_is_fold_of_each_line(lines: list[str]) -> None:
    assert fold_lines(lines) == [fold(line) for line in lines]


@given(_TEXT)
@example("ÐŸÑ€Ð¸Ð²ÐµÑ‚")
@example("Привет, мир")
@example("cafÃ© Ã  la crÃ¨me, lâ€™Ã©tÃ©")
def test_windowed_badness_is_ftfys(text: str) -> None:
    assert _is_bad(text) == bool(ftfy.badness.is_bad(text))


@given(st.text(alphabet=st.sampled_from(list("ab \r\n\u2028\u2029\x85\x0b\x0c")), max_size=40))
def test_line_break_shortcut_is_the_substitution(text: str) -> None:
    assert unify_line_breaks(text) == _LINE_BREAKS.sub("\n", text)


_PHRASE = st.text(alphabet=st.sampled_from(list("ab c'-")), min_size=1, max_size=6)
_TEMPLATES = [
    r"^(?:{})(?![^\W_])",  # start of a block, on a word boundary
    r"^(?:{})[\W_]*$",  # the whole block
    r"(?<![^\W_])(?:{})(?![^\W_])",  # anywhere, on word boundaries
]


@given(
    st.sets(_PHRASE, min_size=1, max_size=8), st.text(st.sampled_from(list("ab c'-")), max_size=12)
)
@example({"a", "a b", "a b c"}, "a b c d")
def test_trie_matches_like_a_longest_first_alternation(phrases: set[str], key: str) -> None:
    import re

    from cleaner.phrases import _compile

    for template in _TEMPLATES:
        fast = _compile(dict.fromkeys(phrases, "en"), template)
        alternation = "|".join(re.escape(p) for p in sorted(phrases, key=lambda p: (-len(p), p)))
        plain = re.compile(template.replace("(?:{})", f"((?:{alternation}))", 1))
        assert fast is not None
        a, b = fast.search(key), plain.search(key)
        assert (a and (a.group(1), a.end(1))) == (b and (b.group(1), b.end(1))), template


# Lines in several languages, heavy in stopwords, and short interface lines.
_STOPWORDY = st.sampled_from(
    [
        "le chat est sur la table et il dort dans la cuisine",
        "the cat is on the table and it sleeps in the kitchen",
        "el gato está en la mesa y duerme en la cocina",
        "die Katze ist auf dem Tisch und sie schläft in der Küche",
        "il gatto è sul tavolo e dorme in cucina",
        "o gato está na mesa e dorme na cozinha",
        "Share on Facebook",
        "Sign in",
        "Menu",
        "1 2 3",
    ]
)


@given(
    st.lists(_STOPWORDY, min_size=1, max_size=40),
    st.sets(st.integers(min_value=0, max_value=39)),
    st.integers(min_value=5, max_value=60),
)
@example(  # the words that come into the sample in place of the removed ones change the guess
    [
        "Share on Facebook",
        "Menu",
        "Share on Facebook",
        "il gatto è sul tavolo e dorme in cucina",
        "the cat is on the table and it sleeps in the kitchen",
    ],
    {0, 2},
    19,
)
def test_stopword_guess_shortcut_only_skips_when_the_guess_cannot_change(
    lines: list[str], removed_at: set[int], sample: int
) -> None:
    """When _guess_may_change says no, guessing again on what is left gives the first guess
    (with a small sample, so the sample's edge is crossed often)."""
    from cleaner import rules, text
    from cleaner.rules.page import _guess_may_change, resample_stoplist
    from cleaner.segment import segment
    from cleaner.types import Config

    old_sample = text.STOPLIST_SAMPLE
    text.STOPLIST_SAMPLE = sample
    try:
        blocks, _ = segment("\n".join(lines), max_line_chars=10_000)
        page = rules.Judge(Config()).page(blocks, None)
        removed = {i: ("ui_string", "") for i in removed_at if i < len(blocks)}
        if not _guess_may_change(page, removed):
            assert resample_stoplist(page, removed)[0] == page.lang
    finally:
        text.STOPLIST_SAMPLE = old_sample
