"""The rules of dates, times of day and time zones: the date (YYYY-MM-DD, and its window: not
past unless the path allows it, at most MAX_YEARS_AHEAD years ahead), start and end times
(an end after its start: `end_problem`), the IANA time zone."""

from __future__ import annotations

import re
from datetime import date, time
from functools import lru_cache
from typing import Any
from zoneinfo import available_timezones

from matcher.domain.lazy_text import lazy_gettext as _l
from matcher.formats.field_rule import RuleError

MAX_YEARS_AHEAD = 2
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")


def parse_day(raw: str | None) -> date:
    """YYYY-MM-DD (required)."""
    if not raw:
        raise RuleError(_l("Give the date."))
    return read_date(raw)


def read_date(raw: Any) -> date:
    """YYYY-MM-DD."""
    text = raw.strip() if isinstance(raw, str) else raw
    try:
        value = date.fromisoformat(text)
        if not _DATE.fullmatch(text):
            raise ValueError(text)
    except (TypeError, ValueError):
        raise RuleError(_l("Not a date: use YYYY-MM-DD.")) from None
    return value


def date_window(value: date, *, allow_past: bool, today: date | None = None) -> None:
    """Not in the past (unless the path allows it) and at most two years ahead."""
    today = today or date.today()
    if not allow_past and value < today:
        raise RuleError(_l("The date has passed."))
    if value > today.replace(year=today.year + MAX_YEARS_AHEAD, day=min(today.day, 28)):
        raise RuleError(_l("The date is more than %(years)d years away: check the year.", years=2))


def check_date(raw: str | None, *, allow_past: bool = False) -> date:
    """The date rule whole: the form, then the window."""
    value = parse_day(raw)
    date_window(value, allow_past=allow_past)
    return value


def check_time_of_day(raw: Any) -> time | None:
    """HH:MM (24-hour; seconds allowed, as some spreadsheets add them); empty is no time."""
    text = raw.strip() if isinstance(raw, str) else ""
    if not text:
        return None
    found = _TIME.fullmatch(text)
    hour, minute, second = (int(part or 0) for part in found.groups()) if found else (99, 0, 0)
    if hour > 23 or minute > 59 or second > 59:
        raise RuleError(_l("Not a time of day: use HH:MM (24-hour, e.g. 18:30)."))
    return time(hour, minute, second)


def end_problem(start: time | None, end: time | None) -> Any:
    """The message when an end time has no start time or does not come after it."""
    if end is None:
        return None
    if start is None:
        return _l("Give a start time too, or no end time.")
    if end <= start:
        return _l("The end time must come after the start time.")
    return None


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def check_timezone(raw: Any) -> str | None:
    """An IANA time zone name such as America/Chicago; empty means: from the place."""
    text = raw.strip() if isinstance(raw, str) else ""
    if text and text not in _zones():
        raise RuleError(_l("Not a time zone: use a name such as America/Chicago."))
    return text or None
