"""The rules of text fields: one-line texts (whitespace collapsed), multi-line texts kept as
written, the external reference; and the messages of a text too long or holding control
characters."""

from __future__ import annotations

import re
from typing import Any

from matcher.domain.lazy_text import lazy_gettext as _l
from matcher.formats.field_rule import Rule, RuleError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_REF = re.compile(r"^[\w.:/#-]+$")


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


def text_rule(name: str, max_length: int, required: Any = None) -> Rule:
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


def long_text_rule(name: str, max_length: int) -> Rule:
    """A multi-line text kept as written (length and control characters checked)."""

    def check(raw: str | None) -> Any:
        if raw and len(raw) > max_length:
            raise RuleError(length_message(max_length))
        if has_control_characters(raw):
            raise RuleError(control_message())
        return raw

    return Rule(name, check)


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
