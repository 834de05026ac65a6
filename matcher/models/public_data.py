"""The version of what the public sees, counted in the database.

One row, incremented in the same transaction as every change to public data (see
matcher.cache.public_changes), so every process, whatever cache it keeps, can tell in one query
whether what it rendered is still current.
"""

from __future__ import annotations

from sqlalchemy import BigInteger
from sqlalchemy.orm import Mapped, mapped_column

from matcher.models.base import Base

VERSION_ROW = 1


class PublicDataVersion(Base):
    """The single row counting changes to public data."""

    __tablename__ = "public_data_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0)
