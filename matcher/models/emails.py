"""The outbox of every message the service sends, inbound mail, and suppressed addresses."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from matcher.domain.enums import EmailStatus
from matcher.models.actions import Action
from matcher.models.base import Base, TimestampMixin, UTCDateTime, str_enum, utcnow
from matcher.security.crypto import EncryptedBytes, EncryptedText, blind_index


class OutboundEmail(TimestampMixin, Base):
    """A message written in the same transaction as the change that caused it.

    `idempotency_key` is unique per (subject, recipient, kind) so a retry never sends twice.
    A message to an organizer names them by reference (`action_id`): `recipient` stays empty
    and the address and the displayed `To` are read from the action when the message is sent;
    only its blind index (`recipient_index`) is kept, to tie bounces and exports to it. The
    subject, bodies, extra headers and last error are encrypted (they can hold names and
    addresses: a message relayed from an action page has the writer's address as Reply-To).
    """

    __tablename__ = "outbound_emails"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    message_id: Mapped[str] = mapped_column(String(250), unique=True)
    recipient: Mapped[str | None] = mapped_column(EncryptedText)
    recipient_index: Mapped[str] = mapped_column(String(64), default="", index=True)
    subject: Mapped[str] = mapped_column(EncryptedText)
    body_text: Mapped[str] = mapped_column(EncryptedText)
    body_html: Mapped[str | None] = mapped_column(EncryptedText)
    # JSON of extra headers; encrypted: a relayed public message's Reply-To is the sender's
    headers: Mapped[str] = mapped_column(EncryptedText, default="{}")
    status: Mapped[EmailStatus] = mapped_column(
        str_enum(EmailStatus), default=EmailStatus.queued, index=True
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(EncryptedText)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # While `sending`: the claim expires at `lease_expires_at`; `transmit_started_at` is set
    # (and committed) right before the SMTP DATA exchange, after which the outcome is unknown.
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    transmit_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    action_id: Mapped[int | None] = mapped_column(
        ForeignKey("actions.id", ondelete="SET NULL"), index=True
    )
    introduction_id: Mapped[int | None] = mapped_column(
        ForeignKey("introductions.id", ondelete="SET NULL"), index=True
    )

    action: Mapped[Action | None] = relationship(foreign_keys=[action_id])

    @validates("recipient")
    def _index_recipient(self, _key: str, value: str | None) -> str | None:
        if value is not None:
            self.recipient_index = blind_index(value)
        return value

    @property
    def recipient_address(self) -> str | None:
        """Where the message goes: the organizer's address read from their action now (None
        once the action or its contact details are gone), or the address stored with it."""
        if self.recipient:
            return self.recipient
        if self.action is not None and self.action.contact_email:
            return self.action.contact_email
        return None


class InboundEmail(Base):
    """A reply, bounce or auto-reply that reached the service."""

    __tablename__ = "inbound_emails"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # reply, bounce, auto_reply, unknown
    message_id: Mapped[str | None] = mapped_column(String(250), unique=True)
    in_reply_to: Mapped[str | None] = mapped_column(String(250))
    sender: Mapped[str | None] = mapped_column(EncryptedText)
    sender_index: Mapped[str] = mapped_column(String(64), default="", index=True)
    subject: Mapped[str | None] = mapped_column(EncryptedText)
    body_text: Mapped[str | None] = mapped_column(EncryptedText)
    raw: Mapped[bytes] = mapped_column(EncryptedBytes)
    introduction_id: Mapped[int | None] = mapped_column(
        ForeignKey("introductions.id", ondelete="SET NULL"), index=True
    )
    # The message of ours a bounce answers (found by its VERP address or Message-ID).
    outbound_email_id: Mapped[int | None] = mapped_column(
        ForeignKey("outbound_emails.id", ondelete="SET NULL"), index=True
    )
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @validates("sender")
    def _index_sender(self, _key: str, value: str | None) -> str | None:
        self.sender_index = blind_index(value)
        return value


class Suppression(Base):
    """An address the service must not write to (unsubscribed, or bounced until `expires_at`).

    A bounce suppression also ends when a coordinator lifts it or when the person follows a
    fresh verification link (the mailbox works again); an unsubscribe lasts.
    """

    __tablename__ = "suppressions"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The blind index of the address (security.crypto.blind_index), never the address itself.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    reason: Mapped[str] = mapped_column(String(20))  # unsubscribed, bounced
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class WebhookSignature(Base):
    """A signature of an inbound webhook request already accepted (refuses replays)."""

    __tablename__ = "webhook_signatures"

    id: Mapped[int] = mapped_column(primary_key=True)
    signature: Mapped[str] = mapped_column(String(64), unique=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
