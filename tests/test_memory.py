"""Bounded work and memory on big documents: the feature pass stops at the time budget, and a
big document's freed memory goes back to the system before its output is built."""

from __future__ import annotations

import pytest

from cleaner import Config, clean, memory
from cleaner.rules import Judge
from cleaner.rules import page as page_module
from cleaner.segment import Block


def test_the_feature_pass_stops_at_the_deadline_in_every_loop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 600 blocks: the keys loop looks at the clock twice (at blocks 256 and 512); the clock
    # runs out after that, so only a look in the per-block loop that follows can stop it.
    looks = 0

    def clock() -> float:
        nonlocal looks
        looks += 1
        return 0.0 if looks <= 2 else 10.0

    monkeypatch.setattr(page_module, "budget_clock", clock)
    blocks = [Block(f"Ligne numéro {i} du document", i + 1, i) for i in range(600)]
    with pytest.raises(page_module._OutOfTime):
        Judge(Config()).page(blocks, None, deadline=5.0)
    assert looks == 3


def test_a_big_document_gives_its_freed_memory_back(monkeypatch: pytest.MonkeyPatch) -> None:
    trims: list[int] = []
    monkeypatch.setattr(memory, "_malloc_trim", lambda: trims.append)
    monkeypatch.setattr(memory, "BIG_DOCUMENT_CHARS", 1000)
    line = "Le ministre est arrivé mardi à Rabat pour une visite officielle de deux jours.\n"
    clean(line * 20, kind="text")
    assert trims == [0]
    clean(line, kind="text")  # a small one: no call
    assert trims == [0]
