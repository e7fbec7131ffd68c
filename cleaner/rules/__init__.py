"""The rules: each a small named function that says why a block is boilerplate, or nothing.

Two kinds, both pure:
- block rules, ``(page, i) -> evidence | None``, judge one block with the page as context
  (``blocks``);
- page rules, ``(page, alive) -> {index: evidence}``, judge blocks that need their neighbours:
  repeats, headline lists, comment sections, dated lists (``sections``), and the jusText-like
  zones (``zones``).

``RULES`` (in ``judge``) is the one ordered list. A block removed by a rule is not seen by later
rules; the first rule to claim a block names it in the audit.
"""

from .judge import RULE_DESCRIPTIONS, RULE_NAMES, RULES, Judge, Verdicts, check_order, rules_table
from .page import Class, Judged, Page, Rule, Verdict

__all__ = [
    "RULES",
    "RULE_DESCRIPTIONS",
    "RULE_NAMES",
    "Class",
    "Judge",
    "Judged",
    "Page",
    "Rule",
    "Verdict",
    "Verdicts",
    "check_order",
    "rules_table",
]
