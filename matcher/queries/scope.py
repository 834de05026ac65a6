"""The one rule for what a coordinator may read, as SQL clauses and as checks on loaded rows.

Every coordinator view and export goes through these functions:

- An admin reads everything.
- An action is *in scope* when its state is one of the coordinator's states (an action with no
  state yet is in no one's scope but the admins'). Of an action in scope the coordinator reads
  everything, contact details included (each look is audited by the caller).
- A pair (a suggestion, an introduction) is *readable* when at least one side is in scope and
  every side outside the scope is publicly listed. Of a side outside the scope the coordinator
  reads only what the public reads (title, date, public place and point, target, coalition).
- A message of the service (sent or received) is readable when the organizer it went to or came
  from is in scope: the recipients, errors and replies of the other state's side stay hidden.
- Dashboard figures count only what the coordinator may read.

The SQL clauses and the Python checks are the same rule; `tests/queries/test_scope.py` checks
that they agree.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, false, or_, true
from sqlalchemy.sql.elements import ColumnElement

from matcher.models import Action, ActionStatus, Coordinator


def _states(coordinator: Coordinator) -> list[str]:
    return sorted(coordinator.state_set)


def action_clause(coordinator: Coordinator, entity: Any = Action) -> ColumnElement[bool]:
    """Actions (`entity` may be an alias of Action) in the coordinator's scope."""
    if coordinator.is_admin:
        return true()
    states = _states(coordinator)
    return entity.state.in_(states) if states else false()


def public_clause(entity: Any = Action) -> ColumnElement[bool]:
    """Actions anyone may read the public fields of: published and listed."""
    return and_(entity.status == ActionStatus.published, entity.listed_publicly.is_(True))


def pair_clause(coordinator: Coordinator, a: Any, b: Any) -> ColumnElement[bool]:
    """Pairs of actions (aliases `a` and `b`) the coordinator may read."""
    if coordinator.is_admin:
        return true()
    in_a, in_b = action_clause(coordinator, a), action_clause(coordinator, b)
    return and_(or_(in_a, in_b), or_(in_a, public_clause(a)), or_(in_b, public_clause(b)))


def may_read_state(coordinator: Coordinator, state: str | None) -> bool:
    """Whether `state` is one of the coordinator's (for records tied to a state, such as the
    facility catalog's entries, as for actions)."""
    return coordinator.is_admin or (state is not None and state in coordinator.state_set)


def may_read_action(coordinator: Coordinator, action: Action | None) -> bool:
    """Whether the action, contact details included, is in the coordinator's scope."""
    if action is None:
        return coordinator.is_admin
    return may_read_state(coordinator, action.state)


def may_read_pair(coordinator: Coordinator, a: Action | None, b: Action | None) -> bool:
    """Whether the coordinator may read (and decide) a pair of these two actions."""
    if coordinator.is_admin:
        return True
    if a is None or b is None:
        return False
    in_a, in_b = may_read_action(coordinator, a), may_read_action(coordinator, b)
    return (in_a or in_b) and (in_a or a.is_public) and (in_b or b.is_public)
