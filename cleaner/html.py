"""HTML input: tell HTML from text, and turn a page into text with one paragraph per line.

``extract`` parses the page once with selectolax (lexbor), reads its metadata, prunes what is
never content (scripts, navigation, hidden elements, cookie boxes, share bars, comment sections),
hands the pruned page to trafilatura for the main content, and falls back to the page's visible
text when trafilatura finds nothing or far less than the page holds. Boilerplate phrases that
survive ("Lire aussi", share prompts, credits) are left to the text rules, so every removal is in
the audit trail.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate, islice
from typing import Any

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode

from .htmlmeta import read_html_metadata
from .metadata import Metadata
from .normalize import repair_encoding, repair_markup
from .phrases import fold
from .text import STOPLIST_SAMPLE, ends_sentence, guess_stoplist, stop_share, words
from .types import Config, Removal

__all__ = ["Extracted", "extract", "looks_like_html", "prune", "visible_text"]

_HTML_SNIFF = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<(?:div|p|span|article|table|script|a)\b[^>]{0,200}>",
    re.I,
)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]{0,15}\b[^<>]{0,300}>")


def looks_like_html(head: str) -> bool:
    """True when the start of a document is HTML rather than text that mentions a tag.

    >>> looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    >>> looks_like_html("Use the <b> tag for bold text.")
    False
    >>> looks_like_html("<div class='a'><p>One</p><p>Two</p></div>")
    True
    """
    stripped = head.lstrip()
    if stripped.startswith("<") and _HTML_SNIFF.search(stripped[:1024]):
        return True
    tags = _TAG.findall(head)
    return len(tags) >= 5 and bool(_HTML_SNIFF.search(head))


@dataclass(frozen=True, slots=True)
class Extracted:
    """The page's text (one paragraph per line), its metadata and the steps taken.

    ``heuristics`` is False when a main-content extractor already chose the article's blocks,
    so the jusText-like zone heuristics need not judge them a second time (measured on WCXB dev:
    running them after trafilatura costs about 0.04 word F1); True for the visible-text fallback.
    """

    text: str
    metadata: Metadata = field(default_factory=Metadata)
    steps: tuple[str, ...] = ()
    heuristics: bool = True
    # What never reached ``text``, for the audit trail, on line 0: rule ``html_prune`` for page
    # furniture deleted before extraction (one entry per element), ``html_extractor`` for
    # visible lines the main-content extractor left out.
    dropped: tuple[Removal, ...] = ()


# --------------------------------------------------------------------------------- pruning

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


# ------------------------------------------------------------------------------ visible text

_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "aside",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "dd",
        "dt",
        "dl",
        "form",
        "main",
        "hr",
        "address",
        "title",
        "option",
        "td",
        "th",
    ]
)
_MAX_TRAVERSAL_NODES = 500_000


def visible_text(html: str | HTMLParser) -> str:
    """The page's visible text, one line per block-level element, a blank line between blocks."""
    tree = HTMLParser(html) if isinstance(html, str) else html
    if isinstance(html, str):
        _remove([(n, "code") for n in tree.css(_NEVER_TEXT)[:_MAX_CANDIDATES]], {})
    return "\n\n".join(_visible_lines(tree))


def _visible_lines(tree: HTMLParser) -> list[str]:
    """The lines of ``visible_text(tree)``: spaces squashed, none empty."""
    root = tree.body or tree.root
    if root is None:
        return []
    parts: list[str] = []
    for node in islice(root.traverse(include_text=True), _MAX_TRAVERSAL_NODES + 1):
        tag = node.tag
        if tag == "-text":
            parts.append(node.text_content or "")
        elif tag in _BLOCK_TAGS:
            parts.append("\n")
        elif tag == "a":
            # Links written one after the other with no space between them are items of a
            # menu laid out by CSS ("Furniture</a><a>Sofas"), not one word.
            parts.append(" ")
    return list(filter(None, map(" ".join, map(str.split, "".join(parts).split("\n")))))


# ------------------------------------------------------------------------------ extraction

_WORD = re.compile(r"\w+")


def _count_words(text: str) -> int:
    """``len(_WORD.findall(text))``, about twice as fast: no word character is whitespace, so
    every word lies inside one whitespace-separated token, and an all-alphanumeric token (most
    of them) is exactly one word; only the other tokens go through the regex.

    >>> _count_words("l'été, 2024 — co-op_x !"), len(_WORD.findall("l'été, 2024 — co-op_x !"))
    (5, 5)
    """
    tokens = text.split()
    mixed = [token for token in tokens if not token.isalnum()]
    return len(tokens) - len(mixed) + len(_WORD.findall(" ".join(mixed)))


# Fall back to the visible text when the extractor kept less than this share of its words...
_MIN_SHARE = 0.1
# ...unless what it kept holds more than this share of the words of the page's prose lines: then
# it did not miss the prose, and the rest of the page is lists, menus and cards. On WCXB dev 45
# pages fall back; this keeps the extraction of 9 of them (a job board's intro, an article's
# two paragraphs beside a long list of links): 7 gain 1.59 word F1 in all, 2 lose 0.2.
_PROSE_HELD = 0.5

# Bounds on the work per page: real pages nest a few dozen levels and hold a few thousand
# elements; these caps only ever meet hostile or broken markup.
MAX_DEPTH = 1_000
MAX_ELEMENTS = 60_000
# A page with at most this many "<" cannot nest deeper than that, and lexbor parses 20,000
# levels in about 0.2 s (its time grows with the square of the depth: 60,000 take 3 s); the fast
# extractor walks the tree without recursion and bounds its walks up the tree, so it skips the
# depth scan on such a page (about 0.5 ms a page, 5% of its time).
FAST_UNCHECKED_TAGS = 20_000
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "td",
        "th",
        "tr",
        "option",
        "dt",
        "dd",
    ]
)  # void elements, and elements whose end tag is optional (never counted as nesting)
# Elements that SVG and MathML close themselves (``<path d=".."/>``): never counted as nesting.
_SELF_CLOSED = frozenset(
    ["path", "circle", "rect", "line", "polyline", "polygon", "ellipse", "use", "stop", "image"]
)
# A tag's name only: the scan never reads attributes, so it stays a single cheap pass.
_TAG_NAME = re.compile(r"<(/?[A-Za-z][A-Za-z0-9-]{0,30})")


@functools.cache
def _delta(token: str) -> int:
    """Depth change of a tag token (``div`` +1, ``/div`` -1, void and self-closed 0); cached per
    distinct spelling."""
    name = token.lower()
    closing = name.startswith("/")
    name = name.lstrip("/")
    return 0 if name in _VOID or name in _SELF_CLOSED else (-1 if closing else 1)


_OPEN_INVISIBLE = re.compile(r"<(script|style|noscript|template)\b|<!--", re.I)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|section|article|header|footer|blockquote|pre)\b"
    r"[^<>]{0,4000}>",
    re.I,
)
_ANY_TAG = re.compile(r"<[^<>]{0,4000}>")


def nesting_depth(html: str) -> int:
    """The deepest nesting of elements, from a linear scan of the tag names (an estimate: tags
    inside comments or scripts count too). A stray end tag never takes the depth below zero.

    >>> nesting_depth("<div><p>a<div><span>b</span></div></div>")
    3
    >>> nesting_depth("</div></div><div><div></div></div>")
    2
    """
    levels = list(accumulate(map(_delta, _TAG_NAME.findall(html)), initial=0))
    if min(levels) == 0:
        # No stray end tag ever takes the level below zero (most pages): nothing to clamp.
        return max(levels)
    # Depth with stray end tags clamped at zero: the level minus the lowest level seen so far.
    depths: Iterator[int] = map(operator.sub, levels, accumulate(levels, min))
    return max(depths)


def _drop_invisible(html: str) -> str:
    """``html`` without scripts, styles and comments, in one forward scan (an unclosed one
    drops the rest of the page), so no input makes it slower than linear."""
    lower = html.lower()
    out: list[str] = []
    pos = 0
    while True:
        m = _OPEN_INVISIBLE.search(lower, pos)
        if m is None:
            out.append(html[pos:])
            break
        out.append(html[pos : m.start()])
        if m.group(0) == "<!--":
            end = lower.find("-->", m.end())
            pos = -1 if end < 0 else end + 3
        else:
            end = lower.find("</" + m.group(1).lower(), m.end())
            pos = -1 if end < 0 else lower.find(">", end) + 1
        if pos <= 0:
            break
    return " ".join(out)


def strip_tags(html: str) -> str:
    r"""Text of markup too broken to parse: scripts and comments dropped, block tags as line
    breaks, entities decoded.

    >>> strip_tags("<div><p>Un &amp; deux</p><script>x()</script><p>trois</p></div>")
    'Un & deux\ntrois'
    """
    import html as html_lib

    text = _ANY_TAG.sub(" ", _BLOCK_TAG.sub("\n", _drop_invisible(html)))
    lines = (" ".join(line.split()) for line in html_lib.unescape(text).split("\n"))
    return "\n".join(line for line in lines if line)


# ...and the page has at least this many words of visible text.
_MIN_PAGE_WORDS = 50
_NOSCRIPT = re.compile(r"<(/?)noscript\b", re.I)
# trafilatura's own fallbacks (readability, jusText) cost about a third of its time on a pruned
# page and rarely change its choice: the fast pass runs first, and the fallbacks only when the
# fast pass kept less than this share of the page's words (on WCXB dev about one page in 13;
# running them on every page gains 0.001 word F1 there, skipping them always loses 0.01), or
# kept all of them (one page in 50; scrapinghub word F1 +0.003).
_FALLBACK_SHARE = 0.15


def _trafilatura(html: str, url: str | None, *, fast: bool) -> str:
    import trafilatura

    options: dict[str, Any] = {
        "url": url,
        "output_format": "txt",
        "include_comments": False,
        "include_tables": True,
        "with_metadata": False,
        "deduplicate": False,
        "fast": fast,
    }
    try:
        text = trafilatura.extract(html, **options)
    except (ValueError, RecursionError, MemoryError):
        return ""
    return text or ""


_TABLE_RULE = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+\s*$")
_CELL_SEP = re.compile(r"(?<!\\)\|")


def _line(line: str) -> str:
    """A line of trafilatura's text output; a table row ``| a | b |`` becomes ``a<TAB>b``."""
    line = line.strip()
    if line.startswith("|") and line.endswith("|") and len(line) > 1:
        if _TABLE_RULE.match(line):
            return ""
        cells = (" ".join(c.split()) for c in _CELL_SEP.split(line[1:-1]))
        return "\t".join(c.replace("\\|", "|") for c in cells if c)
    return " ".join(line.split())


def _paragraphs(text: str) -> str:
    r"""One paragraph per line, a blank line between paragraphs.

    >>> _paragraphs("First  para\n| Name | Age |\n|---|---|\n| Bob \\| x | 42 |\n- item")
    'First para\n\nName\tAge\n\nBob | x\t42\n\n- item'
    """
    lines = (_line(line) for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)


# Beyond this many characters compared (visible lines x extracted text), a visible line is
# looked for only near where the previous long line was found (both texts are in page order),
# so the audit stays linear on huge pages.
_FULL_SEARCH_BUDGET = 50_000_000
_ALIGN_WINDOW = 20_000
_ANCHOR_CHARS = 40


def _left_out(visible: str, extracted: str) -> list[Removal]:
    r"""Lines of the page's visible text found nowhere in the extracted text (compared with
    spaces squashed, so a line the extractor merged into a paragraph counts as kept).

    >>> [(r.rule, r.text) for r in _left_out("Menu\n\nA first  paragraph.\n\nFooter", "A first paragraph.")]
    [('html_extractor', 'Menu'), ('html_extractor', 'Footer')]
    """
    lines = [squashed for line in visible.split("\n") if (squashed := " ".join(line.split()))]
    return _left_out_lines(lines, extracted)


def _left_out_lines(lines: list[str], extracted: str) -> list[Removal]:
    """``_left_out`` of visible lines already squashed, none empty (see ``_visible_lines``)."""
    kept = " ".join(extracted.split())
    full = len(lines) * len(kept) <= _FULL_SEARCH_BUDGET
    out: list[Removal] = []
    pos = 0
    # Repeated lines (share buttons, "Reply", menus) are looked for once in a full search.
    known: dict[str, int] = {}
    for line in lines:
        if full:
            found = known.get(line, -2)
            if found == -2:
                found = known[line] = kept.find(line)
        else:
            found = kept.find(line, pos, pos + _ALIGN_WINDOW + len(line))
            if found >= 0 and len(line) >= _ANCHOR_CHARS:
                pos = found + len(line)
        if found < 0:
            out.append(Removal("html_extractor", line, "outside the main content", 0))
    return out


# A visible line trafilatura left out between two of the paragraphs it kept is put back when it
# reads as a paragraph of the article: _RESCUE_WORDS words or more, a sentence's end, a stopword
# share of good text (see rules.classify), not a truncated teaser, not a caption. trafilatura
# takes one container for the article and misses the paragraphs a page splits into others (ads
# or widgets between them); on WCXB dev this gains 0.012 word F1 and leaks no more boilerplate.
# After the last kept paragraph, prose is as often a teaser, a comment or an author's bio: there
# only a run of _RESCUE_RUN such paragraphs right after it (a line of at most _RESCUE_GAP_WORDS
# words, like "Advertisement", between two of them) continues the article. That run gains 0.004
# scrapinghub word F1 (two pages, none worse) and leaves WCXB unchanged; any prose after the last
# kept paragraph, or runs of two, cost precision on both. The same run right before the first
# kept paragraph is the article's beginning, in a container of its own (two WCXB pages gain
# 0.06 each, none worse; runs of two also take in a dek or a promotion before the article).
_RESCUE_WORDS = 15
_RESCUE_STOPWORDS = 0.3
_RESCUE_RUN = 3
_RESCUE_GAP_WORDS = 3
_CAPTIONS = "figure, figcaption, [class*=caption], [class*=Caption]"
# The fast pass sometimes takes one section of an article for all of it (its first <div> of
# several). When it kept under _FALLBACK_PROSE_SHARE of the words of the page's prose lines (at
# least _MIN_PROSE_WORDS of them; see _kept_prose_share), trafilatura's fallbacks are asked;
# their text replaces the fast pass's when it is longer and holds at least _FALLBACK_HOLDS of
# its paragraphs (it extends the article, not swaps it for a cookie notice). On WCXB dev the
# fallbacks run on 110 more pages and 10 read their text: 6 gain 2.2 word F1 in all, 4 lose
# 0.33 (HTML word F1 +0.0013, about 1.5 ms a page more); scrapinghub and the seeds are
# unchanged. Shares of 0.4 to 0.75 change the same pages.
_FALLBACK_PROSE_SHARE = 0.5
_MIN_PROSE_WORDS = 150
_FALLBACK_HOLDS = 0.5


def _kept_prose_share(lines: list[str], text: str, minimum: int = _MIN_PROSE_WORDS) -> float | None:
    r"""Share of the words of the page's prose lines (of ``_RESCUE_WORDS`` words or more, ending
    a sentence) found in ``text``; None when the page has under ``minimum`` such words
    (words are counted between spaces: a Chinese or Japanese page has none) or is too big to
    compare in full (see ``_FULL_SEARCH_BUDGET``).

    >>> para = "In ward {} the river rose in the night and the town woke up to find it in street {}."
    >>> lines = [para.format(k, k) for k in range(12)]
    >>> _kept_prose_share(lines, lines[0] + "\n\n" + lines[1] + "\n\n" + lines[2])
    0.25
    >>> _kept_prose_share(lines[:2], lines[0]) is None
    True
    """
    kept = " ".join(text.split())
    if len(lines) * len(kept) > _FULL_SEARCH_BUDGET:
        return None
    total = inside = 0
    for line in lines:
        if len(line) < _ANCHOR_CHARS or line.endswith(("...", "…")) or not ends_sentence(line):
            continue
        n = line.count(" ") + 1  # lines are squashed: one space between words
        if n < _RESCUE_WORDS:
            continue
        total += n
        if line in kept:
            inside += n
    return inside / total if total and total >= minimum else None


def _holds_the_prose(lines: list[str], text: str) -> bool:
    """Whether ``text`` holds more than ``_PROSE_HELD`` of the words of the page's prose lines,
    however few they are."""
    share = _kept_prose_share(lines, text, minimum=1)
    return share is not None and share > _PROSE_HELD


def _holds(text: str, part: str, share: float) -> bool:
    r"""Whether ``text`` holds at least ``share`` of the long paragraphs of ``part``, spaces
    squashed (False on pages too big to compare in full).

    >>> para = "The river rose in the night and the town woke up to find it in the streets."
    >>> _holds(f"A title\n\n{para}", f"{para}\n\nA paragraph the text does not hold at all.", 0.5)
    True
    >>> _holds("Something else entirely.", para, 0.5)
    False
    """
    paras = [" ".join(p.split()) for p in part.split("\n\n") if len(p) >= _ANCHOR_CHARS]
    squashed = " ".join(text.split())
    if len(paras) * len(squashed) > _FULL_SEARCH_BUDGET:
        return False
    return sum(p in squashed for p in paras) >= share * len(paras)


def _prose_run(lines: Iterable[str], prose: Callable[[str], bool]) -> list[str]:
    """The ``prose`` lines at the start of ``lines``, a line of at most ``_RESCUE_GAP_WORDS``
    words allowed between two of them.

    >>> _prose_run(["A long one.", "Ad", "Another.", "Menu item", "More"], lambda s: "." in s)
    ['A long one.', 'Another.']
    """
    run: list[str] = []
    gap = False
    for line in lines:
        if prose(line):
            run.append(line)
            gap = False
        elif not gap and len(line.split()) <= _RESCUE_GAP_WORDS:
            gap = True
        else:
            break
    return run


def _rescue_paragraphs(lines: list[str], text: str, tree: HTMLParser) -> tuple[str, int]:
    r"""``text`` with the prose paragraphs among the page's visible ``lines`` that lie between
    two paragraphs of ``text`` but are missing from it, or that follow its last paragraph or
    precede its first in a run of at least ``_RESCUE_RUN``, each in its place; and how many
    were put back.

    >>> first = "The river rose in the night and the town woke up to find it in the streets."
    >>> missed = "It was then that we all saw the water rise over the old bridge in the town."
    >>> last = "By the evening the water had gone down and the people were back in their homes."
    >>> lines = ["Menu", first, "Advertisement", missed, last, "More stories like this one."]
    >>> text, n = _rescue_paragraphs(lines, f"{first}\n\n{last}", HTMLParser("<p>x</p>"))
    >>> n, text.split("\n\n") == [first, missed, last]
    (1, True)
    """
    paras = text.split("\n\n")
    squashed = [" ".join(p.split()) for p in paras]
    kept = " ".join(squashed)
    if len(lines) * len(kept) > _FULL_SEARCH_BUDGET:
        return text, 0
    starts = list(accumulate((len(p) + 1 for p in squashed[:-1]), initial=0))
    # Each long line found in order in the kept text anchors to the paragraph that holds it.
    anchor = [-1] * len(lines)
    pos = 0
    for k, line in enumerate(lines):
        if len(line) >= _ANCHOR_CHARS:
            found = kept.find(line, pos, pos + _ALIGN_WINDOW + len(line))
            if found >= 0:
                anchor[k] = bisect_right(starts, found) - 1
                pos = found + len(line)
    anchored = [k for k, a in enumerate(anchor) if a >= 0]
    if len(anchored) < 2:
        return text, 0

    def missed_paragraph(line: str) -> bool:
        return (
            len(line) >= _ANCHOR_CHARS
            and not line.endswith(("...", "…"))
            and ends_sentence(line)
            # Not in the kept text in another form (a heading glued to its paragraph).
            and line[:_ANCHOR_CHARS] not in kept
            and line[-_ANCHOR_CHARS:] not in kept
        )

    candidates: list[tuple[int, str]] = []  # (paragraph it follows, line)
    previous = anchor[anchored[0]]
    for k in range(anchored[0], anchored[-1] + 1):
        if anchor[k] >= 0:
            previous = anchor[k]
        elif missed_paragraph(lines[k]):
            candidates.append((previous, lines[k]))
    run = _prose_run(islice(lines, anchored[-1] + 1, None), missed_paragraph)
    if len(run) >= _RESCUE_RUN:
        candidates.extend((len(paras) - 1, line) for line in run)
    lead = _prose_run(reversed(lines[: anchored[0]]), missed_paragraph)
    if len(lead) >= _RESCUE_RUN:
        candidates.extend((-1, line) for line in reversed(lead))
    if not candidates:
        return text, 0
    _, stops = guess_stoplist(words(fold(kept))[:STOPLIST_SAMPLE], None)
    captions = {" ".join(n.text(deep=True, separator=" ").split()) for n in tree.css(_CAPTIONS)}
    inserts: dict[int, list[str]] = {}
    for after, line in candidates:
        tokens = words(fold(line))
        if (
            len(tokens) >= _RESCUE_WORDS
            and stop_share(tokens, stops) >= _RESCUE_STOPWORDS
            and line not in captions
        ):
            inserts.setdefault(after, []).append(line)
    if not inserts:
        return text, 0
    out: list[str] = list(inserts.get(-1, ()))
    for k, para in enumerate(paras):
        out.append(para)
        out.extend(inserts.get(k, ()))
    return "\n\n".join(out), sum(map(len, inserts.values()))


def _word_count(tree: HTMLParser) -> int:
    """Words of the page's visible text (counted on its text nodes, without building lines)."""
    root = tree.body or tree.root
    return _count_words(root.text(deep=True, separator=" ")) if root is not None else 0


def _repaired(metadata: Metadata) -> Metadata:
    """``metadata`` with the mojibake in its title, author and site name repaired."""
    fields = {
        name: repair_encoding(value)[0]
        for name in ("title", "author", "source")
        if (value := getattr(metadata, name))
    }
    return dataclasses.replace(metadata, **fields)


def extract(html: str, *, config: Config, url: str | None = None) -> Extracted:
    """Main text of an HTML page for the text pipeline, its metadata, and the steps taken."""
    steps: list[str] = []
    if config.extractor == "fast" and html.count("<") <= FAST_UNCHECKED_TAGS:
        from .html_fast import extract_fast

        return extract_fast(html, config=config, url=url)
    depth = nesting_depth(html)
    if depth > MAX_DEPTH:
        # HTML parsers slow down faster than linearly on pathological nesting (100,000 levels
        # take lexbor half a minute): such a page's text is taken by stripping its tags.
        steps.append(f"cap:html_depth={MAX_DEPTH} (nesting {depth}; tags stripped, no extraction)")
        return Extracted(strip_tags(html), Metadata(), tuple(steps))
    if config.extractor == "fast":
        from .html_fast import extract_fast

        return extract_fast(html, config=config, url=url)
    tree = HTMLParser(html)
    elements = len(tree.css("*"))
    if elements > MAX_ELEMENTS:
        # The extractor's cost grows with the elements; past the cap the visible text is used.
        steps.append(f"cap:html_elements={MAX_ELEMENTS} ({elements} elements; visible text)")
        prune(tree)
        return Extracted(
            visible_text(tree), read_html_metadata(tree, url=url, html=html), tuple(steps)
        )
    metadata = read_html_metadata(tree, url=url, html=html)
    dropped: list[Removal] = []
    counts = prune(tree, dropped)
    page_words = _word_count(tree)
    if (
        page_words < _MIN_PAGE_WORDS
        and _NOSCRIPT.search(html)
        and _count_words(_trafilatura(tree.html or "", url, fast=True)) < _MIN_PAGE_WORDS
    ):
        # A page rendered by scripts (a Flarum forum) may show next to nothing without them
        # and hold its whole text in <noscript>, which pruning deletes: when the extractor finds
        # nothing either, the <noscript> elements are read as content. (On Discourse pages the
        # extractor already finds the posts, in the page's preloaded data.)
        tree2 = HTMLParser(_NOSCRIPT.sub(r"<\1div", html))
        dropped2: list[Removal] = []
        counts2 = prune(tree2, dropped2)
        words2 = _word_count(tree2)
        if words2 >= _MIN_PAGE_WORDS:
            steps.append(
                f"noscript: the page shows {page_words} words without scripts and "
                f"{words2} in its <noscript> elements, read as content"
            )
            tree, dropped, counts, page_words = tree2, dropped2, counts2, words2
    if counts:
        steps.append("prune:" + ",".join(f"{k}={v}" for k, v in sorted(counts.items())))
    pruned = tree.html or ""
    if config.fix_encoding:
        # Mojibake in the page's text is repaired before extraction, which drops the C1 control
        # characters by which ftfy recognises much of it; on the pruned page, which is small.
        repaired, fixed = repair_markup(pruned)
        if fixed:
            steps.extend(f"{step} (page)" for step in fixed)
            pruned, tree = repaired, HTMLParser(repaired)
            metadata = _repaired(metadata)
            page_words = _word_count(tree)
    text = _paragraphs(_trafilatura(pruned, url, fast=True))
    extracted_words = _count_words(text)
    lines = _visible_lines(tree)
    if extracted_words < _FALLBACK_SHARE * page_words or (
        # Every word of the page kept: the fast pass found no main content to take.
        page_words >= _MIN_PAGE_WORDS and extracted_words >= page_words
    ):
        steps.append(
            f"extract:trafilatura_fallbacks (fast pass kept {extracted_words} of {page_words} words)"
        )
        text = _paragraphs(_trafilatura(pruned, url, fast=False))
        extracted_words = _count_words(text)
    elif (
        text
        and (share := _kept_prose_share(lines, text)) is not None
        and share < _FALLBACK_PROSE_SHARE
    ):
        full = _paragraphs(_trafilatura(pruned, url, fast=False))
        full_words = _count_words(full)
        taken = full_words > extracted_words and _holds(full, text, _FALLBACK_HOLDS)
        steps.append(
            f"extract:trafilatura_fallbacks (fast pass kept {share:.0%} of the page's prose; "
            f"their {full_words} words {'taken' if taken else 'not taken'})"
        )
        if taken:
            text, extracted_words = full, full_words
    kept_little = page_words >= _MIN_PAGE_WORDS and extracted_words < _MIN_SHARE * page_words
    if not text:
        steps.append("extract:fallback=visible_text (extractor found nothing)")
        text = "\n\n".join(lines)
    elif kept_little and not _holds_the_prose(lines, text):
        steps.append(
            f"extract:fallback=visible_text (extractor kept {extracted_words} of {page_words} words)"
        )
        text = "\n\n".join(lines)
    else:
        extra = ""
        if kept_little:
            extra = ", but most of the page's prose: the rest is not taken as missed"
        elif extracted_words > page_words + _MIN_PAGE_WORDS:
            # As on Discourse pages, whose posts are also in a data attribute the page's
            # scripts read: the extractor's parser can take text no element shows.
            extra = ", more than the page shows: text from outside its visible elements"
        steps.append(f"extract:trafilatura (kept {extracted_words} of {page_words} words{extra})")
        text, rescued = _rescue_paragraphs(lines, text, tree)
        if rescued:
            steps.append(
                f"extract:rescued {rescued} paragraph(s) of prose trafilatura left out between, "
                "right before or right after paragraphs it kept"
            )
        dropped.extend(_left_out_lines(lines, text))
        return Extracted(text, metadata, tuple(steps), heuristics=False, dropped=tuple(dropped))
    return Extracted(text, metadata, tuple(steps), dropped=tuple(dropped))
