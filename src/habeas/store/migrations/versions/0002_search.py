"""full-text search over document text: SQLite FTS5, PostgreSQL tsvector

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The 'simple' configuration and FTS5's unicode61 tokenizer both index words as written,
# without language-specific stemming: reports come in several languages.
SQLITE_UP = [
    "CREATE VIRTUAL TABLE documents_fts USING fts5(text, content='documents', content_rowid='id')",
    "INSERT INTO documents_fts(rowid, text) SELECT id, text FROM documents",
    "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
    "INSERT INTO documents_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
]
SQLITE_DOWN = ["DROP TRIGGER documents_fts_delete", "DROP TRIGGER documents_fts_insert",
               "DROP TABLE documents_fts"]
POSTGRES_UP = [
    "ALTER TABLE documents ADD COLUMN tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED",
    "CREATE INDEX ix_documents_tsv ON documents USING gin (tsv)",
]
POSTGRES_DOWN = ["DROP INDEX ix_documents_tsv", "ALTER TABLE documents DROP COLUMN tsv"]


def _run(statements: dict[str, list[str]]) -> None:
    for statement in statements[op.get_bind().dialect.name]:
        op.execute(statement)


def upgrade() -> None:
    _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP})


def downgrade() -> None:
    _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN})
