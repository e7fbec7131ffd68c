"""Repair and normalization: each step is a small ``str -> str`` verb; a step is recorded only
when it changed the text."""

from __future__ import annotations

import functools
import importlib
import re
import unicodedata
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from typing import Any

import ftfy
import ftfy.badness
import ftfy.chardata

from .decode import unify_line_breaks

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
# The same on the text of an HTML page before extraction: its entities and markup are its own.
_FTFY_MARKUP_CONFIG = _FTFY_CONFIG._replace(unescape_html=False)

# What makes ftfy change a text, with the configuration above, besides mojibake: an HTML entity
# (ftfy's own pattern), C0 and C1 controls, DEL, surrogates, terminal escapes, and the characters
# of ftfy's ``remove_control_chars`` (deprecated Arabic controls, BOM, interlinear annotations).
_ENTITY = ftfy.chardata.HTML_ENTITY_RE
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u206a-\u206f\ufeff\ufff9-\ufffc\ud800-\udfff]"
)
# UTF-8 read as Latin-1 or cp1252, the commonest mojibake: a lead character (Â..ï) and a
# continuation character (C1 range or a cp1252 sign). Used to find suspect stretches in markup.
_MOJIBAKE_PAIR = re.compile(
    "\u00c3 |[\u00c2-\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6"
    "\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def needs_repair(text: str) -> bool:
    """False only when ftfy, configured as cleaner configures it, would leave ``text`` as it is;
    the full ftfy pass is skipped then (most pages of any corpus).

    The test mirrors ftfy's own gates: its encoding fix runs only on text its badness measure
    flags (``ftfy.badness.is_bad``, here searched around the characters a match must hold), its
    other fixes only on entities and control characters, and its normalization only on text
    that is not NFC. ``tests/test_ftfy_cases.py`` checks it on ftfy's test cases and on text
    passed through ftfy's code pages.

    >>> needs_repair("Plain English, with “curly quotes” — and a dash; « Français ».")
    False
    >>> needs_repair("Le secrÃ©taire"), needs_repair("LiĂ¨ge"), needs_repair("Fish &amp; chips")
    (True, True, True)
    """
    if "&" in text and _ENTITY.search(text):
        return True
    if _CONTROL.search(text):
        return True
    if text.isascii():
        return False
    if not unicodedata.is_normalized("NFC", text):
        return True
    return _is_bad(text)


def _is_bad(text: str) -> bool:
    """``ftfy.badness.is_bad(text)``, searched only around the characters a match must hold.

    Every way ftfy's badness pattern can match needs one of a few rare characters (the rarest
    of each alternative's character classes) and spans a bounded number of characters, so the
    pattern runs only on windows around those characters: the same answer, in a fraction of
    the time on text outside Latin script.

    >>> _is_bad("Привет, мир"), _is_bad("ÐŸÑ€Ð¸Ð²ÐµÑ‚")
    (False, True)
    """
    plan = _badness_plan()
    if plan is None:
        return bool(ftfy.badness.is_bad(text))
    required, width = plan
    search = ftfy.badness.BADNESS_RE.search
    # Windows around each required character, merged when they touch.
    start, end = 0, -1
    for m in required.finditer(text):
        lo, hi = max(0, m.start() - width + 1), min(len(text), m.start() + width)
        if end >= 0 and lo <= end:
            end = hi
            continue
        if end >= 0 and search(text, start, end):
            return True
        start, end = lo, hi
    return end >= 0 and search(text, start, end) is not None


@functools.lru_cache(maxsize=1)
def _badness_plan() -> tuple[re.Pattern[str], int] | None:
    """A pattern of the characters every badness match holds one of, and the longest match;
    None when the pattern is not of the shape this relies on (the full search is used then):
    alternatives of single characters, no lookaround, no anchor but the start of the text."""
    try:
        parser = importlib.import_module("re._parser")
        c = importlib.import_module("re._constants")
        pattern = ftfy.badness.BADNESS_RE
        if pattern.flags & (re.IGNORECASE | re.MULTILINE | re.DOTALL):
            return None
        parsed = parser.parse(pattern.pattern, pattern.flags)
        width = int(parsed.getwidth()[1])
        if width > 64 or not _plain(parsed.data, c):
            return None
        top = list(parsed.data)
        branches = top[0][1][1] if len(top) == 1 and top[0][0] is c.BRANCH else [top]
        required: set[str] = set()
        for branch in branches:
            sets = [s for op, av in branch if (s := _char_set(op, av, c)) is not None]
            if not sets:
                return None
            required |= min(sets, key=_commonness)
    except Exception:  # an ftfy or Python whose pattern internals differ: search in full
        return None
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(required)) + "]"), width


def _plain(items: Any, c: Any) -> bool:
    """Whether a parsed pattern holds only characters, classes, repeats, groups, alternatives
    and the start-of-text anchor (so a match in a window of the text is a match in the text)."""
    for op, av in items:
        if op in (c.LITERAL, c.NOT_LITERAL, c.IN, c.ANY):
            continue
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            if not _plain(av[2], c):
                return False
        elif op is c.SUBPATTERN:
            if not _plain(av[3], c):
                return False
        elif op is c.BRANCH:
            if not all(_plain(b, c) for b in av[1]):
                return False
        elif not (op is c.AT and av is c.AT_BEGINNING):
            return False
    return True


def _char_set(op: Any, av: Any, c: Any) -> set[str] | None:
    """The characters a single-character item matches, when it lists them (None otherwise)."""
    if op is c.LITERAL:
        return {chr(av)}
    if op is not c.IN:
        return None
    out: set[str] = set()
    for kind, value in av:
        if kind is c.LITERAL:
            out.add(chr(value))
        elif kind is c.RANGE and value[1] - value[0] < 4096:
            out.update(chr(x) for x in range(value[0], value[1] + 1))
        else:
            return None
    return out


def _commonness(chars: AbstractSet[str]) -> tuple[int, int]:
    """How often text may hold one of ``chars``, roughly: ASCII, letters of other scripts and
    common punctuation weigh the most."""
    weight = 0
    for ch in chars:
        if ch.isascii() or ch.isspace():
            weight += 1000
        elif ch.isalpha() and ord(ch) >= 0x370:
            weight += 30
        elif ch.isalpha() or ch in "«»“”‘’„–—…•·°№€":
            weight += 5
        else:
            weight += 1
    return weight, len(chars)


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
        steps.extend(_step_names(explanation))
    return "".join(pieces), list(dict.fromkeys(steps))


_REPAIR_CHUNK = 1 << 20


def repair(text: str) -> tuple[str, list[str]]:
    """The encoding repair, then invisible characters dropped: the repair comes before anything
    removes a character (in mojibake a soft hyphen, U+00AD, is the second byte of "í" read as
    Latin-1). When dropping invisible characters joins a new mojibake sequence, that is repaired
    too, so a second cleaning changes nothing.

    >>> repair("antÃ\u00adgeno, co\u00adop\u200bération")
    ('antígeno, coopération', ['ftfy:decode_inconsistent_utf8', 'drop_invisible'])
    """
    text, steps = repair_encoding(text)
    visible = drop_invisible(text)
    if visible != text:
        steps.append("drop_invisible")
        text, again = repair_encoding(visible)
        steps.extend(again)
    return text, list(dict.fromkeys(steps))


def _step_names(explanation: list[ftfy.ExplanationStep] | None) -> list[str]:
    """The names, for ``Result.steps``, of the steps in an ftfy explanation."""
    return [
        f"ftfy:{param}" if action == "apply" else "ftfy:fix_encoding"
        for action, param in (explanation or [])
    ]


# At most this many characters on each side of a mojibake pair are repaired with it.
_MARKUP_WINDOW = 10_000


def repair_markup(html: str) -> tuple[str, list[str]]:
    """Fix the mojibake in an HTML page's text before extraction (an extractor drops the C1
    control characters by which ftfy recognises UTF-8 read as Latin-1: "â\\x80\\x94" would come
    out as a bare "â"). Only the text between two tags around each suspect pair of characters
    goes through ftfy, so a page of megabytes with a few broken words costs little; markup and
    entities are left as they are.

    >>> repair_markup("<p>l\u00e2\u0080\u0099AFP &amp; \u00e2\u009f\u00a8x\u00e2\u009f\u00a9</p><p>ok</p>")[0]
    '<p>l’AFP &amp; ⟨x⟩</p><p>ok</p>'
    """
    if html.isascii() or not _MOJIBAKE_PAIR.search(html):
        return html, []
    pieces: list[str] = []
    steps: list[str] = []
    done = 0  # html[:done] is in pieces
    for match in _MOJIBAKE_PAIR.finditer(html):
        if match.start() < done:
            continue  # inside the stretch already repaired
        start = max(html.rfind(">", 0, match.start()) + 1, match.start() - _MARKUP_WINDOW, done)
        end = html.find("<", match.end())
        end = min(len(html) if end < 0 else end, match.end() + _MARKUP_WINDOW)
        fixed, explanation = ftfy.fix_and_explain(html[start:end], config=_FTFY_MARKUP_CONFIG)
        pieces.append(html[done:start])
        pieces.append(fixed)
        done = end
        steps.extend(_step_names(explanation))
    pieces.append(html[done:])
    return "".join(pieces), list(dict.fromkeys(steps))


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
    return text if text.isascii() else unicodedata.normalize("NFC", text)


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
    return text if text.isascii() else _INVISIBLE.sub("", text)


_SPECIAL_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


def plain_spaces(text: str) -> str:
    """Map no-break, thin and other typographic spaces to a plain space.

    >>> plain_spaces("«\\u202fbonjour\\u00a0»")
    '« bonjour »'
    """
    return text if text.isascii() else _SPECIAL_SPACES.sub(" ", text)


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


# The text is prepared in pieces of about this many characters, cut after a line break: the
# repair's gate and ftfy see one piece at a time (a page with a few broken words costs ftfy
# only the pieces that hold them), the time budget is checked between pieces, and no copy of
# a big document is made whole (a single astral character would make every copy four bytes a
# character).
PIECE_CHARS = 1 << 14


def prepare(
    text: str,
    *,
    fix_encoding: bool,
    nbsp_to_space: bool,
    deadline: float | None = None,
    clock: Callable[[], float] | None = None,
    budget: float = 0.0,
) -> tuple[list[str], list[str]]:
    r"""Unify line breaks, repair the encoding and normalize ``text``, piece by piece; return the
    pieces (each ends with a line break but the last; joined, they are the prepared text) and the
    steps that changed something. Past ``deadline`` (read on ``clock``; ``budget`` is the
    time budget it came from, for the message) the remaining pieces are normalized but not
    repaired, and the steps say from which line.

    >>> prepare("a\r\nLe secrÃ©taire\u00a0!", fix_encoding=True, nbsp_to_space=True)
    (['a\nLe secrétaire !'], ['ftfy:decode_inconsistent_utf8', 'plain_spaces'])
    """
    steps: list[str] = []
    pieces: list[str] = []
    chain = normalizers(nbsp_to_space=nbsp_to_space)
    # ``repair`` drops invisible characters itself, after ftfy: its pieces skip that normalizer.
    after_repair = tuple(n for n in chain if n is not drop_invisible)
    repairing = fix_encoding
    line = 1
    for piece in _chunks(text, PIECE_CHARS) or [""]:
        piece = unify_line_breaks(piece)
        if repairing and deadline is not None and clock is not None and clock() > deadline:
            steps.append(f"cap:time_budget={budget}s (encoding repair stopped at line {line})")
            repairing = False
        if repairing:
            piece, fixed = repair(piece)
            steps.extend(fixed)
        for normalizer in after_repair if repairing else chain:
            new = normalizer(piece)
            if new != piece:
                steps.append(normalizer.__name__)
                piece = new
        line += piece.count("\n")
        pieces.append(piece)
    return pieces, list(dict.fromkeys(steps))
