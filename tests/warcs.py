"""WARC files written the way Common Crawl writes them (one gzip member per record, requests
beside responses, a warcinfo record first), for the tests of WARC input."""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field

PAGE_UTF8 = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Visite officielle à Rabat</title></head>
<body>
<nav><ul><li><a href="/">Accueil</a></li><li><a href="/monde">Monde</a></li></ul></nav>
<article>
<h1>Visite officielle à Rabat</h1>
<p>Le ministre est arrivé mardi à Rabat pour une visite officielle de deux jours, au cours de
laquelle il doit rencontrer son homologue marocain et signer plusieurs accords de coopération.</p>
<p>Les deux pays entendent renforcer leurs échanges dans les domaines de l'énergie, de
l'éducation et de la sécurité, a précisé le ministère dans un communiqué publié lundi soir.</p>
<p>Lire aussi | Un autre sujet sans rapport</p>
</article>
<footer>© 2024 Le Journal. Tous droits réservés.</footer>
</body></html>
"""

# No <meta charset>: only the HTTP header says windows-1252.
PAGE_CP1252 = """<!doctype html>
<html><head><title>Crème brûlée à la française</title></head>
<body><article>
<h1>Crème brûlée à la française</h1>
<p>La crème brûlée est un dessert composé d'une crème à base de jaunes d'œufs et de sucre,
recouverte au dernier moment d'une fine couche de sucre caramélisé ; c'est très apprécié.</p>
<p>On la prépare la veille, on la laisse reposer au frais, et l'on ne caramélise le sucre qu'au
moment de servir, à l'aide d'un chalumeau ou sous le gril du four préchauffé.</p>
</article></body></html>
"""


@dataclass
class Warc:
    """WARC records, each compressed as its own gzip member like Common Crawl's files; the
    offsets of the members are kept to check the ones reported."""

    members: list[bytes] = field(default_factory=list)
    n: int = 0  # record ids are numbered from here

    def add(self, wtype: str, block: bytes, uri: str | None = None, ctype: str = "") -> None:
        self.n += 1
        headers = [
            "WARC/1.1",
            f"WARC-Type: {wtype}",
            f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{self.n:012d}>",
            f"WARC-Date: 2026-11-02T10:00:{self.n:02d}Z",
        ]
        if uri:
            headers.append(f"WARC-Target-URI: {uri}")
        headers += [f"Content-Type: {ctype}", f"Content-Length: {len(block)}"]
        raw = "\r\n".join(headers).encode() + b"\r\n\r\n" + block + b"\r\n\r\n"
        self.members.append(raw)

    def response(
        self, uri: str, status: str, ctype: str, body: bytes, encoding: str | None = None
    ) -> None:
        extra = f"Content-Encoding: {encoding}\r\n" if encoding else ""
        http = (
            f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n{extra}"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode() + body
        self.add("response", http, uri, "application/http; msgtype=response")

    def request(self, uri: str) -> None:
        block = f"GET {uri} HTTP/1.1\r\nHost: example.org\r\n\r\n".encode()
        self.add("request", block, uri, "application/http; msgtype=request")

    def offsets(self, gz: bool = True) -> list[int]:
        out, pos = [], 0
        for m in self.members:
            out.append(pos)
            pos += len(gzip.compress(m, mtime=0) if gz else m)
        return out

    def gz(self) -> bytes:
        return b"".join(gzip.compress(m, mtime=0) for m in self.members)

    def plain(self) -> bytes:
        return b"".join(self.members)


def crawl(first_id: int = 0) -> Warc:
    w = Warc(n=first_id)
    w.add("warcinfo", b"software: tests\r\nformat: WARC File Format 1.1\r\n", None,
          "application/warc-fields")  # fmt: skip
    w.request("https://example.org/rabat")
    w.response("https://example.org/rabat", "200 OK", "text/html", PAGE_UTF8.encode())
    w.request("https://example.org/creme")
    w.response(
        "https://example.org/creme",
        "200 OK",
        "text/html; charset=windows-1252",
        PAGE_CP1252.encode("cp1252"),
    )
    w.response(
        "https://example.org/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)
    )
    w.response("https://example.org/missing", "404 Not Found", "text/html", b"<p>Not found</p>")
    w.response("https://example.org/old", "301 Moved Permanently", "text/html", b"")
    w.response("https://example.org/last", "200 OK", "text/html", PAGE_UTF8.encode() * 3)
    return w


def truncated(data: bytes) -> bytes:
    """The file cut in the middle of its last record, as a crawler killed while writing."""
    return data[:-200]
