"""What the directory knows of organizations beyond their name: the spellings they are known
by, their reviewed tags, proposed tag changes, and organizers' requests to be introduced."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matcher.domain.enums import OrganizationTagKind, ReviewStatus
from matcher.models.actions import Action, Organization
from matcher.models.base import Base, TimestampMixin, UTCDateTime, str_enum, utcnow
from matcher.security.crypto import EncryptedText


class OrganizationAlias(Base):
    """One spelling of an organization and the keys it resolves by
    (matcher.formats.organization_names)."""

    __tablename__ = "organization_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(200), unique=True)  # the spelling's exact key
    canonical: Mapped[str] = mapped_column(String(200), index=True)
    acronym: Mapped[str | None] = mapped_column(String(200), index=True)
    compact: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class OrganizationTag(Base):
    """A tag shown on an organization: set by someone entitled and reviewed by a coordinator."""

    __tablename__ = "organization_tags"

    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[OrganizationTagKind] = mapped_column(
        str_enum(OrganizationTagKind), primary_key=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TagChange(TimestampMixin, Base):
    """A tag added or removed by an organization's organizer (through their action's manage
    link) or by a coordinator; shown only once a coordinator approved it."""

    __tablename__ = "organization_tag_changes"
    __table_args__ = (Index("ix_organization_tag_changes_status", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    tag: Mapped[OrganizationTagKind] = mapped_column(str_enum(OrganizationTagKind))
    added: Mapped[bool] = mapped_column(Boolean)
    # Who asked: an organizer through the manage link of this action, or a coordinator.
    action_id: Mapped[int | None] = mapped_column(
        ForeignKey("actions.id", ondelete="SET NULL"), index=True
    )
    proposed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("coordinators.id", ondelete="SET NULL")
    )
    status: Mapped[ReviewStatus] = mapped_column(
        str_enum(ReviewStatus), default=ReviewStatus.pending
    )
    reviewed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("coordinators.id", ondelete="SET NULL")
    )
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organization: Mapped[Organization] = relationship()
    action: Mapped[Action | None] = relationship()


class CoalitionRequest(TimestampMixin, Base):
    """An organizer asks to be introduced to an organization's organizers: the organizers of
    `target_action`, a published action of that organization. A coordinator reviews it; when
    approved, an introduction between the two actions goes through double opt-in."""

    __tablename__ = "coalition_requests"
    __table_args__ = (Index("ix_coalition_requests_status", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    target_action_id: Mapped[int] = mapped_column(
        ForeignKey("actions.id", ondelete="CASCADE"), index=True
    )
    # For the coordinator only: never mailed to the other side; encrypted at rest.
    message: Mapped[str] = mapped_column(EncryptedText, default="")
    status: Mapped[ReviewStatus] = mapped_column(
        str_enum(ReviewStatus), default=ReviewStatus.pending
    )
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("coordinators.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_reason: Mapped[str | None] = mapped_column(Text)
    introduction_id: Mapped[int | None] = mapped_column(
        ForeignKey("introductions.id", ondelete="SET NULL"), unique=True
    )

    action: Mapped[Action] = relationship(foreign_keys=[action_id])
    target_action: Mapped[Action] = relationship(foreign_keys=[target_action_id])
    organization: Mapped[Organization] = relationship()
