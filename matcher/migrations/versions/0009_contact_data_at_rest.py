"""contact data at rest: recipients by reference, encrypted subjects, errors and places

Revision ID: 0009
Revises: 0008

- `outbound_emails`: a message to an organizer keeps no address (`recipient` empty, read from
  the action at send time) and no `To` header; `subject`, `headers` (a message relayed from an
  action page has its writer's address as Reply-To) and `last_error` are encrypted.
- `inbound_emails`: `subject` is encrypted; `outbound_email_id` ties a bounce to the message it
  answers.
- `actions.location_text` (it can be a street address) is encrypted.
- `suppressions.expires_at`: a bounce suppression ends (existing ones after 30 days).
- `geocode_cache`: keys become blind indexes and values are encrypted; the cache is emptied.
"""

from __future__ import annotations

import json
from datetime import timedelta

import sqlalchemy as sa
from alembic import op

from matcher.security import crypto

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

ENCRYPT = {  # table: {column: nullable}
    "actions": {"location_text": False},
    "outbound_emails": {"subject": False, "headers": False, "last_error": True},
    "inbound_emails": {"subject": True},
}
BOUNCE_SUPPRESSION = timedelta(days=30)


def _encrypt(value: str | None) -> str | None:
    if value is None or value.startswith(crypto.PREFIX):
        return value
    return crypto.PREFIX + crypto.encrypt(value.encode()).decode()


def _without_to(headers: str | None) -> str:
    try:
        extra = json.loads(headers or "{}")
    except ValueError:
        extra = {}
    return json.dumps({k: v for k, v in extra.items() if k.lower() != "to"})


def upgrade() -> None:
    """Widen and encrypt, drop stored addresses, add the new columns, empty the cache."""
    for table, columns in ENCRYPT.items():
        with op.batch_alter_table(table) as batch:
            for column, nullable in columns.items():
                batch.alter_column(column, type_=sa.Text(), existing_nullable=nullable)
    with op.batch_alter_table("outbound_emails") as batch:
        batch.alter_column("recipient", existing_type=sa.Text(), nullable=True)
    with op.batch_alter_table("inbound_emails") as batch:
        batch.add_column(sa.Column("outbound_email_id", sa.Integer(), nullable=True))
        batch.create_index("ix_inbound_emails_outbound_email_id", ["outbound_email_id"])
        batch.create_foreign_key(
            "fk_inbound_emails_outbound_email_id_outbound_emails",
            "outbound_emails",
            ["outbound_email_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("suppressions") as batch:
        batch.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))

    connection = op.get_bind()
    # `To` is dropped from the stored headers while they are still plain text.
    for row in connection.execute(sa.text("SELECT id, headers FROM outbound_emails")).all():
        connection.execute(
            sa.text("UPDATE outbound_emails SET headers = :h WHERE id = :id"),
            {"h": _without_to(row.headers), "id": row.id},
        )
    for table, columns in ENCRYPT.items():
        rows = connection.execute(sa.text(f"SELECT id, {', '.join(columns)} FROM {table}"))  # noqa: S608
        for row in rows.mappings().all():
            values = {column: _encrypt(row[column]) for column in columns}
            sets = ", ".join(f"{name} = :{name}" for name in values)
            connection.execute(
                sa.text(f"UPDATE {table} SET {sets} WHERE id = :id"),  # noqa: S608
                {**values, "id": row["id"]},
            )
    connection.execute(
        sa.text("UPDATE outbound_emails SET recipient = NULL WHERE action_id IS NOT NULL")
    )
    suppressions = sa.table(
        "suppressions",
        sa.column("id", sa.Integer()),
        sa.column("reason", sa.String()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("expires_at", sa.DateTime(timezone=True)),
    )
    for row in connection.execute(
        sa.select(suppressions.c.id, suppressions.c.created_at).where(
            suppressions.c.reason == "bounced"
        )
    ).all():
        connection.execute(
            suppressions.update()
            .where(suppressions.c.id == row.id)
            .values(expires_at=row.created_at + BOUNCE_SUPPRESSION)
        )
    connection.execute(sa.text("DELETE FROM geocode_cache"))


def downgrade() -> None:
    """Not supported: it would write contact data back in plain text; restore a backup."""
    raise RuntimeError("0009 cannot be downgraded: restore a backup instead")
