"""Reads for coordinators' pages: actions in scope, flags, dashboard figures, exports."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import aliased

from matcher.extensions import db
from matcher.models import (
    Action,
    ActionStatus,
    Coordinator,
    InboundEmail,
    Introduction,
    Region,
    Suggestion,
    action_organizations,
)
from matcher.queries.review_queue import ActionA, ActionB, scope_clause

ACTION_VIEWS = ("flagged", "pending", "published", "withdrawn", "removed")


def actions_in_scope(coordinator: Coordinator) -> Select[tuple[Action]]:
    """Actions whose state the coordinator may see."""
    query = select(Action)
    if not coordinator.is_admin:
        query = query.where(Action.state.in_(sorted(coordinator.state_set)))
    return query


def duplicate_ids() -> set[int]:
    """Actions that look like a duplicate: same organization, same date and same place."""
    other = aliased(Action)
    mine, theirs = action_organizations.alias("mine"), action_organizations.alias("theirs")
    query = (
        select(Action.id, other.id)
        .join(
            other,
            and_(other.date == Action.date, other.place == Action.place, other.id != Action.id),
        )
        .join(mine, mine.c.action_id == Action.id)
        .join(
            theirs,
            and_(
                theirs.c.action_id == other.id, theirs.c.organization_id == mine.c.organization_id
            ),
        )
        .where(Action.status != ActionStatus.removed, other.status != ActionStatus.removed)
    )
    return {row[0] for row in db.session.execute(query)}


def action_list(coordinator: Coordinator, view: str, limit: int = 200) -> list[Action]:
    """Actions in scope for one view: flagged (needs location or duplicate) or by status."""
    query = actions_in_scope(coordinator).order_by(Action.date, Action.id).limit(limit)
    if view == "flagged":
        duplicates = duplicate_ids()
        query = query.where(
            Action.status.in_([ActionStatus.pending, ActionStatus.published]),
            or_(Action.needs_location.is_(True), Action.id.in_(duplicates)),
        )
    else:
        query = query.where(Action.status == ActionStatus(view))
    return list(db.session.scalars(query))


def dashboard_figures(coordinator: Coordinator) -> dict[str, Any]:
    """Counts in the coordinator's scope."""
    actions = actions_in_scope(coordinator).subquery()
    by_status = dict(
        db.session.execute(select(actions.c.status, func.count()).group_by(actions.c.status)).all()
    )
    suggestions = (
        select(Suggestion.status, func.count())
        .join(ActionA, Suggestion.action_a_id == ActionA.id)
        .join(ActionB, Suggestion.action_b_id == ActionB.id)
        .where(scope_clause(coordinator))
        .group_by(Suggestion.status)
    )
    intro_a = aliased(Action)
    introductions = (
        select(intro_a.state, Introduction.status, func.count())
        .join(intro_a, Introduction.action_a_id == intro_a.id)
        .group_by(intro_a.state, Introduction.status)
        .order_by(intro_a.state)
    )
    if not coordinator.is_admin:
        introductions = introductions.where(intro_a.state.in_(sorted(coordinator.state_set)))
    replies = select(func.count(InboundEmail.id)).where(InboundEmail.kind == "reply")
    return {
        "actions": {str(k): v for k, v in by_status.items()},
        "suggestions": {str(k): v for k, v in db.session.execute(suggestions).all()},
        "introductions": [tuple(row) for row in db.session.execute(introductions)],
        "replies": db.session.scalar(replies) or 0,
    }


def regions_with_actions(coordinator: Coordinator) -> list[tuple[Region, list[Action]]]:
    """Region clusters with their published actions in scope, largest first."""
    query = (
        actions_in_scope(coordinator)
        .where(Action.region_id.is_not(None), Action.status == ActionStatus.published)
        .order_by(Action.date)
    )
    grouped: dict[int, list[Action]] = {}
    for action in db.session.scalars(query):
        grouped.setdefault(action.region_id, []).append(action)  # type: ignore[arg-type]
    regions = db.session.scalars(select(Region).where(Region.id.in_(grouped))).all()
    return sorted(((r, grouped[r.id]) for r in regions), key=lambda item: -len(item[1]))


EXPORT_COLUMNS = (
    "introduction_id",
    "status",
    "approved_at",
    "action_a",
    "date_a",
    "place_a",
    "action_b",
    "date_b",
    "place_b",
    "contact_a",
    "contact_b",
    "note",
)


def export_rows(coordinator: Coordinator) -> Iterator[list[str]]:
    """Approved introductions in scope; contact columns only where the coordinator may see the
    action's state (admins: all)."""
    a, b = aliased(Action), aliased(Action)
    query = (
        select(Introduction, a, b)
        .join(a, Introduction.action_a_id == a.id)
        .join(b, Introduction.action_b_id == b.id)
        .order_by(Introduction.id)
    )
    if not coordinator.is_admin:
        states = sorted(coordinator.state_set)
        query = query.where(or_(a.state.in_(states), b.state.in_(states)))
    yield list(EXPORT_COLUMNS)
    for intro, first, second in db.session.execute(query):
        yield [
            str(intro.id),
            intro.status.value,
            intro.created_at.isoformat(timespec="seconds"),
            first.title,
            first.date.isoformat(),
            first.place or first.location_text,
            second.title,
            second.date.isoformat(),
            second.place or second.location_text,
            _contact(coordinator, first),
            _contact(coordinator, second),
            intro.note,
        ]


def _contact(coordinator: Coordinator, action: Action) -> str:
    if not coordinator.may_see_state(action.state):
        return ""
    return f"{action.contact_name} <{action.contact_email}>"
