"""Matcher: a Flask service that lists local actions and suggests introductions between them.

`create_app` is imported lazily, so the pure libraries (`matcher.geocoding`,
`matcher.matching`) and their commands start without loading Flask.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from matcher.app import create_app

        return create_app
    raise AttributeError(name)
