"""The query sets of the offline geocoding benchmarks (``run.py``, ``speed.py``,
``answers.py``): one-letter typos of sizeable places with their state, every real-world string
of dev, dev2 and eval, and a realistic import drawn from them with repetition."""

from __future__ import annotations

import csv
import random
import string
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from matcher.geocoding import get_gazetteer  # noqa: E402

__all__ = ["SEED", "TYPO_SAMPLES", "import_stream", "real_queries", "typo_samples"]

SEED = 20261129
TYPO_SAMPLES = 1500


def _typo(rng: random.Random, name: str) -> str:
    letters = [i for i, ch in enumerate(name) if ch.isalpha()]
    i = rng.choice(letters)
    op = rng.choice("isdt")
    lower = string.ascii_lowercase
    if op == "i":
        return name[:i] + rng.choice(lower) + name[i:]
    if op == "d":
        return name[:i] + name[i + 1 :]
    if op == "s":
        return name[:i] + rng.choice([c for c in lower if c != name[i].lower()]) + name[i + 1 :]
    if i + 1 < len(name) and name[i + 1] != name[i]:
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    return name[:i] + rng.choice(lower) + name[i:]


def typo_samples(n: int = TYPO_SAMPLES) -> list[tuple[int, str]]:
    """(row, "Typo, ST") for random places of 20,000+ people, one random edit each."""
    data = get_gazetteer().data
    rows = sorted(r for r in range(len(data.names)) if data.pop[r] >= 20_000)
    rng = random.Random(SEED)
    picked = [rng.choice(rows) for _ in range(n)]
    return [(r, f"{_typo(rng, data.names[r])}, {data.states[r]}") for r in picked]


def real_queries() -> list[str]:
    """Every location string of the real-world sets (dev, dev2, eval), in file order."""
    out = []
    for name in ("dev", "dev2", "eval"):
        path = HERE / "real" / f"{name}.csv"
        if path.exists():
            out += [row["query"] for row in csv.DictReader(path.open(encoding="utf-8"))]
    return out


def import_stream(n: int = 20_000) -> list[str]:
    """A realistic import: real strings drawn with repetition (a few places very often,
    Zipf-like, as in a national spreadsheet), in a fixed random order."""
    rng = random.Random(SEED)
    pool = real_queries()
    weights = [1 / (rank + 1) for rank in range(len(pool))]
    return rng.choices(pool, weights=weights, k=n)
