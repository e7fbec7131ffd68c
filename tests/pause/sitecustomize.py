"""A pause point for the fault tests of ``clean`` run as a real subprocess (on ``PYTHONPATH`` only
when a test puts it there).

With ``CLEANER_TEST_PAUSE`` set to a folder and ``CLEANER_TEST_PAUSE_AFTER`` to ``K``, every call
of ``Cleaner.clean``, in any process of the run, takes the next number by creating
``call-<n>`` in the folder; calls from number ``K`` on wait until ``release`` exists there. A test
can then signal the run at a known point, however busy the machine is, instead of hoping that a
sleep was long enough.
"""

from __future__ import annotations

import os
import time

_DIR = os.environ.get("CLEANER_TEST_PAUSE")
_AFTER = int(os.environ.get("CLEANER_TEST_PAUSE_AFTER", "0"))


def _take_number(folder: str) -> int:
    n = 0
    while True:
        try:
            os.close(os.open(os.path.join(folder, f"call-{n}"), os.O_CREAT | os.O_EXCL))
            return n
        except FileExistsError:
            n += 1


def _install(folder: str) -> None:
    from cleaner.pipeline import Cleaner

    real = Cleaner.clean

    def clean(self: Cleaner, *args: object, **kwargs: object) -> object:
        if _take_number(folder) >= _AFTER:
            release = os.path.join(folder, "release")
            while not os.path.exists(release):
                time.sleep(0.01)
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    Cleaner.clean = clean  # type: ignore[method-assign,assignment]


if _DIR:
    _install(_DIR)
