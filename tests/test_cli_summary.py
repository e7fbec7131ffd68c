"""The summary line of ``clean``: the share removed is of the text, and bytes replaced while
decoding are counted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cleaner import clean
from cleaner.cli import main

SENTENCE = (
    "Le ministre est arrivé mardi à Rabat pour une visite officielle de deux jours, au cours de "
    "laquelle il doit rencontrer son homologue marocain et signer plusieurs accords."
)
HTML = (
    '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Visite</title>'
    "<style>body { font-family: serif; margin: 0 auto; max-width: 40em; }</style></head><body>"
    '<nav><ul><li><a href="/">Accueil</a></li><li><a href="/monde">Monde</a></li></ul></nav>'
    + "".join(f'<div class="c"><div class="d"><p>{SENTENCE}</p></div></div>' for _ in range(3))
    + "<footer>© 2024 Le Journal. Tous droits réservés.</footer></body></html>"
)


def summary(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    rc = main(argv)
    err = capsys.readouterr().err
    assert rc == 0, err
    return err.strip().splitlines()[-1]


def test_the_share_removed_of_an_html_page_counts_text_not_markup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.html").write_text(HTML, encoding="utf-8")
    line = summary([str(tmp_path / "in"), "-o", str(tmp_path / "out")], capsys)
    m = re.search(r"([\d.]+)% of the text removed", line)
    assert m, line
    r = clean(HTML, kind="html")
    removed = sum(len(x.text) for x in r.removed)
    expected = removed / (removed + len(r.text))
    assert float(m.group(1)) == pytest.approx(100 * expected, abs=0.06)
    # Most of the page is markup; most of its text is the article.
    assert float(m.group(1)) < 50 < 100 * (1 - len(r.text) / len(HTML))


def test_bytes_replaced_while_decoding_are_counted_in_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    page = (SENTENCE + "\n\n" + SENTENCE.replace("mardi", "mercredi")).encode()
    (src / "a.txt").write_bytes(page.replace(b"Rabat", b"Ra\xffbat", 1))
    (src / "b.txt").write_bytes(page.replace(b"visite", b"vis\xfe\xffite", 1))
    (src / "c.txt").write_bytes(page)
    line = summary([str(src), "-o", str(tmp_path / "out")], capsys)
    assert "3 documents, 0 failed, 3 invalid bytes replaced in 2 documents" in line
    assert "Ra\ufffdbat" in (tmp_path / "out" / "a.txt").read_text("utf-8")
