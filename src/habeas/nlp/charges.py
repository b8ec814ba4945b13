"""Charges: the offences a report names ("on charges of smuggling and distributing
pornography", "charged with fraud", "convicted of inciting ethnic hatred")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from habeas.nlp.alternation import skimming, trie_alternation
from habeas.nlp.resources import load


@dataclass(frozen=True)
class FoundCharge:
    start: int
    end: int
    name: str
    # Found by a phrase that is itself about a prosecution ("charged with", a quoted offence
    # after "jailed … for"), not by the gazetteer alone.
    cued: bool = False

# Phrases after which a list of offences follows.
CUE = skimming(
    r"\b(?:on\s+(?:\w+\s+){0,2}charges?\s+(?:of|including|that\s+included|related\s+to|involving)|"
    r"on\s+(?:a\s+|the\s+)?charges?\s+of|charged\s+(?:\w+\s+|under\s+[^.;]{3,60}?\s+)?with|accused\s+(?:\w+\s+)?of|"
    r"convicted\s+(?:\w+\s+)?of|found\s+(?:\w+\s+)?guilty\s+of|guilty\s+of|indicted\s+(?:\w+\s+)?(?:for|on)|"
    r"(?:arrested|detained|sentenced|jailed|imprisoned|convicted|prosecuted|punished|fined)\s+(?:\w+\s+){0,3}?for|"
    # "serving nine years for fraud", "his 15-year sentence for membership of …"
    r"(?:serving|received|got|given)\s+(?:\w+\s+){0,3}?(?:years?|months?)\s+for|"
    r"(?:year|month)[- ](?:prison\s+)?(?:sentence|term)\s+for|"
    r"charges?\s+(?:of|under)|responsibility\s+for|"
    # "under the article on disrupting public order", "on suspicion of espionage"
    r"(?:under|by)\s+(?:the\s+)?articles?\s+(?:on|about|punishing)|on\s+suspicion\s+of|suspected\s+of)\s+",
    re.IGNORECASE)
# Cues that are themselves an accusation: what follows, even "being a member of …", is the offence.
LEGAL_CUE = skimming(r"\b(?:charged|accused|convicted|guilty|suspected|suspicion|indicted)\b", re.IGNORECASE)
# Where a list of offences ends.
STOP = re.compile(
    r"[.;:()\[\]\n–—]|\s-\s|,\s+(?:which|who|where|while|but|as|after|before|and\s+(?:was|were|sentenced|he|she))\b"
    r"|\s(?:and\s+)?(?:but|sentenced|was|were|is|are|has|had|during|after|before|because|since|under|"
    r"while|to\s+protest|in\s+connection|who|which|that\s+(?:he|she|they)|"
    r"in\s+(?:19|20)\d\d|in\s+(?:a|an|the|his|her|their)\s|in\s+[A-Z]\w*|by\s+(?:the\s+)?[A-Z]\w*|by\s+the)\b")
SPLIT = re.compile(r",\s*(?:and\s+|as well as\s+)?|\s+and\s+|\s+as well as\s+|\s+or\s+(?=[a-z]+ing\b)")
FILLER = re.compile(r"^(?:including\s+|the\s+|a\s+|an\s+|alleged(?:ly)?\s+|allegedly\s+|so-called\s+|other\s+related\s+charges|"
                    r"other\s+charges|several\s+|a\s+number\s+of\s+charges|charges?\s+of\s+|"
                    r"involvement\s+in\s+)+", re.IGNORECASE)


@lru_cache(maxsize=1)
def _known() -> re.Pattern[str]:
    # in one case for the trie, which matches what `a|b|…` longest first does
    return re.compile(r"\b" + trie_alternation(n.lower() for n in load("charges")["offences"]) + r"\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _legal_context() -> re.Pattern[str]:
    """A word of the courts ahead of a quoted offence (a word start: "prosecut" for prosecutor)."""
    return re.compile(r"\b" + trie_alternation(w.lower() for w in load("charges")["legal_context"]))


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    return frozenset(x.lower() for x in load("charges")["not_offences"])


def _clean(item: str) -> str:
    item = re.sub(r"[“”\"«»]", "", item).strip(" ,")
    item = FILLER.sub("", item).strip(" ,")
    return item


def _items(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Split a list of offences; a lone word that is no offence by itself leans on the next
    item: "producing, acquiring or selling counterfeit money" is one charge."""
    items: list[tuple[int, int, str]] = []
    pos = start
    pending: int | None = None
    for part in SPLIT.split(text[start:end]):
        offset = text.find(part, pos)
        if offset < 0:
            continue
        pos = offset + len(part)
        name = _clean(part)
        if len(name.split()) == 1 and not _known().fullmatch(name) and name.endswith("ing"):
            pending = offset if pending is None else pending
            continue
        first = pending if pending is not None else offset
        pending = None
        items.append((first, pos, _clean(text[first:pos])))
    return items


# A phrase in quotation marks, as offences are often quoted: “abuse of office”, "treason".
QUOTED = re.compile(r"[“\"«](?P<q>[a-z][^“”\"«»\n]{2,110}?)[”\"»]")


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right = min([i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0] or [len(text)])
    return text[left + 1:right]


def _quoted(text: str) -> list[FoundCharge]:
    """Offences in quotation marks after "for", "of", "with" (“abuse of office”), or right
    before a citation (“calls for mass riots” (art. 278 CC)), in a sentence about a prosecution."""
    data = load("charges")
    before = {w.lower() for w in data["quote_before"]}
    after = tuple(w.lower() for w in data["quote_after"])
    out: list[FoundCharge] = []
    quotes = list(QUOTED.finditer(text))
    for i, m in enumerate(quotes):
        words = m.group("q").split()
        if len(words) > 14 or not re.search(r"[a-z]{3}", m.group("q")):
            continue
        # Walk back over other quoted offences joined by "and" or commas: “X”, “Y” and “Z”.
        k = i
        while k > 0 and re.fullmatch(r"\s*(?:,|and|,\s*and|or)\s*", text[quotes[k - 1].end():quotes[k].start()]):
            k -= 1
        lead = re.search(r"(\w+)\s*$", text[max(0, quotes[k].start() - 30):quotes[k].start()])
        tail = text[m.end():m.end() + 20].lower().lstrip(" ,")
        if not ((lead and lead.group(1).lower() in before) or tail.startswith(after)):
            continue
        sentence = _sentence_around(text, m.start(), m.end()).lower()
        if not _legal_context().search(sentence):
            continue
        if any(n in sentence for n in data["negations"]):
            continue
        name = m.group("q").strip(" ,.")
        if name.lower() in _generic():
            continue
        out.append(FoundCharge(m.start("q"), m.start("q") + len(name), name, cued=True))
    return out


@lru_cache(maxsize=1)
def _offence_codes() -> frozenset[str]:
    return frozenset(load("instruments")["offence_codes"])


def find_charges(text: str, citations=()) -> list[FoundCharge]:
    """The offences a report names. `citations` (citations.FoundCitation) lend their titles
    when a title names an offence: "art. 244-1 CC (distributing materials …)"."""
    quoted = _quoted(text)
    out: list[FoundCharge] = list(quoted)
    for cue in CUE.finditer(text):
        start = cue.end()
        if any(c.start <= start < c.end for c in out):
            continue
        stop = STOP.search(text, start)
        # "participating in a banned group": "in" after an action belongs to the offence.
        while stop and re.match(r"\s+in\s", stop.group(0)) and \
                re.search(r"(?:ing|participation|involvement|membership)$", text[start:stop.start()]):
            stop = STOP.search(text, stop.end())
        end = stop.start() if stop else min(len(text), start + 200)
        if end - start > 250:
            continue
        for offset, item_end, name in _items(text, start, end):
            words = name.split()
            if not words or len(words) > 14 or not re.match(r"[a-zA-Z«“\"]", name):
                continue
            if re.match(r"(?:him|her|them|his|their|it|this|that|what|no|being|having|also)\b", name, re.I) and \
                    not (re.match(r"(?:being|having)\s+\w", name, re.I) and LEGAL_CUE.search(cue.group(0))):
                continue  # but "charged with being a member of …" names the offence
            # Words of a Title Case headline ("Jailed for Reposting Photo of WHO Delegation").
            big = [w for w in words if w.lower() not in ("of", "the", "a", "an", "and", "for", "to", "in", "on")]
            if len(big) >= 2 and all(w[:1].isupper() for w in big):
                continue
            # A term or a sentence is no offence: "increasing his sentences to 28 years".
            if re.search(r"\b(?:sentences?|years?|months?|prison|political rights)\b", name, re.I):
                continue
            # "undermining the order for taking part in protests": the reason is no part of it.
            name = re.sub(r"\s+for\s+(?:\w+\s+){0,2}?\w+ing\b.*$", "", name)
            if name.lower() in _generic() or any(q.start < item_end and offset < q.end for q in quoted):
                continue
            # "hooliganism ended", "fraud charges": a known offence and one more word is the offence.
            known = _known().match(name)
            if known and len(name[known.end():].split()) == 1:
                name = known.group(0)
            # "six years for abuse of office": the term before "for" is no part of it.
            name = re.sub(r"^(?:[\w\-]+\s+){1,4}?(?:years?|months?|days?)\b.*?\bfor\s+", "", name)
            if not (re.search(r"(?:ing|ion|ism|ery|ity|ure|ud|der|ge|ice|ling|ry|ment|sion|ance|ence|ship)\b", name)
                    or _known().search(name)):
                continue
            out.append(FoundCharge(offset, item_end, name, cued=True))
    for m in _known().finditer(text):
        if not any(c.start <= m.start() < c.end for c in out):
            out.append(FoundCharge(m.start(), m.end(), m.group(0)))
    for c in citations:
        # A title in lower case names an offence; "Release from Punishment…" names a rule.
        # Only a code of offences names one: a prison code's "disciplinary measures …" does not.
        if c.title and c.title[:1].islower() and c.instrument in _offence_codes() and \
                not any(o.start <= c.start < o.end for o in out):
            out.append(FoundCharge(c.start, c.end, c.title))
    # "He has not been charged with any offence": no charge in a sentence that denies one.
    negations = load("charges")["negations"]
    out = [c for c in out if not any(n in _sentence_around(text, c.start, c.end).lower() for n in negations)]
    out.sort(key=lambda c: c.start)
    return out
