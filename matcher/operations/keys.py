"""Key rotation of the contact data encrypted at rest (see matcher/security/crypto.py)."""

from __future__ import annotations

from sqlalchemy import text

from matcher.extensions import db
from matcher.operations import audit
from matcher.security import crypto

ENCRYPTED = {
    "actions": ("contact_name", "contact_email", "contact_phone", "venue", "location_text"),
    "outbound_emails": (
        "recipient",
        "subject",
        "body_text",
        "body_html",
        "headers",
        "last_error",
    ),
    "inbound_emails": ("sender", "subject", "body_text", "raw"),
    "geocode_cache": ("value",),
}
PRIMARY_KEYS = {"geocode_cache": "key"}


def _rotated(value: str | bytes) -> str | bytes | None:
    if isinstance(value, str):
        if not value.startswith(crypto.PREFIX):
            return None
        return crypto.PREFIX + crypto.rotate(value[len(crypto.PREFIX) :].encode()).decode()
    raw = bytes(value)
    if not raw.startswith(crypto.PREFIX.encode()):
        return None
    return crypto.PREFIX.encode() + crypto.rotate(raw[len(crypto.PREFIX) :])


def rotate_contact_keys() -> int:
    """Re-encrypt every encrypted value with the first configured key (flushes; returns how
    many values were rewritten). Run after putting a new key first in CONTACT_ENCRYPTION_KEYS;
    then the old keys can be removed."""
    count = 0
    for table, columns in ENCRYPTED.items():
        pk = PRIMARY_KEYS.get(table, "id")
        query = f"SELECT {pk} AS id, {', '.join(columns)} FROM {table}"  # noqa: S608
        for row in db.session.execute(text(query)).mappings().all():
            values = {c: _rotated(row[c]) for c in columns if row[c] is not None}
            values = {c: v for c, v in values.items() if v is not None}
            if values:
                sets = ", ".join(f"{column} = :{column}" for column in values)
                db.session.execute(
                    text(f"UPDATE {table} SET {sets} WHERE {pk} = :id"),  # noqa: S608
                    {**values, "id": row["id"]},
                )
                count += len(values)
    audit.record("rotate_keys", "contact_data", None, values=count)
    return count
