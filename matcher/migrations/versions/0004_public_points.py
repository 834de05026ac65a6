"""public (city-level) points of actions

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add `actions.public_latitude` and `actions.public_longitude`."""
    with op.batch_alter_table("actions") as batch:
        batch.add_column(sa.Column("public_latitude", sa.Float(), nullable=True))
        batch.add_column(sa.Column("public_longitude", sa.Float(), nullable=True))


def downgrade() -> None:
    """Drop the public points."""
    with op.batch_alter_table("actions") as batch:
        batch.drop_column("public_longitude")
        batch.drop_column("public_latitude")
