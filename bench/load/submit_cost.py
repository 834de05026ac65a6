"""What one submission costs in the request, one at a time: jobs in the request or on a broker.

Posts N valid submissions, one after another, through the app's test client (no HTTP server, no
concurrency) to a throw-away PostgreSQL database, twice: with the jobs (geocoding, the
verification email, written as .eml) run in the request, and with them published to Celery on
Redis (no worker: the queue is deleted afterwards). Prints the median and p95 milliseconds per
submission of each, and their ratio.

    PYTHONPATH=. .venv/bin/python -m bench.load.submit_cost [--submissions 200]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from datetime import date, timedelta

from bench.load.database import BASE_URL, throwaway_database
from bench.load.run import BROKER_URL


def measure(database_url: str, broker: str, submissions: int) -> list[float]:
    """Milliseconds of each of `submissions` sequential API submissions (after 5 warm-ups)."""
    from alembic import command

    from matcher import create_app
    from matcher.migrations import alembic_config

    queue = f"matcher-submit-cost-{uuid.uuid4().hex[:8]}"
    app = create_app(
        {
            "DATABASE_URL": database_url,
            "MAIL_SERVER": "",
            "MAIL_OUTBOX_DIR": tempfile.mkdtemp(prefix="matcher-submit-cost-"),
            "SUBMIT_RATE_LIMIT": "1000000 per hour",
            "SUBMIT_ADDRESS_RATE_LIMIT": "1000000 per hour",
            "CELERY_BROKER_URL": broker,
            "CELERY_QUEUE": queue,
        }
    )
    with app.app_context():
        command.upgrade(alembic_config(), "head")
    client = app.test_client()
    day = (date.today() + timedelta(days=30)).isoformat()
    times = []
    try:
        for number in range(submissions + 5):
            fields = {
                "title": f"Cost vigil {number}",
                "date": day,
                "location": "San Diego, CA",
                "target_type": "detention_center",
                "target": "Otay Mesa Detention Center",
                "organizations": ["Cost Test Coalition"],
                "contact_name": "Cost Tester",
                "contact_email": f"cost.{number}@example.org",
                "language": "en",
                "public": "yes",
                "intro_region": "yes",
                "intro_target": "no",
            }
            started = time.perf_counter()
            response = client.post("/api/v1/actions", json=fields)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 202:
                raise SystemExit(f"submission {number}: {response.status_code} {response.data!r}")
            if number >= 5:
                times.append(elapsed)
    finally:
        if broker:
            import redis

            redis.Redis.from_url(broker).delete(queue)
        app.extensions["matcher.engine"].dispose()
    return times


def main() -> None:
    """Measure both ways, print the medians and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--database-url", default=BASE_URL)
    args = parser.parse_args()
    medians = {}
    for label, broker in (("jobs in the request", ""), ("jobs on Celery (Redis)", BROKER_URL)):
        with throwaway_database(args.database_url) as url:
            times = measure(url, broker, args.submissions)
        medians[label] = statistics.median(times)
        p95 = statistics.quantiles(times, n=20)[-1]
        print(f"{label}: median {medians[label]:.1f} ms, p95 {p95:.1f} ms, {len(times)} in a row")
    inline, queued = medians.values()
    print(f"ratio: a submission costs {queued / inline:.2f} of its in-request time on Celery")


if __name__ == "__main__":
    main()
