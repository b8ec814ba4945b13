"""indexes for reading: search facets from the matches outward (a document's facts and events
found by document id, with the columns the facets count, no look-up of the rows themselves);
the documents a viewer is shown without reading the wide documents rows

Revision ID: 0010
Revises: 0008 (merged after 0009, the web's saved searches: then Revises 0009)
"""
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_facts_document_slot", "facts", ["document_id", "slot", "value", "person_id"])
    op.create_index("ix_events_document_person", "events", ["document_id", "person_id", "type", "date"])
    op.create_index("ix_documents_confidential_id", "documents", ["confidential", "id"])


def downgrade() -> None:
    op.drop_index("ix_documents_confidential_id", "documents")
    op.drop_index("ix_events_document_person", "events")
    op.drop_index("ix_facts_document_slot", "facts")
