"""Reading the coordinators' review queue: pending suggestions in scope (matcher.queries.scope),
best first.

Paging is by keyset (score, id), so page 2,000 costs what page 1 costs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.orm import aliased

from matcher.extensions import db
from matcher.models import (
    Action,
    ActionStatus,
    Coordinator,
    Organization,
    SavedFilter,
    Suggestion,
    SuggestionStatus,
    TargetType,
    action_organizations,
)
from matcher.queries.scope import may_read_pair, pair_clause

ActionA = aliased(Action, name="action_a")
MAX_ID = 2**63 - 1  # the largest integer key PostgreSQL and SQLite hold
ActionB = aliased(Action, name="action_b")


@dataclass(frozen=True)
class QueueFilter:
    """Filters of the queue (all optional)."""

    state: str | None = None
    region_id: int | None = None
    target_type: TargetType | None = None
    kind: str | None = None  # "region" or "target"
    status: SuggestionStatus = SuggestionStatus.pending
    text: str | None = None  # words in a side's title, place, target or organizations


@dataclass(frozen=True)
class Cursor:
    """Where a page starts: after this (score, id)."""

    score: float
    id: int

    def __str__(self) -> str:
        return f"{self.score!r}:{self.id}"

    @classmethod
    def parse(cls, text: str | None) -> Cursor | None:
        """`"0.83:1234"` -> Cursor; None for anything else (a score that is not a finite number,
        an id no row can have)."""
        try:
            score, ident = (text or "").split(":")
            cursor = cls(float(score), int(ident))
        except ValueError:
            return None
        if not math.isfinite(cursor.score) or not 0 <= cursor.id <= MAX_ID:
            return None
        return cursor


def queue_query(coordinator: Coordinator, filters: QueueFilter) -> Select:
    """Suggestions with both actions, in scope and matching the filters, best first."""
    query = (
        select(Suggestion, ActionA, ActionB)
        .join(ActionA, Suggestion.action_a_id == ActionA.id)
        .join(ActionB, Suggestion.action_b_id == ActionB.id)
        .where(Suggestion.status == filters.status)
        .where(pair_clause(coordinator, ActionA, ActionB))
    )
    if filters.status == SuggestionStatus.pending:  # only pairs that can still be introduced
        query = query.where(
            ActionA.status == ActionStatus.published, ActionB.status == ActionStatus.published
        )
    if filters.state:
        query = query.where(or_(ActionA.state == filters.state, ActionB.state == filters.state))
    if filters.region_id:
        query = query.where(
            or_(ActionA.region_id == filters.region_id, ActionB.region_id == filters.region_id)
        )
    if filters.target_type:
        query = query.where(
            or_(
                ActionA.target_type == filters.target_type,
                ActionB.target_type == filters.target_type,
            )
        )
    if filters.kind in ("region", "target"):
        query = query.where(Suggestion.kinds.contains(filters.kind))
    if filters.text:
        query = query.where(
            or_(_side_matches(ActionA, filters.text), _side_matches(ActionB, filters.text))
        )
    return query.order_by(Suggestion.score.desc(), Suggestion.id)


def _like(text: str) -> str:
    """A LIKE pattern for `text` anywhere (its own % and _ taken literally)."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _side_matches(side, text: str):  # type: ignore[no-untyped-def]
    """A side whose public words (title, place, target, organizations) hold every word of
    `text`, case-insensitively; never its contact details."""
    clauses = []
    for word in text.split()[:8]:
        pattern = _like(word)
        named = exists(
            select(action_organizations.c.action_id)
            .join(Organization, Organization.id == action_organizations.c.organization_id)
            .where(
                action_organizations.c.action_id == side.id,
                func.lower(Organization.name).like(pattern, escape="\\"),
            )
        )
        clauses.append(
            or_(
                func.lower(side.title).like(pattern, escape="\\"),
                func.lower(func.coalesce(side.place, "")).like(pattern, escape="\\"),
                func.lower(func.coalesce(side.target, "")).like(pattern, escape="\\"),
                named,
            )
        )
    return and_(*clauses)


@dataclass(frozen=True)
class QueuePage:
    """Rows of one page and the cursor of the next (None on the last page)."""

    rows: list[tuple[Suggestion, Action, Action]]
    next_cursor: Cursor | None


def queue_page(
    coordinator: Coordinator, filters: QueueFilter, after: Cursor | None = None, size: int = 25
) -> QueuePage:
    """One page of the queue."""
    query = queue_query(coordinator, filters)
    if after is not None:
        query = query.where(
            or_(
                Suggestion.score < after.score,
                and_(Suggestion.score == after.score, Suggestion.id > after.id),
            )
        )
    rows = [tuple(row) for row in db.session.execute(query.limit(size + 1))]
    more = len(rows) > size
    rows = rows[:size]
    last = rows[-1][0] if rows and more else None
    return QueuePage(rows, Cursor(last.score, last.id) if last else None)  # type: ignore[arg-type]


def in_scope(coordinator: Coordinator, suggestion: Suggestion) -> bool:
    """Whether the coordinator may see and decide this suggestion (the scope rule's pairs)."""
    return may_read_pair(coordinator, suggestion.action_a, suggestion.action_b)


def saved_filters(coordinator: Coordinator) -> list[SavedFilter]:
    """The coordinator's own saved filters, by name."""
    return list(
        db.session.scalars(
            select(SavedFilter)
            .where(SavedFilter.coordinator_id == coordinator.id)
            .order_by(SavedFilter.name)
        )
    )
