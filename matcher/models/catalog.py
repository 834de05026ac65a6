"""Catalog entries coordinators add at run time: new or temporary detention sites, offices,
and popular nicknames of known ones, merged with the packaged facility catalog."""

from __future__ import annotations

from sqlalchemy import Boolean, Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from matcher.models.base import Base, TimestampMixin


class CatalogEntry(TimestampMixin, Base):
    """A facility or office added by a coordinator, or more names for a packaged one.

    `id` is the catalog id: a new slug, or the id of a packaged entry whose aliases (and any
    given fields) this entry extends. Inactive entries are kept for the audit trail.
    """

    __tablename__ = "catalog_entries"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    aliases: Mapped[str] = mapped_column(Text, default="")  # ";"-separated
    kind: Mapped[str] = mapped_column(String(32))
    operator: Mapped[str | None] = mapped_column(String(80))
    city: Mapped[str] = mapped_column(String(100), default="")
    state: Mapped[str] = mapped_column(String(2))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    source: Mapped[str] = mapped_column(Text, default="")  # where the facts come from
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("coordinators.id", ondelete="SET NULL")
    )
