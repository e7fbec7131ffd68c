"""Language detection: the faster langdetect detector gives langdetect's own answers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from langdetect.detector import Detector
from langdetect.lang_detect_exception import LangDetectException

from cleaner import Cleaner, Config
from cleaner.langid import _fast_detector_class, _langdetect_factory, make_detector

TEXTS = [
    "Le Conseil a voté mardi le nouveau budget, qui finance les écoles et les routes.",
    "The council voted on Tuesday to approve the new budget for schools and roads.",
    "El consejo votó el martes el nuevo presupuesto para las escuelas y las carreteras.",
    "Der Rat hat am Dienstag den neuen Haushalt für Schulen und Straßen beschlossen.",
    "صوّت المجلس يوم الثلاثاء على الميزانية الجديدة للمدارس والطرق.",
    "Совет во вторник утвердил новый бюджет для школ и дорог.",
    "日本語のテキストです。カタカナもひらがなも含みます。",
    "Việt Nam là một quốc gia nằm ở phía đông bán đảo Đông Dương.",
    "ÉCOLE DES BEAUX-ARTS DE PARIS  —  ENTRÉE   LIBRE",
    "see http://example.com/a?b=c and write to someone@example.org today, thanks",
    "   double   spaces    everywhere   in   this   English   sentence   ",
    "Mixed English text with ein bisschen Deutsch und un peu de français.",
    "12345 67890",
    "",
]


def _probabilities(cls: type, text: str) -> list[tuple[str, float]] | str:
    detector = cls(_langdetect_factory())
    detector.seed = 0
    detector.append(text)
    try:
        return [(p.lang, p.prob) for p in detector.get_probabilities()]
    except LangDetectException as e:
        return f"error: {e}"


@pytest.mark.parametrize("text", TEXTS)
def test_fast_detector_gives_langdetects_probabilities(text: str) -> None:
    assert _probabilities(_fast_detector_class(), text) == _probabilities(Detector, text)


# Words from several scripts, capitals, digits, punctuation and runs of spaces, which is what
# the word-by-word n-grams and the capital-word rule have to get right.
_PIECES = st.sampled_from(
    [
        "le",
        "Été",
        "THE",
        "Haus",
        "çà",
        "ÉCOLE",
        "a",
        "I",
        "x9",
        "l'eau",
        "co-op",
        "—",
        "...",
        "مدرسة",
        "школа",
        "日本",
        "ひらがな",
        "Việt",
        "ß",
        "ǅ",
        "2024",
        "https://a.example/b",
    ]
)
_GAPS = st.sampled_from([" ", "  ", "", "\n", ", ", ".", "\t"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_PIECES, _GAPS), max_size=40))
def test_fast_detector_equals_langdetect_on_generated_text(parts: list[tuple[str, str]]) -> None:
    text = "".join(piece + gap for piece, gap in parts)
    assert _probabilities(_fast_detector_class(), text) == _probabilities(Detector, text)


def test_detection_is_the_same_in_a_fresh_detector() -> None:
    a = make_detector(Config()).detect(TEXTS[0] * 5)
    b = make_detector(Config()).detect(TEXTS[0] * 5)
    assert a == b and a[0] == "fr"


@pytest.mark.parametrize(("text", "lang"), [(TEXTS[1] * 3, "en"), (TEXTS[3] * 3, "de")])
def test_both_backends_name_the_language(text: str, lang: str) -> None:
    for backend in ("langdetect", "py3langid"):
        assert make_detector(Config(lang_backend=backend)).detect(text)[0] == lang


def test_building_a_cleaner_loads_no_language_model() -> None:
    from cleaner import langid

    langid._langdetect_factory.cache_clear()
    Cleaner(Config())
    assert langid._langdetect_factory.cache_info().currsize == 0
    assert Cleaner(Config()).clean(TEXTS[1] * 3, kind="text").lang == "en"
    assert langid._langdetect_factory.cache_info().currsize == 1


def test_the_random_words_are_the_generators_own_as_they_grow() -> None:
    import random

    from cleaner.langid import _RandomWords

    stream = _RandomWords(0)
    first = list(stream.grow(5))
    words = stream.grow(10_000)
    generator = random.Random(0)
    assert words[:10_000] == [generator.getrandbits(32) for _ in range(len(words))][:10_000]
    assert words[: len(first)] == first and len(words) >= 10_000
