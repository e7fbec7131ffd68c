"""The ``clean`` command under faults: killed mid-run, interrupted, a full disk, an unwritable
output, an unreadable input. Nothing partial is ever left behind and a rerun with
``--skip-existing`` finishes the job with the output of an uninterrupted run."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import cleaner.cli
import cleaner.io.documents
import cleaner.io.files
from cleaner.cli import main
from cleaner.io import TEMP_SUFFIX

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "seeds").iterdir())
ENV = {**os.environ, "PYTHONPATH": str(REPO)}
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def make_tree(root: Path, n: int) -> Path:
    """``n`` distinct pages built from the seeds, in nested folders."""
    for i in range(n):
        seed = SEEDS[i % len(SEEDS)].read_text("utf-8")
        folder = root / f"part{i % 4}" / f"sub{i % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        extra = f"\n\nLe document numéro {i} se termine ici, après un dernier paragraphe complet.\n"
        (folder / f"page{i:04d}.txt").write_text(seed + extra, encoding="utf-8")
    return root


def digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def count(root: Path) -> int:
    """How many outputs exist under their final names."""
    if not root.exists():
        return 0
    return sum(1 for p in root.rglob("*.txt") if p.is_file())


def temp_bytes(folder: Path) -> int:
    """Bytes already written to temporary files in ``folder``."""
    total = 0
    for p in folder.iterdir():
        if p.name.endswith(TEMP_SUFFIX):
            with contextlib.suppress(FileNotFoundError):  # renamed into place meanwhile
                total += p.stat().st_size
    return total


def finals(root: Path) -> dict[str, bytes]:
    """Output files under their final names (temporary files of a killed run excluded)."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.endswith(TEMP_SUFFIX)
    }


def spawn(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "cleaner", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env or ENV,
    )


PAUSE_HOOK = Path(__file__).resolve().parent / "pause"
GENEROUS = 300.0  # seconds: a deadline for a hang, never for speed


def paused_env(folder: Path, after: int) -> dict[str, str]:
    """The environment of a run each of whose processes cleans ``after`` documents, then waits
    until ``release(folder)`` (see ``tests/pause/sitecustomize.py``)."""
    folder.mkdir()
    return {
        **ENV,
        "PYTHONPATH": os.pathsep.join([str(PAUSE_HOOK), str(REPO)]),
        "CLEANER_TEST_PAUSE": str(folder),
        "CLEANER_TEST_PAUSE_AFTER": str(after),
    }


def waiting(folder: Path) -> int:
    """How many processes of the run wait at the pause point."""
    return sum(1 for p in folder.iterdir() if p.name.startswith("waiting-"))


def release(folder: Path) -> None:
    (folder / "release").touch()


def until(predicate: object, proc: subprocess.Popen[str], what: str) -> None:
    """Wait for ``predicate()``, failing if the run ends first or after a generous deadline."""
    assert callable(predicate)
    end = time.monotonic() + GENEROUS
    while not predicate():
        if proc.poll() is not None:
            raise AssertionError(f"the run ended before {what}: {proc.communicate()[1][-2000:]}")
        if time.monotonic() > end:
            proc.kill()
            raise AssertionError(f"no {what} after {GENEROUS:.0f} s")
        time.sleep(0.01)


def wait_for(predicate: object, proc: subprocess.Popen[str], timeout: float = 60) -> bool:
    """Poll until ``predicate()`` holds (True) or the process ended (False)."""
    assert callable(predicate)
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.005)
    raise AssertionError("timed out waiting for the run")


N = 60


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A large input tree and its reference outputs (a directory, and ``ref.jsonl``) from
    uninterrupted runs."""
    base = tmp_path_factory.mktemp("big")
    src = make_tree(base / "in", N)
    ref = base / "ref"
    assert main([str(src), "-o", str(ref), "-q"]) == 0
    assert main([str(src), "-o", str(base / "ref.jsonl"), "-q"]) == 0
    return src, ref


# ---------------------------------------------------------------------------------- kill -9


def test_killed_at_random_points_leaves_no_partial_output_and_resumes(
    big: tuple[Path, Path], tmp_path: Path
) -> None:
    src, ref = big
    expected = finals(ref)
    inputs_before = digest(src)
    out = tmp_path / "out"
    rng = random.Random(int.from_bytes(os.urandom(4), "big"))
    kills = 0
    for _ in range(3):
        target = count(out) + rng.randint(3, 12)
        proc = spawn(str(src), "-o", str(out), "--skip-existing", "-q")
        if wait_for(lambda t=target: count(out) >= t, proc):
            time.sleep(rng.random() * 0.05)  # land anywhere: mid-write, mid-rename, mid-clean
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.communicate(timeout=60)
        got = finals(out)
        for name, data in got.items():  # whatever exists under its final name is complete
            assert data == expected[name], f"partial or wrong output {name}"
        assert digest(src) == inputs_before  # inputs untouched
    assert kills >= 1, "the run finished before it could be killed; make the tree larger"
    proc = spawn(str(src), "-o", str(out), "--skip-existing")
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "skipped (up to date)" in err and "0 failed" in err
    assert finals(out) == expected
    assert not [p for p in out.rglob("*") if p.name.endswith(TEMP_SUFFIX)]  # stale temps gone
    assert digest(src) == inputs_before


def test_killed_jsonl_run_never_leaves_a_torn_file(big: tuple[Path, Path], tmp_path: Path) -> None:
    src, ref = big
    out = tmp_path / "out.jsonl"
    proc = spawn(str(src), "-o", str(out), "-q")
    assert wait_for(lambda: temp_bytes(tmp_path) > 0, proc), "no record was ever written"
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    assert not out.exists()  # the target appears only complete
    assert main([str(src), "-o", str(out), "-q"]) == 0
    assert out.read_bytes() == (ref.parent / "ref.jsonl").read_bytes()


# ---------------------------------------------------------------------------------- Ctrl-C


def test_ctrl_c_stops_workers_keeps_finished_outputs_and_says_how_far(
    big: tuple[Path, Path], tmp_path: Path
) -> None:
    src, ref = big
    expected = finals(ref)
    out = tmp_path / "out"
    pause = tmp_path / "pause"
    # Each worker cleans 8 documents, then waits: the first document that waits is some
    # worker's 9th, so it comes after 8 others in the input, whichever worker the scheduler
    # favours, and those 8 are done and written.
    proc = spawn(str(src), "-o", str(out), "-j", "2", env=paused_env(pause, 8))
    until(lambda: waiting(pause) >= 1 and count(out) >= 8, proc, "a paused run")
    proc.send_signal(signal.SIGINT)
    release(pause)
    _, err = proc.communicate(timeout=GENEROUS)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    summary = err.strip().splitlines()[-1]
    assert summary.startswith("clean: interrupted: ") and f"of {N} inputs done" in summary
    got = finals(out)
    assert 8 <= len(got) < len(expected)
    assert all(expected[name] == data for name, data in got.items())
    assert main([str(src), "-o", str(out), "--skip-existing", "-q"]) == 0
    assert finals(out) == expected


def test_ctrl_c_on_a_jsonl_output_keeps_whole_records_and_resumes(
    big: tuple[Path, Path], tmp_path: Path
) -> None:
    src, ref = big
    reference = ref.parent / "ref.jsonl"
    out = tmp_path / "out.jsonl"
    pause = tmp_path / "pause"
    proc = spawn(str(src), "-o", str(out), "--progress", env=paused_env(pause, 10))
    until(lambda: waiting(pause) == 1 and temp_bytes(tmp_path) > 0, proc, "a paused run")
    proc.send_signal(signal.SIGINT)
    release(pause)
    _, err = proc.communicate(timeout=GENEROUS)
    assert proc.returncode == 130, err
    kept = out.read_bytes()
    assert kept.count(b"\n") == 10 and reference.read_bytes().startswith(kept)
    assert main([str(src), "-o", str(out), "--skip-existing", "-q"]) == 0
    assert out.read_bytes() == reference.read_bytes()


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found: set[int] = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                stat = Path("/proc", entry, "stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    found.add(int(entry))
    return found


def _alive(pid: int) -> bool:
    """Whether ``pid`` still runs (a zombie waiting for PID 1 to reap it does not)."""
    try:
        state = Path("/proc", str(pid), "stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_workers_end_when_the_parent_is_killed(big: tuple[Path, Path], tmp_path: Path) -> None:
    src, _ref = big
    pause = tmp_path / "pause"
    proc = spawn(str(src), "-o", str(tmp_path / "out"), "-j", "2", env=paused_env(pause, 4))
    workers: set[int] = set()

    def both_workers_wait() -> bool:
        workers.update(_children(proc.pid))
        return waiting(pause) >= 2 and len(workers) >= 2

    try:
        until(both_workers_wait, proc, "two waiting workers")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=GENEROUS)  # (not communicate: orphans would hold its pipes open)
        end = time.monotonic() + GENEROUS
        while any(_alive(w) for w in workers) and time.monotonic() < end:
            time.sleep(0.05)
        assert not [w for w in workers if _alive(w)], "workers outlived their killed parent"
    finally:
        for w in workers:  # never leave one behind, whatever happened
            with contextlib.suppress(OSError):
                os.kill(w, signal.SIGKILL)
        release(pause)


def test_sigterm_stops_like_ctrl_c(big: tuple[Path, Path], tmp_path: Path) -> None:
    src, ref = big
    out = tmp_path / "out"
    proc = spawn(str(src), "-o", str(out))
    if wait_for(lambda: count(out) >= 5, proc):
        proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "interrupted" in err
    assert all(finals(ref)[k] == v for k, v in finals(out).items())


# ------------------------------------------------------------------------------ write errors


def test_full_disk_is_a_clear_error_and_earlier_outputs_stay(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    src = make_tree(tmp_path / "in", 8)
    ref = tmp_path / "ref"
    assert main([str(src), "-o", str(ref), "-q"]) == 0
    capsys.readouterr()
    real_write = cleaner.io.files._write_file
    calls = {"n": 0}

    def write(fd: int, data: bytes) -> None:
        calls["n"] += bool(data)  # (the empty probe of the output directory is not counted)
        if calls["n"] > 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_write(fd, data)

    monkeypatch.setattr(cleaner.io.files, "_write_file", write)
    out = tmp_path / "out"
    rc = main([str(src), "-o", str(out)])
    err = capsys.readouterr().err
    assert rc == 1
    assert "No space left on device" in err and str(out) in err
    assert "Traceback" not in err
    got = finals(out)
    assert len(got) == 3 and all(finals(ref)[k] == v for k, v in got.items())
    assert not [p for p in out.rglob("*") if p.name.endswith(TEMP_SUFFIX)]


def test_full_disk_on_a_jsonl_output_leaves_the_previous_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    src = make_tree(tmp_path / "in", 4)
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "earlier"}\n')

    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(cleaner.io.files.os, "fsync", fsync)
    rc = main([str(src), "-o", str(out)])
    err = capsys.readouterr().err
    assert rc == 1 and f"{out}: cannot write: No space left on device" in err
    assert out.read_text() == '{"id": "earlier"}\n'
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(TEMP_SUFFIX)] == []


def test_output_directory_that_cannot_be_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = make_tree(tmp_path / "in", 2)
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    rc = main([str(src), "-o", str(blocker / "out")])
    err = capsys.readouterr().err
    assert rc == 1
    assert f"{blocker / 'out'}: cannot write to the output directory" in err
    assert "Traceback" not in err


def test_unwritable_output_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    src = make_tree(tmp_path / "in", 2)
    out = tmp_path / "out"

    def mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(cleaner.io.files.tempfile, "mkstemp", mkstemp)
    rc = main([str(src), "-o", str(out)])
    err = capsys.readouterr().err
    assert rc == 1 and f"{out}: cannot write to the output directory: Permission denied" in err


# ---------------------------------------------------------------------------- unreadable input


def _unreadable_tree(tmp_path: Path) -> Path:
    src = make_tree(tmp_path / "in", 3)
    locked = src / "part1" / "sub1" / "page0001.txt"
    locked.chmod(0)
    return locked


@pytest.mark.skipif(IS_ROOT, reason="root reads files whatever their permissions")
def test_file_without_read_permission(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locked = _unreadable_tree(tmp_path)
    rc = main([str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert rc == 1 and f"{locked}: cannot read: Permission denied" in err
    assert len(finals(tmp_path / "out")) == 2


def test_file_without_read_permission_simulated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = _unreadable_tree(tmp_path)
    real_open = open

    def fake_open(path: str, *args: object, **kwargs: object) -> object:
        if str(path) == str(locked):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(cleaner.io.documents, "open", fake_open, raising=False)
    rc = main([str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert rc == 1 and f"{locked}: cannot read: Permission denied" in err
    assert "clean: 2 documents, 1 failed" in err
    assert len(finals(tmp_path / "out")) == 2


def test_jsonl_run_copies_nothing_it_cannot_parse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A corrupt line is reported with its line number; the good records still go out."""
    src = tmp_path / "in.jsonl"
    good = {"id": "x", "text": SEEDS[0].read_text("utf-8")}
    src.write_bytes(json.dumps(good).encode() + b"\n\x00\xff\n")
    out = tmp_path / "out"
    rc = main(["--in", "jsonl", str(src), "-o", str(out)])
    err = capsys.readouterr().err
    assert rc == 1 and f"{src}:2: invalid JSON" in err
    assert [json.loads(x)["id"] for x in (out / "in.jsonl").read_text().splitlines()] == ["x"]
    shutil.rmtree(out)
