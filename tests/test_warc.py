"""WARC input: a small crawl file written here the way Common Crawl writes them (one gzip member
per record, requests beside responses, a warcinfo record first), read through the ``clean``
command and through ``cleaner.io.read_warc``."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.cli import main
from cleaner.io import Document, NotADocument, ReadError, read_warc

CLEANER = Cleaner()

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


def test_warc_gives_one_record_per_html_200_response(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    w = crawl()
    src = tmp_path / "CC-MAIN-test.warc.gz"
    src.write_bytes(truncated(w.gz()))
    out = tmp_path / "out.jsonl"
    rc = main([str(src), "-o", str(out)])
    err = capsys.readouterr().err
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["metadata"]["url"] for r in records] == [
        "https://example.org/rabat",
        "https://example.org/creme",
    ]
    # The same clean text as HTML mode on the same page, decoded as the HTTP header says.
    assert records[0]["text"] == CLEANER.clean(PAGE_UTF8, kind="html").text
    assert records[1]["text"] == CLEANER.clean(PAGE_CP1252, kind="html").text
    assert "Crème brûlée" in records[1]["text"] and "très apprécié" in records[1]["text"]
    assert records[0]["id"] == "<urn:uuid:00000000-0000-4000-8000-000000000003>"
    meta = records[1]["metadata"]
    assert meta["warc_record_id"] == records[1]["id"]
    assert meta["warc_date"] == "2026-11-02T10:00:05Z"
    assert meta["http_charset"] == "windows-1252"
    assert records[0]["metadata"]["http_charset"] is None
    # The truncated last record is reported with its offset; the run says it failed.
    last = w.offsets()[-1]
    assert f"{src}@{last}: truncated WARC record" in err
    assert rc == 1
    assert "2 documents, 1 failed" in err
    assert "records not pages skipped" in err and "1 image/png" in err and "1 status 404" in err


@pytest.mark.parametrize("compression", ["gzip-per-record", "plain", "bz2"])
def test_read_warc_skips_what_is_not_a_page(compression: str) -> None:
    w = crawl()
    data, name = {
        "gzip-per-record": (w.gz(), "a.warc.gz"),
        "plain": (w.plain(), "a.warc"),
        "bz2": (bz2.compress(w.plain()), "a.warc.bz2"),
    }[compression]
    items = list(read_warc(io.BytesIO(data), name, max_bytes=1 << 20))
    docs = [i for i in items if isinstance(i, Document)]
    skipped = sorted(i.what for i in items if isinstance(i, NotADocument))
    assert [d.url for d in docs] == [
        "https://example.org/rabat",
        "https://example.org/creme",
        "https://example.org/last",
    ]
    assert skipped == ["image/png", "request", "request", "status 301", "status 404", "warcinfo"]
    assert not [i for i in items if isinstance(i, ReadError)]
    assert docs[1].data == PAGE_CP1252  # decoded with the header's charset
    assert docs[0].data == PAGE_UTF8.encode()  # no charset in the header: the cleaner decodes


def test_warc_record_over_max_bytes_is_refused_and_the_file_goes_on() -> None:
    w = Warc()
    w.response("https://example.org/big", "200 OK", "text/html", b"<p>" + b"x" * 5000 + b"</p>")
    w.response("https://example.org/rabat", "200 OK", "text/html", PAGE_UTF8.encode())
    items = list(read_warc(io.BytesIO(w.gz()), "big.warc.gz", max_bytes=4000))
    assert isinstance(items[0], ReadError)
    assert items[0].name == "big.warc.gz@0" and "larger than max_bytes=4,000" in items[0].reason
    assert isinstance(items[1], Document) and items[1].url == "https://example.org/rabat"


def test_warc_through_clean_many_and_mirrored_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder holding a WARC: mirrored as one JSONL file named after it, with -j 2 giving the
    same bytes as -j 1."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "crawl.warc.gz").write_bytes(crawl().gz())
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        assert main([str(tmp_path / "in"), "-o", str(out), "-j", jobs, "-q"]) == 0
        outs.append((out / "crawl.jsonl").read_bytes())
    assert outs[0] == outs[1]
    assert len(outs[0].splitlines()) == 3
    assert capsys.readouterr().err == ""


def test_warc_on_standard_input(tmp_path: Path) -> None:
    """A pipe cannot seek: the crawl is still read as it streams by, as from a file."""
    out = tmp_path / "out.jsonl"
    done = subprocess.run(
        [sys.executable, "-m", "cleaner", "-", "--in", "warc", "-o", str(out)],
        input=truncated(crawl().gz()),
        capture_output=True,
        timeout=600,  # a deadline for a hang, not for speed
    )
    assert done.returncode == 1, done.stderr  # the truncated record
    assert f"-@{crawl().offsets()[-1]}: truncated WARC record" in done.stderr.decode()
    urls = [json.loads(x)["metadata"]["url"] for x in out.read_text().splitlines()]
    assert urls == ["https://example.org/rabat", "https://example.org/creme"]


def test_not_a_warc_is_one_error_not_a_crash() -> None:
    items = list(
        read_warc(io.BytesIO(b"this is not a WARC file\n" * 100), "x.warc", max_bytes=1000)
    )
    assert len(items) == 1 and isinstance(items[0], ReadError)
    assert items[0].name == "x.warc@0" and "corrupt WARC record" in items[0].reason


def test_payload_stored_with_its_content_encoding() -> None:
    """A crawler that stores what the server sent (gzip or deflate Content-Encoding): unpacked
    within max_bytes; a bomb in the HTTP payload is refused and the next record is read."""
    w = Warc()
    w.response(
        "https://example.org/gz", "200 OK", "text/html", gzip.compress(PAGE_UTF8.encode()), "gzip"
    )
    w.response(
        "https://example.org/bomb", "200 OK", "text/html", gzip.compress(bytes(200_000)), "gzip"
    )
    w.response("https://example.org/br", "200 OK", "text/html", b"\x0b\x02\x80", "br")
    w.response("https://example.org/rabat", "200 OK", "text/html", PAGE_UTF8.encode())
    items = list(read_warc(io.BytesIO(w.gz()), "enc.warc.gz", max_bytes=100_000))
    assert isinstance(items[0], Document) and items[0].data == PAGE_UTF8.encode()
    assert isinstance(items[1], ReadError)
    assert "larger than max_bytes=100,000 once decompressed" in items[1].reason
    assert (
        isinstance(items[2], ReadError)
        and "Content-Encoding br is not supported" in items[2].reason
    )
    assert isinstance(items[3], Document) and items[3].url == "https://example.org/rabat"
