"""The scope rule's SQL clauses and its checks on loaded rows say the same thing."""

from __future__ import annotations

import itertools

from sqlalchemy import select
from sqlalchemy.orm import aliased

from matcher.models import Action, ActionStatus, Coordinator, CoordinatorRole
from matcher.queries.scope import action_clause, may_read_action, may_read_pair, pair_clause
from tests.support.mail import make_action


def test_sql_and_python_agree_on_every_action_and_pair(db):
    actions = []
    for index, (state, status, listed) in enumerate(
        itertools.product(
            ("CA", "NY", None), (ActionStatus.published, ActionStatus.withdrawn), (True, False)
        )
    ):
        actions.append(
            make_action(
                f"Scope {index}",
                f"scope{index}@example.org",
                state=state,
                status=status,
                listed_publicly=listed,
            )
        )
    coordinators = [
        Coordinator(email="a@x", role=CoordinatorRole.admin, states=""),
        Coordinator(email="ca@x", states="CA"),
        Coordinator(email="both@x", states="CA,NY"),
        Coordinator(email="none@x", states=""),
    ]
    ids = [action.id for action in actions]
    a, b = aliased(Action), aliased(Action)
    for coordinator in coordinators:
        in_sql = set(
            db.session.scalars(
                select(Action.id).where(Action.id.in_(ids), action_clause(coordinator))
            )
        )
        assert in_sql == {x.id for x in actions if may_read_action(coordinator, x)}
        pairs_sql = {
            (first, second)
            for first, second in db.session.execute(
                select(a.id, b.id).where(
                    a.id.in_(ids), b.id.in_(ids), a.id < b.id, pair_clause(coordinator, a, b)
                )
            )
        }
        pairs_py = {
            (x.id, y.id)
            for x, y in itertools.combinations(sorted(actions, key=lambda x: x.id), 2)
            if may_read_pair(coordinator, x, y)
        }
        assert pairs_sql == pairs_py, coordinator.email
    ca = coordinators[1]
    public_ny = next(x for x in actions if x.state == "NY" and x.is_public)
    hidden_ny = next(x for x in actions if x.state == "NY" and not x.is_public)
    mine = next(x for x in actions if x.state == "CA")
    assert may_read_pair(ca, mine, public_ny) and not may_read_pair(ca, mine, hidden_ny)
    assert not may_read_pair(ca, public_ny, public_ny)  # neither side in scope
