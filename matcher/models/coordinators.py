"""Coordinator accounts and the audit log of who did what."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_login import UserMixin
from sqlalchemy import JSON, Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from matcher.domain.enums import CoordinatorRole
from matcher.models.base import Base, TimestampMixin, UTCDateTime, str_enum, utcnow


class Coordinator(UserMixin, TimestampMixin, Base):
    """A person who reviews suggestions; `states` limits a coordinator to some states."""

    __tablename__ = "coordinators"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(300))
    role: Mapped[CoordinatorRole] = mapped_column(
        str_enum(CoordinatorRole), default=CoordinatorRole.coordinator
    )
    states: Mapped[str] = mapped_column(String(200), default="")  # "CA,OR"; empty: none
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Changed at every login and logout: a session cookie naming an old version is dead.
    session_version: Mapped[str] = mapped_column(String(32), default="")

    def get_id(self) -> str:
        """Flask-Login's session id: the account and its current session version."""
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:  # type: ignore[override]
        """Deactivated accounts cannot log in (Flask-Login)."""
        return self.active

    @property
    def is_admin(self) -> bool:
        """Admins see every state and manage coordinators."""
        return self.role == CoordinatorRole.admin

    @property
    def state_set(self) -> frozenset[str]:
        """The two-letter states this coordinator may see."""
        return frozenset(s for s in self.states.split(",") if s)


class AuditEntry(Base):
    """One thing someone did: approve, reject, view contact details, publish, delete, ..."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_kind: Mapped[str] = mapped_column(String(20))  # organizer, coordinator, system
    coordinator_id: Mapped[int | None] = mapped_column(
        ForeignKey("coordinators.id", ondelete="SET NULL")
    )
    verb: Mapped[str] = mapped_column(String(40))
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[int | None]
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
