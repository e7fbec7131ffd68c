"""Bytes to text: BOM, strict UTF-8, the page's declared charset, then a detector.

Binary data is refused here, before any rule sees it, with a message that says why.
"""

from __future__ import annotations

import codecs
import re
from itertools import islice

from .types import InputError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">,
# looked for in the first bytes only (the HTML standard says 1024; pages are sloppy, take 4096).
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I
)

# Control characters that never occur in text (everything below 0x20 but tab, LF, FF, CR, ESC).
_CONTROL_BYTES = bytes(c for c in range(32) if c not in (9, 10, 12, 13, 27))
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")

_WEB_ENCODINGS = [
    "cp1252", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r", "cp1253", "cp1254",
    "cp1255", "cp1256", "iso8859_6", "cp1257", "cp1258", "cp874", "shift_jis", "euc_jp",
    "gb18030", "big5", "euc_kr", "mac_roman",
]  # fmt: skip

# Not U+0085 (NEL): on the web it is nearly always cp1252's "…" read as Latin-1, which the
# encoding repair restores.
_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x0b\x0c]")


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a meta tag, if Python knows it.

    >>> declared_charset(b'<html><head><meta charset="ISO-8859-1"></head>')
    'iso8859-1'
    >>> declared_charset(b'<meta charset="no-such-thing">') is None
    True
    """
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return None


def _looks_binary(sample: bytes) -> str | None:
    """Why ``sample`` is not text, or None when it may be text."""
    if not sample:
        return None
    if b"\x00" in sample:
        return "binary data (contains NUL bytes)"
    controls = sum(sample.count(bytes([c])) for c in _CONTROL_BYTES)
    if controls / len(sample) > 0.05:
        return f"binary data ({controls} control bytes in the first {len(sample)})"
    return None


def decode(data: bytes, *, html: bool = False) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, how)``; ``how`` names the encoding and how it was found.

    >>> decode("café".encode("latin-1"))[0]
    'café'
    >>> decode(b"\\xef\\xbb\\xbfhi")
    ('hi', 'utf-8 (BOM)')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), f"{encoding} (BOM)"
            except UnicodeDecodeError as e:
                raise InputError(
                    f"invalid {encoding} after a {encoding} byte-order mark: {e}"
                ) from e
    reason = _looks_binary(data[:65536])
    if reason:
        raise InputError(f"{reason}; cleaner reads text and HTML only")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # UTF-8 but for a few bytes (a truncated copy, a stray byte from a bad concatenation): the
    # bad bytes become U+FFFD and the rest of the text is kept, instead of the whole page being
    # read in another encoding or refused. Text that is not UTF-8 at all has (almost) no valid
    # multi-byte sequence, and goes on to the declared charset and detection.
    lenient = _lenient(data, "utf-8")
    if lenient is not None:
        return lenient[0], f"utf-8 ({lenient[1]} invalid {_bytes(lenient[1])} replaced)"
    if html:
        declared = declared_charset(data)
        if declared:
            try:
                return data.decode(declared), f"{declared} (declared by the page)"
            except UnicodeDecodeError:
                pass
            lenient = _lenient(data, declared)
            if lenient is not None:
                text, bad = lenient
                return (
                    text,
                    f"{declared} (declared by the page; {bad} invalid {_bytes(bad)} replaced)",
                )
    western = _western(data)
    if western is not None:
        return western, "cp1252 (detected)"
    from charset_normalizer import from_bytes

    # Only the legacy encodings the web actually uses: on a short sample the detector otherwise
    # prefers exotic code pages (cp1006, cp775) that happen to fit.
    best = from_bytes(data[:1_000_000], cp_isolation=_WEB_ENCODINGS).best()
    if best is None or best.encoding is None:
        raise InputError(
            "undecodable bytes: not UTF-8 and no other encoding fits; pass str instead"
        )
    try:
        return data.decode(best.encoding), f"{best.encoding} (detected)"
    except (UnicodeDecodeError, LookupError) as e:
        raise InputError(
            f"undecodable bytes: detected {best.encoding} but decoding failed ({e})"
        ) from e


# A text is read in an encoding with its bad bytes replaced when it holds at least as many valid
# non-ASCII characters as bad bytes: one stray byte in a page of accented words or Arabic.
_REPLACED = re.compile(r"utf-8 \((\d+) invalid bytes? replaced\)|; (\d+) invalid bytes? replaced\)")


def _lenient(data: bytes, encoding: str) -> tuple[str, int] | None:
    """``data`` decoded with its invalid bytes replaced by U+FFFD, and how many were, when the
    valid non-ASCII characters are at least as many as the invalid bytes; None otherwise.

    >>> _lenient("café, élève, ".encode() + b"\\xff" + " à côté".encode(), "utf-8")
    ('café, élève, \ufffd à côté', 1)
    >>> _lenient("café, élève".encode("latin-1"), "utf-8") is None
    True
    """
    try:
        text = data.decode(encoding, errors="replace")
    except LookupError:
        return None
    # Replacement characters the bytes themselves held are not errors.
    own = "\ufffd".encode(encoding, errors="ignore")
    bad = text.count("\ufffd") - (data.count(own) if own else 0)
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    good = non_ascii - text.count("\ufffd")
    if bad <= 0 or good < bad:
        return None
    return text, bad


def _bytes(n: int) -> str:
    return "byte" if n == 1 else "bytes"


def replaced_bytes(how: str) -> int:
    """How many invalid bytes a decoding replaced, from the ``how`` that ``decode`` returned (or
    the ``decode:`` step of a result).

    >>> replaced_bytes("utf-8 (3 invalid bytes replaced)"), replaced_bytes("utf-8")
    (3, 0)
    """
    m = _REPLACED.search(how)
    return int(m.group(1) or m.group(2)) if m else 0


# Letters of French, Spanish, German, Italian, Portuguese... plus Western typography.
_WESTERN = frozenset(
    "àâäáãåçéèêëíìîïñóòôöõúùûüýÿæœßÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸÆŒ«»‘’“”–—…€°ºª¡¿©®·•\u00a0"
)


_NON_ASCII = re.compile("[^\x00-\x7f]")
_SAMPLE = 20_000


def _western(data: bytes) -> str | None:
    """``data`` as cp1252 when nearly every non-ASCII character it gives is a Western letter or
    typographic sign: charset detectors confuse cp1252 with cp1250 and its cousins on short
    samples, and cp1252 is by far the most common legacy encoding of the web."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    head = text[:200_000]
    sample = [c for c in head if ord(c) > 127]
    if not sample:  # ASCII at the start: the first non-ASCII characters wherever they are
        sample = [m.group() for m in islice(_NON_ASCII.finditer(text), _SAMPLE)]
    letters = sum(c.isalpha() for c in head)
    # Other scripts read as cp1252 are nearly all accented letters; Western text is mostly ASCII.
    if len(sample) > 0.35 * max(letters, 1):
        return None
    if sample and sum(c in _WESTERN for c in sample) >= 0.95 * len(sample):
        return text
    return None


def check_text(text: str) -> None:
    """Refuse a ``str`` that is really binary data (NUL bytes, mostly control characters)."""
    sample = text[:65536]
    if "\x00" in sample:
        raise InputError("binary data (contains NUL characters); cleaner reads text and HTML only")
    if sample and len(_CONTROL_CHARS.findall(sample)) / len(sample) > 0.05:
        raise InputError(
            "binary data (mostly control characters); cleaner reads text and HTML only"
        )


def unify_line_breaks(text: str) -> str:
    r"""CRLF, CR and the Unicode line and paragraph separators all become ``\n``.

    >>> unify_line_breaks("a\r\nb\rc\u2028d")
    'a\nb\nc\nd'
    """
    if not any(c in text for c in "\r\u2028\u2029\x0b\x0c"):  # what _LINE_BREAKS matches
        return text
    return _LINE_BREAKS.sub("\n", text)
