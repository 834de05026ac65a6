"""Opt-in links: signed, single-use, expiring, one per side of an introduction.

Like matcher/security/tokens.py, a link carries a random nonce signed with the app's secret and the
database keeps only its SHA-256 digest, tied to the introduction and the side's action.
Opening a link decides nothing; the decision is a POST (with CSRF) from the page it opens.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update

from matcher.extensions import db
from matcher.models import Action, Introduction, Token, TokenPurpose, utcnow
from matcher.security.tokens import TokenError, create_token, find_token


@dataclass(frozen=True)
class OptinLink:
    """What an opt-in link points to: an introduction and the side (action) answering."""

    introduction: Introduction
    action: Action
    other: Action


def issue_optin_token(introduction: Introduction, action: Action, expires_at: datetime) -> str:
    """A new link token for `action`'s side of `introduction` (only its digest is stored)."""
    return create_token(TokenPurpose.optin, action.id, expires_at, introduction_id=introduction.id)


def resolve_optin_token(value: str, *, consume: bool = False) -> OptinLink:
    """The introduction and side a valid link points to; `consume` uses up every link of that
    side (raises `TokenError` with reason invalid, used or expired)."""
    token = find_token(value, TokenPurpose.optin)
    if token.introduction_id is None:
        raise TokenError("invalid")
    introduction = db.session.get(Introduction, token.introduction_id)
    if introduction is None or token.action_id not in (
        introduction.action_a_id,
        introduction.action_b_id,
    ):
        raise TokenError("invalid")
    if introduction.closed_at is not None:
        raise TokenError("expired")  # the request's time is up (whatever the reason)
    if consume:
        use_side_tokens(introduction, token.action_id)
    is_a = token.action_id == introduction.action_a_id
    action, other = (
        (introduction.action_a, introduction.action_b)
        if is_a
        else (introduction.action_b, introduction.action_a)
    )
    return OptinLink(introduction, action, other)


def use_side_tokens(introduction: Introduction, action_id: int) -> None:
    """Mark every unused opt-in link of one side as used (the side has answered)."""
    db.session.execute(
        update(Token)
        .where(
            Token.introduction_id == introduction.id,
            Token.action_id == action_id,
            Token.used_at.is_(None),
        )
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
