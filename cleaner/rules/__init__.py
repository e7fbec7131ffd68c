"""The rules: each a small named function that says why a block is boilerplate, or nothing.

Two kinds, both pure: they read the page (a frozen ``Page``, built once by the feature pass) and
what the run knows so far (a ``Context``: the verdicts of the rules they read, the settled
stoplist, the title), and return what they found; only the Judge writes the verdicts.
- block rules, ``(page, i, ctx) -> evidence | Note | None``, judge one block with the page as
  context (``blocks``);
- page rules, ``(page, alive, ctx) -> Found(verdicts, notes)``, judge blocks that need their
  neighbours: repeats, headline lists, comment sections, dated lists (``sections``), and the
  jusText-like zones (``zones``).

``RULES`` (in ``judge``) is the one ordered list. A block removed by a rule is not seen by later
rules; the first rule to claim a block names it in the audit. Each rule declares the names it
gives and the rules whose verdicts it reads, and the Judge checks that order when it is built.
"""

from .judge import RULE_DESCRIPTIONS, RULE_NAMES, RULES, Judge, Verdicts, check_order, rules_table
from .page import Class, Context, Found, Judged, Note, Page, Rule, Verdict

__all__ = [
    "RULES",
    "RULE_DESCRIPTIONS",
    "RULE_NAMES",
    "Class",
    "Context",
    "Found",
    "Judge",
    "Judged",
    "Note",
    "Page",
    "Rule",
    "Verdict",
    "Verdicts",
    "check_order",
    "rules_table",
]
