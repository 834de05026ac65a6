"""One-click unsubscribe (RFC 8058): a link per organizer that stops all further introductions.

The link signs the action's id (no personal data in it) and does not expire: mail providers
call it long after the message was sent. Unsubscribing is idempotent.
"""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from matcher.extensions import db
from matcher.models import Action
from matcher.operations import audit
from matcher.operations.submissions import link
from matcher.operations.suppressions import UNSUBSCRIBED, suppress
from matcher.security.tokens import TokenError


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="matcher-unsubscribe")


def unsubscribe_url(action: Action) -> str:
    """The absolute unsubscribe link for `action`'s organizer."""
    return link(f"/unsubscribe/{_serializer().dumps(action.id)}", action.language)


def action_for_unsubscribe(token: str) -> Action:
    """The action an unsubscribe link names (raises `TokenError`)."""
    try:
        action_id = _serializer().loads(token)
    except BadSignature:
        raise TokenError("invalid") from None
    action = db.session.get(Action, action_id) if isinstance(action_id, int) else None
    if action is None:
        raise TokenError("invalid")
    return action


def unsubscribe(action: Action) -> None:
    """Opt the organizer's address out of every further introduction (flushes)."""
    if suppress(action.contact_email, UNSUBSCRIBED):
        audit.record("unsubscribe", "action", action.id, actor_kind="organizer")
