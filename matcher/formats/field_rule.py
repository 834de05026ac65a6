"""`Rule` (a field's rule: a name and its check) and `RuleError` (a value a rule refuses, with
its message), the types of every rule module (`text_rules`, `time_rules`, ...)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


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
