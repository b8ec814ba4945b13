"""events as rows, human reviews of facts, the audit log, watched persons, confidential marks,
a person's country

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("persons.id", ondelete="CASCADE"), nullable=False),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("type", sa.String(24), nullable=False),
        sa.Column("date", sa.String(10)),
        sa.Column("attrs", sa.JSON, nullable=False),
        sa.Column("trigger", sa.Text),
        sa.Column("evidence", sa.Text),
    )
    op.create_index("ix_events_person_id", "events", ["person_id"])
    op.create_index("ix_events_document_id", "events", ["document_id"])
    op.create_index("ix_events_type_date", "events", ["type", "date"])
    op.create_table(
        "fact_reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("persons.id", ondelete="CASCADE"), nullable=False),
        sa.Column("slot", sa.String(20), nullable=False),
        sa.Column("value", sa.Text),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("corrected", sa.Text),
        sa.Column("note", sa.Text),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_fact_reviews_person_id", "fact_reviews", ["person_id"])
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("before", sa.JSON),
        sa.Column("after", sa.JSON),
    )
    op.create_table(
        "watches",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("persons.id", ondelete="CASCADE"), nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("person_id", "actor"),
    )
    op.create_index("ix_facts_slot_value", "facts", ["slot", "value"])
    op.create_index("ix_mentions_person_id_document_id", "mentions", ["person_id", "document_id"])
    # Plain ADD COLUMN (no table rebuild): documents carries the full-text triggers.
    op.add_column("documents", sa.Column("confidential", sa.Boolean, nullable=False, server_default=sa.false()))
    op.add_column("persons", sa.Column("confidential", sa.Boolean, nullable=False, server_default=sa.false()))
    op.add_column("persons", sa.Column("country", sa.String(60)))
    op.create_index("ix_persons_country", "persons", ["country"])
    op.create_index("ix_persons_status", "persons", ["status"])


def downgrade() -> None:
    op.drop_index("ix_persons_status", "persons")
    op.drop_index("ix_persons_country", "persons")
    op.drop_column("persons", "country")
    op.drop_column("persons", "confidential")
    op.drop_column("documents", "confidential")
    op.drop_index("ix_mentions_person_id_document_id", "mentions")
    op.drop_index("ix_facts_slot_value", "facts")
    op.drop_table("watches")
    op.drop_table("audit")
    op.drop_table("fact_reviews")
    op.drop_table("events")
