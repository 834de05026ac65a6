"""Named jobs: the registry that maps a job's name to the function that does it.

`matcher.jobs.handlers` fills it when the app is made; `dispatch` and the Celery tasks look
jobs up here by name, so neither imports the operations a job runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

JOBS: dict[str, Callable[..., Any]] = {}


def register(name: str, function: Callable[..., Any]) -> None:
    """Make `function` the job called `name`."""
    JOBS[name] = function


def run_job(name: str, *args: Any) -> Any:
    """Run job `name` in this process and return its result (exceptions propagate)."""
    return JOBS[name](*args)
