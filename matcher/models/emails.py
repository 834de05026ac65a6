"""The outbox of every message the service sends, inbound mail, and suppressed addresses."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, validates

from matcher.models.base import Base, TimestampMixin, UTCDateTime, str_enum, utcnow
from matcher.models.enums import EmailStatus
from matcher.security.crypto import EncryptedBytes, EncryptedText, blind_index


class OutboundEmail(TimestampMixin, Base):
    """A message written in the same transaction as the change that caused it.

    `idempotency_key` is unique per (subject, recipient, kind) so a retry never sends twice.
    """

    __tablename__ = "outbound_emails"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    message_id: Mapped[str] = mapped_column(String(250), unique=True)
    recipient: Mapped[str] = mapped_column(EncryptedText)
    recipient_index: Mapped[str] = mapped_column(String(64), default="", index=True)
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(EncryptedText)
    body_html: Mapped[str | None] = mapped_column(EncryptedText)
    headers: Mapped[str] = mapped_column(Text, default="{}")  # JSON of extra headers
    status: Mapped[EmailStatus] = mapped_column(
        str_enum(EmailStatus), default=EmailStatus.queued, index=True
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
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

    @validates("recipient")
    def _index_recipient(self, _key: str, value: str) -> str:
        self.recipient_index = blind_index(value)
        return value


class InboundEmail(Base):
    """A reply, bounce or auto-reply that reached the service."""

    __tablename__ = "inbound_emails"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # reply, bounce, auto_reply, unknown
    message_id: Mapped[str | None] = mapped_column(String(250), unique=True)
    in_reply_to: Mapped[str | None] = mapped_column(String(250))
    sender: Mapped[str | None] = mapped_column(EncryptedText)
    sender_index: Mapped[str] = mapped_column(String(64), default="", index=True)
    subject: Mapped[str | None] = mapped_column(String(300))
    body_text: Mapped[str | None] = mapped_column(EncryptedText)
    raw: Mapped[bytes] = mapped_column(EncryptedBytes)
    introduction_id: Mapped[int | None] = mapped_column(
        ForeignKey("introductions.id", ondelete="SET NULL"), index=True
    )
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @validates("sender")
    def _index_sender(self, _key: str, value: str | None) -> str | None:
        self.sender_index = blind_index(value)
        return value


class Suppression(Base):
    """An address the service must not write to again (unsubscribed or bounced)."""

    __tablename__ = "suppressions"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The blind index of the address (security.crypto.blind_index), never the address itself.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    reason: Mapped[str] = mapped_column(String(20))  # unsubscribed, bounced
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WebhookSignature(Base):
    """A signature of an inbound webhook request already accepted (refuses replays)."""

    __tablename__ = "webhook_signatures"

    id: Mapped[int] = mapped_column(primary_key=True)
    signature: Mapped[str] = mapped_column(String(64), unique=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
