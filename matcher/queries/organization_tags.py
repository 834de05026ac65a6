"""Reads of organizations' tags: what is shown, what waits for review, and who may decide.

A coordinator may set or review an organization's tags when it organized in one of their states
(an admin: any); a change an organizer proposed is decided by a coordinator whose scope holds
the proposing action (matcher.queries.scope).
"""

from __future__ import annotations

from sqlalchemy import select

from matcher.extensions import db
from matcher.models import (
    Action,
    Coordinator,
    OrganizationTag,
    OrganizationTagKind,
    ReviewStatus,
    TagChange,
    action_organizations,
)
from matcher.queries.scope import action_clause, may_read_action


def shown(organization_id: int) -> set[OrganizationTagKind]:
    """The reviewed tags of one organization."""
    query = select(OrganizationTag.tag).where(OrganizationTag.organization_id == organization_id)
    return {OrganizationTagKind(tag) for tag in db.session.scalars(query)}


def may_tag(coordinator: Coordinator, organization_id: int, action: Action | None = None) -> bool:
    """Whether the coordinator may set the organization's tags, or decide a change proposed
    through `action`."""
    if coordinator.is_admin:
        return True
    if action is not None:
        return may_read_action(coordinator, action)
    query = (
        select(Action.id)
        .join(action_organizations, action_organizations.c.action_id == Action.id)
        .where(
            action_organizations.c.organization_id == organization_id, action_clause(coordinator)
        )
        .limit(1)
    )
    return db.session.scalar(query) is not None


def pending_changes_of(action: Action) -> list[TagChange]:
    """The action organizer's proposals still waiting for review."""
    query = select(TagChange).where(
        TagChange.action_id == action.id, TagChange.status == ReviewStatus.pending
    )
    return list(db.session.scalars(query.order_by(TagChange.id)))


def pending_tag_changes(coordinator: Coordinator, limit: int = 500) -> list[TagChange]:
    """Proposed changes waiting for review that the coordinator may decide, oldest first."""
    query = (
        select(TagChange)
        .outerjoin(Action, Action.id == TagChange.action_id)
        .where(TagChange.status == ReviewStatus.pending)
        .order_by(TagChange.id)
        .limit(limit)
    )
    if not coordinator.is_admin:
        query = query.where(action_clause(coordinator))
    return list(db.session.scalars(query))
