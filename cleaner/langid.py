"""Language detection behind a small interface: langdetect (seeded, the default) or py3langid
(ships its model, several times faster; ``pip install cleaner[fast]``)."""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any, Protocol

from .types import Config

_LETTER = re.compile(r"[^\W\d_]")


class LanguageDetector(Protocol):
    def detect(self, text: str) -> tuple[str | None, float | None]:
        """ISO 639-1 code and probability, or ``(None, None)`` when the text is too short."""
        ...


def _sample(text: str, limit: int) -> str:
    """A bounded sample: the start, middle and end of the text, cut at spaces."""
    if len(text) <= limit:
        return text
    third = limit // 3
    mid = len(text) // 2
    return " ".join((text[:third], text[mid - third // 2 : mid + third // 2], text[-third:]))


class _Base:
    def __init__(self, config: Config) -> None:
        self.sample_chars = config.lang_sample_chars
        self.min_chars = config.min_lang_chars

    def _prepare(self, text: str) -> str | None:
        sample = _sample(text, self.sample_chars)
        if len(_LETTER.findall(sample)) < self.min_chars:
            return None
        return sample


class LangdetectDetector(_Base):
    """langdetect with a fixed seed and a fresh detector per call, so results never vary. Its
    profiles are loaded on the first call (half a second), so a process that only builds a
    ``Cleaner`` to hand it to workers never pays for them."""

    def detect(self, text: str) -> tuple[str | None, float | None]:
        sample = self._prepare(text)
        if sample is None:
            return None, None
        from langdetect.lang_detect_exception import LangDetectException

        detector = _langdetect_factory().create()
        detector.seed = 0
        detector.append(sample)
        try:
            best = detector.get_probabilities()[0]
        except (LangDetectException, IndexError):
            return None, None
        code = str(best.lang).split("-")[0]
        return code, round(float(best.prob), 4)


_FACTORY_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _langdetect_factory() -> Any:
    """langdetect's profiles, loaded once per process (about half a second) and shared by every
    detector: they are only read after loading."""
    from langdetect import DetectorFactory

    DetectorFactory.seed = 0
    factory = DetectorFactory()
    with _FACTORY_LOCK:
        factory.load_profile(_profiles_dir())
    return factory


def _profiles_dir() -> str:
    import os

    import langdetect

    return os.path.join(os.path.dirname(langdetect.__file__), "profiles")


class Py3LangidDetector(_Base):
    """py3langid: a shipped model (loaded on the first call), normalized probabilities."""

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        try:
            import py3langid  # noqa: F401 - fail at construction, not at the first document
        except ImportError as e:  # pragma: no cover - depends on the install
            raise ValueError(
                "lang_backend='py3langid' needs the optional extra: pip install 'cleaner[fast]'"
            ) from e

    def detect(self, text: str) -> tuple[str | None, float | None]:
        sample = self._prepare(text)
        if sample is None:
            return None, None
        code, prob = _py3langid_identifier().classify(sample)
        return str(code), round(float(prob), 4)


@lru_cache(maxsize=1)
def _py3langid_identifier() -> Any:
    """py3langid's model, loaded once per process and only read afterwards."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def make_detector(config: Config) -> LanguageDetector:
    if config.lang_backend == "py3langid":
        return Py3LangidDetector(config)
    if config.lang_backend == "langdetect":
        return LangdetectDetector(config)
    raise ValueError(
        f"unknown lang_backend {config.lang_backend!r}; use 'langdetect' or 'py3langid'"
    )
