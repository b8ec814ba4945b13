"""One case-blind key for a word, the same whether it comes from a data file or from a match.

A pattern compiled with `re.IGNORECASE` takes letters for one another that `str.lower()`
keeps apart: the Turkish capital "İ" matches "i" but lower-cases to "i" plus a combining dot
(two code points), the dotless "ı" matches "i" and stays "ı", the long "ſ" matches "s",
the old Cyrillic "ᲃ" matches "с". Looking a match up by its `.lower()` in a table built
from `.lower()` keys then fails ("İstanbul" -> KeyError 'i̇stanbul'). `fold` maps every letter
the regex engine takes for another to the same key (`str.casefold`, which already does so
for all but the two Turkish i's), so a table keyed by `fold` finds whatever a case-blind
pattern built from its keys matched. tests/test_unicode.py checks this against the engine.
"""

from __future__ import annotations

# re.IGNORECASE matches both with "i"; str.casefold makes "i̇" of the one and keeps the other.
_TURKISH_I = str.maketrans({"\u0130": "i", "\u0131": "i"})


def fold(text: str) -> str:
    """The case-blind key of `text`: equal for any two strings one case-blind regex matches."""
    return text.translate(_TURKISH_I).casefold()
