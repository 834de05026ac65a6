"""One organization's history for coordinators: its actions, the introductions they are a side
of, and the replies those received, as one coordinator may read them.

The scope rule (matcher.queries.scope) decides everything: an action of the organization in
the coordinator's scope is shown in full, one outside it only when publicly listed (public
fields); an introduction is listed when its pair is readable; of a reply the coordinator
reads the text only when its sender is in scope (otherwise its kind and time).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import aliased

from matcher.extensions import db
from matcher.models import (
    Action,
    Coordinator,
    InboundEmail,
    Introduction,
    Organization,
    action_organizations,
)
from matcher.queries.introduction_timeline import ReceivedRow, readable_message
from matcher.queries.scope import action_clause, pair_clause, public_clause


@dataclass(frozen=True)
class ReplyRow:
    """A reply to one of the organization's introductions."""

    introduction: Introduction
    received: ReceivedRow
    sender_action_id: int | None  # set only when the text is readable


@dataclass(frozen=True)
class OrganizationHistory:
    """What a coordinator may read of one organization."""

    organization: Organization
    actions: list[Action]
    introductions: list[Introduction]
    replies: list[ReplyRow]

    @property
    def contact_action_ids(self) -> list[int]:
        """The actions whose contact details the page shows (reply senders in scope)."""
        return sorted({row.sender_action_id for row in self.replies if row.sender_action_id})


def organization_history(
    coordinator: Coordinator, organization: Organization, limit: int = 200
) -> OrganizationHistory | None:
    """The organization's readable history, or None when the coordinator may read none of its
    actions (the page is then as if it did not exist)."""
    members = select(action_organizations.c.action_id).where(
        action_organizations.c.organization_id == organization.id
    )
    actions = list(
        db.session.scalars(
            select(Action)
            .where(Action.id.in_(members))
            .where(or_(action_clause(coordinator), public_clause()))
            .order_by(Action.date.desc(), Action.id)
            .limit(limit)
        )
    )
    if not actions:
        return None
    a, b = aliased(Action), aliased(Action)
    introductions = list(
        db.session.scalars(
            select(Introduction)
            .join(a, Introduction.action_a_id == a.id)
            .join(b, Introduction.action_b_id == b.id)
            .where(or_(a.id.in_(members), b.id.in_(members)))
            .where(pair_clause(coordinator, a, b))
            .order_by(Introduction.id.desc())
            .limit(limit)
        )
    )
    replies = []
    if introductions:
        by_id = {item.id: item for item in introductions}
        for message in db.session.scalars(
            select(InboundEmail)
            .where(InboundEmail.introduction_id.in_(by_id), InboundEmail.kind == "reply")
            .order_by(InboundEmail.received_at.desc(), InboundEmail.id.desc())
            .limit(limit)
        ):
            introduction = by_id[message.introduction_id]  # type: ignore[index]
            readable, side = readable_message(coordinator, introduction, message)
            row = ReceivedRow(message.kind, message.received_at, message if readable else None)
            sender = side.id if readable and side is not None else None
            replies.append(ReplyRow(introduction, row, sender))
    return OrganizationHistory(organization, actions, introductions, replies)
