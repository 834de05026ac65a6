"""Times `suggest(rows, top_k=5)` on synthetic rows, to compare two checkouts in one hour.

PYTHONPATH=. .venv/bin/python -m bench.matching.batch_time 100000 [label]
Another checkout's engine with this script: PYTHONPATH=/work/main .venv/bin/python
bench/matching/batch_time.py 100000 main (its `bench` and `matcher` packages are imported).
"""

from __future__ import annotations

import sys
import time

from bench.matching.synth import generate
from matcher.matching import suggest


def main() -> None:
    """Two timed runs after a small warm-up; prints the label, pairs and seconds (wall, then
    the process's CPU: on a shared machine the CPU seconds move less with the load)."""
    n = int(sys.argv[1])
    label = sys.argv[2] if len(sys.argv) > 2 else "run"
    rows = generate(n, seed=1)
    suggest(rows[:500])
    times, cpu = [], []
    for _ in range(2):
        start, start_cpu = time.perf_counter(), time.process_time()
        found = suggest(rows, top_k=5)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    print(label, len(found), [round(t, 2) for t in times], "cpu", [round(t, 2) for t in cpu])


if __name__ == "__main__":
    main()
