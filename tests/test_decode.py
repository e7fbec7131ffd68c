"""Decoding bytes: UTF-8 with a few bad bytes stays UTF-8 (the bad bytes replaced and counted),
text in another encoding is still detected, and a page's declared charset that its bytes
contradict does not cost the page."""

from __future__ import annotations

import difflib

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import SENTENCES

from cleaner import InputError, clean
from cleaner.decode import decode, replaced_bytes

FR = " ".join(SENTENCES["fr"])
AR = " ".join(SENTENCES["ar"])


def test_one_stray_byte_in_french_utf8_keeps_the_text_and_counts_the_byte() -> None:
    data = "Le café du coin a rouvert".encode() + b" \xff " + "après des mois de travaux.".encode()
    text, how = decode(data)
    assert text == "Le café du coin a rouvert \ufffd après des mois de travaux."
    assert replaced_bytes(how) == 1
    r = clean(data + b"\n\n" + FR.encode())
    assert "Le café du coin a rouvert" in r.text and "après des mois de travaux." in r.text
    assert "decode:utf-8 (1 invalid byte replaced)" in r.steps


def test_latin1_text_is_still_read_as_latin1() -> None:
    text, how = decode(FR.encode("latin-1", errors="ignore"))
    assert "secrétaire américain à la Défense" in text
    assert replaced_bytes(how) == 0 and not how.startswith("utf-8")


def test_ascii_with_a_stray_byte_is_not_taken_for_utf8() -> None:
    # No valid multi-byte sequence at all: nothing says UTF-8, the detectors decide.
    _text, how = decode(b"plain words \xe9 and more plain words")
    assert not how.startswith("utf-8")


def test_html_declaring_utf8_with_a_stray_byte_is_utf8() -> None:
    page = (
        '<html><head><meta charset="utf-8"><title>t</title></head><body><p>'
        + FR
        + "</p></body></html>"
    ).encode()
    damaged = page.replace(b"premi\xc3\xa8re", b"premi\xc3\xa8re\x9d", 1)
    text, how = decode(damaged, html=True)
    assert "secrétaire américain" in text and "première\ufffd" in text
    assert replaced_bytes(how) == 1


def test_html_whose_declared_charset_its_bytes_contradict() -> None:
    # Declared Shift-JIS, one byte broken: the declared charset, not a detector's guess.
    body = "日本語のテキストです。東京で会議が開かれました。" * 20
    head = f'<meta charset="shift_jis"><p>{body[:10]}'.encode("shift_jis")
    damaged = head + b"\xfd" + f"{body[10:]}</p>".encode("shift_jis")
    text, how = decode(damaged, html=True)
    assert how.startswith("shift_jis (declared by the page; 1 invalid byte replaced)")
    assert text.count("東京で会議が開かれました") >= 19


def test_binary_is_still_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        decode(bytes(range(256)) * 10)


@st.composite
def damaged_utf8(draw: st.DrawFn) -> tuple[str, bytes, int]:
    text = draw(st.sampled_from([FR, AR]))
    data = bytearray(text.encode("utf-8"))
    n = draw(st.integers(1, 3))
    for _ in range(n):
        at = draw(st.integers(0, len(data)))
        data[at:at] = bytes([draw(st.integers(0x80, 0xFF))])
    return text, bytes(data), n


@given(damaged_utf8())
def test_stray_bytes_anywhere_in_utf8_french_or_arabic_keep_the_rest(
    case: tuple[str, bytes, int],
) -> None:
    original, data, inserted = case
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:  # the bytes happened to complete a sequence: valid UTF-8, nothing to count
        return
    text, how = decode(data)
    assert how.startswith("utf-8 (")
    assert 1 <= replaced_bytes(how) <= 3 * inserted
    # Each inserted byte costs at most the one character it landed in.
    matcher = difflib.SequenceMatcher(None, original, text.replace("\ufffd", ""), autojunk=False)
    kept = sum(block.size for block in matcher.get_matching_blocks())
    assert kept >= len(original) - inserted


def test_one_latin1_byte_far_into_an_ascii_page_is_read_as_cp1252() -> None:
    # Nothing but ASCII in the first 200,000 characters, then "é" in latin-1: not refused.
    data = b"plain text line\n" * 100_000 + b"caf\xe9 au lait\n"
    text, how = decode(data)
    assert text.endswith("café au lait\n") and how == "cp1252 (detected)"
