"""HTML pruning: delete what is never article text from a parsed page, before extraction.

Scripts, styles and other code go by tag; then what the page's own markup marks as furniture:
hidden elements (a tab, accordion or FAQ panel is revealed instead), navigation, the class and
id words of cookie boxes, share bars, newsletters, comment sections, related links and
breadcrumbs, lists of teaser cards after an article, lists of tag links, and layout tables
(unwrapped, not deleted). Each deleted element's text can go to the audit trail as
``html_prune``.
"""

from __future__ import annotations

import functools
import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode

from .types import Removal

__all__ = ["prune"]

# Elements whose content is never article text.
_NEVER_TEXT = (
    "script, style, noscript, template, svg, math, iframe, object, embed, canvas, video, audio, "
    "map, select, textarea, button, input, dialog, link, meta"
)
# Hidden by the page itself.
_HIDDEN = (
    '[hidden], [aria-hidden="true"], input[type="hidden"], '
    '[style*="display:none" i], [style*="display: none" i], '
    '[style*="visibility:hidden" i], [style*="visibility: hidden" i]'
)
# A hidden element that is the panel of a tab set, an accordion or a FAQ holds content the page
# shows on a click (WCXB's gold has it): its hiding attributes are dropped instead of the element,
# unless it is mostly links (a menu's drop-down panel).
_PANEL_WORDS = frozenset(
    {"accordion", "collapse", "collapsible", "tab", "tabs", "tabpanel", "panel", "faq", "faqs"}
)
_PANEL_MAX_LINK_SHARE = 0.5
_NAVIGATION = 'nav, [role="navigation"], [role="banner"] nav, [role="contentinfo"] nav'
# Class or id words of page furniture. A candidate is found by substring (fast, in C), then
# kept only when one of its class/id *tokens* is one of these words.
_FURNITURE_WORDS: dict[str, str] = {
    "cookie": "consent",
    "cookies": "consent",
    "consent": "consent",
    "gdpr": "consent",
    "share": "share",
    "sharing": "share",
    "sharebar": "share",
    "sharetools": "share",
    "social": "share",
    "socials": "share",
    "newsletter": "newsletter",
    "comments": "comments",
    "disqus": "comments",
    "related": "related",
    "breadcrumb": "breadcrumb",
    "breadcrumbs": "breadcrumb",
    "skip": "skip-link",
    "sr-only": "hidden",
    "screen-reader-text": "hidden",
    "visually-hidden": "hidden",
    "visuallyhidden": "hidden",
}
_FURNITURE_SUBSTRINGS = (
    "cookie",
    "consent",
    "gdpr",
    "shar",
    "social",
    "newsletter",
    "comments",
    "disqus",
    "related",
    "breadcrumb",
    "skip",
    "sr-only",
    "screen-reader",
    "hidden",
)
_FURNITURE = ", ".join(
    f'[{attr}*="{word}" i]' for word in _FURNITURE_SUBSTRINGS for attr in ("class", "id")
)
_TOKEN_SPLIT = re.compile(r"[\s_]+|(?<=[a-z])(?=[A-Z])|-(?!only|reader|text|hidden)")
_PROTECTED_TAGS = frozenset({"html", "body", "article", "main", "head"})
# A furniture candidate holding more than this share of the page's text is not furniture.
_MAX_SHARE_OF_TEXT = 0.3
_MAX_CANDIDATES = 3000
_MAX_DEPTH_WALK = 1000


def _tokens(value: str | None) -> list[str]:
    """The words of a class or id value, lower case, in the order written (the first word
    that names a kind of furniture decides, whatever the hash seed of the process)."""
    if not value:
        return []
    return [t.lower() for t in _TOKEN_SPLIT.split(value) if t]


def _furniture_kind(node: LexborNode) -> str | None:
    attrs = node.attributes
    return _furniture_kind_of(attrs.get("class"), attrs.get("id"))


@functools.lru_cache(maxsize=4096)
def _furniture_kind_of(class_value: str | None, id_value: str | None) -> str | None:
    """The furniture kind named by a class or id value; cached, as a page (and a site) repeats
    the same values on many elements."""
    for value in (class_value, id_value):
        for token in _tokens(value):
            kind = _FURNITURE_WORDS.get(token)
            if kind:
                return kind
    return None


def _remove(
    nodes: list[tuple[LexborNode, str]],
    counts: dict[str, int],
    dropped: list[Removal] | None = None,
) -> None:
    """Remove whole subtrees, skipping nodes inside another one being removed (a removed
    subtree's nodes are freed, so they must not be touched again). All nodes must come from the
    tree as it is now. With ``dropped``, the text of each removed element (but code) goes in it."""
    chosen = {node.mem_id for node, _ in nodes}
    doomed: list[tuple[LexborNode, str]] = []
    for node, kind in nodes:
        parent = node.parent
        for _ in range(_MAX_DEPTH_WALK):
            if parent is None or parent.mem_id in chosen:
                break
            parent = parent.parent
        if parent is None:  # no ancestor is being removed
            doomed.append((node, kind))
    seen: set[int] = set()
    for node, kind in doomed:
        if node.mem_id in seen:
            continue
        seen.add(node.mem_id)
        if dropped is not None and kind != "code":
            text = " ".join(node.text(deep=True, separator=" ").split())
            if text:
                dropped.append(Removal("html_prune", text, f"{kind}: <{node.tag}> element", 0))
        node.decompose()
        counts[kind] = counts.get(kind, 0) + 1


def _is_panel(node: LexborNode) -> bool:
    """Whether a hidden element is a tab, accordion or FAQ panel of prose rather than links."""
    attrs = node.attributes
    if attrs.get("role") != "tabpanel" and not any(
        token in _PANEL_WORDS for token in _tokens(attrs.get("class"))
    ):
        return False
    words = _text_len(node)
    if not words:
        return False
    linked = sum(_text_len(a) for a in node.css("a"))
    return linked < _PANEL_MAX_LINK_SHARE * words


def _reveal(node: LexborNode) -> None:
    """Drop the attributes that hide ``node`` (see ``_HIDDEN``)."""
    attrs = node.attrs
    for name in ("hidden", "aria-hidden", "style"):
        if name in attrs:
            del attrs[name]


def _text_len(node: LexborNode) -> int:
    return len(node.text(deep=True, separator=" ").split())


def _holders(tree: HTMLParser) -> set[int]:
    """``mem_id`` of every ``<article>`` and ``<main>`` and of all their ancestors: the nodes
    for which ``node.css_first("article, main")`` finds something, in one pass over the tree."""
    holders: set[int] = set()
    for found in tree.css("article, main"):
        node: LexborNode | None = found
        while node is not None and node.mem_id not in holders:
            holders.add(node.mem_id)
            node = node.parent
    return holders


# Teaser cards: a list item holding a heading that is (or holds) a link, like "Our latest
# stories" or "More from ..." after an article. A list of at least _MIN_CARDS of them is pruned
# only from a page whose prose paragraphs (_PROSE_WORDS words or more) outside the card lists
# hold at least _MIN_ARTICLE_PROSE words and twice the cards' words: on a collection or
# listing page the cards are the content (on WCXB dev, pruning them everywhere lost 0.3 F1 on a
# shop's category page).
_CARD_HEADING = "h2 a, h3 a, h4 a, h5 a, h6 a, a h2, a h3, a h4, a h5, a h6"
_MIN_CARDS = 3
_PROSE_WORDS = 12
_MIN_ARTICLE_PROSE = 100


def _is_card(item: LexborNode) -> bool:
    """Whether a list item holds a heading that is or holds a link to another page."""
    hit = item.css_first(_CARD_HEADING)
    if hit is None:
        return False
    link: LexborNode | None = hit
    while link is not None and link.tag != "a":
        link = link.parent
    href = (link.attributes.get("href") or "") if link is not None else ""
    return not href.startswith("#")  # a table of contents links within the page


def _prose_words(node: LexborNode) -> int:
    """Words in the paragraphs of ``node`` long enough to be prose."""
    return sum(n for p in node.css("p") if (n := _text_len(p)) >= _PROSE_WORDS)


# Words outside its links that a tag list may hold ("Tags:", "Filed under").
_TAG_LABEL_WORDS = 3


def _tag_lists(body: LexborNode) -> list[LexborNode]:
    """Elements holding only tag links (``rel="tag"``, the microformat WordPress and most blog
    engines write for a post's tags) and a label: keywords, not sentences."""
    out: list[LexborNode] = []
    seen: set[int] = set()
    for link in body.css('a[rel~="tag"]')[:_MAX_CANDIDATES]:
        parent = link.parent
        if parent is None or parent.mem_id in seen or parent.tag in _PROTECTED_TAGS:
            continue
        seen.add(parent.mem_id)
        linked = sum(_text_len(a) for a in parent.css('a[rel~="tag"]'))
        if _text_len(parent) - linked <= _TAG_LABEL_WORDS:
            out.append(parent)
    return out


def _card_lists(body: LexborNode) -> list[LexborNode]:
    """Lists (``ul``, ``ol``) of teaser cards after or beside an article: every item holds a
    linked heading. Empty on a page without more article prose than cards."""
    out = []
    for lst in body.css("ul, ol")[:_MAX_CANDIDATES]:
        items = [c for c in lst.iter() if c.tag == "li"]
        if len(items) >= _MIN_CARDS and all(map(_is_card, items)):
            out.append(lst)
    if not out:
        return out
    card_words = sum(_text_len(lst) for lst in out)
    article = _prose_words(body) - sum(_prose_words(lst) for lst in out)
    if article < max(_MIN_ARTICLE_PROSE, 2 * card_words):
        return []
    return out


def prune(tree: HTMLParser, dropped: list[Removal] | None = None) -> dict[str, int]:
    """Delete what is never content from ``tree``, in place; return counts by kind. With
    ``dropped``, each deleted element's text is added to it (see ``Extracted.dropped``)."""
    counts: dict[str, int] = {}
    _remove([(n, "code") for n in tree.css(_NEVER_TEXT)[:_MAX_CANDIDATES]], counts)
    body = tree.body
    if body is None:
        return counts
    total = max(_text_len(body), 1)
    hidden: list[LexborNode] = []
    revealed = 0
    for node in body.css(_HIDDEN)[:_MAX_CANDIDATES]:
        if _is_panel(node):
            _reveal(node)
            revealed += 1
        else:
            hidden.append(node)
    if revealed:
        counts["revealed-panel"] = revealed
    candidates: dict[str, list[LexborNode]] = {
        "hidden": hidden,
        "nav": body.css(_NAVIGATION)[:_MAX_CANDIDATES],
    }
    for node in body.css(_FURNITURE)[:_MAX_CANDIDATES]:
        kind = _furniture_kind(node)
        if kind:
            candidates.setdefault(kind, []).append(node)
    cards = _card_lists(body)
    if cards:
        candidates["teasers"] = cards
    tags = _tag_lists(body)
    if tags:
        candidates["tags"] = tags
    holders = _holders(tree)
    lengths: dict[int, int] = {}  # words by mem_id: a node can be a candidate several times
    doomed: list[tuple[LexborNode, str]] = []
    for kind, nodes in candidates.items():
        chosen: list[tuple[LexborNode, str]] = []
        words = 0
        for node in nodes:
            mem_id = node.mem_id
            # Cards are often <article> elements themselves, so the list holds one.
            if (mem_id in holders and kind != "teasers") or node.tag in _PROTECTED_TAGS:
                continue
            n = lengths.get(mem_id, -1)
            if n < 0:
                n = lengths[mem_id] = _text_len(node)
            if n <= _MAX_SHARE_OF_TEXT * total:
                chosen.append((node, kind))
                words += n
        # A class word that marks this much of the page is not furniture on this site (nested
        # candidates count twice, which errs on the side of keeping).
        if words <= _MAX_SHARE_OF_TEXT * total:
            doomed.extend(chosen)
    _remove(doomed, counts, dropped)
    layout = _unwrap_layout_tables(body)
    if layout:
        counts["layout-table"] = layout
    return counts


# A table cell holding this many paragraphs lays out a page rather than data: an extractor
# flattens a cell into one line, so a whole article in one would come out as a single line
# (with the page's teasers glued to it) that no line rule could trim.
_LAYOUT_CELL_PARAGRAPHS = 2
_LAYOUT_CELL_WORDS = 150
_TABLE_PARTS = frozenset({"thead", "tbody", "tfoot", "tr", "td", "th", "caption"})


def _own_parts(table: LexborNode) -> list[LexborNode]:
    """The rows, cells and sections of ``table`` itself, not those of tables nested in it."""
    out: list[LexborNode] = []
    stack = [table]
    while stack and len(out) < _MAX_CANDIDATES:
        for child in stack.pop().iter():
            if child.tag in _TABLE_PARTS:
                out.append(child)
                stack.append(child)
    return out


def _unwrap_layout_tables(body: LexborNode) -> int:
    """Replace each layout table (a cell holds _LAYOUT_CELL_PARAGRAPHS paragraphs or more and
    _LAYOUT_CELL_WORDS words or more) by its cells' contents, a line break after each cell;
    return how many there were."""
    unwrapped = 0
    line_break: LexborNode | None = None
    for table in body.css("table")[:_MAX_CANDIDATES]:
        parts = _own_parts(table)
        cells = [p for p in parts if p.tag in ("td", "th")]
        if not any(
            len(c.css("p")) >= _LAYOUT_CELL_PARAGRAPHS and _text_len(c) >= _LAYOUT_CELL_WORDS
            for c in cells
        ):
            continue
        if line_break is None:
            # A node of another document: inserting it inserts a copy.
            line_break = HTMLParser("<br>").css_first("br")
        for cell in cells:
            if line_break is not None:
                cell.insert_after(line_break)
        for part in reversed(parts):
            part.unwrap()
        table.unwrap()
        unwrapped += 1
    return unwrapped
