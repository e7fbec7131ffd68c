"""Metadata from an HTML page's markup: title, date, author, site name, canonical URL, language.

Structured sources come first (Open Graph and other meta tags, JSON-LD, ``<time datetime>``,
``<link rel=canonical>``, ``<html lang>``), then the visible markup (``<h1>``, ``<title>``, author
links), then htmldate for the date. Everything here reads the parsed tree before pruning.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .dates import parse_date
from .metadata import Metadata
from .phrases import fold, load

__all__ = ["clean_author", "read_html_metadata"]

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
_LANG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")
_SPACES = re.compile(r"\s+")
_MAX_JSONLD_CHARS = 500_000


def _squash(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip()


def _meta_index(tree: LexborHTMLParser) -> dict[str, str]:
    """First ``content`` of every ``<meta>`` by lower-cased name/property/itemprop."""
    found: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        content = attrs.get("content")
        if not content or not content.strip():
            continue
        for key in ("property", "name", "itemprop", "http-equiv"):
            name = attrs.get(key)
            if name:
                found.setdefault(name.strip().lower(), content.strip())
    return found


def _first(meta: dict[str, str], *names: str) -> str | None:
    for name in names:
        value = meta.get(name)
        if value:
            return value
    return None


# ----------------------------------------------------------------------------------- JSON-LD

_ARTICLE_TYPES = frozenset(
    [
        "article",
        "newsarticle",
        "blogposting",
        "reportage",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "liveblogposting",
        "scholarlyarticle",
        "techarticle",
        "webpage",
        "itempage",
        "socialmediaposting",
        "discussionforumposting",
        "report",
    ]
)


def _json_objects(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every JSON object in a JSON-LD document (``@graph`` and lists flattened)."""
    if depth > 6:
        return
    if isinstance(value, list):
        for item in value:
            yield from _json_objects(item, depth + 1)
    elif isinstance(value, dict):
        yield value
        graph = value.get("@graph")
        if graph is not None:
            yield from _json_objects(graph, depth + 1)


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return {t.lower()}
    if isinstance(t, list):
        return {x.lower() for x in t if isinstance(x, str)}
    return set()


def _name_of(value: Any) -> list[str]:
    """Names in a schema.org person/organization field (a string, an object, or a list)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        return [n for item in value[:10] for n in _name_of(item)]
    return []


def _jsonld(tree: LexborHTMLParser) -> dict[str, str]:
    """headline, datePublished, dateModified, author, publisher from the page's JSON-LD, the
    article-like object first."""
    objects: list[dict[str, Any]] = []
    for node in tree.css('script[type="application/ld+json"]'):
        raw = node.text(deep=True)
        if not raw or len(raw) > _MAX_JSONLD_CHARS:
            continue
        try:
            data = json.loads(raw.strip().rstrip(";"))
        except (ValueError, RecursionError):
            continue
        objects.extend(_json_objects(data))
    objects.sort(key=lambda o: not (_types(o) & _ARTICLE_TYPES))
    out: dict[str, str] = {}
    for obj in objects:
        for key in ("headline", "datePublished", "dateCreated", "dateModified"):
            value = obj.get(key)
            if isinstance(value, str) and value.strip() and key not in out:
                out[key] = value.strip()
        if "author" not in out:
            names = [n.strip() for n in _name_of(obj.get("author")) if n.strip()]
            if names:
                out["author"] = "\x00".join(dict.fromkeys(names))
        if "publisher" not in out:
            pub = _name_of(obj.get("publisher"))
            if pub and pub[0].strip():
                out["publisher"] = pub[0].strip()
        if "website" not in out and "website" in _types(obj):
            name = obj.get("name")
            if isinstance(name, str) and name.strip():
                out["website"] = name.strip()
    return out


# ------------------------------------------------------------------------------------- fields


def iso_date(value: str | None) -> str | None:
    """A date from a machine-readable attribute or a page's text, as ISO 8601.

    >>> iso_date("2024-05-12T10:00:00+02:00"), iso_date("12 mai 2024"), iso_date("soon")
    ('2024-05-12', '2024-05-12', None)
    """
    if not value:
        return None
    m = _ISO_DATE.match(value)
    if m:
        y, mo, d = (int(x) for x in m.groups())
        if 1900 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return parse_date(value[:200])


_AUTHOR_STOP = re.compile(r"[|\d•·@]|\s[-–—]\s|https?:|\b(?:on|le|am|el|il)\s*$")


def clean_author(raw: str | None) -> str | None:
    """An author name without the byline word before it or the date line after it.

    >>> clean_author("Par Jeanne Dupont Publié le 12 mai 2024")
    'Jeanne Dupont'
    >>> clean_author("By Sarah Whitfield, Senior Reporter")
    'Sarah Whitfield'
    >>> clean_author("Jeanne Dupont et Marc Lévy")
    'Jeanne Dupont et Marc Lévy'
    >>> clean_author("Jeanne Dupont, envoyée spéciale à Rabat")
    'Jeanne Dupont'
    >>> clean_author("https://www.facebook.com/someone") is None
    True
    """
    text = _squash(raw)
    if not text or text.startswith(("http://", "https://", "/")) or len(text) > 300:
        return None
    key = fold(text)
    hit = load("byline").prefix(key)
    if hit:
        # The folded key and the text have the same words: drop as many words as the hit had.
        text = " ".join(text.split(" ")[len(key[: hit.end].split()) :]).lstrip(" :,-–—")
    dateline = load("dateline")
    words = text.split(" ")
    kept: list[str] = []
    for i, word in enumerate(words):
        rest = fold(" ".join(words[i:]))
        if kept and dateline.prefix(rest):
            break
        if _AUTHOR_STOP.search(word) and kept:
            break
        if word.endswith((",", ";")):
            kept.append(word.rstrip(",;"))
            break
        kept.append(word)
    name = " ".join(kept).strip(" ,;:|-–—.")
    if not name or len(name.split()) > 12 or not any(c.isalpha() for c in name):
        return None
    if "@" in name or name.lower().startswith("http"):
        return None
    return name


def _lang(value: str | None) -> str | None:
    if not value:
        return None
    m = _LANG.match(value.strip())
    if not m:
        return None
    code = m.group(1).lower()
    return code if code not in ("und", "zxx", "mul", "xx") else None


def _strip_site(title: str, site: str | None) -> str:
    """``"Headline | Site"`` → ``"Headline"`` when the site name is known."""
    if not site:
        return title
    for sep in (" | ", " - ", " – ", " — ", " :: ", " · ", " » "):
        head, found, tail = title.rpartition(sep)
        if found and head and fold(tail) == fold(site):
            return head.strip()
        tail2, found, head2 = title.partition(sep)
        if found and head2 and fold(tail2) == fold(site):
            return head2.strip()
    return title


def _text(node: LexborNode | None) -> str:
    return _squash(node.text(deep=True, separator=" ")) if node is not None else ""


def read_html_metadata(
    tree: LexborHTMLParser, *, url: str | None = None, html: str | None = None
) -> Metadata:
    """Metadata from the (unpruned) tree; ``html`` is the source, used by htmldate if needed."""
    meta = _meta_index(tree)
    ld = _jsonld(tree)

    site = _squash(
        _first(meta, "og:site_name", "application-name", "al:android:app_name")
        or ld.get("publisher")
        or ld.get("website")
    )

    title = _squash(_first(meta, "og:title", "twitter:title") or ld.get("headline"))
    if not title:
        h1s = tree.css("h1")
        h1 = _text(h1s[0]) if h1s else ""
        title = h1 if 0 < len(h1) < 300 else ""
    if not title:
        title = _text(tree.css_first("title"))
    title = _strip_site(title, site) if title else ""

    date = None
    for candidate in (
        ld.get("datePublished"),
        ld.get("dateCreated"),
        _first(
            meta,
            "article:published_time",
            "og:published_time",
            "datepublished",
            "publish-date",
            "publishdate",
            "pubdate",
            "date",
            "dc.date",
            "dc.date.issued",
            "dcterms.created",
            "sailthru.date",
            "parsely-pub-date",
        ),
    ):
        date = iso_date(candidate)
        if date:
            break
    if not date:
        for node in tree.css("time[datetime]"):
            date = iso_date(node.attributes.get("datetime"))
            if date:
                break
    if not date and html is not None:
        date = _htmldate(html, url)

    names = (clean_author(n) for n in ld.get("author", "").split("\x00"))
    author = ", ".join(dict.fromkeys(n for n in names if n)) or None
    if not author:
        author = clean_author(
            _first(
                meta, "author", "article:author", "parsely-author", "sailthru.author", "dc.creator"
            )
        )
    if not author:
        for node in tree.css('[rel="author"], [itemprop="author"]')[:3]:
            author = clean_author(_text(node))
            if author:
                break

    canonical = None
    for node in tree.css('link[rel="canonical"]'):
        href = (node.attributes.get("href") or "").strip()
        if href:
            canonical = href
            break
    canonical = canonical or _first(meta, "og:url")
    if canonical:
        canonical = urljoin(url, canonical) if url else canonical
        if not urlsplit(canonical).scheme:
            canonical = None

    html_node = tree.css_first("html")
    lang = _lang(html_node.attributes.get("lang") if html_node is not None else None)
    lang = lang or _lang(_first(meta, "content-language", "og:locale", "language"))

    return Metadata(
        title=title or None,
        date=date,
        author=author,
        source=site or None,
        url=canonical or url,
        lang=lang,
    )


def _htmldate(html: str, url: str | None) -> str | None:
    try:
        from htmldate import find_date

        found = find_date(html, url=url, original_date=True, extensive_search=False)
    except Exception:  # htmldate is a best-effort last resort; no input should break cleaning
        return None
    return found if isinstance(found, str) else None
