"""The rules of the coordinates: each a number in range, both given or neither
(`pair_problem`)."""

from __future__ import annotations

from typing import Any

from matcher.domain.lazy_text import lazy_gettext as _l
from matcher.formats.field_rule import Rule, RuleError


def coordinate_rule(name: str, low: float, high: float) -> Rule:
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
