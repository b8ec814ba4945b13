"""events as rows, human reviews of facts, the audit log, watched persons, confidential marks,
a person's country; on PostgreSQL, the full-text index moves to a narrow table of its own

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# A search reads only ids and vectors: kept apart from the wide documents rows (text, original
# bytes, case file), a query matching most documents reads a fraction of the pages.
POSTGRES_SEARCH_UP = [
    "CREATE TABLE document_search (id integer PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE, "
    "tsv tsvector NOT NULL)",
    "INSERT INTO document_search SELECT id, to_tsvector('simple', text) FROM documents",
    "CREATE INDEX ix_document_search_tsv ON document_search USING gin (tsv)",
    "CREATE FUNCTION document_search_insert() RETURNS trigger AS $$ BEGIN "
    "INSERT INTO document_search (id, tsv) VALUES (NEW.id, to_tsvector('simple', NEW.text)); "
    "RETURN NEW; END $$ LANGUAGE plpgsql",
    "CREATE TRIGGER document_search_insert AFTER INSERT ON documents FOR EACH ROW "
    "EXECUTE FUNCTION document_search_insert()",
    "DROP INDEX ix_documents_tsv",
    "ALTER TABLE documents DROP COLUMN tsv",
]
POSTGRES_SEARCH_DOWN = [
    "ALTER TABLE documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED",
    "CREATE INDEX ix_documents_tsv ON documents USING gin (tsv)",
    "DROP TRIGGER document_search_insert ON documents",
    "DROP FUNCTION document_search_insert()",
    "DROP TABLE document_search",
]


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
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRES_SEARCH_UP:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRES_SEARCH_DOWN:
            op.execute(statement)
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
