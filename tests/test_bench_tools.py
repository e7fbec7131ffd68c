"""bench.compare (two output trees of bench.run, diffed page by page) and bench.stages (the
text mode's time by stage)."""

from __future__ import annotations

from pathlib import Path

from bench import stages
from bench.compare import compare, main


def _tree(root: Path, pages: dict[str, str]) -> Path:
    for rel, text in pages.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_identical_trees_compare_equal(tmp_path: Path) -> None:
    pages = {"wcxb/cleaner_text/a.txt": "one", "wcxb/cleaner_text/b.txt": "two"}
    old, new = _tree(tmp_path / "old", pages), _tree(tmp_path / "new", pages)
    counts, changed, missing = compare(old, new)
    assert counts == {("wcxb", "cleaner_text"): 2}
    assert changed == [] and missing == []
    assert main([str(old), str(new)]) == 0


def test_a_changed_byte_a_missing_page_and_a_new_page_are_reported(tmp_path: Path) -> None:
    old = _tree(
        tmp_path / "old",
        {"d/s/a.txt": "same", "d/s/b.txt": "text\n", "d/s/c.txt": "gone"},
    )
    new = _tree(tmp_path / "new", {"d/s/a.txt": "same", "d/s/b.txt": "text", "d/s/x.txt": "new"})
    _counts, changed, missing = compare(old, new)
    assert changed == [("d", "s", "b"), ("d", "s", "x")]
    assert missing == [("d", "s", "c")]
    assert main([str(old), str(new), "--diff", "1"]) == 1


def test_systems_in_one_tree_only_are_not_compared(tmp_path: Path) -> None:
    old = _tree(tmp_path / "old", {"d/s/a.txt": "x", "d/only_old/a.txt": "y"})
    new = _tree(tmp_path / "new", {"d/s/a.txt": "x"})
    counts, changed, missing = compare(old, new)
    assert counts == {("d", "s"): 1} and not changed and not missing


def test_stage_table_lists_every_stage_and_matches_the_pipeline() -> None:
    pages = [
        "Accueil > Monde\n\nLe ministre est arrivé mardi à Rabat pour une visite de deux jours.",
        "Publié le 14 janvier 2025\n\nCaf\u00c3\u00a9 et croissants, le matin, sont servis sur la terrasse.",
    ]
    lines: list[str] = []
    seconds = stages.report(pages, baseline=1.0, out=lines.append, warmup=1)
    assert set(seconds) == set(stages.STAGES)
    table = "\n".join(lines)
    for stage in stages.STAGES:
        assert any(line.split()[:1] == [stage] for line in lines), stage
    assert "MB/s" in table and "trafilatura" in table
    assert "WARNING" not in table  # the staged run cleans each page as Cleaner.clean does
