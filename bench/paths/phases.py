"""A `matcher` command run in process with a line on standard error at each step it reports.

    DATABASE_URL=... PYTHONPATH=. nice .venv/bin/python -m bench.paths.phases import F.csv

Each line: seconds since start, the command and its step, CPU seconds, the process's current
and peak RSS (GB). The steps are the progress bar's (`matcher.cli.progress.Steps`), logged once
each time the step changes, so a long import shows where its time and memory go (read,
validate, insert, ..., match, write) without a terminal.
"""

from __future__ import annotations

import sys
import time

from matcher.cli import main as matcher_main
from matcher.cli import progress

START = time.perf_counter()


def _status() -> str:
    fields = {}
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) / 1024 / 1024
    return f"rss {fields.get('VmRSS', 0):.2f} GB peak {fields.get('VmHWM', 0):.2f} GB"


def _log(text: str) -> None:
    cpu = time.process_time()
    print(
        f"[{time.perf_counter() - START:8.1f} s] cpu {cpu:7.1f} s {_status()} {text}",
        file=sys.stderr,
        flush=True,
    )


class LoggedSteps(progress.Steps):
    """Steps that log each new step (the bar itself is off: `quiet`)."""

    def __init__(self, command: str, *, quiet: bool = False) -> None:
        super().__init__(command, quiet=True)
        self._last = ""

    def __call__(self, step: str, done: int = 0, total: int = 0) -> None:
        if step != self._last:
            self._last = step
            _log(f"{self.command}: {step} (total {total})")

    def __exit__(self, *exc: object) -> None:
        _log(f"{self.command}: done")
        super().__exit__(*exc)  # type: ignore[arg-type]


def main() -> None:
    """Run `matcher ARGS...` with the logged steps."""
    progress.Steps = LoggedSteps  # type: ignore[misc]
    _log("start")
    try:
        matcher_main(sys.argv[1:], prog_name="matcher")
    finally:
        _log("end")


if __name__ == "__main__":
    main()
