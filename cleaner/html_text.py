"""The text of a parsed page: its visible lines, its words, and the text of markup too
broken (or too deeply nested) to parse.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Iterator
from itertools import accumulate, islice

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from .html_prune import _MAX_CANDIDATES, _NEVER_TEXT, _remove

__all__ = ["nesting_depth", "strip_tags", "visible_text"]

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


def _word_count(tree: HTMLParser) -> int:
    """Words of the page's visible text (counted on its text nodes, without building lines)."""
    root = tree.body or tree.root
    return _count_words(root.text(deep=True, separator=" ")) if root is not None else 0


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
