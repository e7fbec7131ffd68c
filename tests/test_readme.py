"""The README's table of rules is the registry's (``cleaner.rules.rules_table``)."""

from __future__ import annotations

from pathlib import Path

from cleaner.rules import RULE_NAMES, rules_table

README = Path(__file__).resolve().parents[1] / "README.md"
START = "<!-- rules table: generated from the registry -->\n"
END = "\n<!-- end of rules table -->"


def test_the_readme_rules_table_is_the_registry() -> None:
    text = README.read_text("utf-8")
    assert START in text and END in text, "the README lost its rules table markers"
    table = text.split(START, 1)[1].split(END, 1)[0]
    assert table == rules_table(), (
        "README rules table out of date; regenerate it with "
        'python -c "from cleaner.rules import rules_table; print(rules_table())"'
    )


def test_the_table_has_a_row_for_every_name_a_user_can_disable() -> None:
    rows = [line for line in rules_table().splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == list(RULE_NAMES)
