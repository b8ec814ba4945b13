"""the archive's write generation: one number every write to what the archive says (documents,
persons, what documents say of them, reviews) moves on, in the writing transaction itself; a
reader that finds the number unchanged knows nothing it read has changed since (the web's
search cache, habeas.store.pagecache). Accounts, sessions, the login throttle's counts and the
audit log do not move it.

Revision ID: 0011
Revises: 0010
"""
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# What a search, its counts and its facets read (and the reviews, for good measure).
TABLES = ("documents", "persons", "mentions", "facts", "events", "fact_reviews", "decisions", "review_items")

# SQLite writers already take turns (BEGIN IMMEDIATE): a row trigger bumps the number.
SQLITE_UP = [
    f"CREATE TRIGGER generation_{table}_{when.lower()} AFTER {when} ON {table} BEGIN "
    "UPDATE archive_generation SET n = n + 1; END"
    for table in TABLES for when in ("INSERT", "UPDATE", "DELETE")
]
# PostgreSQL: bumped once per transaction, when it commits (a deferred constraint trigger that
# notes in a transaction-local setting that it ran). The row is locked only while committing,
# so writers of unrelated rows never wait on each other's whole transaction for it.
POSTGRES_UP = [
    "CREATE FUNCTION archive_generation_bump() RETURNS trigger AS $$ BEGIN "
    "IF current_setting('habeas.generation_bumped', true) IS DISTINCT FROM 'yes' THEN "
    "UPDATE archive_generation SET n = n + 1; "
    "PERFORM set_config('habeas.generation_bumped', 'yes', true); "
    "END IF; RETURN NULL; END $$ LANGUAGE plpgsql",
    *(f"CREATE CONSTRAINT TRIGGER generation_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
      "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION archive_generation_bump()"
      for table in TABLES),
]


def upgrade() -> None:
    op.execute("CREATE TABLE archive_generation (id integer PRIMARY KEY, n bigint NOT NULL)")
    op.execute("INSERT INTO archive_generation (id, n) VALUES (1, 0)")
    for statement in {"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}[op.get_bind().dialect.name]:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in TABLES:
            for when in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER generation_{table}_{when}")
    else:
        for table in TABLES:
            op.execute(f"DROP TRIGGER generation_{table} ON {table}")
        op.execute("DROP FUNCTION archive_generation_bump()")
    op.execute("DROP TABLE archive_generation")
