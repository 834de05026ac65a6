"""Benchmark: can the response time of POST /verify/resend tell a held address from another?

Builds the app on a throw-away SQLite file with one pending action (`known@example.org`), then
times R requests for the known address and R for unknown ones, interleaved in random order,
through the WSGI test client (the response is closed after the timer stops, as a server does
after sending it). Reports medians, p90, and the accuracy of the best threshold an attacker could
pick on these very samples (0.5: the two cannot be told apart; 1.0: always told apart), and the
median of any request by the kind of the one before it (work a request leaves behind in the
process delays the next one).

Modes: `inprocess` (no broker: jobs run in this process) and `celery` (jobs handed to Redis at
CELERY_BROKER_URL; no worker runs, the queue is emptied afterwards).

    PYTHONPATH=. .venv/bin/python bench/resend/run.py [--runs 200] [--mode inprocess|celery]

Run it from another checkout (e.g. the commit before the fix) to measure "before".
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from alembic import command

from matcher import create_app
from matcher.extensions import db
from matcher.migrations import alembic_config

KNOWN = "known@example.org"
BROKER = "redis://127.0.0.1:6379/14"


def best_threshold_accuracy(known: list[float], unknown: list[float]) -> float:
    """The share of samples one threshold on the time classifies right, at its best ("slower
    than T means known", or "faster than T means known")."""
    samples = sorted([(t, True) for t in known] + [(t, False) for t in unknown])
    total, best = len(samples), 0.5
    known_below = unknown_below = 0
    for _time, is_known in samples:
        known_below += is_known
        unknown_below += not is_known
        slower_is_known = unknown_below + len(known) - known_below
        faster_is_known = known_below + len(unknown) - unknown_below
        best = max(best, slower_is_known / total, faster_is_known / total)
    return best


def _app(directory: Path, mode: str):  # type: ignore[no-untyped-def]
    os.environ["MATCHER_INSTANCE_PATH"] = str(directory / "instance")
    settings = {
        "TESTING": True,
        "DATABASE_URL": f"sqlite:///{directory / 'bench.sqlite3'}",
        "MAIL_OUTBOX_DIR": str(directory / "outbox"),
        "RESEND_RATE_LIMIT": "1000000 per hour",
        "SUBMIT_RATE_LIMIT": "1000000 per hour",
    }
    if mode == "celery":
        settings["CELERY_BROKER_URL"] = BROKER
    return create_app(settings)


def _submit(client) -> None:  # type: ignore[no-untyped-def]
    response = client.post(
        "/submit",
        data={
            "title": "Vigil",
            "date": "2099-10-10",
            "location": "San Diego, CA",
            "target_type": "detention_center",
            "contact_name": "Known Person",
            "contact_email": KNOWN,
            "language": "en",
            "public": "y",
        },
    )
    response.close()
    assert response.status_code == 302, response.status_code


def measure(runs: int, mode: str) -> dict[str, object]:
    """Timings (ms) of resend requests for the known and unknown addresses."""
    with tempfile.TemporaryDirectory() as tmp:
        app = _app(Path(tmp), mode)
        with app.app_context():
            command.upgrade(alembic_config(), "head")
            client = app.test_client()
            _submit(client)
            order = ["known"] * runs + ["unknown"] * runs
            random.Random(17).shuffle(order)
            times: dict[str, list[float]] = {"known": [], "unknown": []}
            after: dict[str, list[float]] = {"known": [], "unknown": []}  # by previous kind
            previous = None
            for warmup in range(10):
                client.post("/verify/resend", data={"email": f"w{warmup}@example.org"}).close()
            for kind in order:
                address = KNOWN if kind == "known" else "nobody@example.org"
                start = time.perf_counter()
                response = client.post("/verify/resend", data={"email": address})
                elapsed = (time.perf_counter() - start) * 1000
                response.close()  # after the answer: what runs "after the response" runs now
                assert response.status_code == 200
                times[kind].append(elapsed)
                if previous is not None:
                    after[previous].append(elapsed)
                previous = kind
            db.session.remove()
        app.extensions["matcher.engine"].dispose()
    if mode == "celery":
        import redis

        redis.Redis.from_url(BROKER).flushdb()
    known, unknown = times["known"], times["unknown"]
    return {
        "mode": mode,
        "runs": runs,
        "known_median_ms": round(statistics.median(known), 2),
        "unknown_median_ms": round(statistics.median(unknown), 2),
        "known_p90_ms": round(statistics.quantiles(known, n=10)[-1], 2),
        "unknown_p90_ms": round(statistics.quantiles(unknown, n=10)[-1], 2),
        "ratio_of_medians": round(statistics.median(known) / statistics.median(unknown), 3),
        "best_threshold_accuracy": round(best_threshold_accuracy(known, unknown), 3),
        # Any request, by the kind of the request before it (work left behind by that one).
        "after_known_median_ms": round(statistics.median(after["known"]), 2),
        "after_unknown_median_ms": round(statistics.median(after["unknown"]), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--mode", choices=("inprocess", "celery"), default="inprocess")
    args = parser.parse_args()
    print(json.dumps(measure(args.runs, args.mode)))


if __name__ == "__main__":
    main()
