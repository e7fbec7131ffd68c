"""Repair and normalization: each step is a small ``str -> str`` verb; a step is recorded only
when it changed the text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import ftfy
import ftfy.badness

# ftfy, told to keep what a French or typeset page means: curly quotes, guillemets, ligature-free
# words and full-width characters stay; mojibake, entities, control characters and terminal
# escapes go. Line breaks were unified before this runs.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=True,
    remove_terminal_escapes=True,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=True,
    normalization="NFC",
    max_decode_length=1_000_000,
    explain=True,
)

_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MOJIBAKE_PAIR = re.compile(
    "\u00c3 |[\u00c2-\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6"
    "\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_NON_LATIN = re.compile("[\u0370-\u1fff\u2c00-\uffff]")
# C0 controls (but tab and newline), DEL, C1 controls, terminal escapes, the replacement char.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd]")


def needs_repair(text: str) -> bool:
    """True when ``text`` may hold mojibake, an HTML entity or a control character; the full
    ftfy pass is skipped otherwise (most pages of any corpus).

    >>> needs_repair("Plain English, with “curly quotes” — and a dash; « Français ».")
    False
    >>> needs_repair("Le secrÃ©taire")
    True
    >>> needs_repair("Fish &amp; chips")
    True
    """
    if _ENTITY.search(text) or _CONTROL.search(text):
        return True
    if text.isascii():
        return False
    # UTF-8 read as Latin-1 or cp1252, by far the most common mojibake, always pairs a lead
    # character (Â..ï) with a continuation character (C1 range or a cp1252 sign); ftfy's full
    # badness check, which also knows rarer code pages, runs only on text outside Latin script.
    if _MOJIBAKE_PAIR.search(text):
        return True
    return bool(_NON_LATIN.search(text)) and bool(ftfy.badness.is_bad(text))


def repair_encoding(text: str) -> tuple[str, list[str]]:
    """Fix mojibake, HTML entities and control characters with ftfy; return the fixed text and
    the names of ftfy's steps that changed something.

    >>> repair_encoding("Le secrÃ©taire amÃ©ricain &amp; lâ€™AFP")[0]
    'Le secrétaire américain & l’AFP'
    """
    if not needs_repair(text):
        return text, []
    pieces: list[str] = []
    steps: list[str] = []
    # In pieces of about a megabyte cut at line breaks: ftfy's working copies stay bounded on a
    # big document, and no fix can cross a line.
    for chunk in _chunks(text, _REPAIR_CHUNK):
        fixed, explanation = ftfy.fix_and_explain(chunk, config=_FTFY_CONFIG)
        pieces.append(fixed)
        steps.extend(
            f"ftfy:{param}" if action == "apply" else "ftfy:fix_encoding"
            for action, param in (explanation or [])
        )
    return "".join(pieces), list(dict.fromkeys(steps))


_REPAIR_CHUNK = 1 << 20


def _chunks(text: str, size: int) -> list[str]:
    r"""``text`` cut after a line break every ``size`` characters or so (pieces join back to it).

    >>> _chunks("ab\ncd\nef", 3)
    ['ab\n', 'cd\n', 'ef']
    """
    out: list[str] = []
    start = 0
    while start < len(text):
        end = text.find("\n", start + size - 1)
        end = len(text) if end < 0 else end + 1
        out.append(text[start:end])
        start = end
    return out


def normalize_nfc(text: str) -> str:
    """Compose characters, so 'é' is one code point wherever it came from.

    >>> normalize_nfc("e\\u0301") == "\\u00e9"
    True
    """
    return unicodedata.normalize("NFC", text)


# Zero-width space, word joiner, BOM, soft hyphen, and the invisible function characters.
# ZWJ (U+200D) and ZWNJ (U+200C) stay: Arabic, Persian, Indic scripts and emoji need them.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b\u2060-\u2064\ufeff]")


def drop_invisible(text: str) -> str:
    """Drop zero-width characters and soft hyphens, which only break words apart.

    >>> drop_invisible("co\\u00adop\\u200bération")
    'coopération'
    >>> drop_invisible("\\u0645\\u200c\\u0646") == "\\u0645\\u200c\\u0646"
    True
    """
    return _INVISIBLE.sub("", text)


_SPECIAL_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


def plain_spaces(text: str) -> str:
    """Map no-break, thin and other typographic spaces to a plain space.

    >>> plain_spaces("«\\u202fbonjour\\u00a0»")
    '« bonjour »'
    """
    return _SPECIAL_SPACES.sub(" ", text)


_SPACE_RUN = re.compile(r"[ \t]+")


def collapse_whitespace(text: str) -> str:
    """One space between words, none at the ends of a line.

    >>> collapse_whitespace("  a \\t  b  ")
    'a b'
    """
    return _SPACE_RUN.sub(" ", text).strip()


Normalizer = Callable[[str], str]


def normalizers(*, nbsp_to_space: bool) -> tuple[Normalizer, ...]:
    """The document-level normalizers, in order. Spaces are collapsed later, per block, so that
    a ticker's wide gaps are still visible when lines are split."""
    steps: list[Normalizer] = [normalize_nfc, drop_invisible]
    if nbsp_to_space:
        steps.append(plain_spaces)
    return tuple(steps)
