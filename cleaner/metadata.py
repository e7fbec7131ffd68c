"""Metadata read from the page's own lines before the rules drop them: title, date, author,
source (the publication's name)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .rules import Verdicts
    from .segment import Block


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None = None
    date: str | None = None
    author: str | None = None
    source: str | None = None
    url: str | None = None
    lang: str | None = None

    def merged_under(self, other: Metadata) -> Metadata:
        """``other``'s fields where it has them, ours elsewhere."""
        return Metadata(
            **{
                f.name: getattr(other, f.name) or getattr(self, f.name)
                for f in dataclasses.fields(self)
            }
        )


def read_metadata(blocks: list[Block], verdicts: Verdicts) -> Metadata:
    return Metadata(title=verdicts.title)
