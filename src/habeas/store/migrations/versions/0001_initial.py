"""documents, persons, mentions, facts, failures

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("path", sa.Text), sa.Column("url", sa.Text), sa.Column("title", sa.Text),
        sa.Column("outlet", sa.Text), sa.Column("published", sa.String(10)),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("raw", sa.LargeBinary, nullable=False), sa.Column("text", sa.Text, nullable=False),
        sa.Column("extract", sa.JSON, nullable=False), sa.Column("pipeline", sa.String(40), nullable=False),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_documents_sha256", "documents", ["sha256"], unique=True)
    op.create_table(
        "persons",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("detained", sa.Boolean, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
    )
    op.create_index("ix_persons_name", "persons", ["name"])
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("persons.id", ondelete="CASCADE"), nullable=False),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("local_id", sa.String(10), nullable=False), sa.Column("name", sa.Text, nullable=False),
        sa.Column("aliases", sa.JSON, nullable=False), sa.Column("detained", sa.Boolean, nullable=False),
        sa.UniqueConstraint("document_id", "local_id"),
    )
    op.create_index("ix_mentions_person_id", "mentions", ["person_id"])
    op.create_index("ix_mentions_document_id", "mentions", ["document_id"])
    op.create_table(
        "facts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("persons.id", ondelete="CASCADE"), nullable=False),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("slot", sa.String(20), nullable=False), sa.Column("value", sa.Text, nullable=False),
        sa.Column("evidence", sa.Text),
    )
    op.create_index("ix_facts_person_id", "facts", ["person_id"])
    op.create_index("ix_facts_document_id", "facts", ["document_id"])
    op.create_table(
        "failures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source", sa.Text, nullable=False), sa.Column("reason", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    for table in ("failures", "facts", "mentions", "persons", "documents"):
        op.drop_table(table)
