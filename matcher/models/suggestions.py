"""Suggested introductions between two actions, waiting for a coordinator's decision."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matcher.domain.enums import SuggestionStatus
from matcher.models.actions import Action
from matcher.models.base import Base, TimestampMixin, UTCDateTime, str_enum
from matcher.models.coordinators import Coordinator


class Suggestion(TimestampMixin, Base):
    """An unordered pair of actions (stored with `action_a_id < action_b_id`)."""

    __tablename__ = "suggestions"
    __table_args__ = (
        CheckConstraint("action_a_id < action_b_id", name="ordered_pair"),
        Index("ix_suggestions_pair", "action_a_id", "action_b_id", unique=True),
        Index("ix_suggestions_status_score", "status", "score"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    action_a_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"))
    action_b_id: Mapped[int] = mapped_column(
        ForeignKey("actions.id", ondelete="CASCADE"), index=True
    )
    kinds: Mapped[str] = mapped_column(String(32))  # "region", "target" or "region,target"
    score: Mapped[float] = mapped_column(Float)
    # Reasons as data ({"code": ..., values}; plain English strings in rows made before that),
    # shown in the reader's language by the `reason` template filter.
    reasons: Mapped[list[dict[str, Any] | str]] = mapped_column(JSON, default=list)
    features: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[SuggestionStatus] = mapped_column(
        str_enum(SuggestionStatus), default=SuggestionStatus.pending
    )
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("coordinators.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_reason: Mapped[str | None] = mapped_column(Text)

    action_a: Mapped[Action] = relationship(foreign_keys=[action_a_id])
    action_b: Mapped[Action] = relationship(foreign_keys=[action_b_id])
    decided_by: Mapped[Coordinator | None] = relationship(foreign_keys=[decided_by_id])
