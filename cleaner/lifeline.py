"""Worker processes end with their parent, whatever killed it.

A pool worker of ``clean -j N`` holds a cleaner (about 190 MB) and waits on a pipe for work: when
the parent is killed with SIGKILL it never hears, and would live on under PID 1. Two guards, each
enough alone:

- on Linux, the kernel's parent-death signal (``prctl(PR_SET_PDEATHSIG, SIGKILL)``), sent the
  moment the parent thread that started the worker exits;
- everywhere, a daemon thread that looks at the parent's PID every ``POLL_SECONDS`` and ends the
  process when it changed (the worker was handed to another process).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading

POLL_SECONDS = 0.5
_PR_SET_PDEATHSIG = 1


def exit_with_parent() -> None:
    """Make the calling process end when its parent dies (call it first thing in a worker)."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="lifeline", daemon=True).start()


def _watch(parent: int) -> None:
    event = threading.Event()
    while not event.wait(POLL_SECONDS):
        if os.getppid() != parent:
            os._exit(1)
