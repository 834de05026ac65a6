"""Wall and CPU time of one new action against the index (`MatchIndex.suggest_for`).

The same data and split as `run --no-batch` (seed 1; the last 300 rows are the new actions),
plus CPU time per query (`time.process_time`), which a loaded machine inflates less than wall
time. The region model is fitted before the first query, and the stored actions' lists are
ranked and kept (`MatchIndex.prepare`, where the engine has it; `lazy` as a second argument:
not, each is ranked the first time a query needs it). Also prints the time that took, the
kept lists' memory and the process's peak RSS.

PYTHONPATH=. nice .venv/bin/python -m bench.matching.one_action 100000 [lazy]
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import time

import numpy as np

from bench.matching.synth import generate


def measure(n: int, new: int = 300, prepare: bool = True) -> dict:
    """Medians and 95th percentiles (ms) of `suggest_for` for the last `new` of n rows."""
    from matcher.matching import MatchIndex

    rows = generate(n, seed=1)
    begun = time.perf_counter()
    index = MatchIndex(rows[: n - new])
    index.region_model()
    built = time.perf_counter()
    if prepare and hasattr(index, "prepare"):
        index.prepare(5)
    prepared = time.perf_counter()
    wall, cpu = [], []
    for row in rows[n - new :]:
        started, started_cpu = time.perf_counter(), time.process_time()
        index.suggest_for(row, top_k=5)
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
    kept = index.kept_bytes() if hasattr(index, "kept_bytes") else 0
    return {
        "wall_median": statistics.median(wall),
        "wall_p95": float(np.percentile(wall, 95)),
        "cpu_median": statistics.median(cpu),
        "cpu_p95": float(np.percentile(cpu, 95)),
        "build_s": built - begun,
        "prepare_s": prepared - built,
        "kept_mb": kept / 2**20,
        "peak_rss_gb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20,
        "load": os.getloadavg()[0],
    }


if __name__ == "__main__":
    lazy = len(sys.argv) > 2 and sys.argv[2] == "lazy"
    print({k: round(v, 2) for k, v in measure(int(sys.argv[1]), prepare=not lazy).items()})
