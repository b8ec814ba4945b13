"""Event attributes: who petitioned whom on what basis, which authority answered and how,
the term and charges of a sentence, what was denied, where a transfer went."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from habeas.nlp import events as ev
from habeas.nlp import remedy
from habeas.nlp.doccache import sent_of, sentences, span_text
from habeas.nlp.resources import load


def in_sentence(items, sent: Span):
    return [x for x in items if sent.start_char <= x.start < sent.end_char]


def event_attrs(raw, terms, charges, conditions, facilities, citations, doc: Doc) -> None:
    for e in raw:
        sent = e.sent
        text = span_text(sent)
        if e.type == "sentence":
            found = in_sentence(terms, sent)
            if found:
                e.attrs["term"] = found[0].term
            court = re.search(r"\b((?:[A-Z][\w\-]+\s+){0,4}(?:[Cc]ourt|[Tt]ribunal)(?:\s+of\s+[A-Z]\w+)?)", text)
            if court:
                e.attrs["court"] = court.group(1).strip()
            e.attrs["charges"] = [c.name for c in in_sentence(charges, sent)]
        elif e.type == "charge":
            e.attrs["charges"] = [c.name for c in in_sentence(charges, sent)]
        elif e.type == "appeal":
            e.attrs["outcome"] = _appeal_outcome(e.trigger) or ev.outcome_of("appeal", text)
        elif e.type == "response":
            told = remedy.answerer(e.trigger.token)
            e.attrs["by"] = _clean_org(told) if told else _authority(sent, e.trigger.token)
            e.attrs["outcome"] = remedy.outcome(e.trigger) or \
                ev.outcome_of("response", text + " " + _next_text(doc, sent)) or "rejected"
            m = REASON.search(text[e.trigger.end - sent.start_char:]) or LETTER_SAID.match(_next_sentence(doc, sent))
            e.attrs["reason"] = m.group("reason").strip(" “”\"'.") if m else None
        elif e.type == "petition":
            answered = e.trigger.noun and remedy.answered(e.trigger.token)
            # "the court rejected the petition": the answer's authority and subject are not
            # the petition's addressee and petitioner
            e.attrs["by"] = remedy.petitioner(e.trigger.token) or (
                _petitioner(e.trigger.token, sent) if not answered else _filed_by(sent))
            handed = next((c for c in e.trigger.token.children if c.dep_ == "acl"), None)
            e.attrs["to"] = [_clean_org(t) for t in remedy.addressees(e.trigger.token)] or \
                ([_clean_org(t) for t in remedy.addressees(handed)] if handed is not None else []) or \
                ([] if answered else _addressees(sent))
            e.attrs["request"] = _request(text)
            e.attrs["basis"] = _basis(sent, citations, doc)
        elif e.type == "release":
            m = re.search(r"\b(?:due to|because of|for|owing to|under|after)\s+(?:a\s+|an\s+|the\s+)?"
                          r"([^.,;]{3,60})", text[e.trigger.end - sent.start_char:])
            e.attrs["reason"] = m.group(1).strip() if m else None
        elif e.type == "transfer":
            dest = [f.name for f in in_sentence(facilities, sent) if f.start > e.trigger.start]
            m = re.search(r"\bto\s+(?:the\s+|a\s+)?([^.,;]{3,60}?)(?=[.,;]|\s+(?:as|on|in|where|after|because)\b)",
                          text[e.trigger.start - sent.start_char:])
            e.attrs["to"] = dest[0] if dest else (m.group(1).strip() if m else None)
        elif e.type == "health":
            found = [c.name for c in in_sentence(conditions, sent)]
            e.attrs["condition"] = "; ".join(found) if found else _clause(e.trigger.token)
            board = re.search(r"\b((?:[A-Z][\w\-’']+\s+){0,4}(?:medical\s+)?(?:commission|board|panel))\b", text)
            if board:
                e.attrs["by"] = board.group(1)
        elif e.type == "ill_treatment":
            e.attrs["kind"] = _clause(e.trigger.token, limit=24)
        elif e.type == "denial":
            m = re.search(r"(?:denied|refused|deprived of|not provided with|forbidden from|no)\s+"
                          r"(?:(?:him|her|them)\s+)?(?:(?:access|visits?)\s+(?:to|from)\s+)?"
                          r"(?:a\s+|an\s+|the\s+|any\s+|his\s+|her\s+)?([^.,;]{3,50}?)(?=[.,;]|\s+(?:for|since|during|in|on)\b|$)",
                          text, re.I)
            told = remedy.denied_what(e.trigger.token) if e.trigger.pattern == "remedy.denied" else None
            e.attrs["what"] = told or (m.group(1).strip() if m else _clause(e.trigger.token, limit=8))
        elif e.type == "death":
            m = re.search(r"\b(?:died|death)\s+(?:of|from|due to|after)\s+([^.,;]{3,50})", text, re.I)
            e.attrs["cause"] = m.group(1).strip() if m else None
        elif e.type == "arrest":
            m = re.search(r"\b(?:arrested|detained|apprehended)\s+by\s+(?:the\s+)?([^.,;]{3,50}?)(?=[.,;]|\s+(?:in|on|for|at)\b)",
                          text, re.I)
            e.attrs["by"] = m.group(1).strip() if m else None


def _appeal_outcome(trigger) -> str | None:
    """An appeal ruling told by a verb of answering: "dismissed the cassation appeal",
    "left the appeal unsatisfied" leave the verdict upheld; a filing is pending."""
    if trigger.pattern == "remedy.light_verb" or trigger.pattern == "remedy.addressed":
        return "pending"
    found = remedy.outcome(trigger)
    if trigger.pattern == "remedy.ruling":
        return found
    return {"rejected": "upheld", "no_response": "pending", "granted": None, "partial": None}.get(found) \
        if found else None


# Why an authority answered as it did: "…, writing to the family that the evidence does not
# meet the requirements", "citing orders from superiors", "due to a lack of grounds".
REASON = re.compile(r"\b(?:saying|stating|writing|explaining|arguing|noting|claiming|replying|on\s+the\s+grounds?|"
                    r"(?:which|that)\s+(?:said|stated|read|explained|noted)|"
                    r"because(?:\s+of)?|due\s+to|citing|for\s+lack\s+of)\s+"
                    r"(?:to\s+(?:the\s+|his\s+|her\s+|their\s+)?[\w\-]+\s+)?(?:that\s+)?(?P<reason>[^.;]{5,140})")


# The next sentence quoting the answer: "The letter stated that officials had concluded …".
LETTER_SAID = re.compile(r"\s*(?:The|This|That|Its|In\s+(?:the|its))\s+(?:letter|response|reply|answer|decision|ruling)\s+"
                         r"(?:stated|said|read|noted|explained|claimed|argued)\s+(?:that\s+)?"
                         r"(?P<reason>[^\n]{5,240}?)(?:[.!?][”\"]?(?=\s|$)|\n|$)")


def _next_sentence(doc: Doc, sent: Span) -> str:
    following = [s for s in sentences(doc) if s.start >= sent.end]
    return following[0].text if following else ""


def _next_text(doc: Doc, sent: Span) -> str:
    return doc[sent.end:min(len(doc), sent.end + 60)].text if sent.end < len(doc) else ""


def _clause(tok: Token, limit: int = 16) -> str:
    words = [t for t in tok.subtree if not t.is_space]
    if len(words) > limit:
        words = [t for t in sent_of(tok) if abs(t.i - tok.i) <= limit // 2 and not t.is_space]
    return " ".join(t.text for t in words).strip(" ,.")


def _orgs(sent: Span) -> list[str]:
    """Authorities named in a sentence. NER often splits "Department for the Enforcement of
    Sentences" at "for"/"of": adjacent ORG entities joined by such a word are one name."""
    heads = tuple(load("authorities")["heads"])
    ents = [e for e in sent.ents if e.label_ in ("ORG", "GPE", "NORP")]
    names: list[str] = []
    i = 0
    while i < len(ents):
        text, end = ents[i].text, ents[i].end
        while i + 1 < len(ents) and ents[i + 1].start == end + 1 and \
                sent.doc[end].lower_ in ("for", "of", "on"):
            text = f"{text} {sent.doc[end].text} {ents[i + 1].text}"
            end = ents[i + 1].end
            i += 1
        names.append(text)
        i += 1
    out = [n for n in names if any(h in n.lower() for h in heads)]
    if not out:
        out = [c.text for c in sent.noun_chunks if c.root.pos_ != "PRON" and
               any(re.search(rf"\b{re.escape(h)}\b", c.text.lower()) for h in heads)]
    return out


def _clean_org(text: str) -> str:
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)
    text = re.sub(r"^[A-Z][a-z]+(?:’s|'s)\s+", "", text)  # "Turkmenistan’s Department" -> "Department"
    return text.replace("’", "'")


def _authority(sent: Span, tok: Token) -> str | None:
    """The body that answered; "the department" is the department the report named before."""
    orgs = _orgs(sent)
    if orgs and any(ch.isupper() for ch in orgs[0]):
        return _clean_org(orgs[0])
    m = re.search(r"\bthe\s+(" + "|".join(map(re.escape, load("authorities")["heads"])) + r")\b",
                  span_text(sent), re.I)
    if not m:
        return None
    head = m.group(1).lower()
    for s in reversed(sentences(sent.doc)):
        if s.start >= sent.start:
            continue
        named = [n for n in _orgs(s) if head in n.lower()]
        if named:
            return _clean_org(named[0])
    return m.group(1)


def _addressees(sent: Span) -> list[str]:
    out = []
    for org in _orgs(sent):
        name = _clean_org(org)
        if re.search(r"\b(?:commission|ministry|office|court|president|prosecutor|department|"
                     r"committee|ombudsman|council|parliament|government|authorities|service|"
                     r"administration|rapporteur|working group|un\b|united nations)", name, re.I):
            out.append(name)
    return list(dict.fromkeys(out))


def _filed_by(sent: Span) -> str | None:
    m = FILED_BY.search(span_text(sent))
    return m.group(1).lower() if m else None


FILED_BY = re.compile(r"\b(?:filed|submitted|sent|lodged|written|made)\s+by\s+(?:his|her|their|the|a)?\s*([\w\-]+)", re.I)


def _petitioner(tok: Token, sent: Span) -> str | None:
    """Who asked: "filed by his relatives", "Mingelov’s family appealed", "the lawyer wrote"."""
    lex = load("lexicon")
    words = set(lex["relatives"]) | set(lex["advocates"]) | {"defense", "defence", "lawyers"}
    m = FILED_BY.search(span_text(sent))
    if m:
        return m.group(1).lower()
    for t in [tok, tok.head]:
        for child in t.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i != tok.i and not remedy.is_request(child):
                if child.lower_ in words:
                    return child.lower_
                if child.ent_type_ in ("ORG", "PERSON"):
                    return " ".join(x.text for x in child.subtree if x.ent_type_)
                if child.pos_ != "PRON":
                    return child.text
    return None


def _request(text: str) -> str | None:
    m = re.search(r"\b(?:request\w*|ask\w*|demand\w*|seek\w*|urg\w*|call\w* (?:for|on))\s+(?:that\s+)?"
                  r"([^.;]{5,90})", text, re.I)
    if m:
        return m.group(1).strip()
    m = re.search(r"\b(release|transfer|medical (?:care|treatment)|pardon|investigation)\b", text, re.I)
    return m.group(1) if m else None

CITE_CUE = re.compile(r"\b(?:cit\w*|refer\w*|invok\w*|rel(?:y|ied|ying) on|under|based on|pursuant|"
                      r"grounds?|according to)\b", re.I)


def _basis(sent: Span, citations, doc: Doc) -> list[str]:
    """Citations in the petition's sentence and in the sentences right after it that go on
    about its grounds ("They referred to…", "The defense also cited…")."""
    sents = sentences(doc)
    idx = next(i for i, s in enumerate(sents) if s.start == sent.start)
    out = [_label(c) for c in citations if sent.start_char <= c.start < sent.end_char]
    for s in sents[idx + 1:idx + 4]:
        here = [c for c in citations if s.start_char <= c.start < s.end_char]
        if not here or not CITE_CUE.search(span_text(s)):
            break
        out += [_label(c) for c in here]
    return list(dict.fromkeys(out))


def _label(c) -> str:
    if c.date and not c.article:
        return f"{c.instrument} of {c.date}"
    return f"{c.instrument} art. {c.article}" + (f" part {c.part}" if c.part else "")
