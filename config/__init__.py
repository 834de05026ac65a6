"""Configuration classes for the matcher app.

`DefaultConfig` holds typed defaults that work with no network (SQLite under `instance/`,
mail written to `instance/outbox/`, offline geocoding, jobs in-process). Secrets and URLs come
from the environment (`from_environment`). `MATCHER_CONFIG` picks the class: `default`,
`testing` or `production`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, get_type_hints

from config.default import DefaultConfig
from config.production import ProductionConfig
from config.testing import TestingConfig

CLASSES: dict[str, type[DefaultConfig]] = {
    "default": DefaultConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}

_TRUE = {"1", "true", "yes", "on"}


def _cast(value: str, kind: Any) -> Any:
    """Turn an environment string into the type a setting is declared with."""
    if kind is bool:
        return value.strip().lower() in _TRUE
    if kind is int:
        return int(value)
    if kind is float:
        return float(value)
    if kind == tuple[str, ...]:
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return value


def from_environment(cls: type[DefaultConfig], environ: Mapping[str, str]) -> dict[str, Any]:
    """Settings of `cls`, each overridden by an environment variable of the same name."""
    settings: dict[str, Any] = {}
    for name, kind in get_type_hints(cls).items():
        if not name.isupper():
            continue
        settings[name] = getattr(cls, name)
        if name in environ:
            settings[name] = _cast(environ[name], kind)
    return settings


def load(name: str | None = None, environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Settings for the named class (default: `MATCHER_CONFIG` or `default`)."""
    environ = os.environ if environ is None else environ
    name = name or environ.get("MATCHER_CONFIG", "default")
    try:
        cls = CLASSES[name]
    except KeyError:
        raise ValueError(
            f"MATCHER_CONFIG must be one of {', '.join(CLASSES)}, not {name!r}"
        ) from None
    return from_environment(cls, environ)
