"""Files for the ``clean`` command: walking input trees, safe output paths, atomic writes.

Nothing here cleans anything; the command line uses these helpers to read inputs without ever
modifying them and to write outputs so that no reader ever sees a half-written file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from .compression import strip_compression

__all__ = [
    "TEMP_SUFFIX",
    "AtomicFile",
    "InputFile",
    "Skipped",
    "atomic_write",
    "ensure_inside",
    "glob_base",
    "has_magic",
    "is_inside",
    "remove_stale_temp_files",
    "safe_relpath",
    "walk",
]

TEMP_SUFFIX = ".cleaner-tmp"
"""Temporary outputs end with this; they are renamed into place once complete."""

# Errors after which writing anything else is pointless: the run stops.
FATAL_WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})


@dataclass(frozen=True, slots=True)
class InputFile:
    """A regular file to clean.

    ``path`` is the path as walked (for messages and ids); ``rel`` its components relative to the
    root it was found under (for mirroring); ``keep_suffix`` is True when a sibling has the same
    stem (``a.html`` and ``a.txt``), so the output name must keep the input suffix to be unique.
    """

    path: str
    rel: tuple[str, ...]
    root: str
    keep_suffix: bool = False


@dataclass(frozen=True, slots=True)
class Skipped:
    """Something met while walking that is not cleaned. ``failed`` says whether it counts as a
    failure (a broken link, an unreadable directory) or is only a notice (a policy decision)."""

    path: str
    reason: str
    failed: bool


def has_magic(pattern: str) -> bool:
    """True when ``pattern`` is a glob pattern.

    >>> has_magic("in/**/*.html"), has_magic("in/a.html")
    (True, False)
    """
    return any(c in pattern for c in "*?[")


def glob_base(pattern: str) -> str:
    """The leading directories of a glob pattern that hold no wildcard: outputs mirror the
    matches relative to it.

    >>> glob_base("in/sub/**/*.html")
    'in/sub'
    >>> glob_base("*.txt")
    '.'
    """
    parts = pattern.split(os.sep)
    base: list[str] = []
    for part in parts[:-1]:
        if has_magic(part):
            break
        base.append(part)
    if not base:
        return "."
    return os.sep.join(base) or os.sep


def is_inside(path: str, root: str) -> bool:
    """True when ``path`` is ``root`` or below it (both already resolved).

    >>> is_inside("/a/b/c", "/a/b"), is_inside("/a/bc", "/a/b"), is_inside("/a/b", "/a/b")
    (True, False, True)
    """
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


_UNSAFE_CHARS = re.compile(r'[\x00-\x1f\x7f<>:"|?*]')


def safe_relpath(name: str) -> tuple[str, ...]:
    """Path components for an output made from an arbitrary name (a JSONL record id): never
    absolute, never ``..``, no control characters, so the output cannot escape its directory.

    >>> safe_relpath("/etc/passwd")
    ('etc', 'passwd')
    >>> safe_relpath("../../a/./b\\\\c")
    ('a', 'b', 'c')
    >>> safe_relpath("..")
    ()
    """
    parts: list[str] = []
    for part in re.split(r"[/\\]+", name):
        part = _UNSAFE_CHARS.sub("_", part).strip()
        if part in ("", ".", ".."):
            continue
        parts.append(part[:200])
    return tuple(parts)


def ensure_inside(root: str, parts: tuple[str, ...]) -> str:
    """``root`` joined with ``parts``, checked to resolve inside ``root`` (a symlink already in
    the output tree cannot redirect a write elsewhere). Raises ``ValueError`` otherwise."""
    path = os.path.join(root, *parts)
    real_root = os.path.realpath(root)
    if not parts or not is_inside(os.path.realpath(path), real_root):
        raise ValueError(f"output path {path} would be outside the output directory {root}")
    return path


# ------------------------------------------------------------------------------------ walking


def walk(
    paths: list[str], *, exclude: frozenset[str] = frozenset(), follow_symlinks: bool = False
) -> Iterator[InputFile | Skipped]:
    """Every regular file under ``paths`` (files, directories or glob patterns), depth first in
    name order, so two runs see the same files in the same order.

    ``exclude`` holds resolved paths never entered (the output directory or file). Symbolic links
    met while walking are followed only when their target lies inside the tree being walked,
    unless ``follow_symlinks``; directories are entered once (no symlink loops). Paths named on
    the command line are always followed.
    """
    for arg in paths:
        if not os.path.lexists(arg) and has_magic(arg):
            import glob

            base = glob_base(arg)
            for match in sorted(glob.glob(arg, recursive=True)):
                rel = tuple(os.path.relpath(match, base).split(os.sep))
                if os.path.isdir(match):
                    yield from _walk_root(match, rel, exclude, follow_symlinks)
                else:
                    yield from _one_file(match, rel, base, exclude)
        elif os.path.isdir(arg):
            yield from _walk_root(arg, (), exclude, follow_symlinks)
        else:
            yield from _one_file(arg, (os.path.basename(arg) or arg,), "", exclude)


def _one_file(
    path: str, rel: tuple[str, ...], root: str, exclude: frozenset[str]
) -> Iterator[InputFile | Skipped]:
    try:
        st = os.stat(path)
    except OSError as e:
        yield Skipped(path, _stat_reason(path, e), failed=True)
        return
    if os.path.realpath(path) in exclude:
        return
    if stat.S_ISREG(st.st_mode):
        yield InputFile(path, rel, root)
    elif not stat.S_ISDIR(st.st_mode):
        yield Skipped(path, "not a regular file", failed=True)


def _walk_root(
    top: str, rel: tuple[str, ...], exclude: frozenset[str], follow: bool
) -> Iterator[InputFile | Skipped]:
    real_top = os.path.realpath(top)
    if real_top in exclude:
        return
    st = os.stat(top)
    visited = {(st.st_dev, st.st_ino)}
    yield from _walk_dir(top, rel, top, real_top, visited, exclude, follow)


def _stem(name: str) -> str:
    """A name without its compression and extension: siblings with the same stem (``a.html``,
    ``a.txt``, ``a.html.gz``) would have the same output in a mirrored tree.

    >>> _stem("a.html.gz"), _stem("a.txt"), _stem("a")
    ('a', 'a', 'a')
    """
    unpacked = strip_compression(name) or name
    return os.path.splitext(unpacked)[0]


def _stat_reason(path: str, e: OSError) -> str:
    if e.errno == errno.ELOOP:
        return "symbolic link loop"
    if os.path.islink(path) and e.errno == errno.ENOENT:
        return f"broken symbolic link (to {os.readlink(path)})"
    return e.strerror or str(e)


def _walk_dir(
    top: str,
    rel: tuple[str, ...],
    root: str,
    real_root: str,
    visited: set[tuple[int, int]],
    exclude: frozenset[str],
    follow: bool,
) -> Iterator[InputFile | Skipped]:
    try:
        with os.scandir(top) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as e:
        yield Skipped(top, f"cannot list directory: {e.strerror or e}", failed=True)
        return
    stems: dict[str, int] = {}
    for entry in entries:
        stem = _stem(entry.name)
        stems[stem] = stems.get(stem, 0) + 1
    for entry in entries:
        path = entry.path
        if entry.name.endswith(TEMP_SUFFIX):
            continue
        try:
            st = os.stat(path)
        except OSError as e:
            yield Skipped(path, _stat_reason(path, e), failed=True)
            continue
        real = os.path.realpath(path)
        if real in exclude:
            continue
        if entry.is_symlink() and not follow and not is_inside(real, real_root):
            yield Skipped(
                path,
                "not followed: symbolic link to outside the input tree (use --follow-symlinks)",
                failed=False,
            )
            continue
        if stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in visited:
                yield Skipped(path, "directory already walked (symbolic link loop)", failed=False)
                continue
            visited.add(key)
            yield from _walk_dir(
                path, (*rel, entry.name), root, real_root, visited, exclude, follow
            )
        elif stat.S_ISREG(st.st_mode):
            yield InputFile(
                path, (*rel, entry.name), root, keep_suffix=stems[_stem(entry.name)] > 1
            )
        else:
            yield Skipped(path, "not a regular file (device, socket or pipe)", failed=False)


# ------------------------------------------------------------------------------ atomic writes

_UMASK: int | None = None


def _file_mode() -> int:
    global _UMASK
    if _UMASK is None:
        _UMASK = os.umask(0o022)
        os.umask(_UMASK)
    return 0o666 & ~_UMASK


def _write_file(fd: int, data: bytes) -> None:
    """Write all of ``data`` to ``fd`` and flush it to the disk (tests replace this to simulate a
    full disk)."""
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]
    os.fsync(fd)


def _temp_in(directory: str, name: str) -> tuple[int, str]:
    return tempfile.mkstemp(dir=directory, prefix=f".{name[:100]}.", suffix=TEMP_SUFFIX)


def atomic_write(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once: a temporary file in the same directory, flushed to
    the disk, then renamed into place. An interrupted write leaves ``path`` as it was."""
    directory = os.path.dirname(path) or "."
    fd, tmp = _temp_in(directory, os.path.basename(path))
    try:
        try:
            _write_file(fd, data)
        finally:
            os.close(fd)
        os.chmod(tmp, _file_mode())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class AtomicFile:
    """A file written piece by piece into a temporary file and renamed into place by
    ``commit()``; ``abort()`` (or a killed process) leaves the target as it was."""

    def __init__(self, path: str) -> None:
        self.path = path
        fd, self._tmp = _temp_in(os.path.dirname(path) or ".", os.path.basename(path))
        self._file: IO[bytes] = os.fdopen(fd, "wb")

    @property
    def file(self) -> IO[bytes]:
        """The temporary file (a compressing writer wraps it)."""
        return self._file

    def write(self, data: bytes) -> None:
        self._file.write(data)

    def commit(self) -> None:
        try:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
            os.chmod(self._tmp, _file_mode())
            os.replace(self._tmp, self.path)
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        with contextlib.suppress(OSError):
            self._file.close()
        with contextlib.suppress(OSError):
            os.unlink(self._tmp)


def remove_stale_temp_files(root: str) -> int:
    """Remove temporary files a killed run left under ``root``; returns how many."""
    removed = 0
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            if name.startswith(".") and name.endswith(TEMP_SUFFIX):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(dirpath, name))
                    removed += 1
    return removed
