"""The fast HTML extractor (``Config(extractor="fast")``): no trafilatura, one parse, one walk.

The page is parsed once with selectolax (lexbor). What is never content goes first, in C:
scripts, styles, forms and the like by tag, then what the page's own markup calls furniture
(``<nav>``, ``<aside>``, ``<footer>``, hidden elements, and the class and id words of
``html_prune.prune``: cookie boxes, share bars, comments, related links), each audited as
``html_prune``. The main region is the deepest element holding most of the words of the page's
prose paragraphs; one walk over the tree writes one line per block-level element, counts each
line's link text, and notes whether the line lies in the region. A line outside it is audited as
``html_extractor`` (what the default mode's extractor leaves out goes under that name too); a
short line that is mostly links (a menu, a list of related articles) as ``link_list``. Every
other line goes to the text rules, with the zone heuristics only when no region was found.
"""

from __future__ import annotations

from itertools import islice

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode

from .html import _MIN_PAGE_WORDS, _NOSCRIPT, Extracted
from .html_prune import _MAX_CANDIDATES, _PROTECTED_TAGS, _furniture_kind, _text_len
from .html_prune import _MAX_DEPTH_WALK as _MAX_DEPTH
from .html_text import _BLOCK_TAGS, _MAX_TRAVERSAL_NODES
from .htmlmeta import read_html_metadata
from .types import Config, Removal

__all__ = ["extract_fast"]

_NEVER_TEXT = [
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "map",
    "select",
    "textarea",
    "button",
    "input",
    "dialog",
    "link",
    "meta",
    "head",
]
# Landmarks the page names as not the article, and hidden elements.
_FURNITURE_TAGS = "nav, aside, footer, form"
_HIDDEN = '[hidden], [aria-hidden="true"], [style*="display:none" i], [style*="display: none" i]'
# Class and id substrings of furniture; a candidate is kept only when a whole token names it.
_FURNITURE_ATTRS = ", ".join(
    f'[{attr}*="{word}" i]'
    for word in (
        "cookie",
        "consent",
        "shar",
        "social",
        "newsletter",
        "comment",
        "related",
        "breadcrumb",
        "sr-only",
        "hidden",
    )
    for attr in ("class", "id")
)
# A landmark or furniture element holding more than this share of the page's words is kept,
# unless it is of one of _LARGE_KINDS and the page holds _REGION_MIN_PROSE words of prose
# paragraphs outside it: a long comment thread under an article is still not the article.
_MAX_SHARE = 0.3
_LARGE_KINDS = frozenset({"comments", "related", "aside", "footer", "nav", "share", "newsletter"})
# A line whose link characters are more than this share of its characters, and that has fewer
# than _LINK_LINE_WORDS words, is a link list's item, or a link on its own ("Read more: ..."):
# dropped before the text rules. Leaving a single one to the rules (which would name it
# read_more or ui_string) measured WCXB dev +0.001 and scrapinghub -0.002 word F1.
_LINK_SHARE = 0.6
_LINK_LINE_WORDS = 25


def _is_linked(line: str, chars: int, links: int) -> bool:
    """Whether a line is mostly link text and short: an item of a menu or a link list."""
    return links > _LINK_SHARE * chars and line.count(" ") + 1 < _LINK_LINE_WORDS


def _prose_words(node: LexborNode) -> int:
    """Words of the prose paragraphs (``<p>`` of ``_PROSE_WORDS`` words or more) in ``node``."""
    return sum(n for p in node.css("p") if (n := _text_len(p)) >= _PROSE_WORDS)


def _prune(tree: HTMLParser, dropped: list[Removal]) -> dict[str, int]:
    """Delete the page's furniture in place; each deleted element's text goes in ``dropped``."""
    counts: dict[str, int] = {}
    tree.strip_tags(_NEVER_TEXT)
    body = tree.body
    if body is None:
        return counts
    total = max(_text_len(body), 1)
    prose = -1  # words of the page's prose paragraphs, counted when first needed
    doomed: list[tuple[LexborNode, str]] = []
    for node in body.css(_HIDDEN)[:_MAX_CANDIDATES]:
        doomed.append((node, "hidden"))
    for node in body.css(_FURNITURE_TAGS)[:_MAX_CANDIDATES]:
        doomed.append((node, node.tag or "furniture"))
    for node in body.css(_FURNITURE_ATTRS)[:_MAX_CANDIDATES]:
        kind = _furniture_kind(node)
        if kind:
            doomed.append((node, kind))
    accepted: list[tuple[LexborNode, str, str]] = []
    seen: set[int] = set()  # an element can match several selectors: judged once, first kind
    for node, kind in doomed:
        if node.mem_id in seen or node.tag in _PROTECTED_TAGS:
            continue
        seen.add(node.mem_id)
        text = " ".join(node.text(deep=True, separator=" ").split())
        if text.count(" ") + 1 > _MAX_SHARE * total:
            if kind not in _LARGE_KINDS:
                continue
            if prose < 0:
                prose = _prose_words(body)
            if prose - _prose_words(node) < _REGION_MIN_PROSE:
                continue
        accepted.append((node, kind, text))
    chosen = {node.mem_id for node, _, _ in accepted}
    removed: list[LexborNode] = []
    for node, kind, text in accepted:
        parent = node.parent
        for _ in range(_MAX_DEPTH):
            if parent is None or parent.mem_id in chosen:
                break
            parent = parent.parent
        if parent is not None:
            continue  # inside another element being deleted
        if text:
            dropped.append(Removal("html_prune", text, f"{kind}: <{node.tag}> element", 0))
        removed.append(node)
        counts[kind] = counts.get(kind, 0) + 1
    # After every decision: the words counted above are those of the whole page.
    for node in removed:
        node.decompose()
    return counts


# Paragraphs of at least this many words are prose; the main region is the deepest element that
# holds at least _REGION_SHARE of the prose words, on a page with at least _REGION_MIN_PROSE.
_PROSE_WORDS = 12
_REGION_SHARE = 0.8
_REGION_MIN_PROSE = 60


def _region(body: LexborNode) -> LexborNode | None:
    """The deepest element holding at least ``_REGION_SHARE`` of the words of the page's prose
    paragraphs (``<p>`` of ``_PROSE_WORDS`` words or more); None on a page with little prose,
    or when that element is the body (nothing to cut)."""
    held: dict[int, int] = {}
    nodes: dict[int, tuple[LexborNode, int]] = {}
    total = 0
    for p in body.css("p")[:_MAX_CANDIDATES]:
        n = len(p.text(deep=True, separator=" ").split())
        if n < _PROSE_WORDS:
            continue
        total += n
        chain: list[LexborNode] = []
        node = p.parent
        while node is not None and len(chain) < _MAX_DEPTH:
            chain.append(node)
            node = node.parent
        for depth, ancestor in enumerate(reversed(chain)):
            key = ancestor.mem_id
            held[key] = held.get(key, 0) + n
            if key not in nodes:
                nodes[key] = (ancestor, depth)
    if total < _REGION_MIN_PROSE:
        return None
    best: tuple[int, int] | None = None  # (depth, mem_id)
    for key, n in held.items():
        if n >= _REGION_SHARE * total:
            depth = nodes[key][1]
            if best is None or depth > best[0]:
                best = (depth, key)
    if best is None:
        return None
    region = nodes[best[1]][0]
    return None if region.tag in ("body", "html") else region


def _after(node: LexborNode) -> int | None:
    """``mem_id`` of the first node after ``node``'s subtree in document order."""
    current: LexborNode | None = node
    while current is not None:
        following = current.next
        if following is not None:
            return following.mem_id
        current = current.parent
    return None


def _lines(tree: HTMLParser) -> list[tuple[str, int, int, bool]]:
    """The visible lines of the page, spaces squashed, with each line's characters and link
    characters (text inside ``<a>``), and whether it lies in the page's main region (all lines
    do when there is none)."""
    root = tree.body or tree.root
    if root is None:
        return []
    region = _region(root)
    start = region.mem_id if region is not None else None
    stop = _after(region) if region is not None else None
    inside = region is None
    out: list[tuple[str, int, int, bool]] = []
    parts: list[str] = []
    chars = links = 0
    in_link = 0  # characters of the current link's text still to come
    for node in islice(root.traverse(include_text=True), _MAX_TRAVERSAL_NODES + 1):
        tag = node.tag
        if start is not None:
            mem_id = node.mem_id
            if mem_id in (start, stop):
                if parts:
                    line = " ".join("".join(parts).split())
                    if line:
                        out.append((line, chars, links, inside))
                    parts = []
                chars = links = 0
                inside = mem_id == start
        if tag == "-text":
            text = node.text_content or ""
            parts.append(text)
            n = len(text)
            chars += n
            if in_link:
                taken = min(n, in_link)
                links += taken
                in_link -= taken
        elif tag in _BLOCK_TAGS:
            if parts:
                line = " ".join("".join(parts).split())
                if line:
                    out.append((line, chars, links, inside))
                parts = []
            chars = links = in_link = 0
        elif tag == "a":
            parts.append(" ")
            in_link = len(node.text(deep=True, separator=""))
    if parts:
        line = " ".join("".join(parts).split())
        if line:
            out.append((line, chars, links, inside))
    return out


def extract_fast(html: str, *, config: Config, url: str | None = None) -> Extracted:
    """Main text of an HTML page without trafilatura: see the module's docstring."""
    del config
    tree = HTMLParser(html)
    metadata = read_html_metadata(tree, url=url, html=None)
    steps = ["extract:fast"]
    dropped: list[Removal] = []
    counts = _prune(tree, dropped)
    lines = _lines(tree)
    words = sum(line.count(" ") + 1 for line, *_ in lines)
    if words < _MIN_PAGE_WORDS and _NOSCRIPT.search(html):
        # A page rendered by scripts (Discourse, Flarum) shows next to nothing without them
        # and holds its whole text in <noscript>, which pruning deletes: read it as content.
        tree2 = HTMLParser(_NOSCRIPT.sub(r"<\1div", html))
        dropped2: list[Removal] = []
        counts2 = _prune(tree2, dropped2)
        lines2 = _lines(tree2)
        words2 = sum(line.count(" ") + 1 for line, *_ in lines2)
        if words2 >= _MIN_PAGE_WORDS:
            steps.append(
                f"noscript: the page shows {words} words without scripts and "
                f"{words2} in its <noscript> elements, read as content"
            )
            dropped, counts, lines = dropped2, counts2, lines2
    if counts:
        steps.append("prune:" + ",".join(f"{k}={v}" for k, v in sorted(counts.items())))
    kept: list[str] = []
    found = not all(inside for *_, inside in lines)
    for line, chars, links, inside in lines:
        if not inside:
            dropped.append(Removal("html_extractor", line, "outside the main content", 0))
        elif _is_linked(line, chars, links):
            evidence = f"{links / chars:.0%} of its characters are links"
            dropped.append(Removal("link_list", line, evidence, 0))
        else:
            kept.append(line)
    return Extracted(
        "\n\n".join(kept), metadata, tuple(steps), heuristics=not found, dropped=tuple(dropped)
    )
