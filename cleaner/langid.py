"""Language detection behind a small interface: langdetect (seeded, the default) or py3langid
(ships its model, several times faster; ``pip install cleaner[fast]``)."""

from __future__ import annotations

import re
import threading
from functools import cache, lru_cache
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

        detector = _fast_detector_class()(_langdetect_factory())
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


_SPACE_RUN = re.compile(r" {2,}")
_ASCII_LETTERISH = re.compile(r"[A-z]")  # langdetect's own test: 'A' <= ch <= 'z'
_FROM_U0300 = re.compile(r"[\u0300-\U0010ffff]")


@lru_cache(maxsize=1)
def _fast_detector_class() -> Any:
    """langdetect's ``Detector`` with its per-character and per-language Python loops written as
    joins, regexes and comprehensions: the same arithmetic in the same order, the same random
    draws, so the same probabilities (checked against langdetect on the benchmark pages), about
    twice as fast."""
    from langdetect.detector import Detector
    from langdetect.lang_detect_exception import ErrorCode, LangDetectException
    from langdetect.utils.ngram import NGram

    # langdetect's per-character normalization, computed once per distinct character.
    normalized = cache(NGram.normalize)

    class FastDetector(Detector):  # type: ignore[misc]
        text: str

        def append(self, text: str) -> None:
            text = self.URL_RE.sub(" ", text)
            text = self.MAIL_RE.sub(" ", text)
            text = NGram.normalize_vi(text)
            # A run of spaces counts once (langdetect skips a space after a space).
            self.text += _SPACE_RUN.sub(" ", text[: self.max_text_length])

        def cleaning_text(self) -> None:
            # langdetect compares a block number with a block name here, so every character
            # from U+0300 on counts as non-Latin.
            latin = len(_ASCII_LETTERISH.findall(self.text))
            non_latin = len(_FROM_U0300.findall(self.text))
            if latin * 2 < non_latin:
                self.text = _ASCII_LETTERISH.sub("", self.text)

        def _extract_ngrams(self) -> list[str]:
            known = self.word_lang_prob_map
            result: list[str] = []
            grams = " "
            capital = False
            for ch in map(normalized, self.text):
                last = grams[-1]
                if last == " ":
                    grams = " "
                    capital = False
                    if ch == " ":
                        continue
                elif len(grams) >= 3:
                    grams = grams[1:]
                grams += ch
                if ch.isupper():
                    if last.isupper():
                        capital = True
                else:
                    capital = False
                if capital:
                    continue
                if ch != " " and ch in known:
                    result.append(ch)
                if len(grams) >= 2:
                    if grams[-2:] in known:
                        result.append(grams[-2:])
                    if len(grams) >= 3 and grams in known:
                        result.append(grams)
            return result

        def _detect_block(self) -> None:
            self.cleaning_text()
            ngrams = self._extract_ngrams()
            if not ngrams:
                raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
            known = self.word_lang_prob_map
            self.langprob = [0.0] * len(self.langlist)
            self.random.seed(self.seed)
            for _ in range(self.n_trial):
                prob = self._init_probability()
                alpha = self.alpha + self.random.gauss(0.0, 1.0) * self.ALPHA_WIDTH
                weight = alpha / self.BASE_FREQ
                i = 0
                while True:
                    word = self.random.choice(ngrams)
                    prob = [p * (weight + q) for p, q in zip(prob, known[word], strict=True)]
                    if i % 5 == 0:
                        total = sum(prob)
                        prob = [p / total for p in prob]
                        if max(prob) > self.CONV_THRESHOLD or i >= self.ITERATION_LIMIT:
                            break
                    i += 1
                for j, p in enumerate(prob):
                    self.langprob[j] += p / self.n_trial

    return FastDetector


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
