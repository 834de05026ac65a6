"""100,000 actions through the product's own paths on PostgreSQL: `matcher import` (which ends
with the batch match), then `matcher match` again, as a coordinator runs them. Before the
set-based paths, the import failed on an IN list of 100,000 bind parameters and the match on
another one (psycopg takes at most 65,535)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from bench.paths.run import write_csv
from tests.support.databases import fresh_postgres_database

ROOT = Path(__file__).resolve().parents[2]
MATCHER = str(ROOT / ".venv" / "bin" / "matcher")
N = int(os.environ.get("MATCHER_SCALE_ROWS", "100000"))
PG = os.environ.get("TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture
def database():
    url, drop = fresh_postgres_database(PG)
    try:
        yield url
    finally:
        drop()


def _run(url: str, *args: str) -> str:
    env = {**os.environ, "DATABASE_URL": url}
    done = subprocess.run(  # noqa: S603 (our own command)
        [MATCHER, *args], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout + done.stderr


def _count(url: str, sql: str) -> int:
    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain) as conn:
        return conn.execute(sql).fetchone()[0]


def test_import_then_match_100000_actions_on_postgresql(database, tmp_path):
    csv_path = tmp_path / "actions.csv"
    write_csv(N, csv_path)
    _run(database, "db", "upgrade")
    out = _run(database, "import", "--no-notify", str(csv_path))
    assert f"created {N} actions, skipped 0 already imported" in out
    assert _count(database, "SELECT count(*) FROM actions") == N
    assert _count(database, "SELECT count(*) FROM consent_events") == 4 * N
    pairs = _count(database, "SELECT count(*) FROM suggestions WHERE status = 'pending'")
    assert pairs > N // 2
    assert _count(database, "SELECT count(*) FROM regions") > 10
    again = _run(database, "match", "--quiet")
    assert f"{pairs} suggestions (0 superseded)" in again
    assert _count(database, "SELECT count(*) FROM suggestions WHERE status = 'pending'") == pairs
    twice = _run(database, "import", "--no-notify", "--quiet", str(csv_path))
    assert f"created 0 actions, skipped {N} already imported" in twice
