"""cleaner: scraped web pages (HTML or flattened text) in, clean article text out, with an
audit of every removal.

>>> from cleaner import clean
>>> result = clean("Lire aussi | Autre sujet\\n\\nLe ministre est arrivé mardi à Rabat pour une visite officielle.")
>>> result.text
'Le ministre est arrivé mardi à Rabat pour une visite officielle.'
>>> result.removed[0].rule
'read_more'
"""

from .pipeline import Cleaner, clean
from .rules import RULE_NAMES, RULES
from .types import Config, InputError, Removal, Result

__version__ = "0.1.0"

__all__ = [
    "RULES",
    "RULE_NAMES",
    "Cleaner",
    "Config",
    "InputError",
    "Removal",
    "Result",
    "__version__",
    "clean",
]
