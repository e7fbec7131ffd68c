"""HTML input: tell HTML from text, and turn a page into text with one block per line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from .metadata import Metadata
from .types import Config

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
    text: str
    metadata: Metadata = field(default_factory=Metadata)
    steps: tuple[str, ...] = ()


# Elements whose text is never page content.
_INVISIBLE = "script, style, noscript, template, svg, iframe, object, head"
_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article header footer nav aside "
    "blockquote pre figure figcaption dd dt dl form main hr address title option".split()
)


def visible_text(html: str) -> str:
    """The page's visible text, one line per block-level element."""
    tree = HTMLParser(html)
    for node in tree.css(_INVISIBLE):
        node.decompose()
    root = tree.body or tree.root
    if root is None:
        return ""
    parts: list[str] = []
    for node in root.traverse(include_text=True):
        tag = node.tag
        if tag == "-text":
            parts.append(node.text_content or "")
        elif tag in _BLOCK_TAGS:
            parts.append("\n")
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def extract(html: str, *, config: Config, url: str | None = None) -> Extracted:
    """Text of an HTML page for the text pipeline (visible text until main-content extraction)."""
    return Extracted(visible_text(html), Metadata(), ("extract:visible_text",))
