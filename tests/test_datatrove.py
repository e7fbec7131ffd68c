"""datatrove steps and ``clean --executor`` (issue 7, "A cluster").

Multi-task local runs, a real local Ray cluster and the Slurm job (generated without a scheduler,
then run the way an array task runs it, with a stand-in ``scontrol``) are each checked to write
exactly what a single-process run writes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from cleaner import Cleaner, Config
from cleaner.cli import main
from cleaner.datatrove import have_datatrove

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

needs_datatrove = pytest.mark.skipif(
    not have_datatrove(), reason="datatrove not installed (pip install 'cleaner[datatrove]')"
)
try:
    import ray  # noqa: F401

    HAVE_RAY = True
except ImportError:
    HAVE_RAY = False


def read_outputs(folder: Path) -> dict[str, dict[str, Any]]:
    """Every record of every RANK.jsonl in ``folder``, by id."""
    records: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            assert record["id"] not in records, f"{record['id']} written twice"
            records[record["id"]] = record
    return records


def comparable(records: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Records without what legitimately differs between runs (the input's absolute path)."""
    out = {}
    for doc_id, r in records.items():
        meta = {k: v for k, v in r["metadata"].items() if k != "file_path"}
        out[doc_id] = {"text": r["text"], "metadata": meta}
    return out


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Text and HTML pages in a tree, plus one binary file the reader must skip and count."""
    root = tmp_path_factory.mktemp("pages")
    for i, seed in enumerate(sorted((ROOT / "seeds").glob("*.txt"))):
        shutil.copy(seed, root / f"seed{i}.txt")
    (root / "html").mkdir()
    for page in sorted((ROOT / "golden" / "inputs").glob("*.html")):
        shutil.copy(page, root / "html" / page.name)
    (root / "deep" / "er").mkdir(parents=True)
    (root / "deep" / "er" / "short.txt").write_text(
        "Accueil > Monde\n\nLe ministre est arrivé mardi à Rabat pour une visite de deux jours.\n",
        encoding="utf-8",
    )
    (root / "binary.bin").write_bytes(bytes(range(256)) * 4)
    return root


@pytest.fixture(scope="module")
def single(pages: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """The reference: the same pipeline in one process, one task."""
    out = tmp_path_factory.mktemp("single")
    code = main([str(pages), "-o", str(out / "o"), "--executor", "local", "--tasks", "1", "-q"])
    assert code == 1  # the binary file is a failed input
    records = read_outputs(out / "o")
    assert len(records) == 9
    return comparable(records)


# ---------------------------------------------------------------------------- without datatrove


def test_cleaner_imports_and_explains_without_datatrove(tmp_path: Path) -> None:
    """``cleaner`` (and the modules that mention datatrove) import without datatrove; using the
    steps or ``--executor`` says what to install."""
    script = textwrap.dedent(
        f"""
        import sys
        sys.modules["datatrove"] = None  # as if not installed
        import cleaner, cleaner.cli, cleaner.executor, cleaner.datatrove
        from cleaner.datatrove import CleanText, have_datatrove
        assert not have_datatrove()
        try:
            CleanText()
        except ImportError as e:
            assert "pip install 'cleaner[datatrove]'" in str(e), e
        else:
            raise AssertionError("no ImportError")
        code = cleaner.cli.main([{str(tmp_path)!r}, "-o", {str(tmp_path / "o")!r}, "--executor", "local"])
        assert code == 2, code
        print("ok")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "cleaner[datatrove]" in done.stderr


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--executor", "local", "--diff"], "--explain and --diff"),
        (["--executor", "local", "--format", "txt"], "JSONL records"),
        (["--executor", "slurm"], "--partition"),
        (["--executor", "local", "--dry-run"], "--dry-run is for --executor slurm"),
        (["--executor", "local", "--workers", "0"], "--workers"),
    ],
)
def test_usage_errors(
    pages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    if not have_datatrove() and "--partition" in message:
        pytest.skip("datatrove not installed")
    assert main([str(pages), "-o", str(tmp_path / "o"), *extra]) == 2
    assert message in capsys.readouterr().err


def test_usage_errors_for_outputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    assert main([str(tmp_path), "-o", str(tmp_path / "o.jsonl"), "--executor", "local"]) == 2
    assert "-o DIR" in capsys.readouterr().err
    assert main([str(tmp_path / "a.txt"), "-o", str(tmp_path / "o"), "--executor", "local"]) == 2
    assert "--in jsonl" in capsys.readouterr().err


# ---------------------------------------------------------------------------------- the steps


@needs_datatrove
def test_steps_fill_metadata_and_stats() -> None:
    from datatrove.data import Document

    from cleaner.datatrove import CleanHTML, CleanText

    text = "Accueil > Monde\n\nLe ministre est arrivé mardi à Rabat pour une visite de deux jours."
    docs = [
        Document(text=text, id="a", metadata={"url": "https://example.org/a", "source": "cc"}),
        Document(text="Partager sur Facebook", id="empty"),
        Document(text="bad\x00\x01\x02\x03binary" * 50, id="binary"),
        Document(text=123, id="not-text"),  # from another reader: dropped, not a crash
    ]
    step = CleanText(Config())
    out = list(step.run(iter(docs)))
    assert [d.id for d in out] == ["a"]
    doc = out[0]
    expected = Cleaner().clean(text, kind="text", url="https://example.org/a")
    assert doc.text == expected.text
    meta = doc.metadata
    assert meta["source"] == "cc" and meta["url"] == "https://example.org/a"  # kept
    assert meta["lang"] == expected.lang == "fr"
    assert meta["removed"] == [{"rule": "breadcrumb", "text": "Accueil > Monde", "line": 1}]
    assert meta["stats"]["chars_out"] == len(expected.text)
    assert meta["cleaner"]["config"] == Config().digest()
    assert {"title", "date", "author", "lang_prob", "kind"} <= meta.keys()
    stats = step.stats.to_dict()["stats"]
    assert stats["total"] == 4
    assert stats["forwarded"] == 1
    assert stats["dropped"] == 3
    assert stats["input_error"] == 2
    assert stats["empty"] == 1
    assert stats["lang_fr"] == 1
    assert stats["removed_breadcrumb"] == 1

    html = (ROOT / "golden" / "inputs" / "html_en_news.html").read_text(encoding="utf-8")
    [doc] = CleanHTML(keep_removed=False).run(iter([Document(text=html, id="h")]))
    assert doc.text == Cleaner().clean(html, kind="html").text
    assert doc.metadata["kind"] == "html" and "removed" not in doc.metadata


@needs_datatrove
def test_steps_pickle_without_their_cleaner() -> None:
    import pickle

    import dill

    from cleaner.datatrove import CleanText

    step = CleanText(Config(disabled_rules=frozenset({"byline"})))
    _ = step.cleaner  # built
    for dumps, loads in ((pickle.dumps, pickle.loads), (dill.dumps, dill.loads)):
        copy = loads(dumps(step))
        assert copy._cleaner is None and copy.config == step.config
    with pytest.raises(ValueError, match="unknown rule"):
        CleanText(Config(disabled_rules=frozenset({"no_such_rule"})))


# ----------------------------------------------------------------------------- the executors


@needs_datatrove
def test_local_executor_several_tasks_equals_single_process(
    pages: Path, single: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    out, logs = tmp_path / "o", tmp_path / "logs"
    done = subprocess.run(
        [
            str(BIN / "clean"),
            str(pages),
            "-o",
            str(out),
            "--executor",
            "local",
            "--tasks",
            "4",
            "--workers",
            "2",
            "--logging-dir",
            str(logs),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr  # the binary file
    assert "9 documents, 1 failed" in done.stderr
    assert sorted(p.name for p in out.glob("*.jsonl")) == [f"0000{i}.jsonl" for i in range(4)]
    assert comparable(read_outputs(out)) == single
    assert sorted(os.listdir(logs / "completions")) == [f"0000{i}" for i in range(4)]

    # The same as cleaning each file on its own.
    for doc_id, record in single.items():
        assert record["text"] == Cleaner().clean((pages / doc_id).read_bytes()).text, doc_id


@needs_datatrove
def test_local_executor_jsonl_keeps_fields_and_resumes(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for part in range(2):
        with (src / f"part{part}.jsonl").open("w", encoding="utf-8") as f:
            for seed in seeds[part::2]:
                record = {
                    "page": seed.read_text(encoding="utf-8"),
                    "key": seed.stem,
                    "lang_hint": "x",
                }
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
    out = tmp_path / "o"
    args = [str(src), "--in", "jsonl", "--text-key", "page", "--id-key", "key", "-o", str(out)]
    assert main([*args, "--executor", "local", "--tasks", "2", "-q"]) == 0
    records = read_outputs(out)
    assert sorted(records) == sorted(s.stem for s in seeds)
    for seed in seeds:
        r = records[seed.stem]
        assert r["text"] == Cleaner().clean(seed.read_text(encoding="utf-8"), kind="auto").text
        assert r["metadata"]["lang_hint"] == "x"  # the record's other fields are kept
        assert "removed" in r["metadata"]

    # --skip-existing resumes: completed tasks are not run again.
    (out / "00000.jsonl").unlink()
    assert main([*args, "--executor", "local", "--tasks", "2", "--skip-existing", "-q"]) == 0
    assert not (out / "00000.jsonl").exists()
    assert main([*args, "--executor", "local", "--tasks", "2", "-q"]) == 0
    assert (out / "00000.jsonl").exists()


@needs_datatrove
@pytest.mark.skipif(not HAVE_RAY, reason="ray not installed (pip install 'cleaner[ray]')")
def test_ray_executor_on_a_local_cluster_equals_single_process(
    pages: Path, single: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    """``clean --executor ray`` starts a real local Ray cluster (2 CPUs) and runs 3 tasks on it."""
    out = tmp_path / "o"
    env = {k: v for k, v in os.environ.items() if k != "RAY_ADDRESS"}  # a new local cluster
    env["RAY_USAGE_STATS_ENABLED"] = "0"
    done = subprocess.run(
        [
            str(BIN / "clean"),
            str(pages),
            "-o",
            str(out),
            "--executor",
            "ray",
            "--tasks",
            "3",
            "--mem-per-cpu-gb",
            "0.5",
            "--logging-dir",
            str(tmp_path / "logs"),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
    )
    assert done.returncode == 1, done.stderr[-3000:]  # the binary file
    assert "9 documents, 1 failed" in done.stderr
    assert comparable(read_outputs(out)) == single


@needs_datatrove
def test_slurm_job_is_generated_and_runs_as_an_array_task(
    pages: Path, single: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    """No scheduler here: ``--dry-run`` writes the job; then each array task is run the way
    Slurm runs it (``launch_pickled_pipeline`` with ``SLURM_ARRAY_TASK_ID``)."""
    out, logs = tmp_path / "o", tmp_path / "logs"
    code = main(
        [
            str(pages),
            "-o",
            str(out),
            "--executor",
            "slurm",
            "--partition",
            "cpu",
            "--tasks",
            "3",
            "--workers",
            "2",
            "--time",
            "01:00:00",
            "--job-name",
            "clean-test",
            "--sbatch-arg",
            "account=proj",
            "--logging-dir",
            str(logs),
            "--dry-run",
        ]
    )
    assert code == 0
    script = (logs / "launch_script.slurm").read_text(encoding="utf-8")
    for line in (
        "#SBATCH --partition=cpu",
        "#SBATCH --time=01:00:00",
        "#SBATCH --job-name=clean-test",
        "#SBATCH --array=0-2%2",
        "#SBATCH --account=proj",
        f"source {sys.prefix}/bin/activate",
        f"launch_pickled_pipeline {logs}/executor.pik",
    ):
        assert line in script, line
    assert json.loads((logs / "ranks_to_run.json").read_text()) == [0, 1, 2]
    assert not out.exists()  # nothing ran

    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    scontrol = fake_bin / "scontrol"
    scontrol.write_text("#!/bin/sh\necho localhost\n")
    scontrol.chmod(0o755)
    procs = []
    for task in range(3):  # the array's tasks, at once as on a cluster
        env = {
            **os.environ,
            "PATH": f"{fake_bin}{os.pathsep}{BIN}{os.pathsep}{os.environ['PATH']}",
            "SLURM_ARRAY_TASK_ID": str(task),
            "SLURM_NODELIST": "localhost",
            "SLURM_JOB_ID": "1",
        }
        procs.append(
            subprocess.Popen(
                ["launch_pickled_pipeline", str(logs / "executor.pik")],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
        )
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err[-3000:]
    assert comparable(read_outputs(out)) == single


# ---------------------------------------------------------------------- datasets.map caching


CONFIGS = (
    "Config()",
    "Config(lang_backend='py3langid', languages=('fr', 'en'), max_bytes=1000)",
    "Config(disabled_rules=frozenset({'byline'}))",
    "Config(disabled_rules=frozenset({'byline', 'dateline', 'ui_string', 'breadcrumb'}))",
)


def _fingerprints(seed: str) -> list[str]:
    """The fingerprint ``datasets`` gives a ``Cleaner`` of each of ``CONFIGS`` (``dill`` bytes
    when ``datasets`` is not installed), in a new process with this string-hash seed."""
    script = textwrap.dedent(
        f"""
        import hashlib
        from cleaner import Cleaner, Config
        try:
            from datasets.fingerprint import Hasher
            fingerprint = Hasher.hash
        except ImportError:
            import dill
            fingerprint = lambda obj: hashlib.sha256(dill.dumps(obj)).hexdigest()
        for config in ({", ".join(CONFIGS)},):
            print(fingerprint(Cleaner(config)))
        """
    )
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


@pytest.fixture(scope="module")
def fingerprints() -> tuple[list[str], list[str]]:
    if not have_datatrove():
        pytest.skip("needs dill (installed with 'cleaner[datatrove]')")
    return _fingerprints("1"), _fingerprints("2")


def test_cleaner_fingerprint_is_stable_across_processes(
    fingerprints: tuple[list[str], list[str]],
) -> None:
    """``datasets.map`` caches by a hash of the pickled function (``dill``): a ``Cleaner`` must
    pickle to the same bytes in every process for the cache to be reused."""
    first, second = fingerprints
    assert len(first) == len(CONFIGS)
    assert first[:3] == second[:3]
    assert len(set(first)) == len(CONFIGS)  # different configs, different fingerprints


def test_cleaner_fingerprint_is_stable_with_several_disabled_rules(
    fingerprints: tuple[list[str], list[str]],
) -> None:
    first, second = fingerprints
    assert first[3] == second[3]


# ------------------------------------------------------------------- bad records, quiet, WARC


SUMMARY = re.compile(
    r"^clean: (\d+) documents?, (\d+) failed.*, [\d.]+ k?B in, [\d.]+ k?B out, "
    r"([\d.]+)% of the text removed, "
    r"[\d.]+ s, [\d.]+ docs/s; output in ",
    re.M,
)


@needs_datatrove
def test_executor_counts_bad_records_and_honours_quiet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record whose text is not a string, a line that is not JSON and one that is not an
    object are reported and skipped; the task goes on, -q prints nothing, and the summary line
    is the plain command's, with the same counts."""
    src = tmp_path / "in"
    src.mkdir()
    good = [
        {
            "id": "a",
            "text": "Accueil > Monde\n\nLe ministre est arrivé mardi à Rabat pour une visite.",
        },
        {"id": "c", "text": "The minister arrived in Rabat on Tuesday for an official visit."},
    ]
    lines = [json.dumps(good[0]), json.dumps({"id": "b", "text": 123}), "{not json", "[1, 2]"]
    lines.append(json.dumps(good[1]))
    (src / "part.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = [str(src), "--in", "jsonl", "--executor", "local", "--tasks", "1"]

    assert main([*args, "-o", str(tmp_path / "q"), "-q"]) == 1
    assert capsys.readouterr().err == ""
    records = read_outputs(tmp_path / "q")
    assert sorted(records) == ["a", "c"]
    assert records["a"]["text"] == Cleaner().clean(good[0]["text"]).text

    assert main([*args, "-o", str(tmp_path / "loud")]) == 1
    err = capsys.readouterr().err
    assert "part.jsonl:2: no string field 'text'" in err and "part.jsonl:3: invalid JSON" in err
    assert "Stats" not in err  # datatrove's tables stay in the logs folder
    executor_line = SUMMARY.search(err)
    assert executor_line is not None and executor_line.groups()[:2] == ("2", "3")

    assert main([str(src), "--in", "jsonl", "-o", str(tmp_path / "plain.jsonl")]) == 1
    plain_line = SUMMARY.search(capsys.readouterr().err)
    assert plain_line is not None and plain_line.groups() == executor_line.groups()

    # --keep-lang: the French record is left out and counted, by both the same way.
    lines = []
    for out in ("kl", "kl.jsonl"):
        extra = ["--executor", "local", "--tasks", "1"] if out == "kl" else []
        rc = main(
            [str(src), "--in", "jsonl", "-o", str(tmp_path / out), "--keep-lang", "en", *extra]
        )
        err = capsys.readouterr().err
        assert rc == 1 and "1 in other languages left out" in err
        lines.append(SUMMARY.search(err))
    assert lines[0] is not None and lines[1] is not None
    assert lines[0].groups() == lines[1].groups() and lines[0].groups()[:2] == ("1", "3")
    assert list(read_outputs(tmp_path / "kl")) == ["c"]

    # Compressed task files hold the same records.
    assert main([*args, "-o", str(tmp_path / "zst"), "--compress", "zst", "-q"]) == 1
    import zstandard

    [packed] = (tmp_path / "zst").iterdir()
    assert packed.name == "00000.jsonl.zst"
    with zstandard.open(packed, "rt", encoding="utf-8") as f:
        unpacked = {r["id"]: r for r in map(json.loads, f)}
    assert unpacked == records


@needs_datatrove
def test_executor_reads_warc_like_the_plain_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from warcs import crawl, truncated

    src = tmp_path / "crawl"
    src.mkdir()
    (src / "a.warc.gz").write_bytes(truncated(crawl().gz()))
    (src / "b.warc.gz").write_bytes(crawl(first_id=100).gz())
    args = [str(src), "-o", str(tmp_path / "o"), "--executor", "local", "--tasks", "2", "-q"]
    assert main(args) == 1
    assert main([str(src), "-o", str(tmp_path / "plain.jsonl"), "-q"]) == 1
    capsys.readouterr()
    plain = [json.loads(x) for x in (tmp_path / "plain.jsonl").read_text().splitlines()]
    executor = read_outputs(tmp_path / "o")
    assert len(plain) == 5  # two pages before the truncated record, three in the other file
    assert sorted(executor) == sorted(r["id"] for r in plain)
    for r in plain:
        assert executor[r["id"]]["text"] == r["text"]
        meta = executor[r["id"]]["metadata"]
        assert meta["url"] == r["metadata"]["url"]
        assert meta["http_charset"] == r["metadata"]["http_charset"]


@needs_datatrove
def test_executor_and_plain_command_leave_out_empty_documents_alike(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A page with no text left (an empty file, a page of nothing but a share button) is left out
    of the JSONL output by both paths, and counted by both in the same summary line; a mirrored
    tree of text files still gets its empty output, one file per input."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "article.txt").write_text(
        "Le ministre est arrivé mardi à Rabat pour une visite officielle de deux jours.\n",
        encoding="utf-8",
    )
    (src / "button.txt").write_text("Partager sur Facebook\n", encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    assert Cleaner().clean("Partager sur Facebook\n").text == ""  # what the test relies on

    assert main([str(src), "-o", str(tmp_path / "o"), "--executor", "local", "--tasks", "2"]) == 0
    executor_err = capsys.readouterr().err
    assert main([str(src), "-o", str(tmp_path / "plain.jsonl")]) == 0
    plain_err = capsys.readouterr().err
    plain = [json.loads(x) for x in (tmp_path / "plain.jsonl").read_text("utf-8").splitlines()]
    assert [r["id"] for r in plain] == [str(src / "article.txt")]
    assert list(read_outputs(tmp_path / "o")) == ["article.txt"]
    for err in (executor_err, plain_err):
        assert "1 document, 0 failed, 2 empty left out," in err, err
    lines = [SUMMARY.search(executor_err.replace("1 document,", "1 documents,"))]
    lines.append(SUMMARY.search(plain_err.replace("1 document,", "1 documents,")))
    assert lines[0] is not None and lines[1] is not None
    assert lines[0].groups() == lines[1].groups()

    assert main([str(src), "-o", str(tmp_path / "tree"), "-q"]) == 0
    assert (tmp_path / "tree" / "button.txt").read_bytes() == b""
    assert (tmp_path / "tree" / "empty.txt").read_bytes() == b""


def test_executor_honours_the_extractor_and_the_title_switch(tmp_path: Path) -> None:
    # The executor builds its Config from the same options as the plain command.
    page = tmp_path / "in" / "page.txt"
    page.parent.mkdir()
    title = "Le chef du Pentagone attendu vendredi à Rabat"
    body = "Le ministre est arrivé mardi à Rabat pour une visite de deux jours au Maroc."
    page.write_text(f"Accueil > Monde\n\n{title}\n\n{body}\n\n{body}\n", encoding="utf-8")
    texts = []
    for extra in ([], ["--title-in-text"]):
        out = tmp_path / f"o{len(extra)}"
        code = main([str(page.parent), "-o", str(out), "--executor", "local", "-q", *extra])
        assert code == 0
        (record,) = read_outputs(out).values()
        texts.append(record["text"])
    assert title not in texts[0] and texts[1].startswith(title)
