"""Introductions: an approved suggestion going through double opt-in to an email to both."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matcher.domain.enums import IntroductionStatus
from matcher.models.actions import Action
from matcher.models.base import Base, TimestampMixin, UTCDateTime, str_enum


class Introduction(TimestampMixin, Base):
    """Created when a coordinator approves a suggestion."""

    __tablename__ = "introductions"

    id: Mapped[int] = mapped_column(primary_key=True)
    suggestion_id: Mapped[int | None] = mapped_column(
        ForeignKey("suggestions.id", ondelete="SET NULL"), unique=True
    )
    action_a_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"))
    action_b_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"))
    status: Mapped[IntroductionStatus] = mapped_column(
        str_enum(IntroductionStatus), default=IntroductionStatus.requested
    )
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("coordinators.id", ondelete="SET NULL")
    )
    accepted_a_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    accepted_b_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    declined_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    introduced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reply_token: Mapped[str | None] = mapped_column(String(40), unique=True)
    thread_message_id: Mapped[str | None] = mapped_column(String(250))
    declined_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("actions.id", ondelete="SET NULL")
    )  # never shown to the other side
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # "will not happen" sent

    action_a: Mapped[Action] = relationship(foreign_keys=[action_a_id])
    action_b: Mapped[Action] = relationship(foreign_keys=[action_b_id])
