"""Field rules of an action's event details as WTForms validators: time of day, time zone,
event link (the rules themselves are in `time_rules` and `address_rules`).

Used by `matcher.formats.action_fields.ActionFields` and the web forms; each leaves the parsed
value on the field as `field.value` (None when left empty).
"""

from __future__ import annotations

from typing import Any

from wtforms import Form, ValidationError

from matcher.formats.address_rules import check_web_address
from matcher.formats.field_rule import RuleError
from matcher.formats.time_rules import check_time_of_day, check_timezone, end_problem


def time_of_day(_form: Form, field: Any) -> None:
    """HH:MM (24-hour; seconds allowed, as some spreadsheets add them); empty is no time."""
    field.value = None
    try:
        field.value = check_time_of_day(field.data)
    except RuleError as exc:
        raise ValidationError(exc.message) from None


def end_after_start(form: Form, field: Any) -> None:
    """An end time needs a start time and comes after it, the same day."""
    if form.start_time.errors:
        return
    problem = end_problem(getattr(form.start_time, "value", None), getattr(field, "value", None))
    if problem is not None:
        raise ValidationError(problem)


def iana_timezone(_form: Form, field: Any) -> None:
    """An IANA time zone name such as America/Chicago; empty means: from the place."""
    try:
        field.value = check_timezone(field.data)
    except RuleError as exc:
        raise ValidationError(exc.message) from None


def web_address(_form: Form, field: Any) -> None:
    """The full http(s) address of a web page."""
    field.value = None
    try:
        field.value = check_web_address(field.data)
    except RuleError as exc:
        raise ValidationError(exc.message) from None
