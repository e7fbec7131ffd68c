"""Metadata read from the page's own lines before the rules drop them: title, date, author,
source (the publication's name)."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .dates import parse_date
from .titles import title_from_text

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


# "Publié dans Challenge le 29 - 09 - 2020", "Published in The Times on ...", "Publicado en X el".
_SOURCE = re.compile(
    r"^(?:publi[ée]e? dans|paru dans|published in|publicado en|veröffentlicht in|erschienen in|"
    r"نشر في) (?P<name>[^,| ][^,|]{0,58}?[^,| ]) (?:le|on|el|am|في|,|\|) ",
    re.IGNORECASE,
)
# What follows a byline word: the names, up to a separator, a role or a date.
_AUTHOR = re.compile(
    r"^\W*(?:par|by|written by|reporting by|story by|posted by|von|por|escrito por|بقلم|كتب|كتبت)"
    r"\s+(?P<names>[^|,–—\n]{2,80}?)\s*(?:$|[|,–—]|\s-\s|\s(?:le|on|am|el)\s+\d|\s(?:publié|publiée|published|updated|mis à jour)\b)",
    re.IGNORECASE,
)


def read_metadata(blocks: list[Block], verdicts: Verdicts, *, day_first: bool = True) -> Metadata:
    """Title, date, author and source from the page's lines: datelines and bylines first (the
    rules removed them, but their words were the page's own), then the top of the page."""
    date = author = source = None
    for i, (rule, _) in sorted(verdicts.removed.items()):
        # Whitespace collapsed and length bounded: the patterns below then stay linear.
        text = " ".join(blocks[i].text.split())[:300]
        if rule == "dateline" or rule == "byline":
            if date is None:
                date = parse_date(text, day_first=day_first)
            if source is None and (m := _SOURCE.match(text)):
                source = m.group("name").strip()
        if rule == "byline" and author is None and (m := _AUTHOR.match(text)):
            author = m.group("names").strip()
    title = title_from_text(blocks, verdicts) or verdicts.title
    return Metadata(title=title, date=date, author=author, source=source)
