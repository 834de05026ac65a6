"""event page: end time, time zone source, meeting point, event link, messages, place question

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the columns of the event page to `actions`."""
    with op.batch_alter_table("actions") as batch:
        batch.add_column(sa.Column("end_time", sa.Time(), nullable=True))
        batch.add_column(
            sa.Column("timezone_from_place", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch.add_column(sa.Column("meeting_point", sa.String(length=300), nullable=True))
        batch.add_column(sa.Column("event_url", sa.String(length=500), nullable=True))
        batch.add_column(
            sa.Column("accepts_messages", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(
            sa.Column("place_confirmed", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("place_alternatives", sa.JSON(), nullable=True))


def downgrade() -> None:
    """Drop them."""
    with op.batch_alter_table("actions") as batch:
        for name in (
            "place_alternatives",
            "place_confirmed",
            "accepts_messages",
            "event_url",
            "meeting_point",
            "timezone_from_place",
            "end_time",
        ):
            batch.drop_column(name)
