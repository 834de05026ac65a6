"""Actions organizers submit, the organizations behind them, and their consent history."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    Time,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from matcher.domain.enums import ActionStatus, Precision, TargetType
from matcher.models.base import Base, TimestampMixin, UTCDateTime, str_enum, utcnow
from matcher.security.crypto import EncryptedText, blind_index

#: How a place was found when it was a guess the organizer should confirm (`geocode_match`).
GUESSED_MATCHES = ("fuzzy", "alias", "nearest", "pair", "ambiguous", "guess")
#: Precisions too coarse to carry a distance: the organizer is asked for a finer place.
COARSE = ("county", "region", "state")

if TYPE_CHECKING:
    from matcher.models.regions import Region

action_organizations = Table(
    "action_organizations",
    Base.metadata,
    Column("action_id", ForeignKey("actions.id", ondelete="CASCADE"), primary_key=True),
    Column("organization_id", ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True),
)


class Organization(Base):
    """A group in a coalition; `key` is the normalized name used to recognize it again."""

    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(200), unique=True)


class Action(TimestampMixin, Base):
    """A local action: what, when, where, against what target, and how to reach its organizer.

    Contact fields (`contact_*`) and `venue` are private: they never appear on a public page,
    feed or API response; `venue` is shown only when `address_public` is set.
    """

    __tablename__ = "actions"
    __table_args__ = (
        Index("ix_actions_status_date", "status", "date"),
        Index("ix_actions_contact_email_index", "contact_email_index"),
        Index("ix_actions_updated_at", "updated_at"),
        Index("ix_actions_latitude", "latitude", "longitude", "region_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(32), unique=True)
    ref: Mapped[str | None] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    date: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time | None] = mapped_column(Time)
    end_time: Mapped[time | None] = mapped_column(Time)
    # IANA name; derived from the place (`timezone_from_place`) unless the organizer chose one.
    timezone: Mapped[str | None] = mapped_column(String(64))
    timezone_from_place: Mapped[bool] = mapped_column(Boolean, default=True)

    # As typed: it can be a street address, so it is encrypted and published only when the
    # organizer publishes the address (see matcher.queries.listing.public_place).
    location_text: Mapped[str] = mapped_column(EncryptedText)
    venue: Mapped[str | None] = mapped_column(EncryptedText)
    address_public: Mapped[bool] = mapped_column(Boolean, default=False)
    # Public, always: where people gather ("the park across from the gate"), and the
    # organizer's own RSVP or event page.
    meeting_point: Mapped[str | None] = mapped_column(String(300))
    event_url: Mapped[str | None] = mapped_column(String(500))
    # Whether the public may write to the organizers through the relay form.
    accepts_messages: Mapped[bool] = mapped_column(Boolean, default=False)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    precision: Mapped[Precision | None] = mapped_column(str_enum(Precision))
    geocode_source: Mapped[str | None] = mapped_column(String(40))
    geocode_match: Mapped[str | None] = mapped_column(String(40))
    place: Mapped[str | None] = mapped_column(String(200))
    # The catalog facility or office the location names (matcher.geocoding.facilities).
    facility_id: Mapped[str | None] = mapped_column(String(120), index=True)
    # Where public maps and feeds put the action: the city's point unless the organizer chose
    # to publish the address (never a street-level point otherwise).
    public_latitude: Mapped[float | None] = mapped_column(Float)
    public_longitude: Mapped[float | None] = mapped_column(Float)
    state: Mapped[str | None] = mapped_column(String(2), index=True)
    needs_location: Mapped[bool] = mapped_column(Boolean, default=False)
    # The organizer answered "we placed this at X: is that right?" (or chose another place).
    place_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    # Other places the location may mean: [{place, latitude, longitude, state}, ...].
    place_alternatives: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    region_id: Mapped[int | None] = mapped_column(
        ForeignKey("regions.id", ondelete="SET NULL"), index=True
    )

    target_type: Mapped[TargetType] = mapped_column(str_enum(TargetType))
    target: Mapped[str] = mapped_column(String(200), default="")

    # Encrypted at rest (matcher/security/crypto.py); found by the blind index, never by value.
    contact_name: Mapped[str] = mapped_column(EncryptedText)
    contact_email: Mapped[str] = mapped_column(EncryptedText)
    contact_email_index: Mapped[str] = mapped_column(String(64), default="")
    contact_phone: Mapped[str | None] = mapped_column(EncryptedText)
    language: Mapped[str] = mapped_column(String(8), default="en")

    listed_publicly: Mapped[bool] = mapped_column(Boolean, default=True)
    intro_region: Mapped[bool] = mapped_column(Boolean, default=False)
    intro_target: Mapped[bool] = mapped_column(Boolean, default=False)

    status: Mapped[ActionStatus] = mapped_column(
        str_enum(ActionStatus), default=ActionStatus.pending
    )
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organizations: Mapped[list[Organization]] = relationship(
        secondary=action_organizations, order_by=Organization.name, lazy="selectin"
    )
    consents: Mapped[list[ConsentEvent]] = relationship(
        back_populates="action",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="ConsentEvent.id",
    )
    region: Mapped[Region | None] = relationship(lazy="joined")

    @validates("contact_email")
    def _index_email(self, _key: str, value: str) -> str:
        self.contact_email_index = blind_index(value)
        return value

    @property
    def placement_uncertain(self) -> bool:
        """Whether to ask the organizer "we placed this at X: is that right?": the place was
        guessed (a misspelling, an alias, a nearby place, a bare name that several places
        have) or is coarser than a city, and the organizer has not confirmed it."""
        if self.needs_location or not self.place or self.place_confirmed:
            return False
        guessed = self.geocode_match in GUESSED_MATCHES
        coarse = self.precision is not None and self.precision.value in COARSE
        return guessed or coarse

    @property
    def is_public(self) -> bool:
        """Published and listed: may appear on public pages and feeds."""
        return self.status == ActionStatus.published and self.listed_publicly


class ConsentEvent(Base):
    """A consent given or withdrawn, with when and through which channel (the history)."""

    __tablename__ = "consent_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))  # listed_publicly, intro_region, intro_target
    granted: Mapped[bool] = mapped_column(Boolean)
    source: Mapped[str] = mapped_column(String(32))  # form, api, csv, manage, demo
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    action: Mapped[Action] = relationship(back_populates="consents")


class Token(Base):
    """Server-side record of a link sent by email, so it can expire and be used only once.

    Only a SHA-256 digest of the random part is stored; the link itself is never logged.
    """

    __tablename__ = "tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    purpose: Mapped[str] = mapped_column(String(16))
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    introduction_id: Mapped[int | None] = mapped_column(
        ForeignKey("introductions.id", ondelete="CASCADE"), index=True
    )  # for opt-in links
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
