"""saved queue filters: a coordinator's named filters of the review queue

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create `saved_filters`."""
    op.create_table(
        "saved_filters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("coordinator_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("query", sa.String(length=600), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["coordinator_id"],
            ["coordinators.id"],
            name=op.f("fk_saved_filters_coordinator_id_coordinators"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_filters")),
    )
    op.create_index(
        "ix_saved_filters_owner_name", "saved_filters", ["coordinator_id", "name"], unique=True
    )


def downgrade() -> None:
    """Drop it."""
    op.drop_index("ix_saved_filters_owner_name", table_name="saved_filters")
    op.drop_table("saved_filters")
