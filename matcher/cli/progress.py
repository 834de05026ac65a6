"""Progress of long commands (`matcher import`, `match`, `suggest`) on the terminal, and their
one-line summary.

A bar (rich) is drawn on standard error only when it is a terminal and `--quiet` was not
given; otherwise nothing is drawn, so logs and pipes get only the summary line. While such a
command runs, Python's cyclic garbage collector runs less often: bulk work allocates millions
of small objects that are not garbage, and counting them costs a third of a CSV's reading.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from types import TracebackType
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from rich.progress import Progress

BULK_GC_THRESHOLD = 200_000  # allocations between young-generation collections (default 700)


class Steps:
    """A context manager: `steps(step, done, total)` moves the bar of `step` (total 0: a step
    without a count); `steps.summary(text)` prints the summary with the elapsed time."""

    def __init__(self, command: str, *, quiet: bool = False) -> None:
        self.command = command
        self.started = time.perf_counter()
        self._bar: Progress | None = None
        self._tasks: dict[str, Any] = {}
        if not quiet and sys.stderr.isatty():  # rich imported only for a bar
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )

    def __enter__(self) -> Steps:
        self._thresholds = gc.get_threshold()
        gc.set_threshold(BULK_GC_THRESHOLD, *self._thresholds[1:])
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        gc.set_threshold(*self._thresholds)
        if self._bar is not None:
            self._bar.stop()

    def __call__(self, step: str, done: int = 0, total: int = 0) -> None:
        if self._bar is None:
            return
        task = self._tasks.get(step)
        if task is None:
            for previous in self._tasks.values():
                self._bar.update(previous, visible=False)
            task = self._bar.add_task(f"{self.command}: {step}", total=total or None)
            self._tasks[step] = task
        self._bar.update(task, completed=done, total=total or None)

    def elapsed(self) -> float:
        """Seconds since the command started."""
        return time.perf_counter() - self.started

    def summary(self, text: str, *, err: bool = False) -> None:
        """The one-line summary, with the time the command took."""
        click.echo(f"{self.command}: {text} in {self.elapsed():.1f} s", err=err)


def leave_now() -> None:
    """End the process here, once its output is flushed, without freeing the objects a bulk
    command built (the interpreter would free each of them: a second or two of CPU for
    `matcher suggest` at 100,000 rows). Only when the standard streams are the process's own:
    under a test's runner (streams replaced) the command returns as usual."""
    if sys.stdout is not sys.__stdout__ or sys.stderr is not sys.__stderr__:
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
