"""`matcher geocode` on a realistic stream of strings: cold start and throughput.

    PYTHONPATH=. .venv/bin/python -m bench.paths.geocode --lines 300000

The stream: the real-world strings of bench/geocoding/real (event pages and news, English and
Spanish), the assembled cases of bench/geocoding/cases.csv and the "City, ST" places of the
synthetic actions, drawn with repetition by a Zipf-like law (a spreadsheet names the same
places again and again: the distinct strings are the first 1,000-odd). Throughput is lines
per second of the whole command (cold start included); cold start is the time of
`matcher geocode "Denver, CO"` (median of 5).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess  # the commands timed are our own, with fixed arguments
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
MATCHER = str(ROOT / ".venv" / "bin" / "matcher")


def pool() -> list[str]:
    """The distinct strings, most frequent first (real ones, then cases, then places)."""
    from bench.matching.synth import METROS

    strings: list[str] = []
    for name in ("dev.csv", "dev2.csv", "eval.csv"):
        with (ROOT / "bench/geocoding/real" / name).open(encoding="utf-8") as handle:
            strings += [row["query"] for row in csv.DictReader(handle)]
    with (ROOT / "bench/geocoding/cases.csv").open(encoding="utf-8") as handle:
        strings += [row["query"] for row in csv.DictReader(handle)]
    places = [f"{name}, {state}" for name, state, *_ in METROS]
    seen = dict.fromkeys(s.replace("\n", " ").strip() for s in places + strings)
    return [s for s in seen if s]


def main() -> None:
    """Write the stream, time the command, print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    strings = pool()
    rng = np.random.default_rng(1)
    weights = 1.0 / np.arange(1, len(strings) + 1)
    picks = rng.choice(len(strings), size=args.lines, p=weights / weights.sum())
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write("\n".join(strings[i] for i in picks) + "\n")
        stream = f.name
    cold = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run(  # noqa: S603 (our own commands)
            [MATCHER, "geocode", "Denver, CO"], check=True, capture_output=True
        )
        cold.append(time.perf_counter() - start)
    runs = []
    for _ in range(args.repeat):
        with open(stream, encoding="utf-8") as source:
            start = time.perf_counter()
            subprocess.run(  # noqa: S603 (our own commands)
                [MATCHER, "geocode"], stdin=source, stdout=subprocess.DEVNULL, check=True
            )
            runs.append(time.perf_counter() - start)
    os.unlink(stream)
    seconds = statistics.median(runs)
    print(
        json.dumps(
            {
                "lines": args.lines,
                "distinct": len(set(picks.tolist())),
                "pool": len(strings),
                "median_s": round(seconds, 2),
                "runs": [round(r, 2) for r in runs],
                "lines_per_s": round(args.lines / seconds),
                "cold_start_s": round(statistics.median(cold), 2),
                "cold_runs": [round(c, 2) for c in cold],
                "load": load,
            }
        )
    )


if __name__ == "__main__":
    main()
