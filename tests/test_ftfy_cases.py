"""ftfy's own test cases (``tests/test_cases.json`` of ftfy 6.3.1's source distribution, Apache
License 2.0, copied as ``tests/data/ftfy_test_cases.json``): every case ftfy repairs, cleaner
repairs the same way, apart from the deliberate differences below.

Deliberate differences, each a choice of ``cleaner.normalize._FTFY_CONFIG`` or of the
normalizers after it, and each tested here:

- curly quotes and apostrophes stay curly (``uncurl_quotes=False``): they are the page's text;
- Latin ligatures and full-width characters stay (``fix_latin_ligatures=False``,
  ``fix_character_width=False``);
- no-break and other typographic spaces become plain spaces (``Config.nbsp_to_space``), runs of
  spaces become one and lines are stripped; zero-width characters and soft hyphens are dropped
  once the repair is done.

Lines can also be removed by the rules as boilerplate (a short fragment alone on a page): a
case's repaired text then stands in the audit trail, and counts as repaired there.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import ftfy
import pytest
from ftfy import fixes
from hypothesis import given
from hypothesis import strategies as st
from strategies import codepage_mojibake

from cleaner import Config, clean
from cleaner.normalize import _FTFY_CONFIG, drop_invisible, needs_repair, plain_spaces

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "data" / "ftfy_test_cases.json").read_text(encoding="utf-8")
)
REPAIRED = [c for c in CASES if c["expect"] == "pass"]


def as_ftfy_writes_it(text: str) -> str:
    """cleaner's output with the fixes cleaner deliberately leaves out applied."""
    return fixes.uncurl_quotes(fixes.fix_latin_ligatures(fixes.fix_character_width(text)))


def as_cleaner_writes_it(text: str) -> str:
    """ftfy's expected output with cleaner's own normalizations applied."""
    text = plain_spaces(drop_invisible(unicodedata.normalize("NFC", text)))
    return "\n".join(re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n"))


def test_the_case_file_is_ftfys() -> None:
    assert len(CASES) == 161 and len(REPAIRED) == 151


@pytest.mark.parametrize("case", REPAIRED, ids=[c["label"][:60] for c in REPAIRED])
def test_cleaner_repairs_what_ftfy_repairs(case: dict[str, Any]) -> None:
    r = clean(case["original"], kind="text")
    expected = as_cleaner_writes_it(case["fixed"])
    removed = " ".join(x.text for x in r.removed)  # in input order
    found = [as_ftfy_writes_it(t) for t in (r.text, removed)]
    assert any(expected in t for t in found), (r.text, [x.text for x in r.removed], r.steps)


def test_the_repair_keeps_curly_quotes_where_ftfy_straightens_them() -> None:
    case = next(c for c in REPAIRED if c["label"].startswith("Fix 'à' in inconsistent"))
    r = clean(case["original"], kind="text")
    assert "l’évaluation" in r.text
    assert "l'évaluation" in case["fixed"]


def test_french_through_windows_1250_is_repaired_and_says_so() -> None:
    r = clean("Le conseil municipal a votĂ© lundi soir la rĂ©novation du port.", kind="text")
    assert "a voté lundi soir la rénovation du port" in r.text
    assert "ftfy:fix_encoding" in r.steps


def test_a_soft_hyphen_inside_mojibake_is_repaired_not_dropped() -> None:
    # "í" is C3 AD in UTF-8; read as Latin-1, AD is a soft hyphen, which must not go first.
    r = clean("eliminado o antÃ\u00adgeno e mantidos os nÃ\u00adveis de anticorpos", kind="text")
    assert "antígeno" in r.text and "níveis" in r.text


def test_a_c1_ellipsis_is_an_ellipsis_not_a_line_break() -> None:
    r = clean("Nous n'en avons pas encore beaucoup parlé\x85 Tu as raison, il faut le faire.")
    assert "parlé… Tu as raison" in r.text


def test_dropping_invisible_characters_then_repairing_is_idempotent() -> None:
    # A zero-width space splits a mojibake pair; once it is dropped the pair is whole.
    once = clean("Le secrÃ\u200b©taire général est arrivé hier soir à Rabat pour la réunion.")
    assert "secrétaire" in once.text
    assert clean(once.text).text == once.text


def _ftfy(text: str) -> str:
    return ftfy.fix_text(text, config=_FTFY_CONFIG._replace(explain=False))


@pytest.mark.parametrize("case", CASES, ids=[c["label"][:60] for c in CASES])
def test_the_skip_never_skips_a_case_ftfy_would_change(case: dict[str, Any]) -> None:
    text = case["original"]
    if not needs_repair(text):
        assert _ftfy(text) == text


@given(codepage_mojibake())
def test_the_skip_never_skips_mojibake_ftfy_would_change(text: str) -> None:
    if not needs_repair(text):
        assert _ftfy(text) == text


@given(st.text(max_size=200))
def test_the_skip_never_skips_any_text_ftfy_would_change(text: str) -> None:
    if not needs_repair(text):
        assert _ftfy(text) == text


def test_the_skip_still_skips_clean_text_of_every_language() -> None:
    clean_texts = [
        "Le secrétaire américain à la Défense a entamé « une tournée » au Maghreb.",
        "The minister’s “first visit” — in fifteen years — ended on Friday.",
        "El secretario llegó el miércoles a la capital; ¿quién lo recibió?",
        "Der Verteidigungsminister traf am Mittwoch in der Hauptstadt ein.",
        "وصل وزير الدفاع الأمريكي إلى الرباط يوم الأربعاء في زيارة رسمية.",
    ]
    assert [needs_repair(t) for t in clean_texts] == [False] * len(clean_texts)
    assert Config().fix_encoding
