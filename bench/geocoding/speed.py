"""Lookups per second of the offline geocoder in the tree of the working directory, for
comparing two trees in the same minutes (a noisy shared machine): run it from the root of
each tree in turn, e.g. ``cd /work/main && PYTHONPATH=. .venv/bin/python
/path/to/bench/geocoding/speed.py``.

The query sets are ``run.py``'s (its exact names, its typo'd names with the state, every
real-world string of dev, dev2 and eval); each repeat empties the memo first, so every query
is really read, and is timed in CPU time of the process. Prints the best and the median of
``N`` repeats (environment variable, default 7), the load average and the package read.

The address parser keeps its own cache of the texts it parsed (``parse_address``, 16,384
texts); by default it is kept, as in the figures before 2026-12-01 late. With
``ADDRESSES=cold`` it is emptied before each repeat too, so that every address of the mix
is parsed again by usaddress (77 texts of the mix, ~10% of its time).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

TREE = Path.cwd()
sys.path.insert(0, str(TREE))
sys.path.insert(0, str(TREE / "bench" / "geocoding"))

import run  # noqa: E402  (the tree's own bench/geocoding/run.py)

import matcher  # noqa: E402
from matcher.geocoding import get_gazetteer  # noqa: E402
from matcher.geocoding.addresses import parse_address  # noqa: E402

COLD_ADDRESSES = os.environ.get("ADDRESSES") == "cold"


def rate(queries: list[str], repeats: int) -> tuple[float, float]:
    """(best, median) lookups per second over ``repeats`` runs, memo emptied before each."""
    gazetteer = get_gazetteer()
    rates = []
    for _ in range(repeats):
        gazetteer.reader.read.cache_clear()
        if COLD_ADDRESSES:
            parse_address.cache_clear()
        start = time.process_time()
        for query in queries:
            gazetteer.geocode(query)
        rates.append(len(queries) / (time.process_time() - start))
    return max(rates), statistics.median(rates)


def main() -> None:
    """Warm up on every set, then time each."""
    data = get_gazetteer().data
    rng = random.Random(run.SEED)
    rows = [r for r in range(len(data.names)) if data.pop[r] >= 1000]
    sets = {
        "exact": [data.display(r) for r in rng.sample(rows, 5000)],
        "fuzzy": [query for _, query in run.typo_samples(2000)],
        "mix": run.real_queries(),
    }
    for queries in sets.values():
        for query in queries:
            get_gazetteer().geocode(query)
    repeats = int(os.environ.get("N", "7"))
    figures = []
    for name, queries in sets.items():
        best, median = rate(queries, repeats)
        figures.append(f"{name} best {best:,.0f} med {median:,.0f}")
    load = os.getloadavg()[0]
    package = Path(matcher.__file__).parent.parent
    addresses = " | addresses cold" if COLD_ADDRESSES else ""
    print(" | ".join(figures), f"| load {load:.2f} | {package}{addresses}")


if __name__ == "__main__":
    main()
