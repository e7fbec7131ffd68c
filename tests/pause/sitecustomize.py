"""A pause point for the fault tests of ``clean`` run as a real subprocess (on ``PYTHONPATH`` only
when a test puts it there).

With ``CLEANER_TEST_PAUSE`` set to a folder and ``CLEANER_TEST_PAUSE_AFTER`` to ``K``, each process
of the run cleans its first ``K`` documents, then, at its next call of ``Cleaner.clean``, creates
``waiting-<pid>`` in the folder and waits until ``release`` exists there. A test can then signal
the run at a known point, however busy the machine is, instead of hoping that a sleep was long
enough. The count is per process: with a shared count, a worker the scheduler starved would find
its first document past ``K`` and hold back the very first outputs.
"""

from __future__ import annotations

import os
import time

_DIR = os.environ.get("CLEANER_TEST_PAUSE")
_AFTER = int(os.environ.get("CLEANER_TEST_PAUSE_AFTER", "0"))
_done: dict[int, int] = {}  # documents cleaned, by process id (a forked worker starts at 0)


def _install(folder: str) -> None:
    from cleaner.pipeline import Cleaner

    real = Cleaner.clean

    def clean(self: Cleaner, *args: object, **kwargs: object) -> object:
        pid = os.getpid()
        if _done.get(pid, 0) >= _AFTER:
            open(os.path.join(folder, f"waiting-{pid}"), "w").close()
            release = os.path.join(folder, "release")
            while not os.path.exists(release):
                time.sleep(0.01)
        _done[pid] = _done.get(pid, 0) + 1
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    Cleaner.clean = clean  # type: ignore[method-assign,assignment]


if _DIR:
    _install(_DIR)
