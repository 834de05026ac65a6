"""A throw-away PostgreSQL database holding the demo data plus N synthetic published actions."""

from __future__ import annotations

import random
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, create_engine, func, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

BASE_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
STATES = ["CA", "TX", "NY", "FL", "IL", "PA", "OH", "GA", "NC", "MI", "NJ", "VA", "WA", "AZ"]
TARGET_TYPES = ["detention_center", "corporate_profiteer", "local_government", "federal_agency"]


@contextmanager
def throwaway_database(base_url: str = BASE_URL) -> Iterator[str]:
    """Create a database next to `base_url`'s; drop it (even when in use) on the way out."""
    name = f"matcher_load_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def synthetic_actions(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """N published, listed, upcoming actions scattered over the country (rows for a core insert)."""
    rng = random.Random(seed)
    today = date.today()
    rows = []
    for i in range(n):
        lat, lon = 30 + rng.random() * 15, -120 + rng.random() * 45
        rows.append(
            {
                "slug": uuid.uuid4().hex[:12],
                "title": f"Synthetic action {i}",
                "description": "A vigil outside the facility, with speakers and music.",
                "date": today + timedelta(days=rng.randint(1, 60)),
                "location_text": f"Town {i % 900}",
                "address_public": False,
                "latitude": lat,
                "longitude": lon,
                "public_latitude": round(lat, 2),
                "public_longitude": round(lon, 2),
                "precision": "city",
                "geocode_source": "provided",
                "state": rng.choice(STATES),
                "place": f"Town {i % 900}",
                "needs_location": False,
                "target_type": rng.choice(TARGET_TYPES),
                "target": f"Facility {i % 300}",
                "contact_name": "Synthetic organizer",
                "contact_email": f"synthetic.{i}@example.org",
                "language": "en",
                "listed_publicly": True,
                "intro_region": True,
                "intro_target": True,
                "status": "published",
            }
        )
    return rows


@lru_cache(maxsize=4)
def _engine(url: str) -> Engine:
    return create_engine(url, poolclass=NullPool)  # no pool: the database is dropped at the end


def backlog(url: str) -> int:
    """Work that submissions left for the jobs: unsent emails plus actions not yet placed."""
    with _engine(url).connect() as conn:
        return int(
            conn.scalar(
                text(
                    "SELECT (SELECT count(*) FROM outbound_emails"
                    "        WHERE status IN ('queued', 'sending'))"
                    "     + (SELECT count(*) FROM actions WHERE latitude IS NULL"
                    "        AND NOT needs_location AND status IN ('pending', 'published'))"
                )
            )
            or 0
        )


def fill(n_synthetic: int, config: dict[str, Any]) -> dict[str, int]:
    """Migrate, load the demo data, insert the synthetic actions, match; counts of what is there."""
    from alembic import command

    from matcher import create_app
    from matcher.extensions import db
    from matcher.migrations import alembic_config
    from matcher.models import Action, Region
    from matcher.operations.imports import load_demo
    from matcher.operations.matching import run_match

    app = create_app(config)
    with app.app_context():
        command.upgrade(alembic_config(), "head")
        load_demo()
        db.commit()
        if n_synthetic:
            db.session.execute(insert(Action), synthetic_actions(n_synthetic))
            db.commit()
        run_match()
        db.commit()
        db.session.execute(text("ANALYZE"))
        db.commit()
        counts = {
            "actions": db.session.scalar(select(func.count(Action.id))) or 0,
            "regions": db.session.scalar(select(func.count(Region.id))) or 0,
        }
        db.session.remove()
        app.extensions["matcher.engine"].dispose()
    return counts


@contextmanager
def churn(config: dict[str, Any], every: float) -> Iterator[list[int]]:
    """Edit a published action's title through an app made with `config` (the server's
    database and cache settings) every `every` seconds, in a thread, while the block runs: a
    public change each time, which every worker must show (its cache renders the pages again).
    Yields a one-item list counting the edits."""
    from matcher import create_app
    from matcher.extensions import db
    from matcher.models import Action, ActionStatus

    edits, stop = [0], threading.Event()

    def edit() -> None:
        app = create_app(config)
        rng = random.Random(11)
        with app.app_context():
            ids = list(
                db.session.scalars(select(Action.id).where(Action.status == ActionStatus.published))
            )
            while not stop.wait(every):
                action = db.session.get(Action, rng.choice(ids))
                if action is not None:
                    action.title = f"Edited action {edits[0]}"
                    db.commit()
                    edits[0] += 1
            db.session.remove()
            app.extensions["matcher.engine"].dispose()

    thread = threading.Thread(target=edit, name="churn", daemon=True)
    thread.start()
    try:
        yield edits
    finally:
        stop.set()
        thread.join(timeout=30)
