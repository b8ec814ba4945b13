"""login failures in the archive: the web app's login throttle, shared by all its worker processes

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_failures",
        sa.Column("client", sa.String(64), primary_key=True),   # sha256 of the client address
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("until", sa.Float, nullable=False),            # Unix time before which it must wait
        sa.Column("last", sa.Float, nullable=False),             # Unix time of its last failure
    )


def downgrade() -> None:
    op.drop_table("login_failures")
