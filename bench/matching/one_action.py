"""Wall and CPU time of one new action against the index (`MatchIndex.suggest_for`).

The same data and split as `run --no-batch` (seed 1; the last 300 rows are the new actions),
plus CPU time per query (`time.process_time`), which a loaded machine inflates less than wall
time. The region model is fitted before the first query.

PYTHONPATH=. nice .venv/bin/python -m bench.matching.one_action 100000
"""

from __future__ import annotations

import os
import statistics
import sys
import time

import numpy as np

from bench.matching.synth import generate


def measure(n: int, new: int = 300) -> dict:
    """Medians and 95th percentiles (ms) of `suggest_for` for the last `new` of n rows."""
    from matcher.matching import MatchIndex

    rows = generate(n, seed=1)
    index = MatchIndex(rows[: n - new])
    index.region_model()
    wall, cpu = [], []
    for row in rows[n - new :]:
        started, started_cpu = time.perf_counter(), time.process_time()
        index.suggest_for(row, top_k=5)
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
    return {
        "wall_median": statistics.median(wall),
        "wall_p95": float(np.percentile(wall, 95)),
        "cpu_median": statistics.median(cpu),
        "cpu_p95": float(np.percentile(cpu, 95)),
        "load": os.getloadavg()[0],
    }


if __name__ == "__main__":
    print({k: round(v, 2) for k, v in measure(int(sys.argv[1])).items()})
