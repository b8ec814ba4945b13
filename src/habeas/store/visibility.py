"""Who sees what: confidentiality as one rule, which every query of the archive applies.

Whoever may not see confidential items sees no confidential document and nothing it says
(no fact, event, sentence, filter match, search hit, count or alias), and no confidential
person (nor a person only confidential documents name): not in a list, a count, a search hit,
a document's persons, a link or an output; their names are masked wherever a document that
is shown writes them. The people and organisations a report names as its sources are shown
only to an admin who asks.

In the web app viewers never see confidential items; editors and admins see them in the app,
but what leaves it (exports, dossiers, drafts) holds them only when an admin asks. The CLI is
the archive's owner: it sees everything, and its outputs hold them when asked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, select, true

from habeas.store.accounts import ROLES
from habeas.store.tables import DocumentRow, MentionRow, PersonRow

MASK = "█"
# Names shorter than this are not masked on their own (an initial, "Li" in another word).
MIN_NAME = 3


@dataclass(frozen=True)
class Visibility:
    confidential: bool = True   # confidential persons and documents, and what they say
    sources: bool = True        # the people and organisations a report names as its sources

    @classmethod
    def of(cls, role: str, *, asked: bool = False, output: bool = False) -> Visibility:
        """What a user of `role` sees; `asked`: an admin asked for confidential items
        (`?confidential=1`); `output`: what is seen leaves the app (export, dossier)."""
        admin_asks = asked and role == "admin"
        in_app = not output and ROLES.index(role) >= ROLES.index("editor")
        return cls(confidential=admin_asks or in_app, sources=admin_asks)

    def shows(self, document: DocumentRow) -> bool:
        """A document already loaded: is it shown?"""
        return self.confidential or not document.confidential

    @property
    def documents(self) -> ColumnElement[bool]:
        """The SQL condition a shown document (DocumentRow) meets."""
        return true() if self.confidential else DocumentRow.confidential.is_(False)

    @property
    def persons(self) -> ColumnElement[bool]:
        """The SQL condition a shown person (PersonRow) meets: not confidential, and named by a
        document shown (a person only confidential reports name is as confidential as they)."""
        if self.confidential:
            return true()
        named = select(MentionRow.person_id).join(DocumentRow).where(self.documents)
        return PersonRow.confidential.is_(False) & PersonRow.id.in_(named)


EVERYTHING = Visibility()
NOTHING_CONFIDENTIAL = Visibility(confidential=False, sources=False)


class Masked:
    """Masks the names of hidden persons wherever a shown value writes them, letter for letter
    (offsets into a document's text stay right). Applied to a whole JSON-like value."""

    def __init__(self, names: Iterable[str]):
        words = {n.strip() for n in names if len(n.strip()) >= MIN_NAME}
        words |= {n.split()[-1] for n in words if len(n.split()[-1]) >= MIN_NAME}   # the surname alone
        alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
        self.pattern = re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE) if words else None

    def __call__(self, value):
        if self.pattern is None:
            return value
        if isinstance(value, str):
            return self.pattern.sub(lambda m: re.sub(r"\S", MASK, m.group()), value)
        if isinstance(value, list | tuple):
            return [self(v) for v in value]
        if isinstance(value, dict):
            return {k: self(v) for k, v in value.items()}
        return value
