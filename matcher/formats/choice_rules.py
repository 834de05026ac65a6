"""The rules of fields with a few choices: the target type, the language (LANGUAGES), and the
yes/no fields with their defaults."""

from __future__ import annotations

from typing import Any

from matcher.domain.enums import TargetType
from matcher.domain.lazy_text import lazy_gettext as _l
from matcher.formats.field_rule import Rule, RuleError

LANGUAGES = ("en", "es")
_YES = {"yes", "y", "true", "1", "on", "si", "sí"}
_NO = {"no", "n", "false", "0", "off", ""}


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


def yes_no_rule(name: str, default: bool) -> Rule:
    def check(raw: str | None) -> bool:
        try:
            return parse_yes_no(raw, default)
        except ValueError:
            raise RuleError(_l("Must be yes or no.")) from None

    return Rule(name, check)
