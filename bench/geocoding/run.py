"""Benchmarks of the offline geocoder (not tests): accuracy, typo robustness, speed, cold
start and memory. Run ``python -m bench.geocoding.run`` (or ``python bench/geocoding/run.py``)
from the repository root; ``--write`` also rewrites ``bench/geocoding/RESULTS.md``.

The parts are beside it: the query sets in ``query_sets.py``, the accuracy scorers in
``accuracy.py``, speed, cold start and memory in ``timing.py``, the Markdown in ``report.py``
(this module still exports their names for ``speed.py`` and ``answers.py``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from accuracy import accuracy, km, random_places, typo_robustness  # noqa: E402
from query_sets import (  # noqa: E402
    SEED,
    TYPO_SAMPLES,
    import_stream,
    real_queries,
    typo_samples,
)
from report import real_world_lines, report  # noqa: E402
from timing import REPEATS, cold_start, peak_memory, speed  # noqa: E402

__all__ = [
    "REPEATS",
    "SEED",
    "TYPO_SAMPLES",
    "accuracy",
    "cold_start",
    "import_stream",
    "km",
    "peak_memory",
    "random_places",
    "real_queries",
    "real_world_lines",
    "speed",
    "typo_robustness",
    "typo_samples",
]


def main() -> None:
    """Run everything, print the figures, optionally write RESULTS.md."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="rewrite RESULTS.md")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the misses")
    args = parser.parse_args()
    acc = accuracy(args.verbose)
    typos = typo_robustness(args.verbose)
    places = random_places(args.verbose)
    rates = speed()
    cold = cold_start()
    memory = peak_memory()
    text = report(acc, typos, places, rates, cold, memory)
    print(text)
    if args.write:
        (HERE / "RESULTS.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
