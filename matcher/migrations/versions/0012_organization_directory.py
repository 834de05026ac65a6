"""organization directory: aliases, reviewed tags, tag changes, coalition introduction requests

Revision ID: 0012
Revises: 0010

Existing organizations get an alias row for their name; those the alias rules recognize as one
organization (matcher.formats.organization_names: "MIRAC" and "Minnesota Immigrant Rights
Action Committee (MIRAC)") are merged into the oldest, their actions moved to it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from matcher.formats.organization_names import NameIndex, name_keys

revision = "0012"
down_revision = "0010"
branch_labels = None
depends_on = None

TAGS = (
    "immigrant_led",
    "indigenous_led",
    "faith",
    "labor",
    "student",
    "legal_support",
    "mutual_aid",
)
REVIEW = ("pending", "approved", "rejected")


def _enum(values: tuple[str, ...], name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)


def upgrade() -> None:
    """Create the tables, then give every organization its alias (merging spellings of one)."""
    op.create_table(
        "organization_aliases",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "organization_id",
            sa.Integer(),
            sa.ForeignKey(
                "organizations.id",
                ondelete="CASCADE",
                name="fk_organization_aliases_organization_id_organizations",
            ),
            nullable=False,
        ),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("canonical", sa.String(200), nullable=False),
        sa.Column("acronym", sa.String(200), nullable=True),
        sa.Column("compact", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_organization_aliases"),
        sa.UniqueConstraint("key", name="uq_organization_aliases_key"),
    )
    for column in ("organization_id", "canonical", "acronym"):
        op.create_index(
            f"ix_organization_aliases_{column}", "organization_aliases", [column], unique=False
        )
    op.create_table(
        "organization_tags",
        sa.Column(
            "organization_id",
            sa.Integer(),
            sa.ForeignKey(
                "organizations.id",
                ondelete="CASCADE",
                name="fk_organization_tags_organization_id_organizations",
            ),
            nullable=False,
        ),
        sa.Column("tag", _enum(TAGS, "organizationtagkind"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("organization_id", "tag", name="pk_organization_tags"),
    )
    op.create_table(
        "organization_tag_changes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "organization_id",
            sa.Integer(),
            sa.ForeignKey(
                "organizations.id",
                ondelete="CASCADE",
                name="fk_organization_tag_changes_organization_id_organizations",
            ),
            nullable=False,
        ),
        sa.Column("tag", _enum(TAGS, "organizationtagkind"), nullable=False),
        sa.Column("added", sa.Boolean(), nullable=False),
        sa.Column(
            "action_id",
            sa.Integer(),
            sa.ForeignKey(
                "actions.id",
                ondelete="SET NULL",
                name="fk_organization_tag_changes_action_id_actions",
            ),
            nullable=True,
        ),
        sa.Column(
            "proposed_by_id",
            sa.Integer(),
            sa.ForeignKey(
                "coordinators.id",
                ondelete="SET NULL",
                name="fk_organization_tag_changes_proposed_by_id_coordinators",
            ),
            nullable=True,
        ),
        sa.Column("status", _enum(REVIEW, "reviewstatus"), nullable=False),
        sa.Column(
            "reviewed_by_id",
            sa.Integer(),
            sa.ForeignKey(
                "coordinators.id",
                ondelete="SET NULL",
                name="fk_organization_tag_changes_reviewed_by_id_coordinators",
            ),
            nullable=True,
        ),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_organization_tag_changes"),
    )
    op.create_index(
        "ix_organization_tag_changes_status", "organization_tag_changes", ["status"], unique=False
    )
    for column in ("organization_id", "action_id"):
        op.create_index(
            f"ix_organization_tag_changes_{column}",
            "organization_tag_changes",
            [column],
            unique=False,
        )
    op.create_table(
        "coalition_requests",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "action_id",
            sa.Integer(),
            sa.ForeignKey(
                "actions.id", ondelete="CASCADE", name="fk_coalition_requests_action_id_actions"
            ),
            nullable=False,
        ),
        sa.Column(
            "organization_id",
            sa.Integer(),
            sa.ForeignKey(
                "organizations.id",
                ondelete="CASCADE",
                name="fk_coalition_requests_organization_id_organizations",
            ),
            nullable=False,
        ),
        sa.Column(
            "target_action_id",
            sa.Integer(),
            sa.ForeignKey(
                "actions.id",
                ondelete="CASCADE",
                name="fk_coalition_requests_target_action_id_actions",
            ),
            nullable=False,
        ),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("status", _enum(REVIEW, "reviewstatus"), nullable=False),
        sa.Column(
            "decided_by_id",
            sa.Integer(),
            sa.ForeignKey(
                "coordinators.id",
                ondelete="SET NULL",
                name="fk_coalition_requests_decided_by_id_coordinators",
            ),
            nullable=True,
        ),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column(
            "introduction_id",
            sa.Integer(),
            sa.ForeignKey(
                "introductions.id",
                ondelete="SET NULL",
                name="fk_coalition_requests_introduction_id_introductions",
            ),
            nullable=True,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_coalition_requests"),
        sa.UniqueConstraint("introduction_id", name="uq_coalition_requests_introduction_id"),
    )
    op.create_index("ix_coalition_requests_status", "coalition_requests", ["status"])
    for column in ("action_id", "organization_id", "target_action_id"):
        op.create_index(f"ix_coalition_requests_{column}", "coalition_requests", [column])
    _alias_existing()


def _alias_existing() -> None:
    """An alias row per organization; spellings of one organization merged into the oldest."""
    bind = op.get_bind()
    organizations = sa.table("organizations", sa.column("id"), sa.column("name"), sa.column("key"))
    links = sa.table("action_organizations", sa.column("action_id"), sa.column("organization_id"))
    aliases = sa.table(
        "organization_aliases",
        sa.column("organization_id"),
        sa.column("name"),
        sa.column("key"),
        sa.column("canonical"),
        sa.column("acronym"),
        sa.column("compact"),
        sa.column("created_at"),
    )
    index = NameIndex()
    rows = bind.execute(sa.select(organizations).order_by(organizations.c.id)).all()
    now = sa.func.current_timestamp()
    for row in rows:
        keys = name_keys(row.name)
        found = index.find(keys) if keys.canonical else None
        owner = row.id if found is None else found
        if found is not None:
            taken = {
                action_id
                for (action_id,) in bind.execute(
                    sa.select(links.c.action_id).where(links.c.organization_id == found)
                )
            }
            mine = bind.execute(
                sa.select(links.c.action_id).where(links.c.organization_id == row.id)
            ).all()
            for (action_id,) in mine:
                if action_id not in taken:
                    bind.execute(links.insert().values(action_id=action_id, organization_id=found))
            bind.execute(links.delete().where(links.c.organization_id == row.id))
            bind.execute(organizations.delete().where(organizations.c.id == row.id))
        index.add(keys, owner)
        bind.execute(
            aliases.insert().values(
                organization_id=owner,
                name=row.name,
                key=row.key,
                canonical=keys.canonical,
                acronym=keys.acronym,
                compact=keys.compact,
                created_at=now,
            )
        )


def downgrade() -> None:
    """Drop the tables (merged organizations stay merged)."""
    op.drop_table("coalition_requests")
    op.drop_table("organization_tag_changes")
    op.drop_table("organization_tags")
    op.drop_table("organization_aliases")
