"""Start and stop gunicorn serving the benchmark's app on a free loopback port, and a Celery
worker for the jobs."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_ready(url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer {url} within {timeout:.0f} s")


@contextmanager
def gunicorn(env: dict[str, str], workers: int, threads: int, log_path: Path) -> Iterator[str]:
    """Serve `bench.load.app:app`; yield its base URL; stop it (TERM, then KILL) on the way out."""
    port = free_port()
    command = [
        str(GUNICORN),
        "bench.load.app:app",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--worker-class",
        "gthread" if threads > 1 else "sync",
        "--log-level",
        "warning",
    ]
    base = f"http://127.0.0.1:{port}"
    with _running(command, env, log_path) as process:
        _wait_ready(base + "/bench/bare", process, timeout=90)
        yield base


@contextmanager
def celery_worker(env: dict[str, str], concurrency: int, log_path: Path) -> Iterator[None]:
    """`matcher worker` on the environment's broker and queue, stopped on the way out."""
    command = [
        sys.executable,
        "-c",
        "from matcher.cli import main; main()",
        "worker",
        f"--concurrency={concurrency}",
        "--loglevel=warning",
    ]
    with _running(command, env, log_path) as process:
        time.sleep(3)  # connected to the broker; tasks queued before that wait for it anyway
        if process.poll() is not None:
            raise RuntimeError(f"the worker exited with status {process.returncode}")
        yield


@contextmanager
def _running(
    command: list[str], env: dict[str, str], log_path: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """Run `command` from the project root, output to `log_path`; TERM, then KILL, at the end."""
    with log_path.open("ab") as log:
        process = subprocess.Popen(  # noqa: S603 (our own programs, fixed arguments)
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def loadavg() -> str:
    """The 1, 5 and 15 minute load averages."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())
