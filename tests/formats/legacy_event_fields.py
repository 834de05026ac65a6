"""Today's event-field validators, kept verbatim as part of the oracle (legacy_action_fields)."""

from __future__ import annotations

import re
from datetime import time
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import available_timezones

from flask_babel import lazy_gettext as _l
from wtforms import Form, ValidationError

_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")


def time_of_day(_form: Form, field: Any) -> None:
    """HH:MM (24-hour; seconds allowed, as some spreadsheets add them); empty is no time."""
    field.value = None
    text = field.data.strip() if isinstance(field.data, str) else ""
    if not text:
        return
    found = _TIME.fullmatch(text)
    hour, minute, second = (int(part or 0) for part in found.groups()) if found else (99, 0, 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValidationError(_l("Not a time of day: use HH:MM (24-hour, e.g. 18:30)."))
    field.value = time(hour, minute, second)


def end_after_start(form: Form, field: Any) -> None:
    """An end time needs a start time and comes after it, the same day."""
    start = getattr(form.start_time, "value", None)
    end = getattr(field, "value", None)
    if end is None or form.start_time.errors:
        return
    if start is None:
        raise ValidationError(_l("Give a start time too, or no end time."))
    if end <= start:
        raise ValidationError(_l("The end time must come after the start time."))


def iana_timezone(_form: Form, field: Any) -> None:
    """An IANA time zone name such as America/Chicago; empty means: from the place."""
    text = field.data.strip() if isinstance(field.data, str) else ""
    if text and text not in available_timezones():
        raise ValidationError(_l("Not a time zone: use a name such as America/Chicago."))
    field.value = text or None


def web_address(_form: Form, field: Any) -> None:
    """The full http(s) address of a web page."""
    text = field.data.strip() if isinstance(field.data, str) else ""
    field.value = None
    if not text:
        return
    parts = urlsplit(text)
    host = parts.hostname or ""
    if parts.scheme.lower() not in ("http", "https") or "." not in host or " " in text:
        raise ValidationError(_l("Give the full address of the page, starting with https://"))
    field.value = text
