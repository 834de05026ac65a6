"""Rate limits kept in Redis hold across processes, as gunicorn's workers are; kept in each
process's memory (the default), every worker would count on its own.

Each "worker" here is a separate Python process that builds the app with the given
`RATELIMIT_STORAGE_URI` and posts to the submission API from the same client address.
"""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.support.helpers import REDIS_URL, require_redis

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 3
EMAIL = "ana.limits@example.org"
WORKER = """
import json, sys
from matcher import create_app
app = create_app({
    "TESTING": True,
    "DATABASE_URL": "sqlite://",
    "RATELIMIT_STORAGE_URI": sys.argv[1],
    "RATELIMIT_KEY_PREFIX": sys.argv[2],
    "SUBMIT_RATE_LIMIT": sys.argv[3],
})
client = app.test_client()
posts, body = range(int(sys.argv[4])), {"contact_email": sys.argv[5]}
codes = [client.post("/api/v1/actions", json=body).status_code for _ in posts]
print(json.dumps(codes))
"""


def worker_posts(storage: str, prefix: str, posts: int) -> list[int]:
    """Status codes of `posts` submissions (invalid ones: 422 unless limited) from a new process,
    all from 127.0.0.1 and with the contact address EMAIL."""
    done = subprocess.run(  # noqa: S603 (this interpreter, fixed script)
        [sys.executable, "-c", WORKER, storage, prefix, f"{LIMIT} per hour", str(posts), EMAIL],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def prefix():
    """A key prefix of this test's own; its Redis keys are deleted afterwards."""
    import redis

    require_redis()
    name = f"matcher-test-limits-{uuid.uuid4().hex}"
    yield name
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(match=f"*{name}*", count=500):
        client.delete(key)


def test_a_limit_in_redis_is_shared_by_every_worker(prefix):
    import redis

    assert worker_posts(REDIS_URL, prefix, 2) == [422, 422]
    assert worker_posts(REDIS_URL, prefix, 2) == [422, 429]
    assert worker_posts(REDIS_URL, prefix, 1) == [429]
    keys = [key.decode() for key in redis.Redis.from_url(REDIS_URL).scan_iter(match=f"*{prefix}*")]
    assert any("submit:" in key for key in keys) and any("127.0.0.1" in key for key in keys)
    assert not [key for key in keys if "example.org" in key or "@" in key]  # addresses hashed


def test_a_limit_in_memory_counts_per_worker(prefix):
    assert worker_posts("memory://", prefix, 2) == [422, 422]
    assert worker_posts("memory://", prefix, 2) == [422, 422]
