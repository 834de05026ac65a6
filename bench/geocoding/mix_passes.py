"""Reads the realistic mix (every real-world string of dev, dev2 and eval) ``PASSES`` times,
the memo emptied before each pass, after one warm-up pass; prints nothing. For counting the
instructions of a pass, which the machine's load does not change (run from a tree's root)::

    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \\
        .venv/bin/python bench/geocoding/mix_passes.py 0
    valgrind ... mix_passes.py 3

and (I refs of 3 passes - I refs of 0) / 3 is one pass. The tree read is the working
directory's (``PYTHONPATH=.``); its ``bench/geocoding`` gives the strings (``query_sets.py``,
or ``run.py`` in a tree from before its split). ``mix_passes.py N exact`` reads the 5,000
exact names ('City, ST') of ``timing.py`` instead.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

TREE = Path.cwd()
# the tree's own bench/geocoding in place of this script's folder (which may be another tree's)
sys.path[:1] = [str(TREE / "bench" / "geocoding"), str(TREE)]

try:
    from query_sets import SEED, real_queries
except ImportError:  # a tree from before run.py's split
    from run import SEED, real_queries

from matcher.geocoding import get_gazetteer  # noqa: E402


def exact_names() -> list[str]:
    """The 5,000 exact names of ``timing.speed`` ('City, ST', places of 1,000 people or more)."""
    data = get_gazetteer().data
    rows = [r for r in range(len(data.names)) if data.pop[r] >= 1000]
    return [data.display(r) for r in random.Random(SEED).sample(rows, 5000)]


def main() -> None:
    """Warm up on the set once, then read it ``argv[1]`` times (memo emptied each time)."""
    passes = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    gazetteer = get_gazetteer()
    queries = exact_names() if sys.argv[2:] == ["exact"] else real_queries()
    for query in queries:
        gazetteer.geocode(query)
    for _ in range(passes):
        gazetteer.reader.read.cache_clear()
        for query in queries:
            gazetteer.geocode(query)


if __name__ == "__main__":
    main()
