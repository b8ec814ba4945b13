"""Keep prison codes such as MR-B/15, LB-K/11, IK-2 and SIZO-1 as single tokens.

spaCy's English infix rules split on '-' and '/', which turns "MR-B/15" into five tokens and
hides the code from every later pattern. A token_match is tried on each affix-stripped
substring before infixes are split, so a match keeps the code whole while "MR-B/15," still
loses its comma.
"""

from __future__ import annotations

import re

from spacy.language import Language

from habeas.nlp.resources import load

# Codes only: numbers such as "No.2" or "N47" do not match; spaCy's own rules keep them whole.
_CODE = re.compile(load("facilities")["code_pattern"] + r"$")


def keep_codes_whole(nlp: Language) -> None:
    previous = nlp.tokenizer.token_match

    def token_match(text: str):
        return _CODE.match(text) or (previous(text) if previous else None)

    nlp.tokenizer.token_match = token_match
