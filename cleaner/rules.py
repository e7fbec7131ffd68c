"""The rules: each a small named function that says why a block is boilerplate, or nothing.

Two kinds, both pure:
- block rules, ``(page, i) -> evidence | None``, judge one block with the page as context;
- page rules, ``(page, alive) -> {index: evidence}``, judge blocks that need their neighbours
  (repeats, headline lists, page edges, the jusText-like zones).

``RULES`` is the one ordered list. A block removed by a rule is not seen by later rules; the
first rule to claim a block names it in the audit.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from .dates import DATE, SHORT_DATE
from .phrases import Hit, Matcher, available_languages, data_lines, fold, fold_lines, load, merged
from .segment import TABLE_SEP, Block
from .types import Config, budget_clock

# --------------------------------------------------------------------------------------- page


@dataclass(slots=True)
class Page:
    """What the rules see: the blocks, their folded keys and word statistics, and the phrase
    matchers. Built once per document."""

    blocks: list[Block]
    keys: list[str]
    words: list[int]
    stop: list[float]
    matchers: dict[str, Matcher]
    lang: str | None = None
    title: int | None = None
    classes: dict[int, tuple[str, str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # lines kept in doubt, and why
    # The blocks removed so far, by which rule and why (the Judge's verdicts, as they grow).
    removed: dict[int, tuple[str, str]] = field(default_factory=dict)
    # Every rule's phrases in one matcher (see ``phrases.merged``) and, per block, whether it
    # starts with one of them and whether its words can start an anywhere-phrase (see
    # Judge.page): the rules skip the blocks where none of their phrases can be.
    phrases: Matcher | None = None
    starts: list[bool] | None = None
    maybe_anywhere: list[bool] | None = None
    _anywhere_hits: dict[int, bool] = field(default_factory=dict)
    # The photo-credit patterns for the agencies (see ``_credit_patterns``).
    credit: tuple[re.Pattern[str], re.Pattern[str]] | None = None
    # The stopword guess's sample (see Judge.page): the words of the first blocks, which
    # blocks gave how many of the sampled words, and the stopword hits per language.
    head: list[list[str]] = field(default_factory=list)
    sample_spans: list[tuple[int, int]] = field(default_factory=list)
    sample_hits: dict[str, int] = field(default_factory=dict)

    def text(self, i: int) -> str:
        return self.blocks[i].text

    def tokens(self, i: int) -> list[str]:
        """The words of block ``i`` (kept from the stopword sample for the first blocks)."""
        return self.head[i] if i < len(self.head) else _WORD.findall(self.keys[i])

    def prefix(self, rule: str, i: int) -> Hit | None:
        """The phrase of ``rule`` that block ``i`` starts with (see ``Matcher.prefix``)."""
        if self.starts is not None and not self.starts[i]:
            return None
        return self.matchers[rule].prefix(self.keys[i])

    def whole(self, rule: str, i: int) -> Hit | None:
        """The phrase of ``rule`` that block ``i`` is (see ``Matcher.whole``)."""
        if self.starts is not None and not self.starts[i]:
            return None
        return self.matchers[rule].whole(self.keys[i])

    def anywhere(self, rule: str, i: int) -> Hit | None:
        """The first phrase of ``rule`` in block ``i`` (see ``Matcher.anywhere``)."""
        if not self._may_hold_anywhere(i):
            return None
        return self.matchers[rule].anywhere(self.keys[i])

    def _may_hold_anywhere(self, i: int) -> bool:
        """False when no rule's anywhere-phrase is in block ``i``."""
        if self.phrases is None:
            return True
        if self.maybe_anywhere is not None and not self.maybe_anywhere[i]:
            return False
        hit = self._anywhere_hits.get(i)
        if hit is None:
            hit = self._anywhere_hits[i] = self.phrases.anywhere(self.keys[i]) is not None
        return hit


BlockRule = Callable[[Page, int], "str | None"]
PageRule = Callable[[Page, list[int]], dict[int, str]]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    description: str
    block: BlockRule | None = None
    page: PageRule | None = None
    heuristic: bool = False


# ------------------------------------------------------------------------------- small helpers

# Chinese and Japanese put no spaces between words: each Han or kana character is a word of its
# own (a word of those languages is one to three characters), so their sentences get word counts
# and stopword shares like those of other languages.
_CJK = "\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_WORD = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+(?:['’-][^\W_{_CJK}]+)*")
_RUN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")  # a run of word characters: _WORD without joiners
_CJK_CHAR = re.compile(f"[{_CJK}]")
_TERMINAL = re.compile(r"[.!?…。؟!](?:\s?[\"'»”’)\]])*$")
_UPPER_START = re.compile(r"^[\W_]*[^\W\d_]")


def words(text: str) -> list[str]:
    """The words of a text; a Chinese or Japanese character is a word.

    >>> words("L'été 2024, co-op: 東京の天気")
    ["L'été", '2024', 'co-op', '東', '京', 'の', '天', '気']
    """
    return _WORD.findall(text)


def width(text: str) -> int:
    """The length of a text in characters, a Chinese or Japanese character counting as three:
    one carries about as much as three letters of a language written with spaces.

    >>> width("Le chat"), width("東京の天気")
    (7, 15)
    """
    n = len(text)
    return n if text.isascii() else n + 2 * len(_CJK_CHAR.findall(text))


def ends_sentence(text: str) -> bool:
    """True when a block ends like a sentence.

    >>> ends_sentence("Il est arrivé mardi.") and ends_sentence("« Pourquoi ? »")
    True
    >>> ends_sentence("Les plus lus")
    False
    """
    return bool(_TERMINAL.search(text.rstrip()))


def starts_lower(text: str) -> bool:
    m = _UPPER_START.match(text)
    return m is not None and m.group(0)[-1].islower()


# ------------------------------------------------------------------------------- block rules

_READ_MORE_TAIL = re.compile(r"^\s*(?:[:|>»›→\-–—.…]+|$)")


def read_more(page: Page, i: int) -> str | None:
    """A link to another article: "Lire aussi | ...", "Read more:", "اقرأ أيضا: ...".

    A long block that merely starts with such words is a sentence, and is kept.
    """
    hit = page.prefix("read_more", i)
    if hit is None:
        return None
    tail = page.keys[i][hit.end :]
    explicit = bool(_READ_MORE_TAIL.match(tail)) or hit.phrase.endswith(":")
    limit = 40 if explicit else 16
    if page.words[i] > limit:
        page.notes.append(
            f'line {page.blocks[i].line}: kept, starts with "{hit.phrase}" but reads as a '
            f"{page.words[i]}-word sentence"
        )
        return None
    return f'starts with "{hit.phrase}" ({hit.lang})'


@lru_cache(maxsize=8)
def _credit_patterns(agencies: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    names = "|".join(re.escape(a) for a in sorted(agencies, key=lambda a: (-len(a), a)))
    # "... (Sylvie LANTEAUME / AFP)", "... Crédit: FETHI BELAID / AFP)", "Foto: EFE/Juan Pérez"
    tail = re.compile(
        r"(?:\(|\b(?:credits?|photos?|foto|bild|image|source|©)\s*:?\s*)"
        r"[^()\n]{0,80}?(?:/|\bvia\b|\bfor\b)\s*(?:" + names + r")\s*\)?\s*$"
    )
    # "(Photo by Jane Doe/Getty Images)", "Photo: AFP", "© Reuters", "EFE/Juan Pérez". The agency
    # opens the block, a parenthesis, a clause or a dash, or follows "©" or a credit word ("... in
    # Paris. REUTERS/Jane Doe", "Foto EFE/Juan Pérez"), so that a sentence's "the map/route" is
    # no credit (keys are folded: "map" is MAP's name); and it is not a list of abbreviations,
    # "AP/IB/Honors classes" (the word after the slash ends in another slash).
    anywhere = re.compile(
        r"(?:^|\(\s*|[.!?,;:»”)|–—-]\s+|©\s*|\b(?:photos?|fotos?|cr[eé]dits?|images?|bild)\s+)"
        r"(?:" + names + r")\s*/\s*[^\W\d_](?!\w*/)|"
        r"\(\s*(?:photo|foto|image|picture)s?\s+(?:by|de|von|par)\s[^()]{1,80}\)"
    )
    return tail, anywhere


# What follows a credit word: "Photo: ...", "Foto / ...", "Crédit (...)". The lookbehind keeps a
# search linear on a long run of spaces.
_CREDIT_SEP = re.compile(r"(?<!\s)\s*[:|/©(-]")


def photo_credit(page: Page, i: int) -> str | None:
    """A caption or credit: "(NAME / AFP)", "Crédit: ... / AFP)", "Photo: ...", "Bildquelle: ...".

    A caption line that ends in a credit goes as a whole.
    """
    n = page.words[i]
    if n > 60:  # every credit below sits in a block of at most 60 words
        return None
    key = page.keys[i]
    if page.credit is None:
        page.credit = _credit_patterns(page.matchers["photo_credit"].agencies)  # type: ignore[attr-defined]
    tail, anywhere = page.credit
    # The credit pattern is anchored at the end and bounded, so only the end of a block matters;
    # it opens with a parenthesis or a credit word, and names the agency after a "/", "via", "for".
    end = key[-160:]
    agency = "/" in end or " via " in end or " for " in end
    if agency and _CREDIT_OPEN.search(end) and tail.search(end):
        return "ends with an agency credit"
    if n <= 25 and ("/" in key or "(" in key) and anywhere.search(key):
        return "holds a photo credit"
    hit = page.prefix("photo_credit", i) if n <= 25 else None
    if hit:
        rest = key[hit.end :]
        if _CREDIT_SEP.match(rest):
            return f'starts with "{hit.phrase}:" ({hit.lang})'
    elif n <= 25 and key.startswith("(") and key.endswith(")"):
        # The same credit in parentheses: "(Photo : Marc Leroy)", "(Foto: dpa)".
        inner = key[1:-1].lstrip()
        hit = page.matchers["photo_credit"].prefix(inner)
        if hit and _CREDIT_SEP.match(inner, hit.end):
            return f'a credit in parentheses, "{hit.phrase}:" ({hit.lang})'
    caption_end = page.blocks[i].text[-120:]
    if _CREDIT_WORD.search(caption_end) and _CAPTION_CREDIT.search(caption_end):
        return "caption ending in a credit"
    return None


# One of these starts every match of _CAPTION_CREDIT ("Photos?", "Fotos?", "Crédits?"...).
_CREDIT_WORD = re.compile("Photo|Foto|Crédit|Credit|Image|Bild|©")
# What every match of the credit tail pattern (see ``_credit_patterns``) opens with.
_CREDIT_OPEN = re.compile(r"\(|credit|photo|foto|bild|image|source|©")


def _caption_credit() -> re.Pattern[str]:
    import regex

    # "... l'édition 2023. Photo DR", "... on Tuesday. Photo John Smith": after a sentence, a
    # credit word and a capitalised name (or initials) end the caption.
    name = r"\p{Lu}[\p{L}'’.&-]*"
    return regex.compile(  # type: ignore[no-any-return]
        r"(?:^|[.!?»”)]\s)(?:Photos?|Foto|Fotos|Crédits?|Credits?|Image|Bild|©)\s?:?\s?"
        rf"{name}(?:\s(?:{name}|/|de|du|von|van|di|da|del|for|via|pour)){{0,5}}$"
    )


_CAPTION_CREDIT = _caption_credit()


def ui_string(page: Page, i: int) -> str | None:
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
    if n <= 5 and ":" in key and _MEMBER_STAT.match(key):
        return "is a forum member's counter"
    if n <= 7 and key.endswith(_READING_TIME_ENDS) and _READING_TIME.match(key):
        return "is a reading-time counter"
    if n <= 5 and key[-1:].isdecimal() and _GALLERY_COUNTER.match(key):
        return "is a photo gallery's counter"
    if n <= 20:
        hit = page.prefix("ui_string", i)
        if hit:
            return f'starts with "{hit.phrase}" ({hit.lang})'
    if n <= 90:
        hit = page.anywhere("ui_string", i)
        if hit:
            return f'holds "{hit.phrase}" ({hit.lang})'
    return None


_COUNTER = re.compile(
    r"^\(?\d[\d\s.,k]*\)?\s*(?:commentaires?|comments?|reactions?|réactions?|partages?|shares?|"
    r"likes?|views?|vues?|comentarios?|kommentare?|تعليق|تعليقات|reponses?|replies|reply|votes?|"
    # a forum member's or a question's counters: "3.4k posts", "617 Reputation", "6 Answers"
    r"posts?|reputation|points?|answers?|solutions?|followers?|topics?|threads?|messages?|kudos)$"
)

# A forum member's counter, alone on its line: "Posts: 701", "Join Date: Aug 2008".
_MEMBER_STAT = re.compile(
    r"^(?:posts|threads|messages|reputation|joined|join date|member since|beitrage|"
    r"messages postes|inscrit le|mensajes|registrado)\s?:\s?[\w.,/-]+(?: [\w.,/-]+){0,2}$"
)

# A reading-time counter, alone on its line: "5 min read", "Temps de lecture : 4 min",
# "Lesezeit: 3 Minuten", "Reading time about 6 minutes" (matched on folded text).
_MINUTE_WORDS = (
    *("min", "mins", "minute", "minutes", "mn", "minuto", "minutos", "minuten", "دقائق", "دقيقة"),
)
_READ_WORDS = ("read", "reading", "de lecture", "de lectura", "lesezeit", "lesen", "قراءة")
_MINUTES = "(?:" + "|".join(_MINUTE_WORDS) + r")\.?"
# What every match of _READING_TIME ends with.
_READING_TIME_ENDS = (*_MINUTE_WORDS, ".", *_READ_WORDS)
_READING_TIME = re.compile(
    r"^(?:(?:estimated |est\. )?(?:reading|read) time|temps de lecture|duree de lecture|"
    r"tiempo de lectura|lesezeit|lesedauer|وقت القراءة)\s?:?\s?(?:about |approx\.? |environ |"
    r"ca\. |unos )?\d{1,3}\s?" + _MINUTES + "$"
    r"|^\d{1,3}\s?" + _MINUTES + r"\s(?:" + "|".join(_READ_WORDS) + ")$"
)

# A photo gallery's counter, alone on its line: "Image 1 of 4", "Photo 3 sur 12", "2 / 23".
_GALLERY_COUNTER = re.compile(
    r"^(?:(?:image|photo|picture|slide|foto|bild|imagen|diapositiva|diapo)s?\s)?"
    r"\d{1,3}\s(?:/|of|sur|de|von|aus)\s\d{1,3}$"
)

_CRUMB_SEP = re.compile(r"\s(?:>|»|›|→|/|\||::)\s")
_CRUMB_CHAR = re.compile("[>»›→/|:]")  # every _CRUMB_SEP holds one


def breadcrumb(page: Page, i: int) -> str | None:
    """A breadcrumb trail: "Accueil > Monde > Afrique", "Acceuil POLITIQUE <title>" (sic)."""
    text = page.blocks[i].text
    n = page.words[i]
    if n > 30:
        return None
    # Separators counted only where a trail is possible, and only when one can be there.
    seps = len(_CRUMB_SEP.findall(text)) if _CRUMB_CHAR.search(text) else 0
    hit = page.prefix("breadcrumb", i)
    if hit:
        rest = text.lstrip("*+-•> ")[len(hit.phrase) :].lstrip()
        first = rest.split(" ", 1)[0] if rest else ""
        if not rest or seps or _is_caps_word(first):
            return f'trail starting with "{hit.phrase}" ({hit.lang})'
    if seps >= 2 and n <= 20 and not ends_sentence(text):
        parts = [p.strip() for p in _CRUMB_SEP.split(text)]
        if all(0 < len(words(p)) <= 5 for p in parts):
            return f"{len(parts)} short items separated like a trail"
    return None


def _is_caps_word(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def byline(page: Page, i: int) -> str | None:
    """A byline: "Par Nadia El Amrani", "By Sarah Whitfield, Senior Writer", a lone "Par", a
    contact line "Write to Al Root at al.root@example.com"."""
    found = _byline_rest(page, i)
    if found is None:
        return None
    hit, rest = found
    n = page.words[i]
    if not rest:
        return f'lone "{hit.phrase}" ({hit.lang})'
    if n > 14 or (ends_sentence(rest) and n > 8):
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

    name = r"(?:\p{Lu}[\p{L}'’.-]*|\p{Lo}[\p{Lo}\p{M}]*)"
    person = rf"{name}(?:\s+(?:(?:de|del|da|van|von|der|el|al|ben|bin|le|la|du)\s+)?{name}){{0,4}}"
    joiner = r"(?:\s*(?:,|&|\bet\b|\band\b|\bund\b|\by\b|\bو)\s*)"
    tail = (
        r"(?:\s*(?:[,|–—-]|\bpour\b|\bfor\b|\bfür\b|\bpara\b).{0,80}"
        r"|\s(?:publié|publiée|published|updated|posted|mis à jour|actualizado|publicado|"
        r"aktualisiert|veröffentlicht|le|on|am|el)\s.{0,80}"
        # "Write to Al Root at al.root@example.com"
        r"|\s(?:at|à|an|a)\s[^\s@]{1,64}@[^\s@]{1,255})?"
    )
    return regex.compile(rf"^{person}(?:{joiner}{person}){{0,3}}{tail}$")  # type: ignore[no-any-return]


_BYLINE_NAMES = _byline_names()
_BIO_NAME = re.compile(r"[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,3}")

_DATE = DATE
_DAY_WORDS = "today|yesterday|aujourd'hui|hier|heute|gestern|hoy|ayer|hoje|ontem|oggi|ieri"
_RELATIVE = re.compile(
    r"\b(?:il y a|y a)\s+(?:\d+|un|une|quelques)\s+\w+"
    r"|\b(?:\d+|an?|one|few)\s+(?:second|minute|hour|day|week|month|year)s?\s+ago\b"
    r"|\b\d{1,3}\s?(?:s|m|h|d|w|mo|y|min|mins|hr|hrs|sec|secs)\s+ago\b"
    r"|\bvor\s+(?:\d+|einer?|wenigen)\s+\w+"
    r"|\bhace\s+(?:\d+|un|una|unos|unas)\s+\w+"
    r"|\bمنذ\s+\S+"
    r"|\bha\s+(?:\d+|um|uma|alguns|algumas)\s+(?:segundos?|minutos?|horas?|dias?|semanas?|mes|"
    r"meses|anos?)\b"
    r"|\b(?:\d+|un|una|uno)\s+(?:secondi|secondo|minuti|minuto|ore|ora|giorni|giorno|settimane|"
    r"settimana|mesi|mese|anni|anno)\s+fa\b"
    r"|\b(?:" + _DAY_WORDS + r")\b(?:\s+(?:at|a|à|um|a las|as|alle)\s+\d)?"
)
# Every match of _RELATIVE holds one of these.
_RELATIVE_HINT = re.compile(r"y a|ago|vor|hace|منذ|\bha |\bfa\b|" + _DAY_WORDS)
_TIME = re.compile(r"\b\d{1,2}\s?[:h]\s?\d{2}\b(?:\s?(?:am|pm))?|\b\d{1,2}\s?(?:am|pm)\b")
_WEEKDAYS = re.compile(
    r"\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|lunes|martes|miercoles|jueves|"
    r"viernes|sabado|domingo|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
    r"(?:segunda|terca|quarta|quinta|sexta)(?:-feira)?|lunedi|martedi|mercoledi|giovedi|venerdi|"
    r"sabato|domenica)\b\.?,?"
)


_HAS_DIGIT = re.compile(r"\d")
_DATE_FILLER = re.compile(r"\b(?:le|the|on|am|at|a|à|,|el|de|del|em|as|il|alle)\b")


# Phrases that begin other lines as often as datelines ("le", "on", "Commented out the old
# call", a changelog's "Updated refresh rate to 90Hz", English "Stand out" for German "Stand:"):
# with a date or a time after them, or alone, they make one; otherwise not.
_NEEDS_A_DATE = frozenset(
    {"le", "on", "am", "date", "edited", "commented", "post by", "edite", "bearbeitet", "editado"}
    | {"updated", "stand"}
)


def dateline(page: Page, i: int) -> str | None:
    """A dateline: "Publié le 14 janvier 2025", "Publié dans Challenge le 29 - 09 - 2020",
    "il y a 3 semaines", "Updated 3 hours ago", "Stand: 12.05.2024", a date alone."""
    key = page.keys[i]
    n = page.words[i]
    if n > 16 or (n >= 8 and ends_sentence(key)):
        return None
    # Every written date and time has a digit; without one, only words like "hier" can date it.
    digit = _HAS_DIGIT.search(key) is not None
    dated = digit and _DATE.search(key) is not None
    timed = dated or (digit and _TIME.search(key) is not None)
    hit = page.prefix("dateline", i)
    # Asked below only after a phrase or in a short block; a relative date needs one of a few
    # words, looked for before the full pattern.
    relative = (
        (hit is not None or n <= 8)
        and _RELATIVE_HINT.search(key) is not None
        and _RELATIVE.search(key) is not None
    )
    if hit and (len(hit.phrase) > 3 or dated):
        if timed or relative:
            return f'starts with "{hit.phrase}" and a date ({hit.lang})'
        if n <= 3:
            return f'"{hit.phrase}" with no article words ({hit.lang})'
        if hit.phrase not in _NEEDS_A_DATE and n <= 8 and not ends_sentence(key):
            return f'starts with "{hit.phrase}" ({hit.lang})'
    if n <= 8 and relative:
        return "relative date"
    if n <= 3 and digit and SHORT_DATE.match(key):  # a day number in every short date
        return "a date alone"
    if not dated:
        return None
    rest = _TIME.sub(" ", _WEEKDAYS.sub(" ", _DATE.sub(" ", key)))
    if not words(_DATE_FILLER.sub(" ", rest)):
        return "a date alone"
    return None


def copyright_footer(page: Page, i: int) -> str | None:
    """A copyright or legal footer: "© 2024 ...", "Tous droits réservés", "Impressum"."""
    if page.words[i] > 40:
        return None
    hit = page.anywhere("copyright_footer", i)
    if hit:
        return f'holds "{hit.phrase}" ({hit.lang})'
    return None


# -------------------------------------------------------------------------------- page rules


def nav_ticker(page: Page, alive: list[int]) -> dict[int, str]:
    """Headline tickers (one line of many headlines) and lists of headlines under a heading
    such as "À la une", "Les plus lus", "Most read"."""
    out: dict[int, str] = {}
    follow_from: tuple[int, str] | None = None
    copies: Counter[str] | None = None  # keys of the alive blocks, counted on the first heading
    for i in alive:
        block = page.blocks[i]
        if block.items >= 3 and page.words[i] <= 30:
            out[i] = f"item {block.item + 1} of a {block.items}-item ticker line"
            continue
        hit = page.whole("nav_ticker", i)
        if hit:
            if copies is None:
                copies = Counter(page.keys[j] for j in alive)
            n = copies[page.keys[i]]
            if n > 1:
                # "Read more" under every card of a listing is a button, not the heading of a
                # list of headlines: the cards stay for the other rules to judge.
                out[i] = f'"{hit.phrase}" {n} times on the page, a button ({hit.lang})'
                follow_from = None
                continue
            out[i] = f'headline-list heading "{hit.phrase}" ({hit.lang})'
            follow_from = (block.line, hit.phrase)
            continue
        if follow_from is not None:
            if page.words[i] <= 20 and not ends_sentence(block.text):
                out[i] = f'headline listed under "{follow_from[1]}" (line {follow_from[0]})'
                continue
            follow_from = None
    return out


_COMMENT_COUNT = re.compile(
    r"^[(\[]?\s?\d{1,6}\s?[)\]]?\s(?:comments?|responses?|commentaires?|reactions?|comentarios?|kommentare?|"
    r"تعليق|تعليقات)\b"
)


# WordPress-style comment headings: "12 thoughts on “Title”", "One response to “Title”". The
# count is what tells them from an article's own "Final thoughts on ..." heading.
_COUNTED_HEADING = re.compile(
    r"^(?:\d{1,6}|one)\s(?:thoughts?|responses?|repl(?:y|ies)|comments?|reactions?|"
    r"commentaires?|respuestas?|comentarios?|kommentare?|antworten)\s"
    r"(?:on|to|sur|a|an|zu|auf)\b"
)


def _not_a_heading(text: str) -> bool:
    """A quoted line ("> what do you think?" in a mailing-list archive) or the lower-case end of
    a sentence wrapped onto its own line ("comments.") heads nothing.

    >>> _not_a_heading("> what do you think?"), _not_a_heading("comments.")
    (True, True)
    >>> _not_a_heading("Comments are closed."), _not_a_heading("What do you think?")
    (False, False)
    """
    text = text.strip()
    return text.startswith(">") or (text[:1].islower() and text.endswith("."))


def comment_section(page: Page, alive: list[int]) -> dict[int, str]:
    """Readers' comments: once a comment-section heading ("Leave a Reply", "12 commentaires")
    follows the article, the rest of the page is comments and page furniture, not the article."""

    def prose(i: int) -> int:
        return page.words[i] if page.words[i] >= 12 and page.stop[i] >= 0.2 else 0

    total = sum(prose(i) for i in alive)
    seen_words = 0
    copies: Counter[str] | None = None
    for pos, i in enumerate(alive):
        key = page.keys[i]
        if (
            seen_words >= MIN_ARTICLE_WORDS
            and page.words[i] <= 14
            and not _not_a_heading(page.text(i))
        ):
            hit = (
                page.whole("comment_section", i)
                or page.prefix("comment_section", i)
                or page.anywhere("comment_section", i)
            )
            # A bare counter ("12 commentaires") also sits in share bars inside the article: it
            # opens the comments only once most of the page's prose is behind it, or when a
            # colon makes it the heading of what follows ("10 comments:").
            counted = hit is None and _COUNTED_HEADING.match(key)
            counter = (
                hit is None
                and not counted
                and _COMMENT_COUNT.match(key)
                and (seen_words >= 0.66 * total or key.endswith(":"))
            )
            if (hit or counted) and _in_share_bar(page, alive, pos):
                # "Comments" between "Twitter" and "Print" is a button that jumps to them.
                hit = counted = None
            if hit or counted or counter:
                # A heading on the page three times or more is a label of its structure, like
                # "Comments" under each answer of a Q&A page, not where the comments begin.
                if copies is None:
                    copies = Counter(page.keys[j] for j in alive)
                if copies[key] >= _LABEL_COPIES:
                    hit = counted = counter = None
            if hit or counted or counter:
                label = hit.phrase if hit else key
                why = f'after the comment-section heading "{label}" (line {page.blocks[i].line})'
                return {j: why for j in alive[pos:]}
        seen_words += prose(i)
    return {}


_LIST_ITEM = ("* ", "• ", "- ", "+ ")


def _in_share_bar(page: Page, alive: list[int], pos: int) -> bool:
    """Whether the block at ``pos`` is a list item next to a list item that is a lone
    interface word ("* Facebook", "* Print"), like the buttons of a share bar."""
    if not page.text(alive[pos]).startswith(_LIST_ITEM):
        return False
    return any(
        0 <= k < len(alive)
        and page.text(alive[k]).startswith(_LIST_ITEM)
        and page.words[alive[k]] <= 3
        and page.whole("ui_string", alive[k]) is not None
        for k in (pos - 1, pos + 1)
    )


# A reader's comment header, on the folded block: "lonespeed says:", "Olivia (GiveWell) on
# October 4, 2018 at 10:58 am said:", "Jean a écrit :", "Hans schreibt:".
_COMMENT_HEADER = re.compile(
    r"(?:^|\s)(?:says|dit|a ecrit|schreibt|dice|escribe|escribio|"
    r"(?:on|le|am|el)\s.{0,40}\d.{0,30}\s(?:said|wrote|a dit|schrieb|sagte))\s?:$"
)
MIN_COMMENT_HEADERS = 2


def comment_thread(page: Page, alive: list[int]) -> dict[int, str]:
    """Readers' comments with no heading over them: from the first of two or more comment
    headers ("lonespeed says:") after the article's first words, the rest of the page is the
    thread. An undated "said:" (a quote in the article) is not a header."""
    headers: list[int] = []
    seen = 0
    for pos, i in enumerate(alive):
        key = page.keys[i]
        if (
            seen >= MIN_ARTICLE_WORDS
            and page.words[i] <= 12
            and key.endswith(":")
            and _COMMENT_HEADER.search(key)
        ):
            headers.append(pos)
        seen += page.words[i]
    if len(headers) < MIN_COMMENT_HEADERS:
        return {}
    first = alive[headers[0]]
    why = f"after the first of {len(headers)} comment headers (line {page.blocks[first].line})"
    return {j: why for j in alive[headers[0] :]}


# A list of dated entries after the article: related posts or teasers each with its date, reviews,
# comments. Three or more date lines that the dateline rule took, each 1 to DATED_MAX_GAP blocks
# after the one before, mark the entries between them.
DATED_MIN_DATES = 3
DATED_MAX_GAP = 5
DATED_DATE_WORDS = 6  # a date line, not a sentence that holds a date
DATED_ARTICLE_SHARE = 0.7
DATED_EARLIER_DATES = 2  # an article's own dateline, and one more


def _prose(page: Page, i: int) -> int:
    """The words of a block of prose (ten words or more, a fifth of them stopwords), else 0."""
    return page.words[i] if page.words[i] >= 10 and page.stop[i] >= 0.2 else 0


def _shape(page: Page, i: int) -> bool:
    """Whether a block reads like a label (a title, a name, a category) rather than text."""
    return page.words[i] <= 15 and not ends_sentence(page.text(i))


def _dated_chains(page: Page, alive: list[int]) -> tuple[list[list[int]], list[int]]:
    """Chains of date lines (block indexes) with 1 to DATED_MAX_GAP alive blocks between each
    date and the next, at least DATED_MIN_DATES long; and every date line."""
    dates = sorted(
        i
        for i, (rule, _) in page.removed.items()
        if rule == "dateline" and page.words[i] <= DATED_DATE_WORDS
    )
    chains: list[list[int]] = []
    chain: list[int] = []
    last_pos = -1
    for i in dates:
        pos = bisect_left(alive, i)  # alive blocks before the date line
        if chain and 1 <= pos - last_pos <= DATED_MAX_GAP:
            chain.append(i)
        else:
            if len(chain) >= DATED_MIN_DATES:
                chains.append(chain)
            chain = [i]
        last_pos = pos
    if len(chain) >= DATED_MIN_DATES:
        chains.append(chain)
    return chains, dates


def dated_list(page: Page, alive: list[int]) -> dict[int, str]:
    """A list of dated entries after the article, like related posts with their dates, or
    reviews: the blocks between three or more date lines, each a few blocks after the one
    before, and the blocks beyond the first and last dates that have the entries' shape (label
    or text). Only once the article is behind it: most of the page's prose outside the list
    lies before it, more than the list holds, and at most DATED_EARLIER_DATES date lines
    come before it. A forum thread, whose every post has its date, or a listing of dated
    teasers, which starts before the page's prose, is the page's content and stays."""
    chains, dates = _dated_chains(page, alive)
    if not chains:
        return {}
    sums = [0]  # prose words in alive[:k]
    for i in alive:
        sums.append(sums[-1] + _prose(page, i))
    out: dict[int, str] = {}
    for chain in chains:
        earlier = bisect_left(dates, chain[0])
        if earlier > DATED_EARLIER_DATES:
            continue
        first = bisect_left(alive, chain[0])  # alive position right after the first date
        last = bisect_left(alive, chain[-1])  # alive position right after the last date
        lo, hi = first, last  # the entries: alive[lo:hi]
        gap = bisect_left(alive, chain[1]) - first
        for j in range(1, gap + 1):
            k = first - j
            if k < 0 or _shape(page, alive[k]) != _shape(page, alive[first + gap - j]):
                break
            lo = k
        gap = last - bisect_left(alive, chain[-2])
        for j in range(gap):
            k = last + j
            if k >= len(alive) or _shape(page, alive[k]) != _shape(page, alive[last - gap + j]):
                break
            hi = k + 1
        before, inside, after = sums[lo], sums[hi] - sums[lo], sums[-1] - sums[hi]
        if (
            before < MIN_ARTICLE_WORDS
            or before < DATED_ARTICLE_SHARE * (before + after)
            or inside > before
        ):
            continue
        lines = ", ".join(str(page.blocks[d].line) for d in chain[:5])
        more = ", ..." if len(chain) > 5 else ""
        why = f"entry of a list of {len(chain)} dated entries after the article (dates on lines {lines}{more})"
        out.update(dict.fromkeys(alive[lo:hi], why))
    return out


# An author's box after the article: the byline's name alone, or a paragraph that opens with the
# name ("Cassidy Horton is a finance writer ...") or with the first name and a verb ("Sam is the
# VP of Marketing ...", "Jeanne est journaliste ...").
_BIO_VERBS = frozenset(
    {"is", "was", "has", "writes", "covers", "joined", "holds", "leads", "lives"}
    | {"est", "a", "écrit", "ist", "war", "hat", "schreibt", "es", "fue", "ha", "escribe"}
    | {"é", "foi", "tem", "scrive", "è"}
)
BIO_MAX_WORDS = 150
BIO_ARTICLE_SHARE = 0.7


def _byline_name(page: Page, i: int) -> str | None:
    """The name a byline block gives ("By Sarah Whitfield, Senior Writer" -> "Sarah Whitfield")."""
    found = _byline_rest(page, i)
    m = _BIO_NAME.match(found[1]) if found else None
    return m.group(0) if m else None


def _opens_with(text: str, names: dict[str, int], firsts: frozenset[str]) -> str | None:
    """The name (of ``names``, two to four words) that ``text`` opens with, or the first name
    (of ``firsts``) that opens it before a verb; a possessive ("Sarah Whitfield's book")
    opens nothing.

    >>> names = {"Sarah Whitfield": 1}
    >>> [_opens_with(t, names, frozenset({"Sarah"})) for t in
    ...  ("Sarah Whitfield, a reporter, lives here.", "Sarah is a reporter.", "Sarah Whitfield's book")]
    ['Sarah Whitfield', 'Sarah', None]
    """
    tokens = text.split(maxsplit=4)
    for m in range(min(4, len(tokens)), 1, -1):
        candidate = " ".join(tokens[:m]).rstrip(",;:")
        if candidate in names:
            return candidate
    if len(tokens) > 1 and tokens[0] in firsts and tokens[1].lower() in _BIO_VERBS:
        return tokens[0]
    return None


def author_bio(page: Page, alive: list[int]) -> dict[int, str]:
    """The author's box after the article: once most of the page's prose is behind, a block
    that is the name a byline gave, or a paragraph of at most BIO_MAX_WORDS words that opens
    with that name, or with its first name and a verb ("Sam is ...")."""
    names: dict[str, int] = {}  # name -> line of its byline
    for i, (rule, _) in page.removed.items():
        if rule == "byline":
            name = _byline_name(page, i)
            if name and len(name) >= 4 and len(name.split()) >= 2:
                names.setdefault(name, page.blocks[i].line)
    if not names:
        return {}
    firsts = frozenset(name.split()[0] for name in names)

    total = sum(_prose(page, i) for i in alive)
    seen = 0
    out: dict[int, str] = {}
    for i in alive:
        if seen >= MIN_ARTICLE_WORDS and seen >= BIO_ARTICLE_SHARE * total:
            text = page.text(i)
            if text in names:
                out[i] = f"the author's name, after the article (byline on line {names[text]})"
            elif page.words[i] <= BIO_MAX_WORDS and (who := _opens_with(text, names, firsts)):
                out[i] = f'the author\'s biography, after the article ("{who} ...")'
        seen += _prose(page, i)
    return out


# A line of fewer than this many words on the page three times or more is a label of the
# content's own structure ("Eat every 2-3 hours" on each day of a meal plan, a row heading of a
# schedule): every copy stays. A title or a dek comes back once, a paragraph copied for another
# layout comes back whole: those still go. On the benchmarks: scrapinghub HTML 4-shingle
# +0.002, WCXB HTML word F1 +0.001, WCXB text -0.0002.
_LABEL_WORDS = 20
_LABEL_COPIES = 3


def duplicate_block(page: Page, alive: list[int]) -> dict[int, str]:
    """A paragraph or the title repeated: the first copy stays. A short line repeated three
    times or more is a label of the page's own structure, and every copy stays."""
    seen: dict[str, int] = {}
    out: dict[int, str] = {}
    copies = Counter(page.keys[i] for i in alive)
    for i in alive:
        key = page.keys[i]
        n = page.words[i]
        if n < 3 or (n < _LABEL_WORDS and copies[key] >= _LABEL_COPIES):
            continue
        first = seen.get(key)
        if first is None:
            seen[key] = i
        else:
            out[i] = f"repeats line {page.blocks[first].line}"
    return out


def stray_fragment(page: Page, alive: list[int]) -> dict[int, str]:
    """A short non-sentence left at the top or bottom edge of the page, like a lone
    "président Abdelmadjid Tebboune" cut from a caption."""
    out: dict[int, str] = {}

    def is_fragment(i: int) -> bool:
        text = page.text(i)
        return (
            i != page.title
            and page.words[i] <= 6
            and not ends_sentence(text)
            and (starts_lower(text) or (page.words[i] <= 1 and len(text) <= 3))
        )

    for order in (alive, list(reversed(alive))):
        for i in order:
            if not is_fragment(i):
                break
            out[i] = "short fragment at the edge of the page, not a sentence"
    return out


# Block classes of the jusText-like layer.
GOOD, NEAR, SHORT, BAD = "good", "near-good", "short", "bad"
# A good block kept outside the article's extent (see boilerplate_zone): judged, and looked
# through when its neighbours are judged.
AHEAD = "ahead"
# A line of code (a shell command, a brace, a call) is short whatever its length: in the extent
# it weighs nothing, so a documentation page's code does not cut its prose into pieces, and it
# stays where article text surrounds it.
CODE = "code"
CODE_REASON = "a line of code"
# A row of a table (see segment.TABLE_SEP) is likewise short whatever its length, and weighs
# nothing in the extent: a table between two paragraphs stays with them, one in a footer goes.
TABLE_REASON = "a row of a table"
_NEUTRAL = frozenset({CODE_REASON, TABLE_REASON})
_CODE_STARTS = (
    *("$ ", ">>> ", "// ", "/*", "{", "}", "</"),
    *("pip install ", "npm ", "curl ", "git ", "docker ", "sudo "),
)
_CODE_CHARS = "{}[]();=<>$\\_`"


def looks_like_code(text: str) -> bool:
    """A line that starts like a command or a brace, or whose visible characters are at least
    15% brackets, braces, ``=``, ``;``, ``<>``, ``$``, ``_`` or backquotes.

    >>> [looks_like_code(t) for t in ("$ celery -A proj status", "result = compute(x, y);", "},")]
    [True, True, True]
    >>> [looks_like_code(t) for t in ("Home | Docs | API", "The maximum length is 500 characters.")]
    [False, False]
    >>> looks_like_code("(Getty Images)"), looks_like_code("(print(x))")
    (False, True)
    """
    t = text.strip()
    if t.startswith(_CODE_STARTS):
        return True
    visible = len(t) - t.count(" ")
    symbols = sum(map(t.count, _CODE_CHARS))
    if symbols == 2 and t.startswith("(") and t.endswith(")"):
        return False  # an aside or a credit in parentheses: "(Getty Images)", "(2 min read)"
    return symbols >= 2 and symbols >= 0.15 * visible


MIN_ARTICLE_WORDS = 60


_TEASER = re.compile(r"[^\W_](?:\.{3}|…|\s?\[(?:\.{3}|…)\])$")
_TEASER_ENDS = ("...", "…", "]", "\n")  # what _TEASER can end with ($ allows a final newline)


# Text renderers (lynx, w3m, html2text) mark nested list levels with "+" and "o"; in a page
# dump, short items two levels deep are menus and sitemaps, almost never article text.
NESTED_ITEM_REASON = "nested list item, like a menu entry"
TEASER_REASON = "truncated like a teaser"
_NESTED_ITEM = re.compile(r"^(?:o|\+) (?=[^\W\d_])")


def classify(page: Page, i: int) -> tuple[str, str]:
    """Intrinsic class of a block from its length and stopword density, with the reason."""
    cached = page.classes.get(i)
    if cached is None:
        cached = page.classes[i] = _classify(page, i)
    return cached


def _classify(page: Page, i: int) -> tuple[str, str]:
    text = page.text(i)
    n = page.words[i]
    chars = width(text)
    stop = page.stop[i]
    if n < 13 and text.startswith(("o ", "+ ")) and _NESTED_ITEM.match(text):
        return BAD, NESTED_ITEM_REASON
    if TABLE_SEP in text:
        return SHORT, TABLE_REASON
    if looks_like_code(text):
        return SHORT, CODE_REASON
    if chars < 50 or n < 6:
        return SHORT, f"{n} words"
    # A teaser's ellipsis ends the block, and the pattern spans at most 7 characters.
    if text.endswith(_TEASER_ENDS) and _TEASER.search(text, max(0, len(text) - 8)):
        return BAD, TEASER_REASON
    if stop >= 0.28 and (chars >= 150 or ends_sentence(text)):
        return GOOD, f"{n} words, stopwords {stop:.2f}"
    if stop >= 0.18:
        return NEAR, f"{n} words, stopwords {stop:.2f}"
    return BAD, f"{n} words, stopwords {stop:.2f}"


# The article's extent (see ``article_extent``): on most pages a short block between two
# stretches of text costs 2 words and a lone teaser-like good block weighs half; on a page with
# one dominant run of paragraphs (an article: ARTICLE_SHARE of its good words in one run with at
# most RUN_GAP short blocks in a row), each further short block in a row costs 2 words more, so
# a subheading stays cheap and a menu or a list of teasers between two stretches is not crossed,
# and a lone good block weighs ARTICLE_ISOLATED_WEIGHT (a teaser's one-sentence summary after
# the article; on the benchmarks 0.3 keeps fewer teasers than 0.5 and no less article text).
RUN_GAP = 2
MIN_EXTENT_SHARE = 0.4  # of the page's good words: less, and no stretch is "the article"
ARTICLE_SHARE = 0.6
ARTICLE_SHORT_COST = 2.0
ARTICLE_ISOLATED_WEIGHT = 0.3
ARTICLE_GAP_GROWTH = 2.0


def _isolated(alive: list[int], classes: dict[int, tuple[str, str]]) -> list[bool]:
    """Whether each good block stands alone between non-good neighbours, like a teaser card."""
    cls = [classes[i][0] for i in alive]
    # A line of code beside a paragraph is part of the same text, as in documentation.
    near = [GOOD if classes[i][1] in _NEUTRAL else c for c, i in zip(cls, alive, strict=True)]
    n = len(cls)
    return [
        c == GOOD
        and (pos == 0 or near[pos - 1] != GOOD)
        and (pos == n - 1 or near[pos + 1] != GOOD)
        for pos, c in enumerate(cls)
    ]


def _unanchored_near_as_short(scored: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Near-good blocks with no good block beside them (one short block between allowed) count
    as short in the extent: a headline and its dek in a list of teasers are near-good, but only
    article text sits next to article text.

    >>> _unanchored_near_as_short([("good", 30), ("near-good", 10), ("short", 2), ("near-good", 9)])
    [('good', 30), ('near-good', 10), ('short', 2), ('short', 9)]
    """
    out = list(scored)
    for pos, (cls, n) in enumerate(scored):
        if cls != NEAR:
            continue
        anchored = False
        for step in (-1, 1):
            k = pos + step
            if 0 <= k < len(scored) and scored[k][0] == SHORT:
                k += step
            if 0 <= k < len(scored) and scored[k][0] == GOOD:
                anchored = True
        if not anchored:
            out[pos] = (SHORT, n)
    return out


def article_run_share(blocks: list[tuple[str, int]]) -> float:
    """Share of the page's good words in its heaviest run of consecutive good blocks (a short
    block or two between them allowed): near 1 on an article page, low on a listing, a product
    page or a forum, where content comes in many small pieces.

    >>> article_run_share([("good", 40), ("short", 2), ("good", 40), ("short", 1), ("short", 1), ("short", 1), ("good", 20)])
    0.8
    """
    total = sum(n for cls, n in blocks if cls == GOOD)
    if not total:
        return 0.0
    best = run = 0
    gap = 0
    for cls, n in blocks:
        if cls == CODE:
            continue
        if cls == GOOD:
            run += n
            gap = 0
        elif cls == NEAR:
            gap = 0
        else:
            gap += 1
            if gap > RUN_GAP:
                run = 0
        best = max(best, run)
    return best / total


def article_extent(
    blocks: list[tuple[str, int]],
    isolated: list[bool] | None = None,
    short_cost: float = 2.0,
    isolated_weight: float = 0.5,
    gap_growth: float = 0.0,
) -> tuple[int, int]:
    """First and last position of the heaviest stretch of article text (Kadane's maximum
    subarray over block scores: good blocks weigh their words, near-good half, short blocks cost
    ``SHORT_COST`` words, bad blocks their words). A good block standing alone between non-good
    ones, like a teaser card in a list of links, weighs ``ISOLATED_WEIGHT`` of its words.

    >>> article_extent([("short", 1), ("good", 40), ("short", 2), ("good", 30), ("bad", 50), ("good", 20)])
    (1, 3)
    """
    best, best_span = float("-inf"), (0, len(blocks) - 1)
    run, run_start = 0.0, 0
    gap = 0
    for pos, (cls, n) in enumerate(blocks):
        if cls == CODE:
            continue  # weighs nothing, and neither opens nor closes a gap
        gap = gap + 1 if cls in (SHORT, BAD) else 0
        score: float
        if cls == GOOD:
            score = n
        elif cls == NEAR:
            score = n / 2
        elif cls == SHORT:
            score = -short_cost - gap_growth * (gap - 1)
        else:
            score = -n
        if isolated and isolated[pos]:
            score *= isolated_weight
        if run <= 0:
            run, run_start = score, pos
        else:
            run += score
        if run > best:
            best, best_span = run, (run_start, pos)
    return best_span


# Rules whose removals are boilerplate context for the zone heuristics (see boilerplate_zone):
# interface, navigation and legal lines. Not read_more, photo_credit, byline or dateline, whose
# lines sit inside articles as often as around them.
CONTEXT_RULES = frozenset(
    {
        "nav_ticker",
        "comment_section",
        "ui_string",
        "breadcrumb",
        "copyright_footer",
        "dated_list",
        "author_bio",
    }
)


def _boilerplate_gaps(page: Page, alive: list[int]) -> list[bool]:
    """Whether a line removed by one of CONTEXT_RULES lies between each alive block and the
    next one (one pass over the page's blocks).

    >>> page = Page([], [], [], [], {}, removed={1: ("ui_string", "x"), 4: ("read_more", "y")})
    >>> _boilerplate_gaps(page, [0, 2, 3, 5])
    [True, False, False, False]
    """
    out = [False] * len(alive)
    for pos in range(len(alive) - 1):
        for k in range(alive[pos] + 1, alive[pos + 1]):
            if page.removed.get(k, ("", ""))[0] in CONTEXT_RULES:
                out[pos] = True
                break
    return out


def _extent(
    page: Page,
    alive: list[int],
    classes: dict[int, tuple[str, str]],
    article: bool | None = None,
) -> tuple[int, int, list[tuple[str, int]], bool]:
    """The article's own extent: the stretch of blocks with the most article text, where every
    short or boilerplate block in between costs something. Good blocks beyond a stretch of
    boilerplate wider than they are heavy (sidebars, teasers, author boxes) fall outside. Also
    the scored blocks, and whether the page was taken for an article (given, or measured)."""
    scored = [(classes[i][0], page.words[i]) for i in alive]
    scored = _unanchored_near_as_short(scored)
    scored = [
        (CODE, sc[1]) if classes[i][1] in _NEUTRAL else sc
        for sc, i in zip(scored, alive, strict=True)
    ]
    if article is None:
        article = article_run_share(scored) >= ARTICLE_SHARE
    if article:
        # One dominant run of paragraphs: an article page, whose edges are drawn tight.
        start, end = article_extent(
            scored,
            _isolated(alive, classes),
            ARTICLE_SHORT_COST,
            ARTICLE_ISOLATED_WEIGHT,
            ARTICLE_GAP_GROWTH,
        )
    else:
        start, end = article_extent(scored, _isolated(alive, classes))
    return start, end, scored, article


# A numbered item: "1) ", "2. ", "3: ", "#4 ", "#5. ", "6 - " (a number alone, as in "23 Nov", is
# not one).
_NUMBERED = re.compile(r"(#\s?)?(\d{1,3})([.):]|\s[-–—])?\s")
_LETTER = re.compile(r"[^\W\d_]")
NUMBERED_MIN_ITEMS = 3
NUMBERED_SLACK = 3  # the list may start this many blocks after the extent's end
NUMBERED_MAX_GAP = 50  # blocks from one item to the next, at most


def numbered_items(texts: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """Positions and numbers of the items of numbered lists that run through the article: the
    numbers 1, 2, 3... in order (at least ``NUMBERED_MIN_ITEMS``), each followed by words, each
    at most ``NUMBERED_MAX_GAP`` blocks after the one before, with other blocks between most of
    them (at most half the items follow the one before directly, so a menu or a breadcrumb
    written as an ordered list is not one), the first item inside the extent ``start..end`` or
    at most ``NUMBERED_SLACK`` blocks after it.

    >>> texts = ["Intro text", "1) Lego set", "http://a.b/c", "2) Slot cars", "x", "3) A box", "y"]
    >>> numbered_items(texts, 0, 0)
    [(1, 1), (3, 2), (5, 3)]
    >>> numbered_items(["1. Home", "2. Picks", "3. Security"], 0, 0)
    []
    """
    open_lists: dict[int, list[int]] = {}  # the number each list expects next -> its positions
    done: list[list[int]] = []
    for pos, text in enumerate(texts):
        m = _NUMBERED.match(text)
        if m is None or not (m.group(1) or m.group(3)) or not _LETTER.search(text, m.end()):
            continue
        k = int(m.group(2))
        chain = open_lists.pop(k, None)
        if chain is not None and pos - chain[-1] <= NUMBERED_MAX_GAP:
            chain.append(pos)
        elif k == 1 and start <= pos <= end + NUMBERED_SLACK:
            chain = [pos]
        else:
            continue
        open_lists[k + 1] = chain
        if len(chain) == NUMBERED_MIN_ITEMS:
            done.append(chain)
    out: list[tuple[int, int]] = []
    for chain in done:
        adjacent = sum(1 for a, b in pairwise(chain) if b == a + 1)
        if adjacent * 2 <= len(chain) - 1:
            out.extend((pos, k) for k, pos in enumerate(chain, 1))
    return sorted(out)


def _data_row(page: Page, i: int) -> bool:
    r"""Whether a table row holds data (a number, or a cell of four words or more) rather than
    reading like a menu laid out in columns (a few short capitalised labels).

    >>> menu = Page([Block("Home\tAbout us\tContact", 1, 0)], [], [], [], {})
    >>> data = Page([Block("1\tKyle Busch\t5040", 1, 0)], [], [], [], {})
    >>> _data_row(menu, 0), _data_row(data, 0)
    (False, True)
    """
    text = page.text(i)
    return _HAS_DIGIT.search(text) is not None or any(
        len(cell.split()) >= 4 for cell in text.split(TABLE_SEP)
    )


FOOTER_SHARE = 0.7  # a copyright line this far down the page or further opens its footer


def _footer_line(page: Page, alive: list[int]) -> int | None:
    """The first line that the copyright_footer rule took in the last 30% of the page's blocks
    ("© 2026 Nike, Inc. All Rights Reserved"): what follows it is the page's footer (legal
    links, a country selector), on a page where no stretch of text holds the article. A
    heading ("COPYRIGHT", "Privacy policy": two words at most and no year) opens none, and
    neither does a line with more words after it than before it."""
    floor = FOOTER_SHARE * len(page.blocks)
    lines = [
        k
        for k, (rule, _) in page.removed.items()
        if rule == "copyright_footer"
        and k >= floor
        and (page.words[k] > 2 or _HAS_DIGIT.search(page.keys[k]))
    ]
    if not lines:
        return None
    footer = min(lines)
    before = sum(page.words[i] for i in alive if i < footer)
    after = sum(page.words[i] for i in alive if i > footer)
    return footer if before >= after else None


def boilerplate_zone(page: Page, alive: list[int]) -> dict[int, str]:
    """The jusText idea on text: long blocks with few stopwords are boilerplate; short and
    middling blocks take the class of their neighbours, so a subheading or a list inside the
    article stays while the menus and footers around it go."""
    classes = {i: classify(page, i) for i in alive}
    good_words = sum(page.words[i] for i in alive if classes[i][0] == GOOD)
    if good_words < MIN_ARTICLE_WORDS:
        # No article to measure zones against: when in doubt, keep (the phrase rules still ran).
        page.notes.append(
            f"boilerplate_zone: no article found ({good_words} words of article-like text); "
            f"blocks kept unjudged by the zone heuristics, but for nested menu items and the "
            f"footer after a copyright line"
        )
        # Only what is boilerplate whatever the page: items nested two levels deep in a list,
        # and the page's footer.
        edges = {
            i: f"low_content: {classes[i][1]}"
            for i in alive
            if classes[i][0] == BAD and classes[i][1] == NESTED_ITEM_REASON
        }
        footer = _footer_line(page, alive)
        if footer is not None:
            why = f"outside_article: after the footer's copyright line {page.blocks[footer].line}"
            edges.update((i, why) for i in alive if i > footer and i not in edges)
        return edges
    if page.title is not None and page.title in classes:
        classes[page.title] = (GOOD, "title")
    out: dict[int, str] = {}
    final: dict[int, str] = {}
    start, end, scored, article = _extent(page, alive, classes)
    inside = sum(n for cls, n in scored[start : end + 1] if cls == GOOD)
    if inside < MIN_EXTENT_SHARE * good_words:
        # Text in many small pieces (a forum thread, a listing): no stretch holds the article,
        # so no good block is dropped for lying outside one.
        page.notes.append(
            f"boilerplate_zone: text in many small pieces (the longest stretch holds {inside} of "
            f"{good_words} article-like words); no block dropped for lying outside it but "
            f"after the footer"
        )
        footer = _footer_line(page, alive)
        start, end = 0, len(alive) - 1 if footer is None else bisect_left(alive, footer) - 1
    else:
        # A numbered list running through the article ("1) ...", then "2) ..." further down,
        # each with its own text between) is the article's own structure, as in a listicle: its
        # items are article text, and the extent is drawn again with them (the page measured
        # as before: the items must not make a listing look like one long article).
        items = numbered_items([page.text(i) for i in alive], start, end)
        if items:
            for pos, k in items:
                classes[alive[pos]] = (GOOD, f"item {k} of a numbered list through the article")
            start, end, scored, _ = _extent(page, alive, classes, article)
            # The extent takes in the whole list.
            start, end = min(start, items[0][0]), max(end, items[-1][0])
    for pos, i in enumerate(alive):
        cls, why = classes[i]
        if (
            cls == BAD
            and start <= pos <= end
            and why != NESTED_ITEM_REASON
            and (why != TEASER_REASON or article)
        ):
            # Inside the article's extent (the whole page when no stretch holds the article), a
            # block with few stopwords is as often its own terse text (a list item, "Billing:
            # hourly or monthly plans", a spec line) as not: its neighbours decide, as for a
            # middling block. Nested menu items still go, and teasers but on an article page,
            # where a line ending in "..." inside the extent is the article's own (92% of such
            # words are in the WCXB gold; word F1 +0.0001, scrapinghub +0.0002).
            cls = NEAR
        final[i] = cls
        if cls == BAD:
            out[i] = f"low_content: {why}"
    boilerplate_after = _boilerplate_gaps(page, alive)
    # Up to the nearest line a phrase rule took as interface or navigation text (CONTEXT_RULES)
    # on each side of the extent, the page has not left its content yet. A good block there
    # stays: before the extent, any (an article's first section, cut off from the rest by a
    # table or a list); after it, one beside another good block (a lone one there is a teaser
    # or an author's bio as often as not). It vouches for nothing around it, so the short lines
    # next to it (a byline box under a dek) are still judged by the blocks beyond. On WCXB dev
    # dumps 76% and 65% of such blocks' words are in the gold (word F1 +0.003 and +0.0006); on
    # scrapinghub, deks and promotions before the extent (-0.0015).
    lead, trail = start, end
    while lead > 0 and not boilerplate_after[lead - 1]:
        lead -= 1
    while trail < len(alive) - 1 and not boilerplate_after[trail]:
        trail += 1
    lone = _isolated(alive, classes)
    ahead: list[int] = []
    for pos, i in enumerate(alive):
        if (pos < start or pos > end) and i not in out and classes[i][0] != SHORT:
            if classes[i][0] == GOOD and (
                lead <= pos < start or (end < pos <= trail and not lone[pos])
            ):
                final[i] = AHEAD
                ahead.append(page.blocks[i].line)
                continue
            where = "before" if pos < start else "after"
            out[i] = f"outside_article: {classes[i][0]} block {where} the article's extent"
            final[i] = BAD
    if ahead:
        page.notes.append(
            f"boilerplate_zone: kept {len(ahead)} article-like block(s) outside the article's "
            f"extent, with no boilerplate line between them and it (lines "
            f"{', '.join(map(str, ahead[:10]))}{', ...' if len(ahead) > 10 else ''})"
        )
    n = len(alive)

    # The nearest good-or-bad block on each side (short and near-good ones are looked through;
    # the page edges count as bad), in two linear passes. A line that a phrase rule took as
    # interface or navigation text (CONTEXT_RULES) still stands between its neighbours as a
    # bad block: a short line next to a removed menu or button is next to boilerplate.
    before: list[str] = []
    last = BAD
    for pos, i in enumerate(alive):
        if pos and boilerplate_after[pos - 1]:
            last = BAD
        before.append(last)
        if final[i] in (GOOD, BAD):
            last = final[i]
    after: list[str] = [BAD] * n
    last = BAD
    for pos in range(n - 1, -1, -1):
        if boilerplate_after[pos]:
            last = BAD
        after[pos] = last
        if final[alive[pos]] in (GOOD, BAD):
            last = final[alive[pos]]

    # Near-good blocks first (jusText order): kept when next to a good block.
    resolved: dict[int, str] = {}
    for pos, i in enumerate(alive):
        if final[i] != NEAR:
            continue
        prev, nxt = before[pos], after[pos]
        resolved[i] = GOOD if GOOD in (prev, nxt) else BAD
        if resolved[i] == BAD:
            out[i] = f"outside_article: middling block ({classes[i][1]}) between {prev} and {nxt}"
    for pos, i in enumerate(alive):
        if final[i] != SHORT:
            continue
        prev, nxt = before[pos], after[pos]
        if prev == GOOD and (nxt == GOOD or (classes[i][1] == TABLE_REASON and _data_row(page, i))):
            # A table that follows article text is the article's, whatever comes after it (on
            # WCXB dev dumps: 74% of the words of such rows are in the gold; of rows that only
            # precede article text, 35%), unless its rows read like a menu laid out in columns.
            continue
        if prev == BAD and nxt == BAD:
            where = "page edge or boilerplate" if pos in (0, n - 1) else "boilerplate"
        else:
            where = f"{prev} before, {nxt} after"
        out[i] = f"outside_article: short block ({classes[i][1]}) among {where}"
    return out


RULES: tuple[Rule, ...] = (
    Rule(
        "nav_ticker",
        "headline tickers and headline lists: 'À la une', 'Most read'",
        page=nav_ticker,
    ),
    Rule("comment_section", "readers' comments after the article", page=comment_section),
    Rule("read_more", "links to other articles: 'Lire aussi | ...', 'Read more:'", block=read_more),
    Rule(
        "photo_credit",
        "captions and photo credits: '(NAME / AFP)', 'Photo: ...'",
        block=photo_credit,
    ),
    Rule("ui_string", "buttons, prompts, counters, cookie and newsletter boxes", block=ui_string),
    Rule("breadcrumb", "navigation trails: 'Accueil > Monde'", block=breadcrumb),
    Rule("byline", "author lines: 'Par Nadia El Amrani', 'By Sarah Whitfield'", block=byline),
    Rule("dateline", "publication dates: 'Publié le ...', 'Updated 3 hours ago'", block=dateline),
    Rule("copyright_footer", "copyright and legal footers: '© 2024 ...'", block=copyright_footer),
    Rule(
        "dated_list",
        "a list of dated entries after the article: related posts, reviews",
        page=dated_list,
    ),
    Rule("author_bio", "the author's name and biography after the article", page=author_bio),
    # Before the zone heuristics, so they judge the page as a second cleaning would see it:
    # a repeated paragraph no longer vouches for the short lines around it.
    Rule("duplicate_block", "a paragraph or the title repeated", page=duplicate_block),
    Rule("stray_fragment", "a short non-sentence at the edges of the page", page=stray_fragment),
    Rule(
        "boilerplate_zone",
        "jusText-like: low-content blocks, and short blocks outside the article",
        page=boilerplate_zone,
        heuristic=True,
    ),
    # After the zone heuristics, which already judge a thread on a flattened page; it matters
    # most after an HTML extractor that kept the comments.
    Rule(
        "comment_thread",
        "readers' comments under headers like 'NAME says:', after the article",
        page=comment_thread,
    ),
)
RULE_NAMES: tuple[str, ...] = tuple(r.name for r in RULES)

# ---------------------------------------------------------------------------------- judging


@dataclass(slots=True)
class Verdicts:
    """Which blocks went, by which rule and why; what the page's title is."""

    removed: dict[int, tuple[str, str]] = field(default_factory=dict)
    title: str | None = None
    title_index: int | None = None
    notes: list[str] = field(default_factory=list)
    out_of_time: bool = False
    lang: str | None = None  # the language whose stopwords fit the page best

    def removed_in_order(self, blocks: list[Block]) -> Iterator[tuple[Block, tuple[str, str]]]:
        for i in sorted(self.removed):
            yield blocks[i], self.removed[i]


_STOPLIST_NAMES = {
    "en": "English", "fr": "French", "es": "Spanish", "de": "German", "ar": "Arabic",
    "it": "Italian", "pt": "Portuguese", "nl": "Dutch", "sv": "Swedish", "da": "Danish",
    "no": "Norwegian_Bokmal", "fi": "Finnish", "pl": "Polish", "cs": "Czech", "ro": "Romanian",
    "hu": "Hungarian", "tr": "Turkish", "ru": "Russian", "uk": "Ukrainian", "el": "Greek",
    "id": "Indonesian", "ca": "Catalan", "fa": "Persian", "he": "Hebrew", "vi": "Vietnamese",
    "ko": "Korean",
}  # fmt: skip
# cleaner/data/stopwords/<lang>.txt completes jusText's list, or is the whole list for a
# language jusText has none for (Chinese and Japanese: characters, since their words are
# characters here, see ``words``).
_STOPWORD_FILES = available_languages("stopwords")
_STOPLIST_LANGS = (
    *_STOPLIST_NAMES,
    *(lang for lang in _STOPWORD_FILES if lang not in _STOPLIST_NAMES),
)


_STOPLIST_ORDER = {lang: k for k, lang in enumerate(_STOPLIST_LANGS)}


@lru_cache(maxsize=64)
def stoplist(lang: str) -> frozenset[str]:
    """The stopword list for an ISO 639-1 code (empty when there is none): jusText's and
    cleaner's own (see ``_STOPWORD_FILES``), folded like the blocks it is matched on ("été" is
    "ete" there).

    >>> "ete" in stoplist("fr") and "uber" in stoplist("de")
    True
    """
    words_: set[str] = set()
    name = _STOPLIST_NAMES.get(lang)
    if name is not None:
        import justext

        words_.update(fold(w) for w in justext.get_stoplist(name))
    if lang in _STOPWORD_FILES:
        words_.update(fold(line) for line in data_lines("stopwords", f"{lang}.txt"))
    # The lists come from Wikipedia: those of languages written in another script hold a few
    # English words and numbers ("the", "of", "dvd", "3d"), which would let an English page
    # pass for Korean or Russian. A list mostly in another script keeps only its own words.
    ascii_ = {w for w in words_ if w.isascii()}
    if 2 * len(ascii_) < len(words_):
        words_ -= ascii_
    return frozenset(words_)


@lru_cache(maxsize=1)
def _stopword_index() -> dict[str, tuple[str, ...]]:
    """Every stopword of every known language, with the languages it belongs to."""
    index: dict[str, list[str]] = {}
    for lang in _STOPLIST_LANGS:
        for word in stoplist(lang):
            index.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in index.items()}


def guess_stoplist(tokens: list[str], hint: str | None) -> tuple[str | None, frozenset[str]]:
    """The stopword list that covers the most of ``tokens`` (or the hinted language's): one
    pass over a bounded sample, whatever the number of languages.

    >>> guess_stoplist("le chat est sur la table et il dort".split(), None)[0]
    'fr'
    """
    if hint and stoplist(hint):
        return hint, stoplist(hint)
    return _best_stoplist(stopword_hits(tokens[:STOPLIST_SAMPLE]))


def stopword_hits(tokens: list[str]) -> dict[str, int]:
    """How many of ``tokens`` are stopwords of each language."""
    index = _stopword_index()
    # Each distinct word once, with its count: the same sums as a pass word by word.
    counts = Counter(tokens)
    hits: dict[str, int] = {}
    for token in counts.keys() & index.keys():
        n = counts[token]
        for lang in index[token]:
            hits[lang] = hits.get(lang, 0) + n
    return hits


def _best_stoplist(hits: dict[str, int]) -> tuple[str | None, frozenset[str]]:
    if not hits:
        return None, frozenset()
    # Most hits wins; ties go to the earlier language in _STOPLIST_LANGS (a fixed order).
    best = max(hits, key=lambda lang: (hits[lang], -_STOPLIST_ORDER[lang]))
    return best, stoplist(best)


STOPLIST_SAMPLE = 3000


def stop_share(tokens: list[str], stops: frozenset[str]) -> float:
    """The share of ``tokens`` that are in ``stops`` (0 without tokens or stopwords)."""
    return sum(map(stops.__contains__, tokens)) / len(tokens) if tokens and stops else 0.0


def resample_stoplist(
    page: Page, removed: dict[int, tuple[str, str]]
) -> tuple[str | None, frozenset[str]]:
    """The stopword guess on the first words of the blocks that are not ``removed`` (a
    repeated line counted once), like the first guess on the whole page."""
    sample: list[str] = []
    sampled: set[str] = set()
    for i, key in enumerate(page.keys):
        if len(sample) >= STOPLIST_SAMPLE:
            break
        if i not in removed and key not in sampled:
            sampled.add(key)
            sample.extend(page.tokens(i))
    return guess_stoplist(sample, None)


def _guess_may_change(page: Page, removed: dict[int, tuple[str, str]]) -> bool:
    """False when ``resample_stoplist`` is sure to make the page's first guess: no sampled
    block was removed, or the guessed language leads by more than the removed blocks can
    change. Taking R sampled words out takes each language's hits down by its hits among them,
    and the R words that come into the sample in their place add at most R to any language."""
    index = _stopword_index()
    taken = 0
    taken_hits: dict[str, int] = {}
    for i, n in page.sample_spans:
        if i in removed:
            taken += n
            for token in page.head[i][:n]:
                for lang in index.get(token, ()):
                    taken_hits[lang] = taken_hits.get(lang, 0) + 1
    if not taken:
        return False
    best = page.lang
    if best is None or best not in page.sample_hits:
        return True
    hits = page.sample_hits
    floor = hits[best] - taken_hits.get(best, 0)
    return any(
        hits.get(lang, 0) - taken_hits.get(lang, 0) + taken >= floor
        for lang in _STOPLIST_LANGS
        if lang != best
    )


class _OutOfTime(Exception):
    """The document's time budget ran out while the page was being prepared."""


class Judge:
    """Runs ``RULES`` over a page. Holds the compiled matchers; cheap to reuse."""

    def __init__(self, config: Config) -> None:
        self.config = config
        langs = config.languages
        self.matchers = {
            name: load(name, langs)
            for name in (
                "read_more", "photo_credit", "ui_string", "breadcrumb", "byline",
                "dateline", "copyright_footer", "nav_ticker", "comment_section",
            )
        }  # fmt: skip
        agencies = tuple(fold(line) for line in _agency_lines())
        self.matchers["photo_credit"].agencies = agencies  # type: ignore[attr-defined]
        self.phrases = merged(tuple(self.matchers.values()))
        self.credit = _credit_patterns(agencies)
        self.rules = tuple(
            r
            for r in RULES
            if r.name not in config.disabled_rules and (config.heuristics or not r.heuristic)
        )
        # The rules in order, consecutive block rules grouped as (name, function) pairs.
        self.steps: list[Rule | tuple[tuple[str, BlockRule], ...]] = []
        for r in self.rules:
            if r.block is None:
                self.steps.append(r)
            elif self.steps and isinstance(self.steps[-1], tuple):
                self.steps[-1] += ((r.name, r.block),)
            else:
                self.steps.append(((r.name, r.block),))

    def page(self, blocks: list[Block], lang: str | None, deadline: float = float("inf")) -> Page:
        keys: list[str] = []
        for start in range(0, len(blocks), 256):
            if start and budget_clock() > deadline:
                raise _OutOfTime
            keys.extend(fold_lines([b.text for b in blocks[start : start + 256]]))
        # The language's stopwords from a sample of the first words, then one block at a time,
        # so no list of every word of the document is ever held (bounded memory on big inputs).
        # A repeated line counts once, so the guess is the same once duplicates are gone.
        head: list[list[str]] = []
        sample: list[str] = []
        sampled: set[str] = set()
        spans: list[tuple[int, int]] = []  # (block, how many of its words are in the sample)
        for k, key in enumerate(keys):
            if len(sample) >= STOPLIST_SAMPLE:
                break
            head.append(_WORD.findall(key))
            if key not in sampled:
                sampled.add(key)
                spans.append((k, min(len(head[-1]), STOPLIST_SAMPLE - len(sample))))
                sample.extend(head[-1])
        hits: dict[str, int] = {}
        guessed: str | None
        if lang and stoplist(lang):
            guessed, stops = lang, stoplist(lang)
        else:
            hits = stopword_hits(sample[:STOPLIST_SAMPLE])
            guessed, stops = _best_stoplist(hits)
        may_hold = self.phrases.may_hold_anywhere
        words_: list[int] = []
        stop: list[float] = []
        maybe_anywhere: list[bool] = []
        for k, key in enumerate(keys):
            ts = head[k] if k < len(head) else _WORD.findall(key)
            words_.append(len(ts))
            stop.append(stop_share(ts, stops))
            # The words are the key's runs of word characters, unless joined by ' or -.
            joined = "'" in key or "-" in key or "’" in key
            maybe_anywhere.append(may_hold(key, _RUN.findall(key) if joined else ts))
        return Page(
            blocks,
            keys,
            words_,
            stop,
            self.matchers,
            lang=guessed,
            phrases=self.phrases,
            starts=[self.phrases.may_start(key) for key in keys],
            maybe_anywhere=maybe_anywhere,
            credit=self.credit,
            head=head,
            sample_spans=spans,
            sample_hits=hits,
        )

    @staticmethod
    def _settle_stoplist(page: Page, removed: dict[int, tuple[str, str]], hint: str | None) -> None:
        """Guess the stopword list again from the blocks the phrase rules left: menus, buttons
        and cookie boxes in another language than the article's (English UI strings on a
        French page) no longer sway it, and the guess is the same when the clean text is
        cleaned again. The block statistics are redone only when the guess changes."""
        if hint and stoplist(hint):
            return
        if not _guess_may_change(page, removed):
            return
        guessed, stops = resample_stoplist(page, removed)
        if guessed == page.lang:
            return
        page.lang = guessed
        page.stop = [stop_share(page.tokens(i), stops) for i in range(len(page.keys))]
        page.classes.clear()

    def run(self, blocks: list[Block], *, lang: str | None, deadline: float) -> Verdicts:
        if budget_clock() > deadline:
            return Verdicts(out_of_time=True)
        try:
            page = self.page(blocks, lang, deadline)
        except _OutOfTime:
            return Verdicts(out_of_time=True)
        verdicts = Verdicts(lang=page.lang)
        removed = page.removed = verdicts.removed
        phrases_done = False
        for step in self.steps:
            if isinstance(step, tuple):
                # Consecutive block rules in one pass over the blocks: a block rule looks at its
                # own block only, so each still sees just the blocks the earlier rules left.
                for i in range(len(blocks)):
                    if i in removed:
                        continue
                    if i % 256 == 0 and budget_clock() > deadline:
                        verdicts.out_of_time = True
                        break
                    for name, fn in step:
                        evidence = fn(page, i)
                        if evidence:
                            removed[i] = (name, evidence)
                            break
                if verdicts.out_of_time:
                    break
                if not phrases_done:
                    phrases_done = True
                    self._settle_stoplist(page, removed, lang)
                continue
            rule = step
            if page.title is None and rule.name in ("duplicate_block", "stray_fragment"):
                # The title is found once the phrase rules have cleared the page's header.
                page.title = find_title(page, [i for i in range(len(blocks)) if i not in removed])
            if rule.page is not None:
                if budget_clock() > deadline:
                    verdicts.out_of_time = True
                    break
                alive = [i for i in range(len(blocks)) if i not in removed]
                for i, evidence in rule.page(page, alive).items():
                    name = rule.name
                    if rule.heuristic and ": " in evidence:
                        name, evidence = evidence.split(": ", 1)
                    if i != page.title:
                        removed[i] = (name, evidence)
            if verdicts.out_of_time:
                break
        if page.title is None:
            page.title = find_title(page, [i for i in range(len(blocks)) if i not in removed])
        verdicts.lang = page.lang
        verdicts.notes.extend(page.notes)
        if page.title is not None and page.title not in removed:
            verdicts.title = blocks[page.title].text
            verdicts.title_index = page.title
        return verdicts


def _agency_lines() -> list[str]:
    return data_lines("agencies.txt")


def find_title(page: Page, alive: list[int]) -> int | None:
    """The headline: the last title-like block before the first article paragraph."""
    first_good = None
    for i in alive:
        if classify(page, i)[0] == GOOD:
            first_good = i
            break
    if first_good is None:
        return None
    candidates = [i for i in alive if i < first_good][-6:]
    for i in reversed(candidates):
        text = page.text(i)
        n = page.words[i]
        if (
            3 <= n <= 30
            and not text.rstrip().endswith((".", ",", ";"))
            and not starts_lower(text)
            and page.blocks[i].items == 1
            and not re.match(r"^[*+•·\-] ", text)
        ):
            return i
    return None
