"""The ``clean`` command: in-process calls of ``main()`` on temporary trees, plus a few real
subprocess runs (``python -m cleaner``)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from warcs import PAGE_UTF8

from cleaner import RULE_NAMES, Cleaner
from cleaner.cli import main
from cleaner.io import TEMP_SUFFIX

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
CLEANER = Cleaner()

HTML_PAGE = PAGE_UTF8  # the same French page the WARC tests use (tests/warcs.py)

TEXT_PAGE = (
    "Accueil > Monde\n\n"
    "Le ministre est arrivé mardi à Rabat pour une visite officielle de deux jours.\n\n"
    "Il doit rencontrer son homologue et signer plusieurs accords de coopération régionale.\n"
)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    rc = main(argv)
    out, err = capsys.readouterr()
    return rc, out, err


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under ``root`` (links not followed) with a hash of its bytes."""
    found: dict[str, str] = {}
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            path = Path(dirpath, name)
            if path.is_symlink():
                found[str(path.relative_to(root))] = "link:" + os.readlink(path)
            else:
                found[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def outputs(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.endswith(TEMP_SUFFIX)
    }


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A mixed input tree: seeds, HTML and text in nested folders, and the awkward cases."""
    root = tmp_path / "in"
    (root / "sub" / "deeper").mkdir(parents=True)
    for seed in sorted(SEEDS.iterdir()):
        shutil.copyfile(seed, root / seed.name)
    (root / "sub" / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    (root / "sub" / "deeper" / "note.txt").write_text(TEXT_PAGE, encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.dat").write_bytes(bytes(range(256)) * 8)
    (root / "latin1.txt").write_bytes(
        TEXT_PAGE.replace("Accueil > Monde\n\n", "").encode("latin-1")
    )
    os.symlink("loop", root / "loop")  # a symlink to itself
    os.symlink("nowhere", root / "broken")
    os.symlink("..", root / "sub" / "up")  # a directory loop inside the tree
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(TEXT_PAGE, encoding="utf-8")
    os.symlink(outside, root / "outside")
    return root


CLEANED = {
    *(f"{p.stem}.txt" for p in SEEDS.iterdir()),
    "sub/page.txt",
    "sub/deeper/note.txt",
    "empty.txt",
    "latin1.txt",
}


# ------------------------------------------------------------------------------ directory runs


def test_directory_run_mirrors_the_tree_and_reports_each_failure(
    tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    rc, stdout, err = run([str(tree), "-o", str(out)], capsys)
    assert rc == 1  # some inputs failed, all others written
    assert set(outputs(out)) == CLEANED
    cleaner = CLEANER
    for seed in SEEDS.iterdir():
        expected = cleaner.clean(seed.read_bytes()).text
        assert (out / f"{seed.stem}.txt").read_text("utf-8") == expected + "\n"
    assert (out / "empty.txt").read_bytes() == b""  # an empty file cleans to an empty output
    assert "homologue" in (out / "latin1.txt").read_text("utf-8")
    assert "arrivé" in (out / "latin1.txt").read_text("utf-8")
    page = (out / "sub" / "page.txt").read_text("utf-8")
    assert "Le ministre est arrivé" in page and "Lire aussi" not in page
    lines = err.splitlines()
    assert f"{tree / 'binary.dat'}: binary data (contains NUL bytes); " in err
    assert f"{tree / 'broken'}: broken symbolic link (to nowhere)" in lines
    assert f"{tree / 'loop'}: symbolic link loop" in lines
    assert any(line.startswith(f"{tree / 'outside'}: not followed") for line in lines)
    summary = lines[-1]
    assert summary.startswith("clean: 9 documents, 3 failed")
    assert "removed" in summary and "docs/s" in summary and f"output in {out}" in summary
    assert stdout == ""


def test_inputs_are_never_modified(
    tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tree_digest(tree)
    mtimes = {p: p.lstat().st_mtime_ns for p in tree.rglob("*")}
    run([str(tree), "-o", str(tmp_path / "out"), "--explain"], capsys)
    run([str(tree), "-o", str(tmp_path / "out.jsonl")], capsys)
    assert tree_digest(tree) == before
    assert {p: p.lstat().st_mtime_ns for p in tree.rglob("*")} == mtimes


def test_output_directory_inside_the_input_tree_is_skipped(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tree / "cleaned"
    run([str(tree), "-o", str(out)], capsys)
    first = outputs(out)
    _, _, err = run([str(tree), "-o", str(out)], capsys)
    assert outputs(out) == first  # nothing of cleaned/ was cleaned again into cleaned/cleaned
    assert not (out / "cleaned").exists()
    assert "clean: 9 documents" in err


def test_output_directory_equal_to_input_is_a_usage_error(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rc, _, err = run([str(tree), "-o", str(tree)], capsys)
    assert rc == 2 and "also an input directory" in err


def test_symlinks_leaving_the_tree_are_followed_only_on_request(
    tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run([str(tree), "-o", str(tmp_path / "a")], capsys)
    assert not (tmp_path / "a" / "outside").exists()
    _, _, err = run([str(tree), "-o", str(tmp_path / "b"), "--follow-symlinks"], capsys)
    assert (tmp_path / "b" / "outside" / "secret.txt").is_file()
    assert "not followed" not in err
    assert "symbolic link loop" in err  # the self-link still fails, and the walk ends


def test_same_stem_siblings_keep_their_suffix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.html").write_text(HTML_PAGE, encoding="utf-8")
    (src / "a.txt").write_text(TEXT_PAGE, encoding="utf-8")
    (src / "b.html").write_text(HTML_PAGE, encoding="utf-8")
    rc, _, _ = run([str(src), "-o", str(tmp_path / "out")], capsys)
    assert rc == 0
    assert set(outputs(tmp_path / "out")) == {"a.html.txt", "a.txt.txt", "b.txt"}


def test_glob_inputs_mirror_below_the_pattern_base(
    tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rc, _, _ = run([str(tree / "**" / "*.html"), "-o", str(tmp_path / "out")], capsys)
    assert rc == 0
    assert set(outputs(tmp_path / "out")) == {"sub/page.txt"}


def test_skip_existing_cleans_only_inputs_newer_than_their_output(
    tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    run([str(tree), "-o", str(out)], capsys)
    note = tree / "sub" / "deeper" / "note.txt"
    note.write_text("Le ministre est reparti jeudi soir après une visite jugée fructueuse.\n")
    later = (out / "sub" / "deeper" / "note.txt").stat().st_mtime + 10
    os.utime(note, (later, later))
    rc, _, err = run([str(tree), "-o", str(out), "--skip-existing"], capsys)
    assert rc == 1
    assert "clean: 1 document, 3 failed, 8 skipped (up to date)" in err
    assert "reparti jeudi" in (out / "sub" / "deeper" / "note.txt").read_text("utf-8")


# ------------------------------------------------------------------------------- single inputs


def test_single_file_goes_to_standard_output(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tree / "sub" / "page.html"
    rc, out, err = run([str(page)], capsys)
    assert rc == 0
    assert out == CLEANER.clean(page.read_bytes()).text + "\n"
    assert "clean: 1 document, 0 failed" in err and "output on standard output" in err


def test_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT_PAGE.encode())))
    rc, out, _ = run(["-", "--format", "json", "--lang", "fr"], capsys)
    assert rc == 0
    record = json.loads(out)
    assert record["text"].startswith("Le ministre est arrivé mardi")
    assert record["metadata"]["lang"] == "fr"
    assert record["metadata"]["removed"] == [
        {"rule": "breadcrumb", "text": "Accueil > Monde", "line": 1}
    ]


def test_disable_rule_keeps_what_it_would_remove(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = str(tree / "sub" / "deeper" / "note.txt")
    _, kept, _ = run([note, "--disable", "breadcrumb", "--disable", "stray_fragment"], capsys)
    _, default, _ = run([note], capsys)
    assert "Accueil > Monde" in kept and "Accueil > Monde" not in default


# ---------------------------------------------------------------------------------------- JSONL


def test_jsonl_output_follows_the_dolma_schema_and_is_stable(
    tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    run([str(tree), "-o", str(first)], capsys)
    rc, _, err = run([str(tree), "-o", str(second)], capsys)
    assert rc == 1 and f"output in {second}" in err
    assert first.read_bytes() == second.read_bytes()  # ids, "added" and all: reruns are identical
    records = [json.loads(line) for line in first.read_text("utf-8").splitlines()]
    assert len(records) == 8  # empty.txt has no text: a record stream leaves it out, and says so
    assert ", 1 empty left out," in err
    by_path = {r["metadata"]["path"]: r for r in records}
    assert str(tree / "empty.txt") not in by_path
    page = by_path[str(tree / "sub" / "page.html")]
    assert set(page) >= {"id", "text", "source", "added", "metadata"}
    assert page["source"] == "in"
    assert page["added"].endswith("Z") and page["added"][:4].isdigit()
    meta = page["metadata"]
    assert set(meta) >= {
        "path",
        "url",
        "title",
        "author",
        "lang",
        "lang_prob",
        "removed",
        "stats",
        "cleaner",
    }
    assert meta["title"] == CLEANER.clean((tree / "sub" / "page.html").read_bytes()).title
    assert meta["lang"] == "fr"
    assert all(set(x) == {"rule", "text", "line"} for x in meta["removed"])
    assert meta["stats"]["chars_out"] == len(page["text"])
    assert 0 < meta["stats"]["removed_ratio"] < 1
    assert meta["cleaner"]["version"] and len(meta["cleaner"]["config"]) == 12
    assert len({r["id"] for r in records}) == len(records)


def test_jsonl_input_keeps_other_fields_and_round_trips(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "part.jsonl"
    rows = [
        {
            "doc": "a",
            "content": TEXT_PAGE,
            "url": "https://example.org/a",
            "score": 0.5,
            "metadata": {"crawl": "CC-2024"},
        },
        {"doc": "b", "content": HTML_PAGE, "tags": ["x", "y"]},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows) + "\n{broken\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    rc, _, err = run(
        ["--in", "jsonl", "--text-key", "content", "--id-key", "doc", str(src), "-o", str(out)],
        capsys,
    )
    assert rc == 1 and f"{src}:4: invalid JSON" in err
    got = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [g["doc"] for g in got] == ["a", "b"]
    assert got[0]["score"] == 0.5 and got[1]["tags"] == ["x", "y"]
    assert got[0]["content"].startswith("Le ministre") and "Accueil" not in got[0]["content"]
    assert got[0]["metadata"]["crawl"] == "CC-2024"  # their metadata kept, ours merged in
    assert got[0]["metadata"]["url"] == "https://example.org/a"
    assert got[0]["metadata"]["removed"][0]["rule"] == "breadcrumb"
    # The output feeds the next stage: a second pass keeps everything and removes nothing more.
    again = tmp_path / "again.jsonl"
    run(
        ["--in", "jsonl", "--text-key", "content", "--id-key", "doc", str(out), "-o", str(again)],
        capsys,
    )
    second = [json.loads(line) for line in again.read_text("utf-8").splitlines()]
    assert [s["content"] for s in second] == [g["content"] for g in got]
    assert second[1]["tags"] == ["x", "y"] and second[0]["metadata"]["crawl"] == "CC-2024"


def test_jsonl_input_mirrored_into_a_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in" / "shard"
    src.mkdir(parents=True)
    (src / "p1.jsonl").write_text(json.dumps({"id": "1", "text": TEXT_PAGE}) + "\n")
    (src / "p2.jsonl").write_text("")
    rc, _, _ = run(["--in", "jsonl", str(tmp_path / "in"), "-o", str(tmp_path / "out")], capsys)
    assert rc == 0
    assert set(outputs(tmp_path / "out")) == {"shard/p1.jsonl", "shard/p2.jsonl"}
    assert (tmp_path / "out" / "shard" / "p2.jsonl").read_bytes() == b""


def test_record_ids_cannot_escape_the_output_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "ids.jsonl"
    ids = ["../../escaped", "/tmp/absolute-escape", "a/../../../up", "ok/name"]
    src.write_text("".join(json.dumps({"id": i, "text": TEXT_PAGE}) + "\n" for i in ids))
    out = tmp_path / "deep" / "out"
    rc, _, _ = run(["--in", "jsonl", str(src), "-o", str(out), "--format", "txt"], capsys)
    assert rc == 0
    written = set(outputs(out))
    assert written == {"escaped.txt", "tmp/absolute-escape.txt", "a/up.txt", "ok/name.txt"}
    assert not (tmp_path / "escaped.txt").exists() and not Path("/tmp/absolute-escape.txt").exists()
    assert {str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*.txt")} == {
        f"deep/out/{w}" for w in written
    }


def test_a_symlink_in_the_output_tree_cannot_redirect_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "a.txt").write_text(TEXT_PAGE)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(elsewhere, out / "sub")
    rc, _, err = run([str(src), "-o", str(out)], capsys)
    assert rc == 1 and "outside the output directory" in err
    assert list(elsewhere.iterdir()) == []


# ------------------------------------------------------------------------------ review options


def test_explain_writes_the_full_result_beside_each_output(
    tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    run([str(tree / "sub"), "-o", str(out), "--explain"], capsys)
    explained = json.loads((out / "page.explain.json").read_text("utf-8"))
    expected = CLEANER.clean((tree / "sub" / "page.html").read_bytes()).to_dict()
    assert explained == expected
    assert (out / "page.txt").read_text("utf-8") == expected["text"] + "\n"


def test_diff_prints_each_removed_line_with_its_rule(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rc, out, err = run([str(tree / "sub" / "deeper" / "note.txt"), "--diff"], capsys)
    assert rc == 0
    assert f"--- {tree / 'sub' / 'deeper' / 'note.txt'}" in out
    assert "-    1 [breadcrumb] Accueil > Monde" in out
    assert "\x1b[" not in out  # no colour when not a terminal
    assert "Le ministre" not in out  # kept text is not part of the review
    assert "no output written" in err


def test_list_rules_prints_every_rule_with_languages(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = run(["--list-rules"], capsys)
    assert rc == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == list(RULE_NAMES)
    assert "fr" in lines[RULE_NAMES.index("byline")].split()[1].split(",")


def test_help_documents_empty_files_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = run(["--help"], capsys)
    assert rc == 0
    assert "empty file is\n  cleaned to an empty output" in out or "empty output" in out
    assert "2 usage error" in out


def test_progress_line_when_asked(
    tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, err = run([str(tree), "-o", str(tmp_path / "o"), "--progress"], capsys)
    assert "\rclean: " in err.replace("\r\x1b[K", "\r") and "/" in err
    _, _, quiet = run([str(tree), "-o", str(tmp_path / "q"), "-q"], capsys)
    assert "clean:" not in quiet and "binary data" in quiet  # errors are never silenced


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "no PATH given"),
        (["--bogus", "x"], "unrecognized arguments: --bogus"),
        (["{tree}/no-such-file"], "no such file or directory"),
        (["{tree}/*.nomatch"], "no file matches"),
        (["{tree}", "--disable", "nope"], "valid rules: nav_ticker"),
        (["{tree}"], "several inputs"),
        (["{tree}", "-o", "{tree}/empty.txt"], "not a directory"),
        (["{tree}", "--format", "txt", "-o", "{tree}/../x.jsonl"], "takes --format jsonl"),
        (["{tree}", "-o", "-", "--skip-existing"], "--skip-existing needs"),
        (["{tree}", "--explain", "--diff"], "not allowed with"),
        (["{tree}", "-j", "-3"], "-j"),
    ],
)
def test_usage_errors_exit_2(
    tree: Path, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    rc, out, err = run([a.format(tree=tree) for a in argv], capsys)
    assert rc == 2
    assert message in err
    assert "Traceback" not in err and out == ""


# ------------------------------------------------------------------------------ real processes


def test_python_dash_m_with_two_workers_matches_one(
    tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run([str(tree), "-o", str(tmp_path / "j1"), "-j", "1"], capsys)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-m", "cleaner", str(tree), "-o", str(tmp_path / "j2"), "-j", "2"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert "clean: 9 documents, 3 failed" in proc.stderr
    assert "Traceback" not in proc.stderr
    one, two = outputs(tmp_path / "j1"), outputs(tmp_path / "j2")
    assert one == two and len(one) == len(CLEANED)


def test_jobs_keep_the_order_of_a_jsonl_stream(
    tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for jobs in ("1", "2"):
        run([str(tree), "-o", str(tmp_path / f"j{jobs}.jsonl"), "-j", jobs], capsys)
    assert (tmp_path / "j1.jsonl").read_bytes() == (tmp_path / "j2.jsonl").read_bytes()


def test_clean_script_entry_point(tree: Path) -> None:
    script = Path(sys.executable).parent / "clean"
    if not script.exists():
        pytest.skip("the clean script is not installed in this environment")
    proc = subprocess.run(
        [str(script), str(tree / "sub" / "page.html"), "--title-in-text"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0 and proc.stdout.startswith("Visite officielle")


def test_one_input_and_o_file_writes_that_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.txt"
    page.write_text(TEXT_PAGE)
    expected = CLEANER.clean(TEXT_PAGE)
    rc, _, _ = run([str(page), "-o", str(tmp_path / "single.txt"), "-q"], capsys)
    assert rc == 0 and (tmp_path / "single.txt").read_text() == expected.text + "\n"
    rc, _, _ = run([str(page), "-o", str(tmp_path / "x.json"), "--format", "json", "-q"], capsys)
    assert rc == 0 and json.loads((tmp_path / "x.json").read_text())["text"] == expected.text
    # An existing directory, or a name ending in a slash, is still a directory.
    (tmp_path / "d.txt").mkdir()
    rc, _, _ = run([str(page), "-o", str(tmp_path / "d.txt"), "-q"], capsys)
    assert rc == 0 and (tmp_path / "d.txt" / "page.txt").read_text() == expected.text + "\n"


def test_keep_lang_leaves_other_languages_out_and_counts_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    en = "The minister arrived in Rabat on Tuesday for an official visit of two days.\n"
    de = "Der Minister ist am Dienstag zu einem offiziellen Besuch von zwei Tagen in Rabat eingetroffen.\n"
    src = tmp_path / "d.jsonl"
    src.write_text(
        "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate([TEXT_PAGE, en, de]))
    )
    out = tmp_path / "o.jsonl"
    rc, _, err = run([str(src), "--in", "jsonl", "-o", str(out), "--keep-lang", "fr,en"], capsys)
    assert rc == 0
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == [0, 1]
    assert "2 documents, 0 failed, 1 in other languages left out" in err


def test_title_in_text_opens_the_text_with_the_title(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.txt"
    title = "Le chef du Pentagone attendu vendredi à Rabat"
    page.write_text(f"{title}\n\n{TEXT_PAGE}", encoding="utf-8")
    _, default, _ = run([str(page)], capsys)
    _, with_title, _ = run([str(page), "--title-in-text"], capsys)
    assert title not in default.split("\n")
    assert with_title.split("\n")[0] == title
