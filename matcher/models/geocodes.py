"""Cache of online geocoder answers, so a provider is asked once per query."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from matcher.models.base import Base, UTCDateTime, utcnow


class GeocodeCacheEntry(Base):
    """A provider's answer (JSON, or empty for 'nothing found') for a normalized query."""

    __tablename__ = "geocode_cache"

    key: Mapped[str] = mapped_column(String(400), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
