"""National-scale tests: opt-in (`make test-scale`, which sets MATCHER_SCALE=1), never part of
`make test`: each imports and matches 100,000 actions on PostgreSQL (minutes)."""

from __future__ import annotations

import os

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Skip these tests unless MATCHER_SCALE=1."""
    if os.environ.get("MATCHER_SCALE") == "1":
        return
    skip = pytest.mark.skip(reason="national scale: run with make test-scale")
    for item in items:
        if "tests/scale/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(skip)
