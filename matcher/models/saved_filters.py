"""Filters of the review queue a coordinator saved under a name."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from matcher.models.base import Base, UTCDateTime, utcnow


class SavedFilter(Base):
    """A named query string of the queue (`state=CA&kind=region`), one coordinator's own."""

    __tablename__ = "saved_filters"
    __table_args__ = (Index("ix_saved_filters_owner_name", "coordinator_id", "name", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    coordinator_id: Mapped[int] = mapped_column(ForeignKey("coordinators.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))
    query: Mapped[str] = mapped_column(String(600))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
