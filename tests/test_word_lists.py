"""The word lists the rules' patterns are built from (``cleaner/data/words/``): every language
ships every list, every line has a role the code reads, and the drift they fixed stays fixed."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.phrases import word_list

DATA = Path(__file__).resolve().parents[1] / "cleaner" / "data"
# Folders that are not one list per language: stopwords come from jusText for most languages.
NOT_PER_LANGUAGE = {"stopwords", "words"}

# The roles each word list's lines may have ("" for a line without one), as the code reads them.
ROLES = {
    "bio_verbs": {""},
    "bylines": {"particle", "joiner", "clitic", "for", "published", "on", "at"},
    "comment_headers": {"says", "on", "said"},
    "comment_headings": {"noun", "heading", "on", "one"},
    "counters": {"noun"},
    "credits": {"credit", "anywhere", "picture", "by", "caption"},
    "date_fillers": {""},
    "date_labels": {""},
    "gallery": {"item", "of"},
    "member_stats": {"label"},
    "modified": {""},
    "no_article": {"error", "search", "login", "cookies"},
    "not_a_person": {""},
    "months": {str(n) for n in range(1, 13)},
    "reading_time": {"label", "minute", "read", "about"},
    "relative_dates": {"before", "after", "count", "unit", "abbrev", "day"},
    "weekdays": {""},
}


def list_folders(root: Path) -> list[Path]:
    """Every folder of per-language files under ``root``: the phrase lists and the word lists."""
    phrases = [d for d in root.iterdir() if d.is_dir() and d.name not in NOT_PER_LANGUAGE]
    words = [d for d in (root / "words").iterdir() if d.is_dir()]
    return sorted(phrases + words)


def missing_languages(root: Path) -> dict[str, list[str]]:
    """Per list, the languages that another list has a file for and this one has not."""
    folders = list_folders(root)
    langs = {lang for d in folders for lang in _langs(d)}
    out = {}
    for d in folders:
        missing = sorted(langs - _langs(d))
        if missing:
            out[str(d.relative_to(root))] = missing
    return out


def _langs(folder: Path) -> set[str]:
    return {p.stem for p in folder.glob("*.txt")} - {"any"}


def test_every_language_has_every_list() -> None:
    assert missing_languages(DATA) == {}


def test_a_language_missing_a_list_is_reported(tmp_path: Path) -> None:
    for rel in ("read_more/fr.txt", "read_more/it.txt", "words/counters/fr.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x\n", encoding="utf-8")
    assert missing_languages(tmp_path) == {"words/counters": ["it"]}


def test_the_word_lists_are_the_ones_the_code_reads() -> None:
    assert {d.name for d in (DATA / "words").iterdir() if d.is_dir()} == set(ROLES)


@pytest.mark.parametrize("name", sorted(ROLES))
def test_every_line_of_a_word_list_has_a_role_the_code_reads(name: str) -> None:
    for path in sorted((DATA / "words" / name).glob("*.txt")):
        for raw in path.read_text("utf-8").splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            tag, sep, word = line.partition(": ")
            role = tag if sep else ""
            assert role in ROLES[name], f"{path.name}: unknown role in {line!r}"
            assert (word if sep else line).strip(), f"{path.name}: empty word in {line!r}"
        assert word_list(name, next(iter(sorted(ROLES[name])))) is not None
