"""coordinator session versions

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add `coordinators.session_version`."""
    with op.batch_alter_table("coordinators") as batch:
        batch.add_column(
            sa.Column("session_version", sa.String(length=32), nullable=False, server_default="")
        )


def downgrade() -> None:
    """Drop `coordinators.session_version`."""
    with op.batch_alter_table("coordinators") as batch:
        batch.drop_column("session_version")
