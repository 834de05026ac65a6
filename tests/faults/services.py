"""Private PostgreSQL and Redis servers for the fault tests, each on a free port in a temporary
directory, so stopping them never disturbs the machine's shared servers."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import psycopg


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll `predicate` every 20 ms; fail naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.02)


def postgres_bindir() -> Path | None:
    """Debian's PostgreSQL binaries (newest version), or None when they are not installed."""
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name)
    )
    for candidate in reversed(candidates):
        if (Path(candidate) / "pg_ctl").exists() and (Path(candidate) / "initdb").exists():
            return Path(candidate)
    found = shutil.which("pg_ctl")
    return Path(found).parent if found and shutil.which("initdb") else None


class PrivatePostgres:
    """A throw-away PostgreSQL cluster (trust auth, no fsync) that tests may stop and start."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="matcher-faults-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"
        # PostgreSQL refuses to run as root: run it as the `postgres` account then.
        self._prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self._prefix:
            shutil.chown(self.root, "postgres")

    def _run(self, *args: str, timeout: float = 30) -> None:
        subprocess.run(  # noqa: S603 (our own fixed commands)
            [*self._prefix, *args],
            check=True,
            timeout=timeout,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def init(self) -> None:
        """Create the cluster (initdb)."""
        self._run(
            str(self.bindir / "initdb"),
            f"--pgdata={self.data}",
            "--username=postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--no-sync",
        )

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            str(self.bindir / "pg_ctl"),
            f"--pgdata={self.data}",
            f"--log={self.log}",
            f"--options={options}",
            "--wait",
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (`fast`: roll back open transactions, close every connection)."""
        self._run(str(self.bindir / "pg_ctl"), f"--pgdata={self.data}", f"--mode={mode}", "stop")

    def running(self) -> bool:
        """True when the server accepts connections."""
        try:
            psycopg.connect(self.dsn("postgres"), connect_timeout=1).close()
        except psycopg.OperationalError:
            return False
        return True

    def ensure_running(self) -> None:
        """Start the server if a test left it stopped."""
        if not self.running():
            self.start()

    def dsn(self, database: str) -> str:
        """A libpq connection string for `database`."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of `database` (psycopg 3)."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE)."""
        with psycopg.connect(self.dsn("postgres"), autocommit=True) as connection:
            connection.execute(sql)  # type: ignore[arg-type]

    def destroy(self) -> None:
        """Stop the server at once and delete its files."""
        if self.data.exists():
            with contextlib.suppress(subprocess.SubprocessError):  # already stopped
                self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


class PrivateRedis:
    """A redis-server subprocess without persistence, on a free port; stop and start again."""

    def __init__(self, binary: str) -> None:
        self.binary = binary
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="matcher-faults-redis-"))
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The redis:// URL (database 0: the server is ours alone)."""
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        """Start the server and wait until it answers PING."""
        import redis

        self.process = subprocess.Popen(  # noqa: S603 (fixed arguments)
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--dir",
                str(self.root),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

        def answers() -> bool:
            assert self.process is not None and self.process.poll() is None, "redis exited"
            client = redis.Redis(port=self.port, socket_connect_timeout=0.5)
            try:
                return bool(client.ping())
            except redis.RedisError:
                return False
            finally:
                client.close()

        wait_until(answers, 10, "the private Redis to answer")

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL) and wait for it to exit."""
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        self.process = None

    def ensure_running(self) -> None:
        """Start the server if a test left it stopped."""
        if self.process is None:
            self.start()

    def destroy(self) -> None:
        """Stop the server and delete its directory."""
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)
