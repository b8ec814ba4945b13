"""Medical conditions: a gazetteer of phrases, diagnoses found by their head noun in the parse
("advanced cataracts", "acute kidney damage", "Parkinson's disease", "cirrhosis of the
liver"), and the phrases reports use ("diagnosed with X", "suffers from X", "lost 20
kilograms"). Word lists are in data/conditions.yml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from habeas.nlp.alternation import skimming
from habeas.nlp.phrases import leftmost_longest, lower_matcher, tokens
from habeas.nlp.resources import load


@dataclass(frozen=True)
class FoundCondition:
    start: int
    end: int
    name: str

WEIGHT = skimming(r"\b(?:lost|losing|lose|loses)\s+(?:about\s+|more\s+than\s+|over\s+|nearly\s+|almost\s+|some\s+|around\s+)?"
                    r"(?:(?:\d+|a\s+lot\s+of|much|significant|a\s+significant\s+amount\s+of)\s*)?"
                    r"(?:kilograms?|kilos?|kg|pounds|weight)\b",
                    re.IGNORECASE)
CUE = skimming(r"\b(?:diagnosed\s+with|contracted|infected\s+with|tested\s+positive\s+for|suffers?\s+from|suffering\s+from|suffered\s+from|"
                 r"complains?\s+of|complained\s+of|diagnosis\s+(?:of|was)|signs\s+of|symptoms\s+of)\s+"
                 r"(?:a\s+|an\s+|the\s+)?(?:severe\s+form\s+of\s+)?", re.IGNORECASE)
CUE_STOP = re.compile(r"[.;:,()\n–—]|\s(?:and\s+(?:was|is|has|had|noted|needs)|in\s+prison|since|"
                      r"while|after|because|but|which|that|(?:in|on|by|last|this)\s+(?:(?:19|20)\d\d|"
                      r"January|February|March|April|May|June|July|August|September|October|"
                      r"November|December|the\s+(?:summer|spring|autumn|fall|winter)|year|month|week)|"
                      r"(?:a|two|three|several)\s+(?:years?|months?|weeks?)\s+ago)\b")


@lru_cache(maxsize=1)
def _data() -> dict:
    data = load("conditions")
    out = {k: (frozenset(v) if k not in ("phrases", "weight_loss") else v) for k, v in data.items()}
    # A one-word diagnosis of the gazetteer is a head too: "advanced glaucoma".
    out["heads"] = out["heads"] | {p for p in data["phrases"] if " " not in p and "-" not in p}
    return out


@lru_cache(maxsize=4)
def _known(vocab: Vocab) -> PhraseMatcher:
    """The gazetteer's phrases on the tokens' LOWER."""
    return lower_matcher(vocab, {"condition": _data()["phrases"]})


def _qualifier(t: Token) -> bool:
    """A word that says what kind of illness: "acute", "kidney", "Parkinson 's", "type 2"."""
    data = _data()
    if t.lower_ in data["organs"]:
        return True  # "back pain", whatever the tagger calls "back"
    if t.lower_ in data["drop_before"] or t.pos_ in ("DET", "PRON", "VERB", "AUX", "ADP", "CCONJ"):
        return False
    return t.pos_ in ("ADJ", "NOUN", "PROPN", "NUM") or t.tag_ == "POS" or t.lower_ in data["keep_before"]


def _diagnoses(doc: Doc) -> list[FoundCondition]:
    """Head nouns of diagnoses with the words that qualify them, from the parse."""
    data = _data()
    out: list[FoundCondition] = []
    for t in doc:
        lemma, word = t.lemma_.lower(), t.lower_
        vague = word in data["vague_heads"] or lemma in data["vague_heads"]
        if not (vague or word in data["heads"] or lemma in data["heads"]) or t.pos_ not in ("NOUN", "PROPN"):
            continue
        lo = t.i
        while lo > t.sent.start and _qualifier(doc[lo - 1]) and t.i - lo < 4:
            lo -= 1
        hi = t.i + 1
        # "cirrhosis of the liver", "pain in his back", "hearing in one ear", "problems with
        # her heart and nervous system"
        if hi + 1 < len(doc) and (doc[hi].lower_ in ("of", "in") or (vague and doc[hi].lower_ == "with")):
            k = hi + 1
            while k < len(doc) and k < hi + 4 and doc[k].pos_ in ("DET", "PRON", "NUM", "ADJ"):
                k += 1
            if k < len(doc) and doc[k].lower_ in data["organs"]:
                hi = k + 1
                while hi + 1 < len(doc) and doc[hi].lower_ == "and" and doc[hi + 1].lower_ in data["organs"]:
                    hi += 2
                if hi < len(doc) and doc[hi].lower_ == "system":
                    hi += 1
        before = [x.lower_ for x in doc[lo:t.i]]
        after = [x.lower_ for x in doc[t.i + 1:hi]]
        if vague and not any(w in data["organs"] for w in before + after):
            continue
        if not before and not after:
            continue  # a bare head is the gazetteer's to find ("cancer"), or nothing ("illness")
        span = doc[lo:hi]
        out.append(FoundCondition(span.start_char, span.end_char, span.text))
    return out


def find_conditions(source: str | Doc) -> list[FoundCondition]:
    """The conditions of a text (cut into tokens), or of a parsed Doc (which adds the
    diagnoses found by head)."""
    doc = source if isinstance(source, Doc) else tokens(source)
    text = doc.text
    out: list[FoundCondition] = []
    for m in CUE.finditer(text):
        stop = CUE_STOP.search(text, m.end())
        end = stop.start() if stop else min(len(text), m.end() + 80)
        phrase = text[m.end():end].strip()
        if 0 < len(phrase.split()) <= 8 and not re.match(r"(?:him|her|it|this|that|the same|being|having)\b", phrase, re.I):
            out.append(FoundCondition(m.end(), m.end() + len(phrase), phrase))
    if doc.has_annotation("DEP"):
        for c in _diagnoses(doc):
            if not any(o.start <= c.start < o.end or c.start <= o.start < c.end for o in out):
                out.append(c)
    known = [doc[start:end] for _, start, end in leftmost_longest(_known(doc.vocab)(doc))]
    named = [(s.start_char, s.end_char, s.text) for s in known]
    for m in WEIGHT.finditer(text):
        # "lost a lot of weight": the condition, not the figure
        named.append((m.start(), m.end(), m.group(0) if re.search(r"\d", m.group(0)) else _data()["weight_loss"]))
    for start, end, name in named:
        if not any(c.start <= start < c.end or start <= c.start < end for c in out):
            out.append(FoundCondition(start, end, name))
    out.sort(key=lambda c: c.start)
    return out
