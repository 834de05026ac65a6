"""The rules of an action's fields, one set for every path: the web form (WTForms validators
call them), the JSON API and the CSV import (the batch validator calls them per distinct value).

Each rule reads one raw value as received (a string, or None when the field was not sent) and
returns the parsed value, or raises `RuleError` with the message shown to people. A rule is a
pure function of its value (the date rules also of today), so a batch remembers its answer per
distinct value: 100,000 rows of one date parse one date, and `email_validator` runs once per
distinct address. The rules across fields (both coordinates or neither, an end time after the
start time) are `pair_problem` and `end_problem`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import available_timezones

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l

from matcher.domain.enums import TargetType

MAX_YEARS_AHEAD = 2
MAX_ORGANIZATIONS = 50
MAX_ORGANIZATION_LENGTH = 200  # the length of an organization's name in the directory
LANGUAGES = ("en", "es")
_YES = {"yes", "y", "true", "1", "on", "si", "sí"}
_NO = {"no", "n", "false", "0", "off", ""}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_REF = re.compile(r"^[\w.:/#-]+$")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")


class RuleError(ValueError):
    """A value a rule refuses, with the message for the person who gave it."""

    def __init__(self, message: Any) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Rule:
    """A field's rule: `check(raw)` gives the value or raises `RuleError`."""

    name: str
    check: Callable[[str | None], Any]


def length_message(max_length: int) -> Any:
    """The message of a value longer than `max_length` characters."""
    return _l("Field cannot be longer than %(max)d characters.", max=max_length)


def control_message() -> Any:
    """The message of a value holding control characters."""
    return _l("Contains control characters.")


def has_control_characters(value: Any) -> bool:
    """Whether a text holds control characters (NUL included)."""
    return isinstance(value, str) and _CONTROL.search(value) is not None


def collapse(value: Any) -> Any:
    """Every run of whitespace one space, trimmed (non-text values as they are)."""
    return " ".join(value.split()) if isinstance(value, str) else value


def _plain(text: str) -> bool:
    """No whitespace but single spaces between words (so `collapse` leaves it as it is)."""
    return "  " not in text and text[0] != " " and text[-1] != " "


def _text(name: str, max_length: int, required: Any = None) -> Rule:
    """A one-line text: required (with this message) or optional, whitespace collapsed."""

    def check(raw: str | None) -> Any:
        if raw and raw.isprintable() and len(raw) <= max_length and _plain(raw):
            return raw  # nothing to collapse, no control character: as given
        if required is not None and (not raw or not raw.strip()):
            raise RuleError(required)  # nothing, or only spaces
        data = collapse(raw)
        if required is None and (raw is None or not raw.strip()):
            return data
        if data and len(data) > max_length:
            raise RuleError(length_message(max_length))
        if has_control_characters(data):
            raise RuleError(control_message())
        return data

    return Rule(name, check)


def _long_text(name: str, max_length: int) -> Rule:
    """A multi-line text kept as written (length and control characters checked)."""

    def check(raw: str | None) -> Any:
        if raw and len(raw) > max_length:
            raise RuleError(length_message(max_length))
        if has_control_characters(raw):
            raise RuleError(control_message())
        return raw

    return Rule(name, check)


def split_organizations(value: str | list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """Organizations from a `;`-separated string (or lines, or a list), trimmed, de-duplicated."""
    if value is None:
        return ()
    if isinstance(value, list | tuple):
        parts = [str(part) for part in value]
    else:
        parts = value.split(";") if "\n" not in value else re.split(r"[;\n]", value)
    seen: dict[str, str] = {}
    for part in parts:
        name = " ".join(part.split())
        if name:
            seen.setdefault(name.casefold(), name)
    return tuple(seen.values())


def _organizations(raw: str | tuple[str, ...] | None) -> tuple[str, ...]:
    """At most MAX_ORGANIZATIONS names of at most MAX_ORGANIZATION_LENGTH characters; a list
    (the API's JSON array, here a tuple) is kept item by item, never split on ";"."""
    if isinstance(raw, tuple):
        if any(has_control_characters(item) for item in raw):
            raise RuleError(control_message())
        names = split_organizations(raw)
    else:
        names = split_organizations(_ORGANIZATIONS.check(raw))
    if len(names) > MAX_ORGANIZATIONS:
        raise RuleError(_l("Name at most %(count)d organizations.", count=MAX_ORGANIZATIONS))
    if any(len(name) > MAX_ORGANIZATION_LENGTH for name in names):
        if isinstance(raw, tuple):
            raise RuleError(
                _l(
                    "Each organization name can have at most %(length)d characters.",
                    length=MAX_ORGANIZATION_LENGTH,
                )
            )
        raise RuleError(
            _l(
                "Each organization name can have at most %(length)d characters; "
                "separate names with a semicolon.",
                length=MAX_ORGANIZATION_LENGTH,
            )
        )
    return names


def check_ref(raw: str | None) -> str | None:
    """An optional external id: letters, digits and . : / # - _ (at most 100)."""
    data = raw.strip() if isinstance(raw, str) else raw
    if raw is None or not raw.strip():
        return None
    if len(data) > 100:
        raise RuleError(length_message(100))
    if not _REF.match(data):
        raise RuleError(_l("Use letters, digits and . : / # - _ only."))
    return data


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


def _coordinate(name: str, low: float, high: float) -> Rule:
    def check(raw: str | None) -> float | None:
        if raw in (None, ""):
            return None
        try:
            number = float(str(raw).strip())
        except ValueError:
            raise RuleError(_l("Must be a number.")) from None
        if not low <= number <= high or number != number:
            raise RuleError(_l("Must be between %(low)s and %(high)s.", low=low, high=high))
        return number

    return Rule(name, check)


def pair_problem(latitude: float | None, longitude: float | None) -> Any:
    """The message when only one coordinate is given (None when both or neither)."""
    if (latitude is None) != (longitude is None):
        return _l("Give both latitude and longitude, or neither.")
    return None


def target_type_choices() -> str:
    """The target types, as listed in the message of a wrong one."""
    return ", ".join(t.value for t in TargetType)


def check_target_type(raw: str | None, *, required: bool = True) -> TargetType:
    """One of the target types of the call."""
    if required and not raw:
        raise RuleError(_l("Choose a target type."))
    try:
        return TargetType(str(raw).strip())
    except ValueError:
        raise RuleError(_l("Must be one of: %(choices)s.", choices=target_type_choices())) from None


def email_address(value: str) -> str:
    """A syntactically valid address (no DNS lookup), normalized, as `email_validator` says.

    A plain ASCII address (dot-atom local part of at most 64 characters, domain of letters,
    digits and hyphens) is valid exactly when its domain is, and normalizes to its local part
    and its domain's normalized form: `email_validator` judges that domain once (tested
    against `validate_email` on the whole address in tests/formats/test_field_rules.py)."""
    simple = _SIMPLE_ADDRESS.fullmatch(value or "")
    if simple is not None and len(simple.group(1)) <= 64:
        domain = _email_domain(simple.group(2))
        if domain is None:
            raise RuleError(_l("Not a valid email address."))
        return f"{simple.group(1)}@{domain}"
    try:
        return validate_email(value or "", check_deliverability=False).normalized
    except EmailNotValidError:
        raise RuleError(_l("Not a valid email address.")) from None


_SIMPLE_ADDRESS = re.compile(
    r"([A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)"
)


@lru_cache(maxsize=65536)
def _email_domain(domain: str) -> str | None:
    """The normalized domain of an address at `domain`, or None when no address there is
    valid."""
    try:
        return validate_email(f"a@{domain}", check_deliverability=False).domain
    except EmailNotValidError:
        return None


_EMAIL_TEXT = _text("contact_email", 254, required=_l("Give an email address we can reach you at."))


def check_contact_email(raw: str | None) -> str:
    """Required, at most 254 characters, a valid address."""
    return email_address(_EMAIL_TEXT.check(raw))


def check_language(raw: str | None) -> str:
    """`en` or `es` (default `en`)."""
    value = (raw or "en").strip().lower()
    if value not in LANGUAGES:
        raise RuleError(_l("Must be en or es."))
    return value


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


def _yes_no(name: str, default: bool) -> Rule:
    def check(raw: str | None) -> bool:
        try:
            return parse_yes_no(raw, default)
        except ValueError:
            raise RuleError(_l("Must be yes or no.")) from None

    return Rule(name, check)


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


def check_web_address(raw: Any) -> str | None:
    """The full http(s) address of a web page; empty is none."""
    text = raw.strip() if isinstance(raw, str) else ""
    if not text:
        return None
    parts = urlsplit(text)
    host = parts.hostname or ""
    if parts.scheme.lower() not in ("http", "https") or "." not in host or " " in text:
        raise RuleError(_l("Give the full address of the page, starting with https://"))
    return text


def _event_url(raw: str | None) -> str | None:
    data = raw.strip() if isinstance(raw, str) else raw
    if data and len(data) > 500:
        raise RuleError(length_message(500))
    if has_control_characters(data):
        raise RuleError(control_message())
    return check_web_address(data)


def _described(raw: str | None) -> str:
    return (_DESCRIPTION.check(raw) or "").strip()


_ORGANIZATIONS = _long_text("organizations", 5000)
_DESCRIPTION = _long_text("description", 5000)
# The rules in the order of the fields (the order of their messages).
RULES: tuple[Rule, ...] = (
    Rule("ref", check_ref),
    _text("title", 200, required=_l("Give your action a title.")),
    Rule("date", parse_day),  # the window is checked per row: it depends on the path
    _text("location", 300, required=_l("Say where the action happens (city and state).")),
    _coordinate("latitude", -90, 90),
    _coordinate("longitude", -180, 180),
    Rule("target_type", check_target_type),
    _text("target", 200),
    Rule("organizations", _organizations),
    _text("contact_name", 200, required=_l("Give a contact name.")),
    Rule("contact_email", check_contact_email),
    _text("contact_phone", 40),
    Rule("language", check_language),
    _yes_no("intro_region", False),
    _yes_no("intro_target", False),
    _yes_no("public", True),
    Rule("description", _described),
    _text("venue", 300),
    _yes_no("address_public", False),
    Rule("start_time", check_time_of_day),
    Rule("end_time", check_time_of_day),
    Rule("timezone", check_timezone),
    _text("meeting_point", 300),
    Rule("event_url", _event_url),
    _yes_no("accepts_messages", False),
)
RULE = {rule.name: rule for rule in RULES}
