"""Wall and CPU seconds of each phase of a batch, the mutual phase split in ranking and the
fill with its swaps: where the batch's time goes, in CPU seconds that move less with the load.

PYTHONPATH=. nice -n 5 .venv/bin/python -m bench.matching.phase_cpu 100000

Phases: the index (table and candidate trees), the mutual selection (the ranking threads,
then per kind the fill and the swaps: `MatchIndex._filled`), the region model and the
suggestions (`build_suggestions`, with the distinct-reason helpers timed again after it).
"""

from __future__ import annotations

import sys
import time

import numpy as np

from bench.matching.synth import generate
from matcher.matching import MatchIndex, reasons
from matcher.matching import index as index_module


class _Clock:
    """Wall and CPU seconds since it was made (or last read)."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self, label: str) -> None:
        """Prints the seconds since the last lap, and the load."""
        wall, cpu = time.perf_counter(), time.process_time()
        with open("/proc/loadavg") as handle:
            load = handle.read().split()[0]
        print(f"{label}: wall {wall - self.wall:.2f} s, cpu {cpu - self.cpu:.2f} s, load {load}")
        self.wall, self.cpu = wall, cpu


def main() -> None:
    """Runs the batch on `n` synthetic rows (seed 1) phase by phase and prints each one."""
    n = int(sys.argv[1])
    rows = generate(n, seed=1)
    clock = _Clock()
    index = MatchIndex(rows)
    clock.lap("index")
    spent = [0.0, 0.0]
    filled = index_module.MatchIndex._filled

    def timed_fill(self: MatchIndex, *args: object) -> object:
        start, start_cpu = time.perf_counter(), time.process_time()
        try:
            return filled(self, *args)
        finally:
            spent[0] += time.perf_counter() - start
            spent[1] += time.process_time() - start_cpu

    index_module.MatchIndex._filled = timed_fill  # type: ignore[method-assign]
    pairs = index.mutual_pairs(5)
    clock.lap(f"mutual ({len(pairs)} pairs)")
    print(f"  of which the fill and swaps: wall {spent[0]:.2f} s, cpu {spent[1]:.2f} s")
    model = index.region_model()
    clock.lap("regions")
    found = reasons.build_suggestions(pairs, index.table, model, index.targets)
    clock.lap(f"suggestions ({len(found)})")
    del found
    table = index.table
    ranks = reasons._id_ranks(table, np.unique(np.r_[pairs.i, pairs.j]))
    swap = ranks[pairs.j] < ranks[pairs.i]
    first, second = np.where(swap, pairs.j, pairs.i), np.where(swap, pairs.i, pairs.j)
    shares = table.shared_org_counts(first, second) > 0
    clock = _Clock()
    ties = reasons._ties(reasons._Memo(table, index.targets), pairs, first, second)[2]
    clock.lap(f"  again, the target ties ({len(ties)} distinct)")
    found = reasons._coalitions(reasons._Memo(table, index.targets), first, second, shares)[1]
    clock.lap(f"  again, the shared organizations ({len(found)} distinct)")


if __name__ == "__main__":
    main()
