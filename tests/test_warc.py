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
from pathlib import Path

import pytest
from warcs import PAGE_CP1252, PAGE_UTF8, Warc, crawl, truncated

from cleaner import Cleaner
from cleaner.cli import main
from cleaner.io import Document, NotADocument, ReadError, read_warc

CLEANER = Cleaner()


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
    assert "crème brûlée" in records[1]["text"] and "très apprécié" in records[1]["text"]
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
    w.response("https://example.org/z", "200 OK", "text/html", b"\x1f\x9d\x90", "compress")
    w.response("https://example.org/rabat", "200 OK", "text/html", PAGE_UTF8.encode())
    items = list(read_warc(io.BytesIO(w.gz()), "enc.warc.gz", max_bytes=100_000))
    assert isinstance(items[0], Document) and items[0].data == PAGE_UTF8.encode()
    assert isinstance(items[1], ReadError)
    assert "larger than max_bytes=100,000 once decompressed" in items[1].reason
    assert (
        isinstance(items[2], ReadError)
        and "Content-Encoding compress is not supported" in items[2].reason
    )
    assert isinstance(items[3], Document) and items[3].url == "https://example.org/rabat"


def test_payload_stored_with_brotli_content_encoding() -> None:
    """``Content-Encoding: br``, as most servers send it today: unpacked within max_bytes like
    gzip; a brotli bomb, a damaged and a cut-short payload are refused with the reason, and the
    records after them are read."""
    import brotli

    page = PAGE_UTF8.encode()
    packed = brotli.compress(page)
    w = Warc()
    w.response("https://example.org/br", "200 OK", "text/html", packed, "br")
    w.response("https://example.org/bomb", "200 OK", "text/html", brotli.compress(bytes(10**7)), "br")  # fmt: skip
    w.response("https://example.org/bad", "200 OK", "text/html", b"not brotli at all", "br")
    w.response("https://example.org/cut", "200 OK", "text/html", packed[: len(packed) // 2], "br")
    w.response("https://example.org/rabat", "200 OK", "text/html", page)
    items = list(read_warc(io.BytesIO(w.gz()), "br.warc.gz", max_bytes=100_000))
    assert isinstance(items[0], Document) and items[0].data == page
    assert isinstance(items[1], ReadError)
    assert "larger than max_bytes=100,000 once decompressed" in items[1].reason
    assert isinstance(items[2], ReadError) and "does not decompress" in items[2].reason
    assert isinstance(items[3], ReadError) and "cut short" in items[3].reason
    assert isinstance(items[4], Document) and items[4].url == "https://example.org/rabat"
    assert Cleaner().clean(items[0].data, kind="html").text == (
        Cleaner().clean(page, kind="html").text
    )
