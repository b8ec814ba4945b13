"""account rules: API token scopes; user names in their one compared form

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("api_tokens") as table:
        table.add_column(sa.Column("scope", sa.String(10), nullable=False, server_default="write"))
    # Names are compared case-folded from now on (habeas.store.accounts.canonical_name).
    op.execute("UPDATE users SET name = lower(name)")


def downgrade() -> None:
    with op.batch_alter_table("api_tokens") as table:
        table.drop_column("scope")
