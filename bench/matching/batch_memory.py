"""Time and peak RSS of each phase of a batch (index, mutual selection, regions, suggestions).

PYTHONPATH=. nice .venv/bin/python -m bench.matching.batch_memory 1000000

Linux only: the peak (VmHWM) is reset between phases, so each figure is that phase's own peak.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from bench.matching.synth import generate
from matcher.matching import MatchIndex
from matcher.matching.reasons import build_suggestions


def _rss_gb() -> dict[str, float]:
    out = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("VmRSS", "VmHWM")):
            name, value = line.split(":")
            out[name] = int(value.split()[0]) / 1e6
    return out


def _mark(label: str, start: float) -> None:
    rss = _rss_gb()
    print(
        f"{label}: {time.perf_counter() - start:.1f} s, peak {rss['VmHWM']:.2f} GB, "
        f"now {rss['VmRSS']:.2f} GB",
        flush=True,
    )
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM


def main() -> None:
    """Runs the batch phase by phase on `n` synthetic rows and prints each phase's figures."""
    n = int(sys.argv[1])
    start = time.perf_counter()
    rows = generate(n, seed=1)
    _mark("rows", start)
    begin = start = time.perf_counter()
    index = MatchIndex(rows)
    _mark("index", start)
    start = time.perf_counter()
    pairs = index.mutual_pairs(5)
    _mark(f"mutual ({len(pairs)} pairs)", start)
    start = time.perf_counter()
    model = index.region_model()
    _mark("regions", start)
    start = time.perf_counter()
    found = build_suggestions(pairs, index.table, model, index.targets)
    _mark(f"suggestions ({len(found)})", start)
    print("batch total", round(time.perf_counter() - begin, 1), "s")


if __name__ == "__main__":
    main()
