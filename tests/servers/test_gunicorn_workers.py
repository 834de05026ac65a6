"""The app under gunicorn with two workers, as in production: every worker gives the same
feed, the same ETag and answers If-None-Match with 304 (each renders on its own)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PATHS = ("/feeds/actions.ics", "/feeds/actions.geojson", "/api/osdi/v1/events", "/api/v1/actions")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, etag: str | None = None) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, headers={"Connection": "close"})  # noqa: S310
    if etag:
        request.add_header("If-None-Match", etag)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status, response.headers["ETag"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("ETag", ""), b""


@pytest.fixture
def gunicorn(tmp_path: Path):
    """gunicorn, two sync workers, on a migrated SQLite file with the demo data."""
    env = {
        **os.environ,
        "MATCHER_INSTANCE_PATH": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MAIL_OUTBOX_DIR": str(tmp_path / "outbox"),
    }
    matcher = Path(sys.executable).with_name("matcher")
    for command in (["db", "upgrade"], ["demo"]):
        subprocess.run(  # noqa: S603 (our own commands)
            [str(matcher), *command], cwd=ROOT, env=env, check=True, capture_output=True
        )
    port = _free_port()
    log = tmp_path / "access.log"
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    options = ["--workers", "2", "--bind", f"127.0.0.1:{port}", "--access-logfile", str(log)]
    options += ["--access-logformat", "%(p)s %(s)s %(U)s"]
    process = subprocess.Popen(  # noqa: S603 (our own server)
        [gunicorn, *options, "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            _get(base + "/api/v1/actions")
            break
        except OSError:
            time.sleep(0.2)
    try:
        yield base, log
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_every_worker_gives_the_same_etag_and_304(gunicorn) -> None:
    base, log = gunicorn
    for path in PATHS:
        answers = []
        for n in range(12):
            answers.append(_get(base + path))
            if n == 0:  # the other worker renders on a later request: a second or more apart
                time.sleep(1.1)
        assert {status for status, _, _ in answers} == {200}, path
        assert len({etag for _, etag, _ in answers}) == 1, path
        assert len({body for _, _, body in answers}) == 1, path
        etag = answers[0][1]
        assert {_get(base + path, etag)[0] for _ in range(12)} == {304}, path
    workers = {line.split()[0] for line in log.read_text().splitlines() if line.strip()}
    assert len(workers) == 2, "both workers must have answered"
