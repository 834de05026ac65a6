"""introductions by email: send claims, opt-in links, webhook signatures

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

OLD_STATUSES = ("queued", "sent", "failed", "bounced", "cancelled")
NEW_STATUSES = ("queued", "sending", "sent", "failed", "bounced", "cancelled")


def upgrade() -> None:
    """Add the `sending` state and its lease, opt-in links, introduction bookkeeping."""
    with op.batch_alter_table("outbound_emails") as batch:
        batch.add_column(sa.Column("lease_expires_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(
            sa.Column("transmit_started_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch.drop_constraint(op.f("ck_outbound_emails_emailstatus"), type_="check")
        batch.create_check_constraint("emailstatus", sa.column("status").in_(NEW_STATUSES))
    with op.batch_alter_table("tokens") as batch:
        batch.add_column(sa.Column("introduction_id", sa.Integer(), nullable=True))
        batch.create_index(batch.f("ix_tokens_introduction_id"), ["introduction_id"])
        batch.create_foreign_key(
            batch.f("fk_tokens_introduction_id_introductions"),
            "introductions",
            ["introduction_id"],
            ["id"],
            ondelete="CASCADE",
        )
    with op.batch_alter_table("introductions") as batch:
        batch.add_column(sa.Column("declined_by_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_foreign_key(
            batch.f("fk_introductions_declined_by_id_actions"),
            "actions",
            ["declined_by_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_table(
        "webhook_signatures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("signature", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_signatures")),
        sa.UniqueConstraint("signature", name=op.f("uq_webhook_signatures_signature")),
    )
    with op.batch_alter_table("webhook_signatures") as batch:
        batch.create_index(batch.f("ix_webhook_signatures_received_at"), ["received_at"])


def downgrade() -> None:
    """Revert this revision (messages still `sending` go back to `queued`)."""
    op.drop_table("webhook_signatures")
    with op.batch_alter_table("introductions") as batch:
        batch.drop_constraint("fk_introductions_declined_by_id_actions", type_="foreignkey")
        batch.drop_column("closed_at")
        batch.drop_column("reminded_at")
        batch.drop_column("declined_by_id")
    with op.batch_alter_table("tokens") as batch:
        batch.drop_constraint("fk_tokens_introduction_id_introductions", type_="foreignkey")
        batch.drop_index("ix_tokens_introduction_id")
        batch.drop_column("introduction_id")
    op.execute("UPDATE outbound_emails SET status = 'queued' WHERE status = 'sending'")
    with op.batch_alter_table("outbound_emails") as batch:
        batch.drop_constraint(op.f("ck_outbound_emails_emailstatus"), type_="check")
        batch.create_check_constraint("emailstatus", sa.column("status").in_(OLD_STATUSES))
        batch.drop_column("transmit_started_at")
        batch.drop_column("lease_expires_at")
