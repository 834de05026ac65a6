"""The rule of the organizations field: names separated by ";" (or lines, or a JSON list),
trimmed, de-duplicated, at most MAX_ORGANIZATIONS of at most MAX_ORGANIZATION_LENGTH
characters."""

from __future__ import annotations

import re

from matcher.domain.lazy_text import lazy_gettext as _l
from matcher.formats.field_rule import RuleError
from matcher.formats.text_rules import control_message, has_control_characters, long_text_rule

MAX_ORGANIZATIONS = 50
MAX_ORGANIZATION_LENGTH = 200  # the length of an organization's name in the directory
_ORGANIZATIONS = long_text_rule("organizations", 5000)


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


def check_organizations(raw: str | tuple[str, ...] | None) -> tuple[str, ...]:
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
