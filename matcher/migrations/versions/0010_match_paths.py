"""indexes of the matching paths at scale

Revision ID: 0010
Revises: 0009

- `ix_actions_updated_at`: the incremental matcher reads only the actions changed since its
  index was built (and the newest change, in one index step).
- `ix_actions_latitude` (latitude, longitude, region_id): the region of a newly published action
  comes from its neighbours in a box around it, read from the index alone, not from a scan of
  every action.
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the two indexes."""
    op.create_index("ix_actions_updated_at", "actions", ["updated_at"])
    op.create_index("ix_actions_latitude", "actions", ["latitude", "longitude", "region_id"])


def downgrade() -> None:
    """Drop them."""
    op.drop_index("ix_actions_latitude", table_name="actions")
    op.drop_index("ix_actions_updated_at", table_name="actions")
