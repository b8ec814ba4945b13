"""Which archived person a document's detainee is: confident matches merge, doubtful ones
go to the review queue, recorded decisions are always respected."""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from habeas.names import norm, same_name, similar, skeleton
from habeas.store.tables import DecisionRow, FactRow, MentionRow, PersonRow


class Candidate(NamedTuple):
    """An archived detainee a name is compared with."""
    id: int
    name: str
    country: str | None


def names_of(person: PersonRow) -> list[str]:
    return [person.name] + [n for m in person.mentions for n in [m.name, *m.aliases]]


def _same_surname(a: str, b: str) -> bool:
    """The surnames are one name in two spellings (Bokaev / Boqaev), not two names that only
    sound alike once vowels are gone (Bekova / Bokayev)."""
    sa, sb = norm(a).split()[-1:], norm(b).split()[-1:]
    return bool(sa and sb) and skeleton(sa[0]) == skeleton(sb[0]) and similar(sa[0], sb[0], 0.8)


def resolve(session: Session, name: str, aliases: list[str], index: NameIndex,
            prefer: dict[str, int] | None = None, *, country: str | None = None,
            age: int | None = None) -> tuple[PersonRow | None, PersonRow | None]:
    """(confident match, doubtful match) for a detainee's names among archived detainees.

    Confident: the same full name or a spelling variant of it (Bokayev / Bokaev / Boqaev,
    Ibadoglu / Ibadoghlu). Doubtful: only a surname agrees (a lone "Mohammadi" could be anyone
    of that name); it goes to the review queue instead of merging — unless everything else
    agrees: the only archived detainee of that surname, of the same country, whose age (when
    both are known) differs by at most a year. A person's recorded decision that these names
    are not theirs is always respected. `index` is fresh in this transaction; `prefer` maps
    names to the person they belonged to before (a re-extraction keeps them there)."""
    names = [name, *aliases]
    for known, person_id in (prefer or {}).items():
        if any(same_name(n, known) for n in names):
            person = session.get(PersonRow, person_id)
            if person is not None:
                return person, None
    full = [n for n in names if len(n.split()) > 1]
    refused = {person_id for person_id, not_names in index.not_same
               if any(same_name(a, b) for a in names for b in not_names)}
    doubtful = []
    for candidate, known in _candidates(session, names, index):
        if candidate.id in refused:
            continue
        known_full = [n for n in known if len(n.split()) > 1]
        if any(same_name(a, b) for a in full for b in known_full):
            return session.get(PersonRow, candidate.id), None
        # Two different full names are two people (brothers share a surname); only a
        # person known by a lone surname, on either side, may be the other.
        if (not full or not known_full) and any(same_name(a, b) for a in names for b in known):
            doubtful.append((candidate, known))
    if not doubtful:
        return None, None
    found = session.get(PersonRow, doubtful[0][0].id)
    if len(doubtful) == 1 and _agrees(session, *doubtful[0], names, country, age):
        return found, None
    return None, found


def _agrees(session: Session, candidate: Candidate, known: list[str], names: list[str],
            country: str | None, age: int | None) -> bool:
    """A surname-only match everything else supports: the lone name is the other's surname
    (not a given name: "Mary" is not Maria Kalesnikava), the country is the same, the ages agree."""
    if not any(_same_surname(a, b) for a in names for b in known
               if len(a.split()) == 1 or len(b.split()) == 1):
        return False
    if not country or candidate.country != country:
        return False
    ages = {int(v) for v in session.scalars(select(FactRow.value).where(
        FactRow.person_id == candidate.id, FactRow.slot == "age")) if v.isdigit()}
    return age is None or not ages or any(abs(a - age) <= 1 for a in ages)


def _keys(names: list[str]) -> set[str]:
    """Blocking keys: the first letters of each word's skeleton. Two names that could be one
    person share at least one (the surname in any spelling, or a word written alike)."""
    return {skeleton(w)[:3] for n in names for w in norm(n).split() if len(w) > 2}


class NameIndex:
    """What an ingest compares a name against, kept in memory: blocking keys of archived
    detainees' names -> person ids (read incrementally: only the mentions stored since the
    last look, plus the names this writer adds itself) and the recorded "not the same person"
    decisions. It only narrows whom to compare: the names compared are always read fresh.
    A writer refreshes it once per transaction (writers take turns, so nobody else adds
    names meanwhile); an archive drops it after a merge, split or deletion."""

    def __init__(self) -> None:
        self.by_key: dict[str, set[int]] = {}
        self.upto = 0
        self.not_same: list[tuple[int, list[str]]] = []

    def refresh(self, session: Session) -> None:
        rows = session.execute(select(MentionRow.id, MentionRow.person_id, MentionRow.name, MentionRow.aliases)
                               .where(MentionRow.detained.is_(True), MentionRow.id > self.upto))
        for mention_id, person_id, name, aliases in rows:
            self.add(person_id, [name, *aliases])
            self.upto = max(self.upto, mention_id)
        self.not_same = [(d.person_id, d.names) for d in session.scalars(
            select(DecisionRow).where(DecisionRow.kind == "not_same"))]

    def add(self, person_id: int, names: list[str]) -> None:
        """Names stored for a person in this transaction (read again, harmlessly, on the next
        refresh; should the transaction roll back, they only widen a later comparison)."""
        for key in _keys(names):
            self.by_key.setdefault(key, set()).add(person_id)

    def people(self, keys: set[str]) -> set[int]:
        return set().union(*(self.by_key.get(k, set()) for k in keys))


def _candidates(session: Session, names: list[str], index: NameIndex) -> list[tuple[Candidate, list[str]]]:
    """Archived detainees that could share a name (a blocking key in common), each with every
    name they are known by."""
    ids = index.people(_keys(names))
    if not ids:
        return []
    known: dict[Candidate, list[str]] = {}
    for person_id, person_name, country, name, aliases in session.execute(
            select(PersonRow.id, PersonRow.name, PersonRow.country, MentionRow.name, MentionRow.aliases)
            .join(MentionRow, MentionRow.person_id == PersonRow.id)
            .where(PersonRow.detained.is_(True), MentionRow.detained.is_(True), PersonRow.id.in_(ids))
            .order_by(PersonRow.id, MentionRow.id)):
        known.setdefault(Candidate(person_id, person_name, country), [person_name]).extend([name, *aliases])
    return list(known.items())
