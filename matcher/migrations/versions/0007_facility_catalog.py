"""facility catalog: entries coordinators add, the facility an action's location names

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

OLD = ("address", "postcode", "city", "county", "region", "state")
NEW = ("address", "facility", "postcode", "city", "county", "region", "state")


def _precision(values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(*values, name="precision", native_enum=False, create_constraint=True, length=32)


def upgrade() -> None:
    """Create `catalog_entries`; add `actions.facility_id` and the `facility` precision."""
    op.create_table(
        "catalog_entries",
        sa.Column("id", sa.String(length=120), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("aliases", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("operator", sa.String(length=80), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("state", sa.String(length=2), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["coordinators.id"],
            name=op.f("fk_catalog_entries_created_by_id_coordinators"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalog_entries")),
    )
    with op.batch_alter_table("actions") as batch:
        batch.add_column(sa.Column("facility_id", sa.String(length=120), nullable=True))
        batch.create_index(batch.f("ix_actions_facility_id"), ["facility_id"], unique=False)
        batch.alter_column("precision", existing_type=_precision(OLD), type_=_precision(NEW))


def downgrade() -> None:
    """Drop them (actions placed at a facility keep their point, as `address`)."""
    op.execute("UPDATE actions SET precision = 'address' WHERE precision = 'facility'")
    with op.batch_alter_table("actions") as batch:
        batch.alter_column("precision", existing_type=_precision(NEW), type_=_precision(OLD))
        batch.drop_index(batch.f("ix_actions_facility_id"))
        batch.drop_column("facility_id")
    op.drop_table("catalog_entries")
