"""`ActionInput`: one validated, normalized action, whatever path it came by."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from matcher.domain.enums import TargetType


@dataclass(frozen=True)
class ActionInput:
    """A validated, normalized action as an organizer or a spreadsheet gave it."""

    title: str
    date: date
    location: str
    target_type: TargetType
    contact_name: str
    contact_email: str
    ref: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    target: str = ""
    organizations: tuple[str, ...] = ()
    language: str = "en"
    intro_region: bool = False
    intro_target: bool = False
    public: bool = True
    description: str = ""
    contact_phone: str | None = None
    venue: str | None = None
    address_public: bool = False
    start_time: time | None = None
    end_time: time | None = None
    timezone: str | None = None  # None: derived from the place
    meeting_point: str | None = None
    event_url: str | None = None
    accepts_messages: bool = False
