"""Names of people, the same for the pipeline and the archive: a normal form, a consonant
skeleton that collapses transliteration variants, and when two written names may be one
person's. Knows nothing of spaCy or the database."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz


def _cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Lower case, ASCII letters for Latin ones (anyascii: "Ağayev" agayev, "Səs" ses),
    Cyrillic kept (as the Russian pipeline reads it, й as и, ё as е), the rest spaces."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch if _cyrillic(ch) else anyascii(ch) for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-zа-яё0-9 ]+", " ", text.casefold()).strip()


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """Collapse transliteration variants: Bokayev/Bokaev/Boqaev, Ibadoglu/Ibadoghlu.

    Not jellyfish's phonetic keys: on the 2,210 capitalised words of the dev and challenge
    reports, metaphone joins 153 pairs this does not (abd/about, ahmed/amid) and misses 76 it
    joins (ahmed/akhmed, azimjan/azimzhan); NYSIIS and Soundex agree less still."""
    w = norm(word).replace(" ", "")
    for a, b in (("kh", "h"), ("gh", "g"), ("q", "k"), ("zh", "j"), ("dzh", "j"), ("dj", "j"),
                 ("yo", "o"), ("ye", "e"), ("yu", "u"), ("ya", "a"), ("iy", "i"), ("y", "i"),
                 ("x", "ks"), ("w", "v"), ("ou", "u")):
        w = w.replace(a, b)
    w = re.sub(r"(.)\1+", r"\1", w)
    return w[:1] + re.sub(r"[aeiou]", "", w[1:])


def similar(a: str, b: str, threshold: float = 0.88) -> bool:
    """rapidfuzz's ratio (difflib's, on the longest common subsequence) at least `threshold`."""
    return fuzz.ratio(a, b) / 100 >= threshold


@lru_cache(maxsize=65536)
def same_name(a: str, b: str) -> bool:
    ta, tb = norm(a).split(), norm(b).split()
    if not ta or not tb:
        return False
    if ta == tb or (len(ta) > 1 and len(tb) > 1 and similar(" ".join(ta), " ".join(tb))):
        return True
    shorter, longer = sorted((ta, tb), key=len)
    if len(shorter) > 1 and longer[-len(shorter):] == shorter:
        return True  # "Abd El-Fattah" is "Alaa Abd El-Fattah" without the given name
    if len(ta) == 1 or len(tb) == 1:
        single, full = (ta, tb) if len(ta) == 1 else (tb, ta)
        # A lone name is the surname in any spelling, or another word of the name as written:
        # "Mohammadi" may be Narges Mohammadi or Mohammadi Ali, never Mahmood Behzadirad.
        return len(single[0]) > 2 and (skeleton(single[0]) == skeleton(full[-1]) or any(
            single[0] == w or (len(w) > 6 and similar(single[0], w)) for w in full))
    return skeleton(ta[-1]) == skeleton(tb[-1]) and skeleton(ta[0])[:2] == skeleton(tb[0])[:2]
