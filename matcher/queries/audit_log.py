"""The audit log as admins read it: newest first, filtered by coordinator and verb, paged by
id (`before`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from matcher.extensions import db
from matcher.models import AuditEntry, Coordinator


@dataclass(frozen=True)
class AuditPage:
    """Entries of one page, the accounts they name, and where the next page starts."""

    entries: list[AuditEntry]
    emails: dict[int, str]
    next_before: int | None


def audit_page(
    *,
    coordinator_id: int | None = None,
    verb: str | None = None,
    before: int | None = None,
    size: int = 100,
) -> AuditPage:
    """One page of the log, newest first."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc())
    if coordinator_id is not None:
        query = query.where(AuditEntry.coordinator_id == coordinator_id)
    if verb:
        query = query.where(AuditEntry.verb == verb)
    if before is not None:
        query = query.where(AuditEntry.id < before)
    entries = list(db.session.scalars(query.limit(size + 1)))
    more = len(entries) > size
    entries = entries[:size]
    emails = coordinator_emails(entries)
    return AuditPage(entries, emails, entries[-1].id if more and entries else None)


def coordinator_emails(entries: list[AuditEntry]) -> dict[int, str]:
    """The email of each coordinator who made one of these entries, by id (one query)."""
    ids = {entry.coordinator_id for entry in entries if entry.coordinator_id}
    if not ids:
        return {}
    found = select(Coordinator.id, Coordinator.email).where(Coordinator.id.in_(ids))
    return dict(db.session.execute(found).all())


def audit_verbs() -> list[str]:
    """Every verb the log holds, for the filter."""
    return sorted(db.session.scalars(select(AuditEntry.verb).distinct()))
