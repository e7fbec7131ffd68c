"""The systems the harness compares, each a function from input text to predicted main text.

Every system gets its input already read from disk (reading is not timed):
``input_kind(name)`` says whether it reads the page HTML or the flattened text dump.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Literal

from cleaner import Cleaner, Config
from cleaner.types import Extractor, LangBackend

InputKind = Literal["html", "dump"]
System = Callable[[str], str]

# Slowest first, so the process pool starts the long tasks early.
SYSTEMS: tuple[str, ...] = (
    "trafilatura",
    "cleaner_html",
    "cleaner_fast",
    "cleaner_text",
    "ten_words",
    "dump",
)
EXTRA_SYSTEMS: tuple[str, ...] = ("cleaner_text_py3langid", "cleaner_fast_py3langid")
INPUTS: dict[str, InputKind] = {
    "trafilatura": "html",
    "cleaner_html": "html",
    "cleaner_fast": "html",
    "cleaner_fast_py3langid": "html",
    "cleaner_text": "dump",
    "cleaner_text_py3langid": "dump",
    "ten_words": "dump",
    "dump": "dump",
}


def input_kind(name: str) -> InputKind:
    return INPUTS[name]


def trafilatura_version() -> str:
    import trafilatura

    return str(trafilatura.__version__)


def _dump(text: str) -> str:
    return text


def _ten_words(text: str) -> str:
    """The README baseline: keep the lines of 10 or more whitespace-separated words."""
    return "\n".join(line for line in text.splitlines() if len(line.split()) >= 10)


def _trafilatura(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


@functools.cache
def _cleaner(lang_backend: LangBackend, extractor: Extractor = "trafilatura") -> Cleaner:
    return Cleaner(Config(lang_backend=lang_backend, extractor=extractor))


def _cleaner_text(text: str) -> str:
    return _cleaner("langdetect").clean(text, kind="text").text


def _cleaner_text_py3langid(text: str) -> str:
    return _cleaner("py3langid").clean(text, kind="text").text


def _cleaner_html(html: str) -> str:
    return _cleaner("langdetect").clean(html, kind="html").text


def _cleaner_fast(html: str) -> str:
    return _cleaner("langdetect", "fast").clean(html, kind="html").text


def _cleaner_fast_py3langid(html: str) -> str:
    return _cleaner("py3langid", "fast").clean(html, kind="html").text


_FUNCS: dict[str, System] = {
    "trafilatura": _trafilatura,
    "cleaner_html": _cleaner_html,
    "cleaner_fast": _cleaner_fast,
    "cleaner_fast_py3langid": _cleaner_fast_py3langid,
    "cleaner_text": _cleaner_text,
    "cleaner_text_py3langid": _cleaner_text_py3langid,
    "ten_words": _ten_words,
    "dump": _dump,
}


def get(name: str) -> System:
    """The system called ``name``; ``KeyError`` lists the valid names."""
    try:
        return _FUNCS[name]
    except KeyError:
        raise KeyError(f"unknown system {name!r}; valid: {', '.join(_FUNCS)}") from None


def parse_names(spec: str) -> list[str]:
    """The system names of a comma-separated list, each once, in order; ``KeyError`` (listing
    the valid names) on an unknown one, ``ValueError`` on an empty list."""
    names = list(dict.fromkeys(s.strip() for s in spec.split(",") if s.strip()))
    for name in names:
        get(name)
    if not names:
        raise ValueError("no systems given")
    return names
