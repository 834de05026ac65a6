"""Reads for coordinators' pages: actions in scope, flags, dashboard figures, exports."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Select, and_, func, or_, select, true
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
    Suppression,
    action_organizations,
    utcnow,
)
from matcher.queries.listing import public_place
from matcher.queries.review_queue import ActionA, ActionB
from matcher.queries.scope import action_clause, may_read_action, pair_clause

ACTION_VIEWS = ("flagged", "pending", "published", "withdrawn", "removed")
# Introductions whose contact details a coordinator may export: the people agreed to meet.
INTRODUCED = ("introduced", "replied")
# A decline is never told apart from an expiry outside the introduction's timeline.
EXPORTED_STATUS = {"declined": "closed", "expired": "closed"}


def actions_in_scope(coordinator: Coordinator) -> Select[tuple[Action]]:
    """Actions whose state the coordinator may see."""
    return select(Action).where(action_clause(coordinator))


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
    """Counts of what the coordinator may read (matcher.queries.scope)."""
    actions = actions_in_scope(coordinator).subquery()
    by_status = dict(
        db.session.execute(select(actions.c.status, func.count()).group_by(actions.c.status)).all()
    )
    suggestions = (
        select(Suggestion.status, func.count())
        .join(ActionA, Suggestion.action_a_id == ActionA.id)
        .join(ActionB, Suggestion.action_b_id == ActionB.id)
        .where(pair_clause(coordinator, ActionA, ActionB))
        .group_by(Suggestion.status)
    )
    return {
        "actions": {str(k): v for k, v in by_status.items()},
        "suggestions": {str(k): v for k, v in db.session.execute(suggestions).all()},
        "introductions": _introductions_by_state(coordinator),
        "replies": _replies_in_scope(coordinator),
    }


def _introductions_by_state(coordinator: Coordinator) -> list[tuple[str | None, str, int]]:
    """(state, status, count) for each state in scope that a side of an introduction is in."""
    a, b = aliased(Action), aliased(Action)
    rows = db.session.execute(
        select(Introduction.status, a.state, b.state, action_clause(coordinator, a))
        .add_columns(action_clause(coordinator, b))
        .join(a, Introduction.action_a_id == a.id)
        .join(b, Introduction.action_b_id == b.id)
        .where(pair_clause(coordinator, a, b))
    )
    counts: dict[tuple[str | None, str], int] = {}
    for status, state_a, state_b, in_a, in_b in rows:
        states = {state for state, mine in ((state_a, in_a), (state_b, in_b)) if mine}
        for state in states:
            key = (state, str(status))
            counts[key] = counts.get(key, 0) + 1
    ordered = sorted(counts.items(), key=lambda item: (item[0][0] or "", item[0][1]))
    return [(state, status, n) for (state, status), n in ordered]


def _replies_in_scope(coordinator: Coordinator) -> int:
    """Replies to introductions the coordinator may read, sent by an organizer in scope."""
    a, b = aliased(Action), aliased(Action)
    from_a = and_(InboundEmail.sender_index == a.contact_email_index, action_clause(coordinator, a))
    from_b = and_(InboundEmail.sender_index == b.contact_email_index, action_clause(coordinator, b))
    query = (
        select(func.count(InboundEmail.id))
        .join(Introduction, InboundEmail.introduction_id == Introduction.id)
        .join(a, Introduction.action_a_id == a.id)
        .join(b, Introduction.action_b_id == b.id)
        .where(InboundEmail.kind == "reply", InboundEmail.sender_index != "")
        .where(pair_clause(coordinator, a, b))
        .where(or_(from_a, from_b) if not coordinator.is_admin else true())
    )
    return db.session.scalar(query) or 0


def bounce_suppression(action: Action) -> Suppression | None:
    """The bounce suppression in force for the action's address, if any."""
    if not action.contact_email_index:
        return None
    return db.session.scalar(
        select(Suppression).where(
            Suppression.email == action.contact_email_index,
            Suppression.reason == "bounced",
            Suppression.expires_at > utcnow(),
        )
    )


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
    """Approved introductions the coordinator may read; contact columns only for the sides in
    scope of introductions both sides accepted, and a decline shown as an expiry is."""
    a, b = aliased(Action), aliased(Action)
    query = (
        select(Introduction, a, b)
        .join(a, Introduction.action_a_id == a.id)
        .join(b, Introduction.action_b_id == b.id)
        .where(pair_clause(coordinator, a, b))
        .order_by(Introduction.id)
    )
    yield list(EXPORT_COLUMNS)
    for intro, first, second in db.session.execute(query):
        status = intro.status.value
        introduced = status in INTRODUCED
        yield [
            str(intro.id),
            EXPORTED_STATUS.get(status, status),
            intro.created_at.isoformat(timespec="seconds"),
            first.title,
            first.date.isoformat(),
            _place(coordinator, first),
            second.title,
            second.date.isoformat(),
            _place(coordinator, second),
            _contact(coordinator, first) if introduced else "",
            _contact(coordinator, second) if introduced else "",
            intro.note,
        ]


def _place(coordinator: Coordinator, action: Action) -> str:
    if may_read_action(coordinator, action):
        return action.place or action.location_text
    return public_place(action)


def _contact(coordinator: Coordinator, action: Action) -> str:
    if not may_read_action(coordinator, action) or not action.contact_email:
        return ""
    return f"{action.contact_name} <{action.contact_email}>"
