"""Benchmark: the coordinators' review queue with 100,000 pending suggestions in PostgreSQL.

Creates a throw-away database, fills it with N actions and M pending suggestions, then times
whole requests to /coordinate/suggestions (admin; a coordinator scoped to one state; filters;
a deep page by cursor) and reports the median and 95th percentile of R runs each.

    .venv/bin/python bench/review/run.py [--suggestions 100000] [--actions 20000] [--runs 30]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import uuid
from datetime import date, timedelta

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from matcher import create_app
from matcher.extensions import db
from matcher.models import Action, Coordinator, Suggestion
from matcher.security.auth import hash_password

STATES = [
    "CA",
    "TX",
    "NY",
    "FL",
    "IL",
    "PA",
    "OH",
    "GA",
    "NC",
    "MI",
    "NJ",
    "VA",
    "WA",
    "AZ",
    "MA",
    "TN",
    "IN",
    "MO",
    "MD",
    "WI",
    "CO",
    "MN",
    "SC",
    "AL",
    "LA",
    "KY",
    "OR",
    "OK",
]
BASE_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def fill(n_actions: int, n_suggestions: int) -> None:
    """Bulk-insert actions and pending suggestions (core inserts, no ORM overhead)."""
    rng = random.Random(7)
    today = date.today()
    actions = [
        {
            "slug": uuid.uuid4().hex[:12],
            "title": f"Action {i}",
            "description": "",
            "date": today + timedelta(days=rng.randint(1, 60)),
            "location_text": "x",
            "address_public": False,
            "state": rng.choice(STATES),
            "place": f"Town {i % 900}",
            "latitude": 30 + rng.random() * 15,
            "longitude": -120 + rng.random() * 45,
            "needs_location": False,
            "target_type": "detention_center",
            "target": "",
            "contact_name": "n",
            "contact_email": f"a{i}@example.org",
            "language": "en",
            "listed_publicly": True,
            "intro_region": True,
            "intro_target": True,
            "status": "published",
        }
        for i in range(n_actions)
    ]
    db.session.execute(insert(Action), actions)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < n_suggestions:
        a, b = sorted(rng.sample(range(1, n_actions + 1), 2))
        pairs.add((a, b))
    rows = [
        {
            "action_a_id": a,
            "action_b_id": b,
            "kinds": rng.choice(["region", "target", "region,target"]),
            "score": round(rng.random(), 6),
            "reasons": ["same region: Town"],
            "features": {"distance_km": rng.random() * 100},
            "status": "pending",
        }
        for a, b in sorted(pairs)
    ]
    for start in range(0, len(rows), 10_000):
        db.session.execute(insert(Suggestion), rows[start : start + 10_000])
    pw = hash_password("benchmark password")
    db.session.add_all(
        [
            Coordinator(
                email="admin@example.org", role="admin", password_hash=pw, session_version="x"
            ),
            Coordinator(
                email="or@example.org",
                role="coordinator",
                states="OR",
                password_hash=pw,
                session_version="y",
            ),
        ]
    )
    db.session.commit()
    db.session.execute(text("ANALYZE"))
    db.session.commit()


def timed(client, path: str, runs: int) -> tuple[float, float]:
    """Median and p95 in ms of GET path."""
    client.get(path)  # warm
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def main() -> None:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--suggestions", type=int, default=100_000)
    parser.add_argument("--actions", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    name = f"matcher_bench_{uuid.uuid4().hex[:8]}"
    admin_engine = create_engine(BASE_URL, isolation_level="AUTOCOMMIT")
    with admin_engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(BASE_URL).set(database=name).render_as_string(hide_password=False)
    try:
        app = create_app({"TESTING": True, "DATABASE_URL": url})
        with app.app_context():
            from alembic import command

            from matcher.migrations import alembic_config

            command.upgrade(alembic_config(), "head")
            started = time.perf_counter()
            fill(args.actions, args.suggestions)
            print(
                f"filled {args.actions} actions, {args.suggestions} suggestions in "
                f"{time.perf_counter() - started:.1f} s"
            )
        cases = [
            ("admin", "admin@example.org", "/coordinate/suggestions"),
            ("admin, state filter", "admin@example.org", "/coordinate/suggestions?state=CA"),
            ("admin, kind filter", "admin@example.org", "/coordinate/suggestions?kind=target"),
            ("admin, deep page", "admin@example.org", "/coordinate/suggestions?after=0.05:1"),
            ("coordinator scoped to OR", "or@example.org", "/coordinate/suggestions"),
        ]
        print(f"| case | median ms | p95 ms | ({args.runs} runs each) |\n|---|---|---|---|")
        for label, email, path in cases:
            client = app.test_client()
            client.post(
                "/coordinate/login", data={"email": email, "password": "benchmark password"}
            )
            median, p95 = timed(client, path, args.runs)
            print(f"| {label} | {median:.1f} | {p95:.1f} | |")
        with app.app_context():
            db.session.remove()
            app.extensions["matcher.engine"].dispose()
    finally:
        with admin_engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
