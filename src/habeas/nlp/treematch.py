"""spaCy's DependencyMatcher, for the patterns Habeas writes, at a fraction of the cost.

spaCy's DependencyMatcher first runs a token Matcher with one pattern per node over every
token of the Doc (most nodes are as loose as `DEP in [prep]`), then tries the cartesian
product of the positions found in each sentence. Here a pattern is walked from its root
node instead: the root's lemmas index the candidate tokens (few per report), and each
further node is sought only among the tokens its operator reaches from its parent node.
The matches, and their order, are the DependencyMatcher's: by match id in the order added,
then pattern, then the node positions (in node order) ascending — what it yields for
parse trees that are contiguous sentences, as the parser makes them
(tests/test_treematch.py compares the two).

Supported: operators `>`, `<`, `>>`; token attributes LEMMA, LOWER, POS, TAG, DEP, each a
string or `{"IN": [...]}`. Anything else raises ValueError when the pattern is added.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token

ATTRS = {"LEMMA": "lemma_", "LOWER": "lower_", "POS": "pos_", "TAG": "tag_", "DEP": "dep_"}
OPERATORS: dict[str, Callable[[Token], list[Token]]] = {
    ">": lambda t: list(t.children),
    "<": lambda t: [] if t.head.i == t.i else [t.head],
    ">>": lambda t: [s for s in t.subtree if s.i != t.i],
}


class _Node:
    __slots__ = ("parent", "op", "tests")

    def __init__(self, parent: int, op: str, attrs: dict[str, Any], where: str):
        self.parent, self.op = parent, op
        self.tests: list[tuple[str, frozenset[str]]] = []
        for name, value in attrs.items():
            if name not in ATTRS:
                raise ValueError(f"{where}: token attribute {name} is not supported by habeas.nlp.treematch")
            if isinstance(value, dict):
                if set(value) != {"IN"}:
                    raise ValueError(f"{where}: only {{'IN': [...]}} is supported for {name}, not {value}")
                value = value["IN"]
            else:
                value = [value]
            self.tests.append((ATTRS[name], frozenset(value)))

    def accepts(self, tok: Token) -> bool:
        return all(getattr(tok, attr) in allowed for attr, allowed in self.tests)


class TreeMatcher:
    """Call it on a Doc for `[(match_id, [token index per node]), ...]`, as DependencyMatcher."""

    def __init__(self, vocab):
        self.vocab = vocab
        # (match id, nodes) in the order added
        self._patterns: list[tuple[int, list[_Node]]] = []
        # root lemma (its hash) -> the patterns whose root may have it; patterns whose root
        # names no lemma are tried at every token
        self._by_lemma: dict[int, list[int]] = {}
        self._anywhere: list[int] = []

    def add(self, key: str, patterns: list[list[dict[str, Any]]]) -> None:
        match_id = self.vocab.strings.add(key)
        for pattern in patterns:
            where = f"pattern {key!r}"
            ids: dict[str, int] = {}
            nodes: list[_Node] = []
            for k, spec in enumerate(pattern):
                if k == 0:
                    if "REL_OP" in spec or "LEFT_ID" in spec:
                        raise ValueError(f"{where}: the first node must be the root (no REL_OP, LEFT_ID)")
                    parent, op = -1, ""
                else:
                    if spec.get("REL_OP") not in OPERATORS:
                        raise ValueError(f"{where}: operator {spec.get('REL_OP')!r} is not supported")
                    if spec.get("LEFT_ID") not in ids:
                        raise ValueError(f"{where}: LEFT_ID {spec.get('LEFT_ID')!r} names no earlier node")
                    parent, op = ids[spec["LEFT_ID"]], spec["REL_OP"]
                if spec["RIGHT_ID"] in ids:
                    raise ValueError(f"{where}: node {spec['RIGHT_ID']!r} is named twice")
                ids[spec["RIGHT_ID"]] = k
                nodes.append(_Node(parent, op, spec.get("RIGHT_ATTRS") or {}, where))
            lemmas = next((allowed for attr, allowed in nodes[0].tests if attr == "lemma_"), None)
            if lemmas is None:
                self._anywhere.append(len(self._patterns))
            for lemma in lemmas or ():
                self._by_lemma.setdefault(self.vocab.strings.add(lemma), []).append(len(self._patterns))
            self._patterns.append((match_id, nodes))

    def __call__(self, doc: Doc) -> list[tuple[int, list[int]]]:
        roots: list[list[int]] = [[] for _ in self._patterns]
        for p in self._anywhere:
            roots[p] = list(range(len(doc)))
        for i, lemma in enumerate(doc.to_array(LEMMA).tolist()):
            for p in self._by_lemma.get(lemma, ()):
                roots[p].append(i)
        out: list[tuple[int, list[int]]] = []
        for (match_id, nodes), candidates in zip(self._patterns, roots):
            found: list[tuple[int, ...]] = []
            for i in candidates:
                tok = doc[i]
                if nodes[0].accepts(tok):
                    found += _walk(nodes, [tok])
            found.sort()
            out += [(match_id, list(m)) for m in found]
        return out


def _walk(nodes: list[_Node], assigned: list[Token]) -> list[tuple[int, ...]]:
    """Every assignment of the remaining nodes, given the first ones."""
    k = len(assigned)
    if k == len(nodes):
        return [tuple(t.i for t in assigned)]
    node = nodes[k]
    choices = [t for t in OPERATORS[node.op](assigned[node.parent]) if node.accepts(t)]
    return [m for t in choices for m in _walk(nodes, assigned + [t])]

