"""Age beside a person's name: "Karimov, 50,", "X, a 38-year-old teacher", "X, now 70,",
"the 26-year-old X" (the nearest before the name), "X (37)", "aged 37", "who is 45".

Each pattern reads one side of a name mention (`AGE`, `AGE_AFTER` the text after it,
`AGE_BEFORE` the text before it) and gives the age in group "a"."""

from __future__ import annotations

import re

# Right after the name: ", 50,", "(37)", ", aged 37,", ", now 70,", ", a 38-year-old blogger".
AGE = re.compile(r"^\s*(?:\(|,)\s*(?:aged\s+|now\s+|an?\s+)?(?P<a>\d{2})"
                 r"(?:[- ]year[- ]old\b|\s*(?:\)|,|\.|\s+years?\s+old))")
# Before the name, the nearest: "20-year-old A and 26-year-old B" gives B 26.
AGE_BEFORE = re.compile(r"(?P<a>\d{2})[- ]year[- ]old\s+(?:(?!\d{2}[- ]year)[\w’'\-]+\s+){0,4}$")
# Further on in the clause: "who is 45", "is now 61", "at the age of 70".
AGE_AFTER = re.compile(r"^[^.;]{0,90}?\b(?:aged|at (?:the )?age(?: of)?|who is|is now|turned|turns)\s+"
                       r"(?P<a>\d{2})\b(?![ -]year)")
# Opening the next sentence, for the person named last before it: "X was sentenced on 15
# September. The 26-year-old had sent a photograph…" (not "The 26-year-old blogger Y").
AGE_NEXT = re.compile(r"^\s*[Tt]he\s+(?P<a>\d{2})[- ]year[- ]old\b(?=\s*,|\s+(?:had|has|was|is|who|said|told|"
                      r"remains|remained|is|was|faces|faced|denied|denies|spent|received)\b)")
