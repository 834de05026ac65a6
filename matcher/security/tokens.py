"""Signed, expiring links sent by email, recorded server-side so they can be single-use.

A link carries a random nonce (192 bits) signed with the app's secret; the database keeps only
a SHA-256 digest of the nonce with its purpose, action, expiry and use. The payload holds no
personal data.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import Action, Token, TokenPurpose, utcnow


class TokenError(Exception):
    """The link is forged, unknown, expired or already used."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _serializer(purpose: TokenPurpose) -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=f"matcher-{purpose.value}")


def _digest(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


def create_token(
    purpose: TokenPurpose,
    action_id: int,
    expires_at: datetime,
    *,
    introduction_id: int | None = None,
) -> str:
    """Record a new link token (only its digest) and return the signed value for the link."""
    nonce = secrets.token_urlsafe(24)
    db.session.add(
        Token(
            digest=_digest(nonce),
            purpose=purpose.value,
            action_id=action_id,
            introduction_id=introduction_id,
            expires_at=expires_at,
        )
    )
    return _serializer(purpose).dumps(nonce)


def find_token(value: str, purpose: TokenPurpose) -> Token:
    """The unused, unexpired token record a signed link value names (raises `TokenError`)."""
    try:
        nonce = _serializer(purpose).loads(value)
    except BadSignature:
        raise TokenError("invalid") from None
    if not isinstance(nonce, str):
        raise TokenError("invalid")
    token = db.session.scalar(
        select(Token).where(Token.digest == _digest(nonce), Token.purpose == purpose.value)
    )
    if token is None:
        raise TokenError("invalid")
    if token.used_at is not None:
        raise TokenError("used")
    if token.expires_at < utcnow():
        raise TokenError("expired")
    return token


def issue_token(action: Action, purpose: TokenPurpose, lifetime: timedelta) -> str:
    """Create a link token for `action`; only its digest is stored."""
    return create_token(purpose, action.id, utcnow() + lifetime)


def resolve_token(value: str, purpose: TokenPurpose, *, consume: bool = False) -> Action:
    """The action a valid link points to; `consume` marks a single-use link as used."""
    token = find_token(value, purpose)
    if consume:
        token.used_at = utcnow()
    action = db.session.get(Action, token.action_id)
    if action is None:
        raise TokenError("invalid")
    return action
