"""Which archived person a document's detainee is: confident matches merge, doubtful ones
go to the review queue, recorded decisions are always respected."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from habeas.nlp.persons import same_name, skeleton
from habeas.store.tables import DecisionRow, MentionRow, PersonRow


def names_of(person: PersonRow) -> list[str]:
    return [person.name] + [n for m in person.mentions for n in [m.name, *m.aliases]]


def _surname_key(name: str) -> str:
    words = name.split()
    return skeleton(words[-1]) if words else ""


def resolve(session: Session, name: str, aliases: list[str],
            prefer: dict[str, int] | None = None) -> tuple[PersonRow | None, PersonRow | None]:
    """(confident match, doubtful match) for a detainee's names among archived detainees.

    Confident: the same full name or a spelling variant of it (Bokayev / Bokaev / Boqaev,
    Ibadoglu / Ibadoghlu). Doubtful: only a surname agrees (a lone "Mohammadi" could be anyone
    of that name); it goes to the review queue instead of merging. A person's recorded
    decision that these names are not theirs is always respected. `prefer` maps names to the
    person they belonged to before (a re-extraction keeps them there)."""
    names = [name, *aliases]
    for known, person_id in (prefer or {}).items():
        if any(same_name(n, known) for n in names):
            person = session.get(PersonRow, person_id)
            if person is not None:
                return person, None
    full = [n for n in names if len(n.split()) > 1]
    refused = {d.person_id for d in session.scalars(select(DecisionRow).where(DecisionRow.kind == "not_same"))
               if any(same_name(a, b) for a in names for b in d.names)}
    doubtful = None
    for candidate in _candidates(session, names):
        if candidate.id in refused:
            continue
        known = names_of(candidate)
        known_full = [n for n in known if len(n.split()) > 1]
        if any(same_name(a, b) for a in full for b in known_full):
            return candidate, None
        if doubtful is None and any(same_name(a, b) for a in names for b in known
                                    if len(a.split()) == 1 or len(b.split()) == 1):
            doubtful = candidate
    return None, doubtful


def _candidates(session: Session, names: list[str]) -> list[PersonRow]:
    """Archived detainees that could share a name: every one in a small archive; in a large
    one, those with a mention whose surname sounds alike (the skeleton's first letters)."""
    query = select(PersonRow).where(PersonRow.detained.is_(True)).order_by(PersonRow.id)
    if session.scalar(select(PersonRow.id).offset(2000).limit(1)) is None:
        return list(session.scalars(query))
    prefixes = {_surname_key(n)[:3] for n in names if _surname_key(n)}
    people = set()
    for mention in session.scalars(select(MentionRow).where(MentionRow.detained.is_(True))):
        if any(_surname_key(n)[:3] in prefixes for n in [mention.name, *mention.aliases]):
            people.add(mention.person_id)
    return [p for p in session.scalars(query.where(PersonRow.id.in_(people)))] if people else []
