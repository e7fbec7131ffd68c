"""Pages with no article: an error page, a search that found nothing, a login or subscription
wall, a cookie notice with nothing behind it. Cleaned like any page, such a page comes out as its
furniture (the menu's words, "Go to the homepage", "Accept"), which is not text anyone wants in a
corpus: it gives empty text instead, and the audit and a note say why.

Precision first: a page is judged to hold no article only when the other rules left it without a
single paragraph of prose besides the lines that say so, and one of its lines says so in words
of ``data/words/no_article`` ("Page introuvable", "No results found", "Subscribe to continue
reading", "Wir verwenden Cookies"). A page whose only such words are a cookie notice must also
have next to nothing else left (``COOKIE_WALL_WORDS``): a product page with a cookie banner and
its specifications keeps them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..phrases import alternation, word_list
from ..text import prose_words
from .page import Context, Found, Note, Page

__all__ = ["no_article"]

# The kinds of notices, in the order one names the page when it holds several.
KINDS = ("error", "login", "search", "cookies")
WHY = {
    "error": "an error page",
    "login": "a login or subscription wall",
    "search": "a search with no results",
    "cookies": "a cookie notice and nothing else",
}
# A notice is a line of at most this many words (a longer one is prose that mentions the words).
NOTICE_WORDS = 40
# A page whose only notice is about cookies holds no article when fewer words than this are
# left besides the notices (first version: a product sheet of ten short lines has 30).
COOKIE_WALL_WORDS = 15


@lru_cache(maxsize=1)
def _notices() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Per kind, one pattern of its words in every language, on word boundaries (the words are
    literal alternatives in a trie: no backtracking)."""
    return tuple(
        (kind, re.compile(rf"(?<!\w)(?:{alternation(word_list('no_article', kind))})(?!\w)"))
        for kind in KINDS
    )


def _notice(page: Page, i: int) -> str | None:
    """The kind of notice block ``i`` is, if it is one."""
    if page.words[i] > NOTICE_WORDS:
        return None
    key = page.keys[i]
    for kind, pattern in _notices():
        if pattern.search(key):
            return kind
    return None


def no_article(page: Page, alive: list[int], ctx: Context) -> Found:
    """Every line left when the page holds no article (see the module's docstring), with why."""
    if not alive:
        return Found({})
    # Cheap on a page with an article: its first kept paragraph that is not a notice ends it.
    for i in alive:
        if prose_words(page.words[i], ctx.stop[i]) and _notice(page, i) is None:
            return Found({})
    notices = [(i, kind) for i in range(len(page.keys)) if (kind := _notice(page, i))]
    if not notices:
        return Found({})
    kinds = {kind for _, kind in notices}
    kind = next(k for k in KINDS if k in kinds)
    if kind == "cookies":
        noticed = {i for i, _ in notices}
        rest = sum(page.words[i] for i in alive if i not in noticed)
        if rest >= COOKIE_WALL_WORDS:
            return Found({})
    first = next(i for i, k in notices if k == kind)
    line = page.blocks[first].line
    why = f"{WHY[kind]} (line {line}: {page.text(first)[:60]!r})"
    note = Note("no_article", f"{why}; its {len(alive)} remaining lines removed")
    return Found(dict.fromkeys(alive, f"no article: {why}"), (note,))
