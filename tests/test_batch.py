"""``Cleaner.clean_many``: input order, an outcome per document, the same results as ``clean``,
and a bounded window over the input."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import pytest

from cleaner import Cleaner, InputError
from cleaner.batch import BATCH, IN_FLIGHT
from cleaner.io import Document

CLEANER = Cleaner()

PAGES: list[str | bytes] = [
    "Accueil > Monde\n\nLe ministre est arrivé mardi à Rabat pour une visite officielle.\n",
    "Read more: other story\n\nThe minister arrived in Rabat on Tuesday for an official visit.\n",
    "<html><body><nav>Home | News</nav><article><p>The council voted on Monday to extend the "
    "library's opening hours, after a year of requests from students and workers.</p></article>"
    "</body></html>",
    "Caf\xe9 cr\xe8me, la recette du jour expliqu\xe9e pas \xe0 pas.".encode("cp1252"),
    "Partager sur Facebook\n\nLes deux pays entendent renforcer leurs échanges dans l'énergie.\n",
]


@pytest.mark.parametrize("workers", [1, 2])
def test_same_results_as_clean_in_input_order(workers: int) -> None:
    docs = PAGES * 3
    outcomes = list(CLEANER.clean_many(docs, workers=workers))
    assert [o.doc for o in outcomes] == docs
    assert all(o.ok and o.error is None for o in outcomes)
    assert [o.result.to_dict() for o in outcomes if o.result] == [
        CLEANER.clean(d).to_dict() for d in docs
    ]


@pytest.mark.parametrize("workers", [1, 2])
def test_bad_documents_become_errors_in_their_place(workers: int) -> None:
    docs: list[object] = [
        PAGES[0],
        b"\x00\x01binary\x00" * 50,
        {"text": 123},
        42,
        {"text": PAGES[1], "url": "https://example.org/a"},
        "x" * (CLEANER.config.max_bytes + 1),
        PAGES[4],
    ]
    outcomes = list(CLEANER.clean_many(docs, workers=workers))
    assert [o.doc is d for o, d in zip(outcomes, docs, strict=True)] == [True] * len(docs)
    assert [o.ok for o in outcomes] == [True, False, False, False, True, False, True]
    assert "binary" in str(outcomes[1].error)
    assert "'text' field of str or bytes, got int" in str(outcomes[2].error)
    assert "got int" in str(outcomes[3].error)
    assert "larger than max_bytes" in str(outcomes[5].error)
    assert all(isinstance(o.error, InputError) for o in outcomes if not o.ok)
    assert outcomes[4].result == CLEANER.clean(PAGES[1], url="https://example.org/a")
    assert outcomes[6].result == CLEANER.clean(PAGES[4])


def test_reader_documents_are_read_in_the_worker_and_keep_their_hint(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_text(str(PAGES[0]))
    docs = [
        Document("a", None, str(page), path=str(page)),
        Document("b", None, "missing", path=str(tmp_path / "missing.txt")),
        Document("c", str(PAGES[2]), "c", kind="text"),
        Document("d", 123, "d.jsonl:4"),  # type: ignore[arg-type]  # a reader's bad record
        Document("e", None, "e"),
    ]
    outcomes = list(CLEANER.clean_many(docs, workers=2))
    assert "expected str or bytes, got int" in str(outcomes[3].error)
    assert "e: a Document needs data or a path" in str(outcomes[4].error)
    assert outcomes[0].result == CLEANER.clean(page.read_bytes())
    assert outcomes[0].bytes_in == page.stat().st_size
    assert "cannot read: No such file or directory" in str(outcomes[1].error)
    assert outcomes[2].result == CLEANER.clean(str(PAGES[2]), kind="text")  # the reader's hint


@pytest.mark.parametrize("workers", [1, 2])
def test_the_input_is_pulled_only_as_results_are_taken(workers: int) -> None:
    pulled = 0

    def endless() -> Iterator[str | bytes]:
        nonlocal pulled
        while True:
            pulled += 1
            yield PAGES[pulled % len(PAGES)]

    stream = CLEANER.clean_many(endless(), workers=workers)
    first = list(islice(stream, 3))
    stream.close()
    assert len(first) == 3 and all(o.ok for o in first)
    window = 1 if workers == 1 else workers * IN_FLIGHT + BATCH
    assert 3 <= pulled <= 3 + window


def test_the_commands_path_assembled_by_hand(tmp_path: Path) -> None:
    """The ``clean`` command only assembles the library's one path: the sources of
    ``cleaner.io.inputs``, routed by ``cleaner.io.sink``, cleaned by ``clean_many`` and written
    by the sink give the command's output, byte for byte (a compressed HTML page and a cp1252
    text among the inputs)."""
    import gzip

    from cleaner.cli import main
    from cleaner.io import NotADocument
    from cleaner.io.inputs import Source, SourceOptions, sources
    from cleaner.io.sink import Sink

    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(str(PAGES[0]), encoding="utf-8")
    (src / "sub" / "b.html.gz").write_bytes(gzip.compress(str(PAGES[2]).encode()))
    (src / "sub" / "c.txt").write_bytes(bytes(PAGES[3]))

    class Events:
        def __init__(self) -> None:
            self.failed: list[str] = []

        def fail(self, name: str, reason: str) -> None:
            self.failed.append(name)

        def not_document(self, item: NotADocument) -> None:
            raise AssertionError(item)

        def up_to_date(self) -> None:
            raise AssertionError("nothing is up to date")

    events = Events()
    options = SourceOptions(max_bytes=CLEANER.config.max_bytes)
    found = [s for s in sources([str(src)], options) if isinstance(s, Source)]
    sink = Sink("file", str(tmp_path / "hand.jsonl"), "jsonl", CLEANER.config, events=events)
    sink.open()
    jobs = list(sink.route(found, options))
    for job, outcome in zip(jobs, CLEANER.clean_many(j.doc for j in jobs), strict=True):
        assert outcome.result is not None, outcome.error
        sink.write(job, outcome.result)
    sink.commit()
    assert events.failed == [] and len(jobs) == 3

    assert main([str(src), "-o", str(tmp_path / "command.jsonl"), "-q"]) == 0
    hand = (tmp_path / "hand.jsonl").read_bytes()
    assert hand == (tmp_path / "command.jsonl").read_bytes()
    assert b"The council voted on Monday" in hand
