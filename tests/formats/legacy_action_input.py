"""Today's validator, kept verbatim as the equivalence oracle: the field names, the validated
action (`ActionInput`) and the helpers of its values (organizations, yes/no)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from matcher.domain.enums import TargetType

FIELDS = (
    "ref",
    "title",
    "date",
    "location",
    "latitude",
    "longitude",
    "target_type",
    "target",
    "organizations",
    "contact_name",
    "contact_email",
    "language",
    "intro_region",
    "intro_target",
    "public",
    "start_time",
    "end_time",
    "timezone",
)
EXTRA_FIELDS = (
    "description",
    "contact_phone",
    "venue",
    "address_public",
    "meeting_point",
    "event_url",
    "accepts_messages",
)
MAX_YEARS_AHEAD = 2
MAX_ORGANIZATIONS = 50
MAX_ORGANIZATION_LENGTH = 200  # the length of an organization's name in the directory
LANGUAGES = ("en", "es")
_YES = {"yes", "y", "true", "1", "on", "si", "sí"}
_NO = {"no", "n", "false", "0", "off", ""}


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


def split_organizations(value: str | list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """Organizations from a `;`-separated string (or lines), or a list whose items are kept as
    given (a name may hold a `;`); trimmed, de-duplicated."""
    if value is None:
        return ()
    parts = value if isinstance(value, list | tuple) else re.split(r"[;\n]", value)
    seen: dict[str, str] = {}
    for part in parts:
        name = " ".join(str(part).split())
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return tuple(seen.values())


def parse_yes_no(value: Any, default: bool) -> bool:
    """`yes`/`no` (also true/false, 1/0, on/off, sí); None means the default."""
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text == "":
        return default
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(text)
