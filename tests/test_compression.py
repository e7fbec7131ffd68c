"""Compressed inputs and outputs, by file name, and decompression bounded like any input."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
import zstandard

from cleaner import Cleaner
from cleaner.cli import main
from cleaner.io import Document, ReadError, read_jsonl

CLEANER = Cleaner()

COMPRESS: dict[str, Callable[[bytes], bytes]] = {
    ".gz": gzip.compress,
    ".bz2": bz2.compress,
    ".xz": lzma.compress,
    ".zst": lambda b: zstandard.ZstdCompressor().compress(b),
}
DECOMPRESS: dict[str, Callable[[bytes], bytes]] = {
    ".gz": gzip.decompress,
    ".bz2": bz2.decompress,
    ".xz": lzma.decompress,
    ".zst": lambda b: zstandard.ZstdDecompressor().decompressobj().decompress(b),
}

TEXTS = [
    "Accueil > Monde\n\nLe ministre est arrivé mardi à Rabat pour une visite officielle.\n",
    "Read more: other story\n\nThe minister arrived in Rabat on Tuesday for an official visit.\n",
    "Partager sur Facebook\n\nLes deux pays entendent renforcer leurs échanges dans l'énergie.\n",
]
JSONL = "".join(json.dumps({"id": f"d{i}", "text": t, "lang_hint": "x"}) + "\n" for i, t in enumerate(TEXTS)).encode()  # fmt: skip


@pytest.mark.parametrize("ext", list(COMPRESS))
def test_compressed_jsonl_in_and_out(
    tmp_path: Path, ext: str, capsys: pytest.CaptureFixture[str]
) -> None:
    plain_in = tmp_path / "dump.jsonl"
    plain_in.write_bytes(JSONL)
    packed_in = tmp_path / f"dump.jsonl{ext}"
    packed_in.write_bytes(COMPRESS[ext](JSONL))
    before = packed_in.read_bytes()
    assert main([str(plain_in), "--in", "jsonl", "-o", str(tmp_path / "plain.jsonl"), "-q"]) == 0
    out = tmp_path / f"clean.jsonl{ext}"
    assert main([str(packed_in), "--in", "jsonl", "-o", str(out), "-q"]) == 0
    assert capsys.readouterr().err == ""
    expected = [json.loads(x) for x in (tmp_path / "plain.jsonl").read_text().splitlines()]
    got = [json.loads(x) for x in DECOMPRESS[ext](out.read_bytes()).decode().splitlines()]
    for r in expected + got:
        r.pop("added")
        r["metadata"].pop("path")
    assert got == expected
    assert [r["text"] for r in got] == [CLEANER.clean(t).text for t in TEXTS]
    assert packed_in.read_bytes() == before  # inputs are never modified


def test_compressed_page_is_cleaned_like_the_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt.gz").write_bytes(gzip.compress(TEXTS[0].encode()))
    (tmp_path / "in" / "b.txt.zst").write_bytes(COMPRESS[".zst"](TEXTS[1].encode()))
    assert main([str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"]) == 0
    assert (tmp_path / "out" / "a.txt").read_text() == CLEANER.clean(TEXTS[0]).text + "\n"
    assert (tmp_path / "out" / "b.txt").read_text() == CLEANER.clean(TEXTS[1]).text + "\n"


def bomb(size: int) -> bytes:
    """``size`` bytes of zeros, gzip-compressed (wbits 31) to about a thousandth of that,
    without ever holding them in memory."""
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = bytes(1 << 20)
    out = [z.compress(chunk) for _ in range(size >> 20)]
    return b"".join([*out, z.flush()])


def test_gzip_bomb_is_refused_and_the_run_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """80 MB of zeros in 80 kB of gzip: past max_bytes (64 MiB) once unpacked, refused with a
    message saying so, and the other input of the run is still cleaned."""
    (tmp_path / "in").mkdir()
    packed = bomb(80 << 20)
    assert len(packed) < 200_000
    (tmp_path / "in" / "bomb.html.gz").write_bytes(packed)
    (tmp_path / "in" / "ok.txt").write_text(TEXTS[0])
    rc = main([str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert rc == 1
    assert "bomb.html.gz: larger than max_bytes=67,108,864 once decompressed" in err
    assert (tmp_path / "out" / "ok.txt").read_text() == CLEANER.clean(TEXTS[0]).text + "\n"
    assert not (tmp_path / "out" / "bomb.txt").exists()


def test_bomb_line_in_compressed_jsonl_is_skipped_and_the_file_goes_on() -> None:
    lines = [
        json.dumps({"id": "a", "text": TEXTS[0]}).encode() + b"\n",
        b'{"id": "bomb", "text": "' + b" " * 200_000 + b'"}\n',
        json.dumps({"id": "c", "text": TEXTS[2]}).encode() + b"\n",
    ]
    packed = io.BytesIO(gzip.compress(b"".join(lines)))
    items = list(read_jsonl(packed, "d.jsonl.gz", max_bytes=10_000))
    assert [i.id for i in items if isinstance(i, Document)] == ["a", "c"]
    errors = [i for i in items if isinstance(i, ReadError)]
    assert len(errors) == 1 and errors[0].name == "d.jsonl.gz:2"
    assert "larger than max_bytes=10,000 once decompressed" in errors[0].reason


def test_truncated_gzip_keeps_the_records_before_the_cut(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = "".join(
        json.dumps({"id": f"d{i}", "text": TEXTS[i % 3] + f"\nNuméro {i}.\n"}) + "\n"
        for i in range(200)
    ).encode()
    packed = gzip.compress(big)
    src = tmp_path / "cut.jsonl.gz"
    src.write_bytes(packed[: len(packed) * 2 // 3])
    out = tmp_path / "out.jsonl"
    rc = main([str(src), "--in", "jsonl", "-o", str(out)])
    err = capsys.readouterr().err
    assert rc == 1
    assert f"{src}:" in err and "cannot read further (corrupt or truncated)" in err
    ids = [json.loads(x)["id"] for x in out.read_text().splitlines()]
    assert 0 < len(ids) < 200 and ids == [f"d{i}" for i in range(len(ids))]


def test_resume_of_a_compressed_output_cut_short(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--skip-existing keeps the records of a previous .jsonl.gz up to where it was cut, and
    cleans the others again, instead of stopping on the damaged file."""
    src = tmp_path / "d.jsonl"
    src.write_bytes(JSONL)
    out = tmp_path / "o.jsonl.gz"
    args = [str(src), "--in", "jsonl", "-o", str(out), "-q"]
    assert main(args) == 0
    complete = gzip.decompress(out.read_bytes())
    out.write_bytes(gzip.compress(complete)[:-30])  # cut inside the last record
    assert main([*args[:-1], "--skip-existing"]) == 0
    err = capsys.readouterr().err
    assert "skipped (up to date)" in err and "0 failed" in err  # some kept, the rest redone
    assert gzip.decompress(out.read_bytes()) == complete


def test_compressed_pages_in_a_mirrored_tree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``a/b.html.gz`` is mirrored as ``a/b.txt``, like ``a/b.html``; when siblings share a stem
    (``c.html.gz`` beside ``c.html``) each keeps its whole name, so neither output overwrites the
    other; two inputs that would still write one output (named on the command line from two
    folders) are reported, and the first one's output is kept."""
    src = tmp_path / "in"
    (src / "a").mkdir(parents=True)
    (src / "a" / "b.html.gz").write_bytes(gzip.compress(TEXTS[0].encode()))
    (src / "c.html.gz").write_bytes(gzip.compress(TEXTS[1].encode()))
    (src / "c.html").write_text(TEXTS[2], encoding="utf-8")
    (src / "d.txt.zst").write_bytes(COMPRESS[".zst"](TEXTS[2].encode()))
    out = tmp_path / "out"
    assert main([str(src), "-o", str(out), "-q"]) == 0
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == ["a/b.txt", "c.html.gz.txt", "c.html.txt", "d.txt"]
    for name, text in [("a/b.txt", 0), ("c.html.gz.txt", 1), ("c.html.txt", 2), ("d.txt", 2)]:
        assert (out / name).read_text("utf-8") == CLEANER.clean(TEXTS[text]).text + "\n", name

    other = tmp_path / "other"
    other.mkdir()
    (other / "b.html").write_text(TEXTS[1], encoding="utf-8")
    capsys.readouterr()
    both = tmp_path / "both"
    assert main([str(src / "a" / "b.html.gz"), str(other / "b.html"), "-o", str(both)]) == 1
    err = capsys.readouterr().err
    assert f"{other / 'b.html'}: output {both / 'b.txt'} is already written by" in err
    assert (both / "b.txt").read_text("utf-8") == CLEANER.clean(TEXTS[0]).text + "\n"
