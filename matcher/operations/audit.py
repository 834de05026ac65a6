"""Writing the audit log."""

from __future__ import annotations

from typing import Any

from matcher.extensions import db
from matcher.models import AuditEntry


def record(
    verb: str,
    subject_type: str,
    subject_id: int | None,
    *,
    actor_kind: str = "system",
    coordinator_id: int | None = None,
    **details: Any,
) -> None:
    """Add one audit entry (no contact data in `details`)."""
    db.session.add(
        AuditEntry(
            verb=verb,
            subject_type=subject_type,
            subject_id=subject_id,
            actor_kind=actor_kind,
            coordinator_id=coordinator_id,
            details=details,
        )
    )
