"""HTML input: tell HTML from text, and turn a page into text with one paragraph per line.

``extract`` parses the page once with selectolax (lexbor), reads its metadata, prunes what is
never content (scripts, navigation, hidden elements, cookie boxes, share bars, comment sections),
hands the pruned page to trafilatura for the main content, and falls back to the page's visible
text when trafilatura finds nothing or far less than the page holds. Boilerplate phrases that
survive ("Lire aussi", share prompts, credits) are left to the text rules, so every removal is in
the audit trail. The pruning is in ``html_prune``, the visible text in ``html_text``, the lines
trafilatura left out (and the paragraphs put back) in ``html_audit``; ``html_fast`` is the
extractor without trafilatura (``Config(extractor="fast")``).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from .html_audit import (
    _FALLBACK_HOLDS,
    _FALLBACK_PROSE_SHARE,
    _holds,
    _kept_prose_share,
    _left_out_lines,
    _rescue_paragraphs,
)
from .html_prune import prune
from .html_text import (
    _count_words,
    _visible_lines,
    _word_count,
    nesting_depth,
    strip_tags,
    visible_text,
)
from .htmlmeta import read_html_metadata
from .metadata import Metadata
from .normalize import repair_encoding, repair_markup
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


# ------------------------------------------------------------------------------ extraction

# Fall back to the visible text when the extractor kept less than this share of its words...
_MIN_SHARE = 0.1
# ...unless what it kept holds more than this share of the words of the page's prose lines: then
# it did not miss the prose, and the rest of the page is lists, menus and cards. On WCXB dev 45
# pages fall back; this keeps the extraction of 9 of them (a job board's intro, an article's
# two paragraphs beside a long list of links): 7 gain 1.59 word F1 in all, 2 lose 0.2.
_PROSE_HELD = 0.5

# ...and the page has at least this many words of visible text.
_MIN_PAGE_WORDS = 50
_NOSCRIPT = re.compile(r"<(/?)noscript\b", re.I)
# trafilatura's own fallbacks (readability, jusText) cost about a third of its time on a pruned
# page and rarely change its choice: the fast pass runs first, and the fallbacks only when the
# fast pass kept less than this share of the page's words (on WCXB dev about one page in 13;
# running them on every page gains 0.001 word F1 there, skipping them always loses 0.01), or
# kept all of them (one page in 50; scrapinghub word F1 +0.003).
_FALLBACK_SHARE = 0.15

# Bounds on the work per page: real pages nest a few dozen levels and hold a few thousand
# elements; these caps only ever meet hostile or broken markup.
MAX_DEPTH = 1_000
MAX_ELEMENTS = 60_000
# A page with at most this many "<" cannot nest deeper than that, and lexbor parses 20,000
# levels in about 0.2 s (its time grows with the square of the depth: 60,000 take 3 s); the fast
# extractor walks the tree without recursion and bounds its walks up the tree, so it skips the
# depth scan on such a page (about 0.5 ms a page, 5% of its time).
FAST_UNCHECKED_TAGS = 20_000


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


def _holds_the_prose(lines: list[str], text: str) -> bool:
    """Whether ``text`` holds more than ``_PROSE_HELD`` of the words of the page's prose lines,
    however few they are."""
    share = _kept_prose_share(lines, text, minimum=1)
    return share is not None and share > _PROSE_HELD


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
    # The fast pass on the pruned page as the <noscript> check ran it: reused below when the
    # page it extracts from is still the same.
    probe: tuple[str, str] | None = None
    if page_words < _MIN_PAGE_WORDS and _NOSCRIPT.search(html):
        probe_html = tree.html or ""
        probe = (probe_html, _trafilatura(probe_html, url, fast=True))
    if probe is not None and _count_words(probe[1]) < _MIN_PAGE_WORDS:
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
    if probe is not None and probe[0] == pruned:
        text = _paragraphs(probe[1])
    else:
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
