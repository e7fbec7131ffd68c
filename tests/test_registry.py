"""The rules' registry: every audit name is one a user can disable, the Judge checks the declared
order of the rules, and the verdicts are typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import RULE_NAMES, Cleaner, Config
from cleaner.cli import main
from cleaner.rules import RULES, Context, Found, Judge, Note, Rule, Verdict, check_order, judge
from cleaner.segment import segment

ARTICLE = [
    "The city council approved a budget on Tuesday night that raises spending by four percent, "
    "after a long debate over how to pay for schools and public transport.",
    "According to the mayor, the increase will allow the city to renovate two primary schools "
    "and to open a new bus line at the start of next September.",
    "The opposition criticised a rise in local taxes that it says will weigh on the poorest "
    "families, and it has called for an independent audit of the accounts.",
]
MENU = ["* News", "* Sport", "* Weather", "* Contact"]
TAGS = (
    "Restaurants Hotels Bars Museums Parks Shops Cinemas Theatres Galleries Beaches Markets "
    "Festivals Concerts Gardens Zoos Libraries Stadiums Castles Churches Bridges"
)
PAGE = "\n".join(MENU) + "\n\n" + "\n\n".join(ARTICLE) + "\n\n" + TAGS


def _rules(config: Config) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for removal in Cleaner(config).clean(PAGE, kind="text").removed:
        out.setdefault(removal.rule, []).append(removal.text)
    return out


def test_the_zone_layer_names_its_removals_low_content_and_outside_article() -> None:
    removed = _rules(Config())
    assert removed["low_content"] == [TAGS]
    assert removed["outside_article"] == MENU


@pytest.mark.parametrize("name", ["low_content", "outside_article"])
def test_a_zone_name_can_be_disabled_and_its_blocks_stay(name: str) -> None:
    default = _rules(Config())
    removed = _rules(Config(disabled_rules=frozenset({name})))
    assert name not in removed
    text = Cleaner(Config(disabled_rules=frozenset({name}))).clean(PAGE, kind="text").text
    assert all(line in text.split("\n") for line in default[name])
    # The zone layer's other name still goes.
    (other,) = {"low_content", "outside_article"} - {name}
    assert removed[other] == default[other]


def test_disabling_the_zone_layer_disables_both_its_names() -> None:
    removed = _rules(Config(disabled_rules=frozenset({"boilerplate_zone"})))
    assert "low_content" not in removed and "outside_article" not in removed


def test_clean_disable_low_content_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "page.txt"
    source.write_text(PAGE, encoding="utf-8")
    assert main([str(source), "--disable", "low_content", "--disable", "outside_article"]) == 0
    out = capsys.readouterr().out
    assert TAGS in out and MENU[0] in out


@pytest.mark.parametrize(
    ("name", "kept", "gone"), [("low_content", TAGS, MENU[0]), ("outside_article", MENU[0], TAGS)]
)
def test_clean_disable_one_zone_name_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, kept: str, gone: str
) -> None:
    source = tmp_path / "page.txt"
    source.write_text(PAGE, encoding="utf-8")
    assert main([str(source), "--disable", name]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert kept in lines and gone not in lines


def test_list_rules_shows_every_name_a_user_can_disable(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--list-rules"]) == 0
    names = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert names == list(RULE_NAMES)
    assert {"boilerplate_zone", "low_content", "outside_article"} <= set(names)


def test_every_audit_name_of_the_golden_files_is_in_the_registry() -> None:
    golden = Path(__file__).resolve().parents[1] / "golden"
    seen = {
        line.split("\t")[1]
        for path in golden.glob("*.removed.tsv")
        for line in path.read_text("utf-8").splitlines()
        if line
    }
    assert {"dateline", "nav_ticker"} <= seen
    # Not rules: the HTML extraction's names, and the title line (Config.title_in_text).
    assert seen - {"html_prune", "html_extractor", "title"} <= set(RULE_NAMES)


def test_a_rule_that_reads_a_later_rule_is_refused_when_the_judge_is_built(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    swapped = tuple(r for r in RULES if r.name != "dateline")
    swapped += tuple(r for r in RULES if r.name == "dateline")
    with pytest.raises(ValueError, match="dated_list reads dateline"):
        check_order(swapped)
    monkeypatch.setattr(judge, "RULES", swapped)
    with pytest.raises(ValueError, match="dated_list reads dateline"):
        Judge(Config())


def test_two_rules_giving_one_name_are_refused() -> None:
    twice = (*RULES, Rule("x", "gives low_content too", emits=(("low_content", "again"),)))
    with pytest.raises(ValueError, match="x gives low_content"):
        check_order(twice)


def test_a_page_rule_gives_only_the_names_it_declares(monkeypatch: pytest.MonkeyPatch) -> None:
    def rogue(page: object, alive: list[int], ctx: object) -> Found:
        return Found(dict.fromkeys(alive, Verdict("low_content", "not mine to give")))

    monkeypatch.setattr(judge, "RULES", (Rule("rogue", "undeclared names", page=rogue),))
    blocks, _ = segment(PAGE, max_line_chars=10_000)
    with pytest.raises(AssertionError, match="rogue gave low_content"):
        Judge(Config()).run(blocks, lang=None, deadline=float("inf"))


def test_verdicts_are_typed() -> None:
    blocks, _ = segment(PAGE, max_line_chars=10_000)
    verdicts = Judge(Config()).run(blocks, lang=None, deadline=float("inf"))
    assert verdicts.removed
    assert all(isinstance(v, Verdict) and v.rule in RULE_NAMES for v in verdicts.removed.values())


def test_a_page_rule_sees_the_verdicts_of_the_rules_it_reads_and_no_others(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[Verdict] = []

    def spy(page: object, alive: list[int], ctx: Context) -> Found:
        seen.extend(ctx.removed.values())
        return Found({})

    monkeypatch.setattr(
        judge,
        "RULES",
        (*RULES, Rule("spy", "reads datelines", page=spy, reads=frozenset({"dateline"}))),
    )
    text = "\n\n".join(["Share this article", "Published on 14 January 2025", *ARTICLE])
    blocks, _ = segment(text, max_line_chars=10_000)
    verdicts = Judge(Config()).run(blocks, lang=None, deadline=float("inf"))
    assert {v.rule for v in verdicts.removed.values()} >= {"ui_string", "dateline"}
    assert [v.rule for v in seen] == ["dateline"]


def test_the_page_is_frozen_and_a_run_leaves_it_as_it_was() -> None:
    text = "\n\n".join([*MENU, "Read more: how the council spends its money", *ARTICLE, TAGS])
    blocks, _ = segment(text, max_line_chars=10_000)
    j = Judge(Config())
    page = j.page(blocks, None)
    with pytest.raises(AttributeError):
        page.lang = "fr"  # type: ignore[misc]
    before = (list(page.stop), page.lang)
    first = j.run(blocks, lang=None, deadline=float("inf"))
    again = j.run(blocks, lang=None, deadline=float("inf"))
    assert first.removed and first.removed == again.removed and first.notes == again.notes
    assert (list(page.stop), page.lang) == before


def test_a_block_rule_gives_a_note_for_a_line_it_keeps_in_doubt() -> None:
    from cleaner.rules.blocks import read_more

    long = "Read more about the budget in the report that the council published on Tuesday " * 2
    blocks, _ = segment("\n\n".join([long.strip(), *ARTICLE]), max_line_chars=10_000)
    j = Judge(Config())
    page = j.page(blocks, None)
    note = read_more(page, 0, j.context(page))
    assert isinstance(note, Note) and note.rule == "read_more" and note.line == blocks[0].line
    assert str(note).startswith(f"line {blocks[0].line}: kept, starts with")
    result = Cleaner(Config()).clean("\n\n".join([long.strip(), *ARTICLE]), kind="text")
    assert str(note) in result.notes
