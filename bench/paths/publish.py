"""Publish-to-suggestions latency on an existing database, optionally with a statement trace.

    PYTHONPATH=. .venv/bin/python -m bench.paths.publish \\
        --url postgresql+psycopg://postgres@127.0.0.1:5432/bench_paths_100000 --count 20
    PYTHONPATH=. .venv/bin/python -m bench.paths.publish --url ... --count 3 --trace

One action is built, published and committed, then the incremental job (`match_action`) is
timed in process, `count` + 1 times in a row: the first builds the index the job keeps between
runs (`MATCH_INDEX_CACHE`), the next ones catch up with the database and match. With `--trace`,
every SQL statement of each timed job is printed to stderr with its time (a SQLAlchemy
`before_cursor_execute` / `after_cursor_execute` listener). Prints one JSON object: first,
median and p95 milliseconds (wall clock), the median CPU milliseconds of this process per job
(less sensitive to the machine's load; PostgreSQL's own CPU is not in it), statements per job,
machine load.

The actions it publishes stay in the database (each run adds `count` + 1).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from typing import Any


def _load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


class Trace:
    """Statements run on an engine, with their times, while `on`."""

    def __init__(self, engine: Any) -> None:
        from sqlalchemy import event

        self.on = False
        self.statements: list[tuple[float, str]] = []
        self._start = 0.0
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, *_args: Any) -> None:
        self._start = time.perf_counter()

    def _after(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if self.on:
            self.statements.append((time.perf_counter() - self._start, statement))

    def take(self) -> list[tuple[float, str]]:
        """The statements since the last take."""
        taken, self.statements = self.statements, []
        return taken


def run(url: str, count: int, *, trace: bool = False, base: float = 39.74) -> dict:
    """Publish `count` + 1 actions one by one and time each one's job (milliseconds)."""
    from matcher import create_app
    from matcher.extensions import db
    from matcher.formats.action_fields import validate_action
    from matcher.operations.matching import match_action
    from matcher.operations.submissions import build_action, publish

    app = create_app({"DATABASE_URL": url, "MATCH_INDEX_CACHE": True})
    times: list[float] = []
    cpus: list[float] = []  # this process's CPU time of each job (the database's is not in it)
    statements: list[int] = []
    stored = 0
    load = _load()
    with app.app_context():
        tracer = Trace(db.engine)
        tag = f"{time.time():.0f}"
        for k in range(count + 1):
            data, errors = validate_action(
                {
                    "title": f"New vigil {tag}-{k}",
                    "date": "2027-10-12",
                    "location": "Denver, CO",
                    "latitude": base + k / 1000,
                    "longitude": -104.99,
                    "target_type": "federal_agency",
                    "target": "ICE Denver Field Office",
                    "contact_name": "N",
                    "contact_email": f"new{tag}-{k}@example.org",
                    "intro_region": "yes",
                    "intro_target": "yes",
                }
            )
            if errors:
                raise ValueError(errors)
            action = build_action(data, source="api", geocode=False)
            publish(action, match=False)
            db.commit()
            tracer.take()
            tracer.on = True
            start, cpu = time.perf_counter(), time.process_time()
            stored = match_action(action.id)
            times.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
            tracer.on = False
            taken = tracer.take()
            statements.append(len(taken))
            if trace and k > 0:
                total = sum(t for t, _ in taken)
                print(
                    f"-- job {k}: {times[-1] * 1000:.1f} ms, {len(taken)} statements, "
                    f"{total * 1000:.1f} ms in the database",
                    file=sys.stderr,
                )
                for seconds, sql in taken:
                    print(
                        f"{seconds * 1000:8.2f} ms  {' '.join(sql.split())[:160]}", file=sys.stderr
                    )
    first = times.pop(0)  # the first builds the index the next ones keep
    times.sort()
    cpus.pop(0)
    return {
        "first_ms": round(first * 1000, 1),
        "median_ms": round(statistics.median(times) * 1000, 1),
        "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))] * 1000, 1),
        "n": len(times),
        "cpu_median_ms": round(statistics.median(cpus) * 1000, 1),
        "statements": statistics.median(statements[1:]) if len(statements) > 1 else None,
        "last_stored": stored,
        "load": load,
        "load_after": _load(),
    }


def main() -> None:
    """Parse the options, run, print the JSON summary."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True, help="database URL (an existing database of N)")
    parser.add_argument("--count", type=int, default=20, help="published actions timed")
    parser.add_argument("--trace", action="store_true", help="print each job's statements")
    args = parser.parse_args()
    print(json.dumps(run(args.url, args.count, trace=args.trace)), flush=True)


if __name__ == "__main__":
    main()
