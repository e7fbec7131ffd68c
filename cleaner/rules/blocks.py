"""Rules that judge one block, with the page as context: links to other articles, credits,
interface strings, breadcrumbs, bylines, datelines, copyright lines."""

from __future__ import annotations

import re
from functools import lru_cache

from ..dates import DATE, SHORT_DATE
from ..phrases import Hit, alternation, available_languages, word_list, word_roles
from ..text import ends_sentence, words
from .page import _HAS_DIGIT, Context, CreditPatterns, Note, Page

# ------------------------------------------------------------------------------- block rules

# Word limits: the most words a block can have for a rule to take it, so that a sentence that
# merely holds the rule's words stays. Each line says what the value was measured on; "first
# version" is the rule as it came in the pipeline's skeleton (commit 94f21b2), which records no
# measurement: a value to measure on the benchmarks before trusting it.
READ_MORE_MAX_WORDS = 16  # first version
READ_MORE_EXPLICIT_MAX_WORDS = 40  # after "Lire aussi :" or "|"; first version
CREDIT_MAX_WORDS = 60  # every credit below sits in a block of at most 60 words; first version
CREDIT_SHORT_WORDS = 25  # a credit inside the block or opening it; first version
CAPTION_END_CHARS = 120  # the end of a caption that a credit closes; first version
UI_COUNTER_MAX_WORDS = 5  # forum and gallery counters (9287395, 8c19fa9: 85 lines, none gold)
UI_READING_TIME_MAX_WORDS = 7  # 1116594: 148 lines on the benchmark dumps, 3 in a gold text
UI_PREFIX_MAX_WORDS = 20  # first version
UI_ANYWHERE_MAX_WORDS = 90  # cookie and newsletter boxes are long; first version
CRUMB_MAX_WORDS = 30  # first version
CRUMB_TRAIL_MAX_WORDS = 20  # a trail without a phrase; first version
CRUMB_ITEM_MAX_WORDS = 5  # each item of such a trail; first version
BYLINE_MAX_WORDS = 14  # first version
BYLINE_SENTENCE_WORDS = 8  # a byline ending like a sentence is one up to this; first version
DATELINE_MAX_WORDS = 16  # first version
DATELINE_SHORT_WORDS = 8  # a relative date or a phrase alone; first version
DATELINE_BARE_WORDS = 3  # a dateline phrase and a word or two; first version
COPYRIGHT_MAX_WORDS = 40  # first version


_READ_MORE_TAIL = re.compile(r"^\s*(?:[:|>»›→\-–—.…]+|$)")


def read_more(page: Page, i: int, ctx: Context) -> str | Note | None:
    """A link to another article: "Lire aussi | ...", "Read more:", "اقرأ أيضا: ...".

    A long block that merely starts with such words is a sentence, and is kept.
    """
    hit = page.prefix("read_more", i)
    if hit is None:
        return None
    tail = page.keys[i][hit.end :]
    explicit = bool(_READ_MORE_TAIL.match(tail)) or hit.phrase.endswith(":")
    limit = READ_MORE_EXPLICIT_MAX_WORDS if explicit else READ_MORE_MAX_WORDS
    if page.words[i] > limit:
        return Note(
            "read_more",
            f'kept, starts with "{hit.phrase}" but reads as a {page.words[i]}-word sentence',
            page.blocks[i].line,
        )
    return f'starts with "{hit.phrase}" ({hit.lang})'


# The credit words (``data/words/credits``): before an agency at the end of a caption, before one
# anywhere, a picture "by" someone, and (capitalised, on the page's own text) a caption's last.
_CREDIT_WORDS = alternation(word_list("credits", "credit"))
_ANYWHERE_CREDIT_WORDS = alternation(word_list("credits", "anywhere"))
_PICTURE_WORDS = alternation(word_list("credits", "picture"))
_PICTURE_BY = alternation(word_list("credits", "by"))
_CAPTION_WORDS = alternation(word_list("credits", "caption", folded=False))


@lru_cache(maxsize=8)
def _credit_patterns(agencies: tuple[str, ...]) -> CreditPatterns:
    names = "|".join(re.escape(a) for a in sorted(agencies, key=lambda a: (-len(a), a)))
    # "... (Sylvie LANTEAUME / AFP)", "... Crédit: FETHI BELAID / AFP)", "Foto: EFE/Juan Pérez"
    tail = re.compile(
        rf"(?:\(|\b(?:{_CREDIT_WORDS}|©)\s*:?\s*)"
        r"[^()\n]{0,80}?(?:/|\bvia\b|\bfor\b)\s*(?:" + names + r")\s*\)?\s*$"
    )
    # "(Photo by Jane Doe/Getty Images)", "Photo: AFP", "© Reuters", "EFE/Juan Pérez". The agency
    # opens the block, a parenthesis, a clause or a dash, or follows "©" or a credit word ("... in
    # Paris. REUTERS/Jane Doe", "Foto EFE/Juan Pérez"), so that a sentence's "the map/route" is
    # no credit (keys are folded: "map" is MAP's name); and it is not a list of abbreviations,
    # "AP/IB/Honors classes" (the word after the slash ends in another slash).
    anywhere = re.compile(
        rf"(?:^|\(\s*|[.!?,;:»”)|–—-]\s+|©\s*|\b(?:{_ANYWHERE_CREDIT_WORDS})\s+)"
        r"(?:" + names + r")\s*/\s*[^\W\d_](?!\w*/)|"
        rf"\(\s*(?:{_PICTURE_WORDS})s?\s+(?:{_PICTURE_BY})\s[^()]{{1,80}}\)"
    )
    return tail, anywhere


# What follows a credit word: "Photo: ...", "Foto / ...", "Crédit (...)". The lookbehind keeps a
# search linear on a long run of spaces.
_CREDIT_SEP = re.compile(r"(?<!\s)\s*[:|/©(-]")


def photo_credit(page: Page, i: int, ctx: Context) -> str | None:
    """A caption or credit: "(NAME / AFP)", "Crédit: ... / AFP)", "Photo: ...", "Bildquelle: ...".

    A caption line that ends in a credit goes as a whole.
    """
    n = page.words[i]
    if n > CREDIT_MAX_WORDS:
        return None
    key = page.keys[i]
    tail, anywhere = ctx.credit
    # The credit pattern is anchored at the end and bounded, so only the end of a block matters;
    # it opens with a parenthesis or a credit word, and names the agency after a "/", "via", "for".
    end = key[-160:]
    agency = "/" in end or " via " in end or " for " in end
    if agency and _CREDIT_OPEN.search(end) and tail.search(end):
        return "ends with an agency credit"
    if n <= CREDIT_SHORT_WORDS and ("/" in key or "(" in key) and anywhere.search(key):
        return "holds a photo credit"
    hit = page.prefix("photo_credit", i) if n <= CREDIT_SHORT_WORDS else None
    if hit:
        rest = key[hit.end :]
        if _CREDIT_SEP.match(rest):
            return f'starts with "{hit.phrase}:" ({hit.lang})'
    elif n <= CREDIT_SHORT_WORDS and key.startswith("(") and key.endswith(")"):
        # The same credit in parentheses: "(Photo : Marc Leroy)", "(Foto: dpa)".
        inner = key[1:-1].lstrip()
        hit = page.matchers["photo_credit"].prefix(inner)
        if hit and _CREDIT_SEP.match(inner, hit.end):
            return f'a credit in parentheses, "{hit.phrase}:" ({hit.lang})'
    caption_end = page.blocks[i].text[-CAPTION_END_CHARS:]
    if _CREDIT_WORD.search(caption_end) and _CAPTION_CREDIT.search(caption_end):
        return "caption ending in a credit"
    return None


# One of these starts every match of _CAPTION_CREDIT ("Photos?", "Fotos?", "Crédits?"...).
_CREDIT_WORD = re.compile(alternation((*word_list("credits", "caption", folded=False), "©")))
# What every match of the credit tail pattern (see ``_credit_patterns``) opens with.
_CREDIT_OPEN = re.compile(alternation((*word_list("credits", "credit"), "(", "©")))


def _caption_credit() -> re.Pattern[str]:
    import regex

    # "... l'édition 2023. Photo DR", "... on Tuesday. Photo John Smith": after a sentence, a
    # credit word and a capitalised name (or initials) end the caption.
    name = r"\p{Lu}[\p{L}'’.&-]*"
    return regex.compile(  # type: ignore[no-any-return]
        rf"(?:^|[.!?»”)]\s)(?:{_CAPTION_WORDS}|©)\s?:?\s?"
        rf"{name}(?:\s(?:{name}|/|de|du|von|van|di|da|del|for|via|pour)){{0,5}}$"
    )


_CAPTION_CREDIT = _caption_credit()


def ui_string(page: Page, i: int, ctx: Context) -> str | None:
    """Interface text: share/print/subscribe/log-in prompts, "Merci d'avoir signalé!", comment
    counters, cookie banners, newsletter boxes."""
    key = page.keys[i]
    n = page.words[i]
    hit = page.whole("ui_string", i)
    if hit:
        return f'is "{hit.phrase}" ({hit.lang})'
    first = key[:1]
    if (first == "(" or first.isdecimal()) and _COUNTER.match(key):  # "\(?\d" starts a counter
        return "is a counter"
    if n <= UI_COUNTER_MAX_WORDS and ":" in key and _MEMBER_STAT.match(key):
        return "is a forum member's counter"
    if (
        n <= UI_READING_TIME_MAX_WORDS
        and key.endswith(_READING_TIME_ENDS)
        and _READING_TIME.match(key)
    ):
        return "is a reading-time counter"
    if n <= UI_COUNTER_MAX_WORDS and key[-1:].isdecimal() and _GALLERY_COUNTER.match(key):
        return "is a photo gallery's counter"
    if n <= UI_PREFIX_MAX_WORDS:
        hit = page.prefix("ui_string", i)
        if hit:
            return f'starts with "{hit.phrase}" ({hit.lang})'
    if n <= UI_ANYWHERE_MAX_WORDS:
        hit = page.anywhere("ui_string", i)
        if hit:
            return f'holds "{hit.phrase}" ({hit.lang})'
    return None


# A counter alone on its line: "12 commentaires", "3.4k posts", "617 Reputation", "6 Answers"
# (the nouns: ``data/words/counters``).
_COUNTER = re.compile(rf"^\(?\d[\d\s.,k]*\)?\s*(?:{alternation(word_list('counters', 'noun'))})$")

# A forum member's counter, alone on its line: "Posts: 701", "Join Date: Aug 2008".
_MEMBER_STAT = re.compile(
    rf"^(?:{alternation(word_list('member_stats', 'label'))})\s?:\s?[\w.,/-]+(?: [\w.,/-]+){{0,2}}$"
)

# A reading-time counter, alone on its line: "5 min read", "Temps de lecture : 4 min",
# "Lesezeit: 3 Minuten", "Reading time about 6 minutes" (matched on folded text).
# (the words: ``data/words/reading_time``).
_MINUTE_WORDS = word_list("reading_time", "minute")
_READ_WORDS = word_list("reading_time", "read")
_MINUTES = f"(?:{alternation(_MINUTE_WORDS)})\\.?"
# What every match of _READING_TIME ends with.
_READING_TIME_ENDS = (*_MINUTE_WORDS, ".", *_READ_WORDS)
_READING_TIME = re.compile(
    rf"^(?:{alternation(word_list('reading_time', 'label'))})\s?:?\s?"
    rf"(?:(?:{alternation(word_list('reading_time', 'about'))}) )?\d{{1,3}}\s?{_MINUTES}$"
    rf"|^\d{{1,3}}\s?{_MINUTES}\s(?:{alternation(_READ_WORDS)})$"
)

# A photo gallery's counter, alone on its line: "Image 1 of 4", "Photo 3 sur 12", "2 / 23".
_GALLERY_COUNTER = re.compile(
    rf"^(?:(?:{alternation(word_list('gallery', 'item'))})s?\s)?"
    rf"\d{{1,3}}\s(?:/|{alternation(word_list('gallery', 'of'))})\s\d{{1,3}}$"
)

_CRUMB_SEP = re.compile(r"\s(?:>|»|›|→|/|\||::)\s")
_CRUMB_CHAR = re.compile("[>»›→/|:]")  # every _CRUMB_SEP holds one


def breadcrumb(page: Page, i: int, ctx: Context) -> str | None:
    """A breadcrumb trail: "Accueil > Monde > Afrique", "Acceuil POLITIQUE <title>" (sic)."""
    text = page.blocks[i].text
    n = page.words[i]
    if n > CRUMB_MAX_WORDS:
        return None
    # Separators counted only where a trail is possible, and only when one can be there.
    seps = len(_CRUMB_SEP.findall(text)) if _CRUMB_CHAR.search(text) else 0
    hit = page.prefix("breadcrumb", i)
    if hit:
        rest = text.lstrip("*+-•> ")[len(hit.phrase) :].lstrip()
        first = rest.split(" ", 1)[0] if rest else ""
        if not rest or seps or _is_caps_word(first):
            return f'trail starting with "{hit.phrase}" ({hit.lang})'
    if seps >= 2 and n <= CRUMB_TRAIL_MAX_WORDS and not ends_sentence(text):
        parts = [p.strip() for p in _CRUMB_SEP.split(text)]
        if all(0 < len(words(p)) <= CRUMB_ITEM_MAX_WORDS for p in parts):
            return f"{len(parts)} short items separated like a trail"
    return None


def _is_caps_word(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def byline(page: Page, i: int, ctx: Context) -> str | None:
    """A byline: "Par Nadia El Amrani", "By Sarah Whitfield, Senior Writer", a lone "Par", a
    contact line "Write to Al Root at al.root@example.com"."""
    found = _byline_rest(page, i)
    if found is None:
        return None
    hit, rest = found
    n = page.words[i]
    if not rest:
        return f'lone "{hit.phrase}" ({hit.lang})'
    if n > BYLINE_MAX_WORDS or (ends_sentence(rest) and n > BYLINE_SENTENCE_WORDS):
        return None
    if _BYLINE_NAMES.match(rest):
        return f'"{hit.phrase}" and a name ({hit.lang})'
    return None


def _byline_rest(page: Page, i: int) -> tuple[Hit, str] | None:
    """The byline phrase block ``i`` starts with, and what follows it ("By Sarah Whitfield,
    Senior Writer" -> "by", "Sarah Whitfield, Senior Writer")."""
    hit = page.prefix("byline", i)
    if hit is None:
        return None
    return hit, page.text(i).lstrip("*+-•> ")[len(hit.phrase) :].strip(" :")


def _byline_names() -> re.Pattern[str]:
    import regex

    def listed(role: str) -> str:  # the byline words (``data/words/bylines``), as written
        return alternation(word_list("bylines", role, folded=False))

    name = r"(?:\p{Lu}[\p{L}'’.-]*|\p{Lo}[\p{Lo}\p{M}]*)"
    person = rf"{name}(?:\s+(?:(?:{listed('particle')})\s+)?{name}){{0,4}}"
    joiner = rf"(?:\s*(?:,|&|\b(?:{listed('joiner')})\b|\b(?:{listed('clitic')}))\s*)"
    published = alternation(
        word_list("bylines", "published", folded=False) + word_list("bylines", "on", folded=False)
    )
    tail = (
        rf"(?:\s*(?:[,|–—-]|\b(?:{listed('for')})\b).{{0,80}}"
        rf"|\s(?:{published})\s.{{0,80}}"
        # "Write to Al Root at al.root@example.com"
        rf"|\s(?:{listed('at')})\s[^\s@]{{1,64}}@[^\s@]{{1,255}})?"
    )
    return regex.compile(rf"^{person}(?:{joiner}{person}){{0,3}}{tail}$")  # type: ignore[no-any-return]


_BYLINE_NAMES = _byline_names()

_DATE = DATE


def _relative_dates() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The relative-date pattern, built from each language's words (``data/words/
    relative_dates``): a word before a count and a unit ("il y a 3 semaines", "hace un mes",
    "منذ ساعتين": any word for the unit when a language lists none, any token when it has no
    count words either), a count and a unit before a word ("3 days ago", "2 giorni fa", "5h ago"
    with an abbreviated unit), or a day named relative to today ("hier"); and a hint, one of
    whose words every match holds, looked for first.

    >>> relative, hint = _relative_dates()
    >>> [bool(relative.search(t)) for t in ("il y a 3 semaines", "2 giorni fa", "5h ago", "le 3 mai")]
    [True, True, True, False]
    """
    parts: list[str] = []
    hints: list[str] = []
    for lang in available_languages("words/relative_dates"):
        roles = word_roles("relative_dates", lang)
        count = f"(?:\\d+|{alternation(roles['count'])})" if "count" in roles else None
        unit = f"(?:{alternation(roles['unit'])})" if "unit" in roles else None
        if "before" in roles:
            what = f"{unit}\\b" if unit else "\\w+" if count else "\\S+"
            counted = f"{count}\\s+" if count else ""
            parts.append(f"\\b(?:{alternation(roles['before'])})\\s+{counted}{what}")
            hints.extend(roles["before"])
        if "after" in roles and count and unit:
            after = alternation(roles["after"])
            parts.append(f"\\b{count}\\s+{unit}\\s+(?:{after})\\b")
            if "abbrev" in roles:
                abbrev = alternation(roles["abbrev"])
                parts.append(f"\\b\\d{{1,3}}\\s?(?:{abbrev})\\s+(?:{after})\\b")
            hints.extend(roles["after"])
        if "day" in roles:
            parts.append(f"\\b(?:{alternation(roles['day'])})\\b")
            hints.extend(roles["day"])
    return re.compile("|".join(parts)), re.compile(f"\\b(?:{alternation(hints)})")


_RELATIVE, _RELATIVE_HINT = _relative_dates()
_TIME = re.compile(r"\b\d{1,2}\s?[:h]\s?\d{2}\b(?:\s?(?:am|pm))?|\b\d{1,2}\s?(?:am|pm)\b")
# (the words: ``data/words/weekdays``).
_WEEKDAYS = re.compile(rf"\b(?:{alternation(word_list('weekdays'))})\b\.?,?")


# (the words: ``data/words/date_fillers``).
_DATE_FILLER = re.compile(rf"\b(?:{alternation(word_list('date_fillers'))}|,)\b")


# Phrases that begin other lines as often as datelines ("le", "on", "Commented out the old
# call", a changelog's "Updated refresh rate to 90Hz", English "Stand out" for German "Stand:"):
# with a date or a time after them, or alone, they make one; otherwise not.
_NEEDS_A_DATE = frozenset(
    {"le", "on", "am", "date", "edited", "commented", "post by", "edite", "bearbeitet", "editado"}
    | {"updated", "stand"}
)


# A short dateline phrase ("on", "le", "am") and a date begin sentences too: more than
# CLAUSE_WORDS words after the date make one ("On 2 Dec 2024, I received this message from ...").
CLAUSE_WORDS = 4


def _clause_after_date(key: str) -> bool:
    """Whether more than ``CLAUSE_WORDS`` words (times and weekdays aside) follow the first date
    of a folded line."""
    m = _DATE.search(key)
    return m is not None and len(_words_beside_dates(key[m.end() :])) > CLAUSE_WORDS


def _words_beside_dates(text: str) -> list[str]:
    """The words of a folded text without its weekdays, times and a date's filler words
    ("le", "at", ...): what a dateline says besides its date."""
    return words(_DATE_FILLER.sub(" ", _TIME.sub(" ", _WEEKDAYS.sub(" ", text))))


def dateline(page: Page, i: int, ctx: Context) -> str | None:
    """A dateline: "Publié le 14 janvier 2025", "Publié dans Challenge le 29 - 09 - 2020",
    "il y a 3 semaines", "Updated 3 hours ago", "Stand: 12.05.2024", a date alone."""
    key = page.keys[i]
    n = page.words[i]
    if n > DATELINE_MAX_WORDS or (n >= DATELINE_SHORT_WORDS and ends_sentence(key)):
        return None
    # Every written date and time has a digit; without one, only words like "hier" can date it.
    digit = _HAS_DIGIT.search(key) is not None
    dated = digit and _DATE.search(key) is not None
    timed = dated or (digit and _TIME.search(key) is not None)
    hit = page.prefix("dateline", i)
    # Asked below only after a phrase or in a short block; a relative date needs one of a few
    # words, looked for before the full pattern.
    relative = (
        (hit is not None or n <= DATELINE_SHORT_WORDS)
        and _RELATIVE_HINT.search(key) is not None
        and _RELATIVE.search(key) is not None
    )
    if hit and (len(hit.phrase) > 3 or dated):
        if len(hit.phrase) <= 3 and _clause_after_date(key):
            return None  # "On 2 Dec 2024, I received this message from ...": a sentence
        if timed or relative:
            return f'starts with "{hit.phrase}" and a date ({hit.lang})'
        if n <= DATELINE_BARE_WORDS:
            return f'"{hit.phrase}" with no article words ({hit.lang})'
        if hit.phrase not in _NEEDS_A_DATE and n <= DATELINE_SHORT_WORDS and not ends_sentence(key):
            return f'starts with "{hit.phrase}" ({hit.lang})'
    if n <= DATELINE_SHORT_WORDS and relative:
        return "relative date"
    if (
        n <= DATELINE_BARE_WORDS and digit and SHORT_DATE.match(key)
    ):  # a day number in every short date
        return "a date alone"
    if not dated:
        return None
    if not _words_beside_dates(_DATE.sub(" ", key)):
        return "a date alone"
    return None


def copyright_footer(page: Page, i: int, ctx: Context) -> str | None:
    """A copyright or legal footer: "© 2024 ...", "Tous droits réservés", "Impressum"."""
    if page.words[i] > COPYRIGHT_MAX_WORDS:
        return None
    hit = page.anywhere("copyright_footer", i)
    if hit:
        return f'holds "{hit.phrase}" ({hit.lang})'
    return None


# ---------------------------------------------------------------------------- candidates
# Each block rule is asked only about the blocks it can fire on, read off the page's features
# (see ``Candidates``): every test below is one the rule itself makes before it can return
# evidence, so a block left out is one it would keep (``tests/test_rules_speed.py`` checks it
# on the golden and seed pages).


def phrase_candidates(page: Page, alive: list[int]) -> list[int]:
    """read_more and byline: a block that starts with a phrase of the page's lists."""
    starts = page.starts
    return alive if starts is None else [i for i in alive if starts[i]]


def credit_candidates(page: Page, alive: list[int]) -> list[int]:
    """photo_credit: at most 60 words, and a slash, a parenthesis, " via ", " for ", a phrase
    at the start, or a credit word at the end."""
    starts, n, keys, blocks = page.starts, page.words, page.keys, page.blocks
    credit = _CREDIT_WORD.search
    return [
        i
        for i in alive
        if n[i] <= CREDIT_MAX_WORDS
        and (
            (starts is None or starts[i])
            or "/" in keys[i]
            or "(" in keys[i]
            or " via " in keys[i]
            or " for " in keys[i]
            or credit(blocks[i].text[-CAPTION_END_CHARS:]) is not None
        )
    ]


def ui_candidates(page: Page, alive: list[int]) -> list[int]:
    """ui_string: a phrase at the start or (in at most 90 words) anywhere, or a counter's shape."""
    starts, anywhere, n, keys = page.starts, page.maybe_anywhere, page.words, page.keys
    if starts is None or anywhere is None:
        return alive
    return [
        i
        for i in alive
        if starts[i]
        or (n[i] <= UI_ANYWHERE_MAX_WORDS and anywhere[i])
        or keys[i][:1] == "("
        or keys[i][:1].isdecimal()
        or (
            n[i] <= UI_READING_TIME_MAX_WORDS
            and (":" in keys[i] or keys[i].endswith(_READING_TIME_ENDS))
        )
        or (n[i] <= UI_COUNTER_MAX_WORDS and keys[i][-1:].isdecimal())
    ]


def crumb_candidates(page: Page, alive: list[int]) -> list[int]:
    """breadcrumb: at most 30 words, and a phrase at the start or a separator's character."""
    starts, n, blocks = page.starts, page.words, page.blocks
    sep = _CRUMB_CHAR.search
    return [
        i
        for i in alive
        if n[i] <= CRUMB_MAX_WORDS
        and (starts is None or starts[i] or sep(blocks[i].text) is not None)
    ]


def date_candidates(page: Page, alive: list[int]) -> list[int]:
    """dateline: at most 16 words, and a phrase at the start, a digit, or (in at most 8 words)
    a word of a relative date."""
    starts, n, keys = page.starts, page.words, page.keys
    digit, hint = _HAS_DIGIT.search, _RELATIVE_HINT.search
    return [
        i
        for i in alive
        if n[i] <= DATELINE_MAX_WORDS
        and (
            starts is None
            or starts[i]
            or digit(keys[i]) is not None
            or (n[i] <= DATELINE_SHORT_WORDS and hint(keys[i]) is not None)
        )
    ]


def footer_candidates(page: Page, alive: list[int]) -> list[int]:
    """copyright_footer: at most 40 words that may hold an anywhere-phrase."""
    anywhere, n = page.maybe_anywhere, page.words
    return [i for i in alive if n[i] <= COPYRIGHT_MAX_WORDS and (anywhere is None or anywhere[i])]
