"""Cache of online geocoder answers, so a provider is asked once per query."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from matcher.models.base import Base, UTCDateTime, utcnow
from matcher.security.crypto import EncryptedText


class GeocodeCacheEntry(Base):
    """A provider's answer (JSON, or empty for 'nothing found') for a normalized query.

    A query can be a street address and an answer names one: `key` is the blind index of the
    query (never the text) and `value` is encrypted.
    """

    __tablename__ = "geocode_cache"

    key: Mapped[str] = mapped_column(String(400), primary_key=True)
    value: Mapped[str] = mapped_column(EncryptedText)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
