"""Names of people, the same for the pipeline and the archive: a normal form, a consonant
skeleton that collapses transliteration variants, and when two written names may be one
person's. Knows nothing of spaCy or the database."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-zа-яё0-9 ]+", " ", text).strip()


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """Collapse transliteration variants: Bokayev/Bokaev/Boqaev, Ibadoglu/Ibadoghlu."""
    w = norm(word).replace(" ", "")
    for a, b in (("kh", "h"), ("gh", "g"), ("q", "k"), ("zh", "j"), ("dzh", "j"), ("dj", "j"),
                 ("yo", "o"), ("ye", "e"), ("yu", "u"), ("ya", "a"), ("iy", "i"), ("y", "i"),
                 ("x", "ks"), ("w", "v"), ("ou", "u")):
        w = w.replace(a, b)
    w = re.sub(r"(.)\1+", r"\1", w)
    return w[:1] + re.sub(r"[aeiou]", "", w[1:])


def similar(a: str, b: str, threshold: float = 0.88) -> bool:
    """difflib's ratio at least `threshold`; its cheap upper bounds rule most pairs out first."""
    matcher = SequenceMatcher(None, a, b)
    return (matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold
            and matcher.ratio() >= threshold)


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
