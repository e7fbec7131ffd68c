"""The shortcuts that make the rules fast change nothing they decide: a block rule's candidates
(``Rule.candidates``) hold every block the rule fires on, and the anywhere-phrase prefilter
(``Matcher.may_hold_anywhere``) lets through every block that holds such a phrase. Checked on
the seed pages and on lines made of the words the rules look for."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Config
from cleaner.rules import RULES, Judge
from cleaner.segment import segment

ROOT = Path(__file__).resolve().parents[1]
JUDGE = Judge(Config())
BLOCK_RULES = [r for r in RULES if r.block is not None]

# Pieces of the lines the block rules remove, and of the lines around them.
PIECES = [
    *("Lire aussi", "Read more:", "Par", "By", "Publié le", "Updated", "il y a", "ago", "hier"),
    *("12", "3", "2024", "14 janvier 2025", "10:30", "5 min", "read", "commentaires", "comments"),
    *("Photo", "Foto", "Crédit", "(", ")", "/", "AFP", "Reuters", "via", "for", "©", "Tous droits"),
    *("réservés", "Accueil", ">", "»", "|", ":", "Monde", "Jean Dupont", "et", "Sarah Whitfield"),
    *("Share", "Print", "Cookie policy", "Sign in", "Image 1 of 4", "Posts:", "a", "in", "the"),
    *("le ministre est arrivé mardi", "the council approved a budget", "...", "."),
]


def _check(text: str) -> None:
    blocks, _ = segment(text, max_line_chars=10_000)
    page = JUDGE.page(blocks, None)
    alive = list(range(len(blocks)))
    ctx = JUDGE.context(page)
    for rule in BLOCK_RULES:
        assert rule.block is not None and rule.candidates is not None, rule.name
        candidates = set(rule.candidates(page, alive))
        fired = {i for i in alive if rule.block(page, i, ctx)}
        missed = sorted(fired - candidates)
        assert not missed, (rule.name, [blocks[i].text for i in missed])
    for i, key in enumerate(page.keys):
        if JUDGE.phrases.anywhere(key) is not None:
            assert page.maybe_anywhere is not None and page.maybe_anywhere[i], key


def test_candidates_hold_every_block_a_rule_fires_on_the_seed_pages() -> None:
    pages = sorted((ROOT / "seeds").glob("*.txt"))
    assert pages
    for path in pages:
        _check(path.read_text("utf-8"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), min_size=1, max_size=12), min_size=1, max_size=8))
def test_candidates_hold_every_block_a_rule_fires_on(lines: list[list[str]]) -> None:
    _check("\n".join(" ".join(words) for words in lines))


def test_a_rule_left_without_candidates_is_asked_about_every_block() -> None:
    # Every block rule of the registry has a candidate filter; the check above covers them all.
    assert all(r.candidates is not None for r in BLOCK_RULES)


def _phrases() -> list[str]:
    out = []
    for matcher in (*JUDGE.matchers.values(), JUDGE.phrases):
        out.extend(raw[1:] for raw, _ in matcher.entries if raw.startswith("~"))
    return sorted(set(out))


ANYWHERE = _phrases()


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(ANYWHERE), st.sampled_from(["x", "a", " ", "-", "'", "é", "©"])),
        max_size=12,
    )
)
def test_anywhere_finds_what_the_word_bounded_search_finds(pieces: list[str]) -> None:
    from cleaner.phrases import fold

    key = fold("".join(pieces))
    for matcher in (*JUDGE.matchers.values(), JUDGE.phrases):
        pattern = matcher._anywhere
        m = pattern.search(key) if pattern is not None else None
        hit = matcher.anywhere(key)
        got = (hit.phrase, hit.end) if hit else None
        assert got == ((m.group(1), m.end(1)) if m else None), key
