"""Times `suggest(rows, top_k=5)` on synthetic rows, to compare two checkouts in one hour.

PYTHONPATH=. .venv/bin/python -m bench.matching.batch_time 100000 [label]
"""

from __future__ import annotations

import sys
import time

from bench.matching.synth import generate
from matcher.matching import suggest


def main() -> None:
    """Two timed runs after a small warm-up; prints the label, pairs and seconds."""
    n = int(sys.argv[1])
    label = sys.argv[2] if len(sys.argv) > 2 else "run"
    rows = generate(n, seed=1)
    suggest(rows[:500])
    times = []
    for _ in range(2):
        start = time.perf_counter()
        found = suggest(rows, top_k=5)
        times.append(time.perf_counter() - start)
    print(label, len(found), [round(t, 2) for t in times])


if __name__ == "__main__":
    main()
