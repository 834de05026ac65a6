"""Personal data over time: retention (purge contact data after an action's date) and the
export of everything the service holds about one email address."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import delete, or_, select, update

from matcher.extensions import db
from matcher.models import (
    Action,
    ActionStatus,
    CoalitionRequest,
    ConsentEvent,
    InboundEmail,
    Introduction,
    OutboundEmail,
    Suppression,
    TagChange,
    Token,
)
from matcher.operations import audit
from matcher.security.crypto import blind_index

PURGED = ""


# The other side's mail that carries a person's details: the introduction (their name and
# address) and the replies of theirs relayed to the other side.
NAMING_KINDS = ("introduction", "intro_relay")


def purge_contact_data(today: date | None = None) -> int:
    """Erase contact details of actions whose date is older than `CONTACT_RETENTION_DAYS`:
    name, email, phone, typed location and private venue, their links, and every message that
    carried them: their own mail, the other side's copies of their introductions (which name
    them), the replies of those introductions, and what they sent us. The public record of the
    action stays. Returns how many actions were purged."""
    days = current_app.config["CONTACT_RETENTION_DAYS"]
    cutoff = (today or date.today()) - timedelta(days=days)
    actions = db.session.scalars(
        select(Action).where(Action.date < cutoff, Action.contact_email_index != PURGED)
    ).all()
    if not actions:
        return 0
    ids = [action.id for action in actions]
    indexes = {action.contact_email_index for action in actions}
    for action in actions:
        action.contact_name = PURGED
        action.contact_email = PURGED
        action.contact_phone = None
        if not action.address_public:
            action.venue = None
            action.location_text = action.place or PURGED  # the typed text may be an address
        if action.status == ActionStatus.pending:
            action.status = ActionStatus.withdrawn  # never confirmed: never published
    db.session.flush()
    still_used = set(
        db.session.scalars(
            select(Action.contact_email_index).where(Action.contact_email_index.in_(indexes))
        )
    )
    delete_messages(ids, indexes - still_used)
    db.session.execute(delete(Token).where(Token.action_id.in_(ids)))
    # What they wrote to a coordinator when asking for a coalition introduction.
    db.session.execute(
        update(CoalitionRequest).where(CoalitionRequest.action_id.in_(ids)).values(message="")
    )
    audit.record("purge_contacts", "actions", None, count=len(ids), cutoff=cutoff.isoformat())
    return len(ids)


def _introductions_of(ids: list[int]):  # type: ignore[no-untyped-def]
    return select(Introduction.id).where(
        or_(Introduction.action_a_id.in_(ids), Introduction.action_b_id.in_(ids))
    )


def delete_messages(ids: list[int], gone_addresses: set[str]) -> None:
    """Delete the mail of these actions and of their introductions (both sides), and what the
    addresses no action uses any more sent us (also used when an organizer deletes an action)."""
    introductions = _introductions_of(ids)
    outbound = select(OutboundEmail.id).where(
        or_(OutboundEmail.action_id.in_(ids), OutboundEmail.introduction_id.in_(introductions))
    )
    inbound = [
        InboundEmail.introduction_id.in_(introductions),
        InboundEmail.outbound_email_id.in_(outbound),
    ]
    if gone_addresses:
        inbound.append(InboundEmail.sender_index.in_(sorted(gone_addresses)))
    db.session.execute(delete(InboundEmail).where(or_(*inbound)))
    db.session.execute(delete(OutboundEmail).where(OutboundEmail.id.in_(outbound)))


def _row(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    out = {}
    for name in fields:
        value = getattr(obj, name)
        out[name] = (
            value.isoformat()
            if hasattr(value, "isoformat")
            else (value.value if hasattr(value, "value") else value)
        )
    return out


ACTION_FIELDS = (
    "id",
    "title",
    "description",
    "date",
    "location_text",
    "venue",
    "address_public",
    "place",
    "state",
    "target_type",
    "target",
    "contact_name",
    "contact_email",
    "contact_phone",
    "language",
    "listed_publicly",
    "intro_region",
    "intro_target",
    "status",
    "created_at",
    "verified_at",
)


def export_personal_data(email: str) -> dict[str, Any]:
    """Everything stored about an address: actions, consents, introductions, the messages sent
    to it and received from it, the other side's copies that carry its details, and the other
    side's replies to those introductions."""
    address = email.strip().lower()
    index = blind_index(address)
    actions = db.session.scalars(
        select(Action).where(Action.contact_email_index == index).order_by(Action.id)
    ).all()
    ids = [a.id for a in actions]
    consents = db.session.scalars(
        select(ConsentEvent).where(ConsentEvent.action_id.in_(ids)).order_by(ConsentEvent.id)
    )
    introductions = db.session.scalars(
        select(Introduction)
        .where(Introduction.id.in_(_introductions_of(ids)))
        .order_by(Introduction.id)
    )
    sent = db.session.scalars(
        select(OutboundEmail)
        .where(OutboundEmail.recipient_index == index)
        .order_by(OutboundEmail.id)
    )
    received = db.session.scalars(
        select(InboundEmail).where(InboundEmail.sender_index == index).order_by(InboundEmail.id)
    )
    naming = db.session.scalars(
        select(OutboundEmail)
        .where(
            OutboundEmail.introduction_id.in_(_introductions_of(ids)),
            OutboundEmail.kind.in_(NAMING_KINDS),
            OutboundEmail.recipient_index != index,
        )
        .order_by(OutboundEmail.id)
    )
    replies = db.session.scalars(
        select(InboundEmail)
        .where(
            InboundEmail.introduction_id.in_(_introductions_of(ids)),
            InboundEmail.sender_index != index,
        )
        .order_by(InboundEmail.id)
    )
    suppression = db.session.scalar(select(Suppression).where(Suppression.email == index))
    coalition_requests = db.session.scalars(
        select(CoalitionRequest)
        .where(CoalitionRequest.action_id.in_(ids))
        .order_by(CoalitionRequest.id)
    )
    tag_proposals = db.session.scalars(
        select(TagChange).where(TagChange.action_id.in_(ids)).order_by(TagChange.id)
    )
    return {
        "email": address,
        "actions": [
            {**_row(a, ACTION_FIELDS), "organizations": [o.name for o in a.organizations]}
            for a in actions
        ],
        "consents": [
            _row(c, ("action_id", "kind", "granted", "source", "created_at")) for c in consents
        ],
        "introductions": [
            _row(i, ("id", "action_a_id", "action_b_id", "status", "created_at"))
            for i in introductions
        ],
        "emails_sent": [
            _row(m, ("kind", "subject", "status", "created_at", "sent_at")) for m in sent
        ],
        "emails_received": [_row(m, ("kind", "subject", "received_at")) for m in received],
        "emails_to_others_with_your_details": [
            {
                **_row(m, ("kind", "introduction_id", "status", "created_at", "sent_at")),
                "to_action_id": m.action_id,
            }
            for m in naming
        ],
        "replies_to_you": [_row(m, ("kind", "introduction_id", "received_at")) for m in replies],
        "unsubscribed_or_bounced": suppression.reason if suppression else None,
        "coalition_requests": [
            _row(r, ("action_id", "organization_id", "message", "status", "created_at"))
            for r in coalition_requests
        ],
        "organization_tags_proposed": [
            _row(t, ("action_id", "organization_id", "tag", "added", "status", "created_at"))
            for t in tag_proposals
        ],
    }
