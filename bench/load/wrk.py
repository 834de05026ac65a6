"""Run wrk against one endpoint and read the JSON line its Lua script prints."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
GET_SCRIPT = HERE / "get.lua"
SUBMIT_SCRIPT = HERE / "submit.lua"


@dataclass(frozen=True)
class Result:
    """One wrk run."""

    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    errors: int
    non_2xx: int

    @property
    def rps(self) -> float:
        """Requests per second."""
        return self.requests / self.seconds if self.seconds else 0.0


def wrk_path() -> str:
    """The wrk binary (Debian package `wrk`)."""
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    return found


def run(
    url: str,
    seconds: int,
    connections: int,
    *,
    threads: int = 2,
    script: Path = GET_SCRIPT,
    args: tuple[str, ...] = (),
    headers: tuple[str, ...] = (),
) -> Result:
    """`wrk -t threads -c connections -d seconds` with `script` and extra `headers`; results."""
    command = [
        wrk_path(),
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "5s",
        "-s",
        str(script),
        *(option for header in headers for option in ("-H", header)),
        url,
    ]
    if args:
        command += ["--", *args]
    done = subprocess.run(  # noqa: S603 (wrk, fixed arguments, loopback URL)
        command, capture_output=True, text=True, timeout=seconds + 60, check=True
    )
    line = [row for row in done.stdout.splitlines() if row.startswith("{")][-1]
    data = json.loads(line)
    return Result(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        max_ms=data["max_us"] / 1000,
        errors=data["errors"],
        non_2xx=data["non_2xx_3xx"],
    )
