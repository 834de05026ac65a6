"""Load benchmark: gunicorn on PostgreSQL under wrk, loopback only, bounded in time.

Creates a throw-away PostgreSQL database (demo data plus N synthetic published actions, matched),
starts gunicorn on `bench.load.app:app` (the production app plus the `/bench/bare` baseline) on
a free 127.0.0.1 port, and drives each endpoint with wrk at C connections for S seconds, R
rounds (endpoints interleaved within a round, after a short warm-up). Reports per endpoint the
median requests per second, the median p99 latency and the median ratio to the bare endpoint's
throughput in the same round. gunicorn is stopped and the database dropped at the end, also on
failure.

Settings of the server: the default configuration with CSRF on; `SUBMIT_RATE_LIMIT` raised to
1,000,000 per hour (every submission comes from 127.0.0.1); mail written as .eml files to a
temporary directory; the public cache in memory, in Redis, or off (`--cache`).

    PYTHONPATH=. .venv/bin/python -m bench.load.run [--quick] [--servers 4x2,2x4]
        [--cache memory,redis,off] [--jobs inline,celery] [--churn 5] [--actions 2000]
        [--seconds 20] [--rounds 3]

Reads send `Accept-Encoding: gzip`, as browsers do; the GeoJSON feed is also measured without.
With `--jobs celery` a `matcher worker` (`--celery-concurrency`, default 2) on Redis takes the
geocoding and the emails out of the submission request; after each submission run the benchmark
waits until that backlog is done and reports the end-to-end rate as well. `--churn N` edits a
published action every N seconds during the run (through the app, in a thread), so every
worker's cache must render its pages again at each TTL check.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import secrets
import statistics
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from bench.load import wrk
from bench.load.database import BASE_URL, backlog, churn, fill, throwaway_database
from bench.load.server import celery_worker, gunicorn, loadavg

REDIS_URL = "redis://127.0.0.1:6379/14"
BROKER_URL = "redis://127.0.0.1:6379/13"
BARE = "bare endpoint"
SUBMIT = "POST /api/v1/actions"
GZIP = ("Accept-Encoding: gzip",)
TARGET_RATIO, TARGET_P99_MS = 0.5, 100.0


@dataclass(frozen=True)
class Case:
    """One measured endpoint: a label, the path, the wrk script, its arguments, extra headers."""

    label: str
    path: str
    script: Path = wrk.GET_SCRIPT
    args: tuple[str, ...] = ()
    headers: tuple[str, ...] = GZIP

    def run(self, base: str, seconds: int, connections: int) -> wrk.Result:
        """Drive the endpoint with wrk."""
        return wrk.run(
            base + self.path,
            seconds,
            connections,
            script=self.script,
            args=self.args,
            headers=self.headers,
        )


def endpoints(day: str) -> list[Case]:
    """The measured endpoints; reads ask for gzip, as browsers and the map's fetch do."""
    return [
        Case(BARE, "/bench/bare"),
        Case("GET / (list page)", "/"),
        Case("GET /api/v1/actions", "/api/v1/actions"),
        Case("GET /feeds/actions.geojson", "/feeds/actions.geojson"),
        Case("GET /feeds/actions.geojson, no gzip", "/feeds/actions.geojson", headers=()),
        Case(SUBMIT, "/api/v1/actions", wrk.SUBMIT_SCRIPT, (day,), headers=()),
    ]


def server_env(tmp: Path, database_url: str, cache: str, jobs: str) -> dict[str, str]:
    """The environment of gunicorn (and of the process that fills the database)."""
    env = dict(os.environ)
    env.update(
        {
            "MATCHER_CONFIG": "default",
            "MATCHER_INSTANCE_PATH": str(tmp / "instance"),
            "DATABASE_URL": database_url,
            "SECRET_KEY": secrets.token_urlsafe(32),
            "BASE_URL": "http://127.0.0.1",
            "MAIL_SERVER": "",
            "MAIL_OUTBOX_DIR": str(tmp / "outbox"),
            "CELERY_BROKER_URL": BROKER_URL if jobs == "celery" else "",
            "CELERY_QUEUE": f"matcher-load-{tmp.name}",
            "WTF_CSRF_ENABLED": "true",
            "RATELIMIT_STORAGE_URI": "memory://",
            "SUBMIT_RATE_LIMIT": "1000000 per hour",
            "PUBLIC_CACHE_URL": REDIS_URL if cache == "redis" else "",
            "PUBLIC_CACHE_TTL": "0" if cache == "off" else "30",
            "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        }
    )
    return env


def measure(
    base: str,
    seconds: int,
    rounds: int,
    connections: int,
    say: Callable[[str], None],
    drained: Callable[[], float] = lambda: 0.0,
) -> dict[str, list[wrk.Result]]:
    """Warm every endpoint up, then `rounds` interleaved rounds; the results per endpoint.

    After each submission run, `drained()` waits for the background jobs the submissions left
    (Celery) and returns how long that took; it is reported beside the submission figures.
    """
    day = (date.today() + timedelta(days=30)).isoformat()
    cases = endpoints(day)
    for case in cases:
        warm = case.run(base, 2, connections)
        if warm.errors or warm.non_2xx:
            say(f"  warm-up {case.label}: errors {warm.errors}, non-2xx {warm.non_2xx}")
        drained()
        settle(base)
    sizes = ", ".join(
        f"{case.path} {body_size(base + case.path, case.headers):,} B"
        for case in cases
        if case.script == wrk.GET_SCRIPT
    )
    say(f"  response sizes: {sizes}")
    results: dict[str, list[wrk.Result]] = {case.label: [] for case in cases}
    for number in range(1, rounds + 1):
        for case in cases:
            result = case.run(base, seconds, connections)
            say(
                f"  round {number} {case.label}: {result.rps:,.0f} req/s,"
                f" p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms,"
                f" errors {result.errors}, non-2xx {result.non_2xx}"
            )
            if case.label == SUBMIT and (waited := drained()):
                say(
                    f"  round {number} jobs of those {result.requests:,} submissions done"
                    f" {waited:.1f} s after the last one: end to end"
                    f" {result.requests / (result.seconds + waited):,.0f} submissions/s"
                )
            settle(base)
            results[case.label].append(result)
    return results


def body_size(url: str, headers: tuple[str, ...] = ()) -> int:
    """Bytes of the body of one GET, as sent (compressed when `headers` ask for gzip)."""
    fields = dict(header.split(": ", 1) for header in headers)
    request = urllib.request.Request(url, headers=fields)  # noqa: S310 (loopback)
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
        return len(response.read())


def wait_for_jobs(url: str, timeout: float = 900.0) -> float:
    """Seconds until no email is unsent and no action unplaced (the Celery backlog is done)."""
    started = time.perf_counter()
    while backlog(url) and time.perf_counter() - started < timeout:
        time.sleep(0.5)
    return time.perf_counter() - started


def settle(base: str, quick_ms: float = 20.0, timeout: float = 120.0) -> None:
    """Wait until the server has drained what wrk left queued (bare answers fast 3 times)."""
    deadline, fast = time.monotonic() + timeout, 0
    while fast < 3 and time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            body_size(base + "/bench/bare")
        except OSError:  # still busy: a timeout
            fast = 0
            continue
        fast = fast + 1 if (time.perf_counter() - started) * 1000 < quick_ms else 0
        time.sleep(0.05)


def table(results: dict[str, list[wrk.Result]]) -> str:
    """A Markdown table: medians over rounds; ratio to the bare endpoint of the same round."""
    bare = results[BARE]
    lines = [
        "| endpoint | req/s (median) | p99 ms (median) | ratio to bare (median) | errors |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, runs in results.items():
        ratios = [run.rps / base.rps for run, base in zip(runs, bare, strict=True) if base.rps]
        failed = sum(run.errors + run.non_2xx for run in runs)
        lines.append(
            f"| {label} | {statistics.median(r.rps for r in runs):,.0f} "
            f"| {statistics.median(r.p99_ms for r in runs):.1f} "
            f"| {statistics.median(ratios):.2f} | {failed} |"
        )
    return "\n".join(lines)


def log_summary(path: Path) -> str:
    """How many tracebacks gunicorn logged, and the last of them."""
    lines = path.read_text().splitlines() if path.exists() else []
    errors = sum(line.startswith("Traceback") for line in lines)
    last = [line for line in lines if line and not line.startswith(" ")][-3:]
    return f"\ngunicorn log: {errors} tracebacks" + ("; last:\n" + "\n".join(last) if last else "")


def main() -> None:
    """Parse the options, run every server and cache configuration, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=2000, help="synthetic published actions")
    parser.add_argument("--seconds", type=int, default=20, help="per endpoint and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--servers", default="4x1", help="WORKERSxTHREADS, comma-separated")
    parser.add_argument("--cache", default="memory", help="memory, redis, off; comma-separated")
    parser.add_argument(
        "--jobs", default="inline", help="inline (in the request) or celery; comma-separated"
    )
    parser.add_argument("--celery-concurrency", type=int, default=2)
    parser.add_argument(
        "--churn", type=float, default=0, help="edit a published action every N seconds (0: off)"
    )
    parser.add_argument("--database-url", default=BASE_URL)
    parser.add_argument("--quick", action="store_true", help="5 s per endpoint, one round")
    args = parser.parse_args()
    if args.quick:
        args.seconds, args.rounds = 5, 1
    wrk.wrk_path()
    servers = [tuple(int(n) for n in spec.split("x")) for spec in args.servers.split(",")]
    caches = [cache.strip() for cache in args.cache.split(",")]
    job_modes = [mode.strip() for mode in args.jobs.split(",")]

    def say(line: str) -> None:
        print(line, flush=True)

    with tempfile.TemporaryDirectory(prefix="matcher-load-") as tmp_name:
        tmp = Path(tmp_name)
        with throwaway_database(args.database_url) as url:
            started = time.perf_counter()
            os.environ.update(server_env(tmp, url, "memory", "inline"))
            counts = fill(args.actions, {"DATABASE_URL": url})
            say(
                f"database: {counts['actions']} actions, {counts['regions']} regions "
                f"({time.perf_counter() - started:.1f} s)"
            )
            for (workers, threads), cache, jobs in itertools.product(servers, caches, job_modes):
                say(
                    f"\n## gunicorn --workers {workers} --threads {threads}, cache {cache}, "
                    f"jobs {jobs}, {args.connections} connections, {args.seconds} s x "
                    f"{args.rounds} rounds (load average before: {loadavg()})"
                )
                env = server_env(tmp, url, cache, jobs)
                with contextlib.ExitStack() as stack:
                    drained: Callable[[], float] = lambda: 0.0  # noqa: E731
                    if jobs == "celery":
                        stack.enter_context(
                            celery_worker(env, args.celery_concurrency, tmp / "celery.log")
                        )
                        drained = lambda: wait_for_jobs(url)  # noqa: E731
                    base = stack.enter_context(
                        gunicorn(env, workers, threads, tmp / "gunicorn.log")
                    )
                    edits = None
                    if args.churn:
                        settings = {
                            "DATABASE_URL": url,
                            "PUBLIC_CACHE_URL": env["PUBLIC_CACHE_URL"],
                            "PUBLIC_CACHE_TTL": int(env["PUBLIC_CACHE_TTL"]),
                        }
                        edits = stack.enter_context(churn(settings, args.churn))
                    results = measure(
                        base, args.seconds, args.rounds, args.connections, say, drained
                    )
                if edits is not None:
                    say(f"  public edits during the run: {edits[0]} (one every {args.churn} s)")
                say(f"(load average after: {loadavg()})\n")
                say(table(results))
            say(log_summary(tmp / "gunicorn.log"))


if __name__ == "__main__":
    main()
