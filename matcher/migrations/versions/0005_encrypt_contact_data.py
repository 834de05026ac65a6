"""encrypt contact data at rest, blind indexes for lookups

Revision ID: 0005
Revises: 0004

Widens the encrypted columns to text, adds the blind-index columns, then encrypts every
existing value with the configured keys (matcher/security/crypto.py) and fills the indexes. The
suppression list keeps the blind index of each address instead of the address.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from matcher.security import crypto

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TEXT_COLUMNS = {  # table: {column: nullable}
    "actions": {
        "contact_name": False,
        "contact_email": False,
        "contact_phone": True,
        "venue": True,
    },
    "outbound_emails": {"recipient": False, "body_text": False, "body_html": True},
    "inbound_emails": {"sender": True, "body_text": True},
}
INDEXES = {  # table: (index column, source column)
    "actions": ("contact_email_index", "contact_email"),
    "outbound_emails": ("recipient_index", "recipient"),
    "inbound_emails": ("sender_index", "sender"),
}


def _encrypt(value: str | None) -> str | None:
    if value is None or value.startswith(crypto.PREFIX):
        return value
    return crypto.PREFIX + crypto.encrypt(value.encode()).decode()


def upgrade() -> None:
    """Widen, add the indexes, encrypt what is there."""
    for table, columns in TEXT_COLUMNS.items():
        index_column = INDEXES[table][0]
        with op.batch_alter_table(table) as batch:
            for column, nullable in columns.items():
                batch.alter_column(column, type_=sa.Text(), existing_nullable=nullable)
            batch.add_column(
                sa.Column(index_column, sa.String(length=64), nullable=False, server_default="")
            )
            if table == "actions":
                batch.drop_index("ix_actions_contact_email")
                batch.create_index("ix_actions_contact_email_index", [index_column])
            else:
                batch.create_index(f"ix_{table}_{index_column}", [index_column])
    connection = op.get_bind()
    for table, columns in TEXT_COLUMNS.items():
        index_column, source = INDEXES[table]
        rows = connection.execute(sa.text(f"SELECT id, {', '.join(columns)} FROM {table}"))  # noqa: S608
        for row in rows.mappings().all():
            values = {column: _encrypt(row[column]) for column in columns}
            values[index_column] = crypto.blind_index(row[source])
            sets = ", ".join(f"{name} = :{name}" for name in values)
            connection.execute(
                sa.text(f"UPDATE {table} SET {sets} WHERE id = :id"),  # noqa: S608
                {**values, "id": row["id"]},
            )
    with op.batch_alter_table("inbound_emails") as batch:
        batch.alter_column("raw", type_=sa.LargeBinary(), existing_nullable=False)
    for row in connection.execute(sa.text("SELECT id, raw FROM inbound_emails")).all():
        raw = bytes(row.raw)
        if not raw.startswith(crypto.PREFIX.encode()):
            connection.execute(
                sa.text("UPDATE inbound_emails SET raw = :raw WHERE id = :id"),
                {"raw": crypto.PREFIX.encode() + crypto.encrypt(raw), "id": row.id},
            )
    for row in connection.execute(sa.text("SELECT id, email FROM suppressions")).all():
        if "@" in row.email:
            connection.execute(
                sa.text("UPDATE suppressions SET email = :e WHERE id = :id"),
                {"e": crypto.blind_index(row.email), "id": row.id},
            )


def downgrade() -> None:
    """Not supported: decrypting contact data back into plain columns would undo its purpose."""
    raise RuntimeError("0005 cannot be downgraded: restore a backup instead")
