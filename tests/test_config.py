"""A ``Config`` refuses, when it is made, what could only fail later inside ``clean()``."""

from __future__ import annotations

import dataclasses

import pytest

from cleaner import RULE_NAMES, Cleaner, Config, clean


def test_an_unknown_rule_is_refused_when_the_config_is_made_with_the_valid_names() -> None:
    with pytest.raises(ValueError, match=r"unknown rule\(s\) \['nope'\].*valid rules: nav_ticker"):
        Config(disabled_rules=frozenset({"nope"}))
    with pytest.raises(ValueError, match="unknown rule"):
        dataclasses.replace(Config(), disabled_rules=frozenset({"byline", "nope"}))


def test_one_rule_name_as_a_string_is_refused() -> None:
    with pytest.raises(ValueError, match="not one string"):
        Config(disabled_rules="byline")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "field, value",
    [("lang_backend", "cld3"), ("max_bytes", 0), ("max_line_chars", -1), ("time_budget", -1.0)],
)
def test_impossible_settings_are_refused(field: str, value: object) -> None:
    with pytest.raises(ValueError, match=field):
        Config(**{field: value})  # type: ignore[arg-type]


def test_every_rule_name_can_be_disabled_and_clean_then_works() -> None:
    cfg = Config(disabled_rules=frozenset(RULE_NAMES))
    r = clean("Accueil > Monde\n\nLe ministre est arrivé mardi à Rabat.", config=cfg)
    assert r.removed == () and Cleaner(cfg).config == cfg
