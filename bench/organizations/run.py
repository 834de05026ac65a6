"""Alias resolution of organization names, measured on the seed's own list.

`PYTHONPATH=. .venv/bin/python bench/organizations/run.py`

Against the hand-written groups of tests/formats/test_organization_names.py: how many groups are
split (a spelling not joined to its organization) and how many entries merge two organizations,
for the rules + guarded rapidfuzz of matcher.formats.organization_names, and two baselines run
on the same names in the same run: the exact normalized key the service used before, and a
naive fuzzy match (rapidfuzz token_sort_ratio >= 85 on the normalized names). Then the time to
resolve one new name against indexes of growing size (median of 200 lookups).
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable

from rapidfuzz import fuzz

from matcher.formats.organization_names import NameIndex, group_names, name_keys
from matcher.operations.organizations import organization_key
from tests.formats.test_organization_names import LOOKALIKES, VARIANTS, _expected, seed_names


def _exact(names: list[str]) -> dict[str, int]:
    keys: dict[str, int] = {}
    return {name: keys.setdefault(organization_key(name), len(keys)) for name in names}


def _naive(names: list[str]) -> dict[str, int]:
    seen: list[tuple[str, int]] = []
    result: dict[str, int] = {}
    for name in names:
        key = organization_key(name)
        entry = next((e for k, e in seen if fuzz.token_sort_ratio(key, k) >= 85), None)
        if entry is None:
            entry = len({e for _, e in seen})
        seen.append((key, entry))
        result[name] = entry
    return result


def score(method: Callable[[list[str]], dict[str, int]], names: list[str]) -> tuple[int, int]:
    """(groups split, entries merging different groups)."""
    expected, found = _expected(), method(names)
    pairs = {(expected[n], found[n]) for n in names}
    split = sum(1 for g in {g for g, _ in pairs} if len({f for x, f in pairs if x == g}) > 1)
    merged = sum(1 for f in {f for _, f in pairs} if len({g for g, y in pairs if y == f}) > 1)
    return split, merged


def lookup_times(size: int, runs: int = 200) -> float:
    """Median ms to resolve one unseen spelling against `size` known organizations."""
    rng = random.Random(size)
    places = ["Springfield", "Riverside", "Fairview", "Madison", "Georgetown", "Salem", "Clinton"]
    base = sorted(set(seed_names()))
    index = NameIndex()
    for i in range(size):
        index.add(name_keys(f"{rng.choice(base)} {rng.choice(places)} {i}"), i)
    queries = [f"{rng.choice(base)} {rng.choice(places)}" for _ in range(runs)]
    times = []
    for query in queries:
        start = time.perf_counter()
        index.find(name_keys(query))
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    names = [*seed_names(), *VARIANTS, *LOOKALIKES]
    groups = len(set(_expected().values()))
    print(f"{len(names)} names ({len(set(names))} spellings), {groups} organizations by hand")
    for label, method in (
        ("exact normalized key (before)", _exact),
        ("naive fuzzy (token_sort_ratio >= 85)", _naive),
        ("rules + guarded rapidfuzz", group_names),
    ):
        split, merged = score(method, names)
        print(f"{label}: {split} organizations split, {merged} entries merging two or more")
    for size in (150, 1_000, 10_000):
        print(f"resolve one new name against {size:>6} organizations: {lookup_times(size):.2f} ms")


if __name__ == "__main__":
    main()
