"""Accuracy of the offline geocoder on the assembled cases (``cases.csv``), one-letter typos
of sizeable places, and random GeoNames places written in everyday formats (for ``run.py``)."""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from query_sets import SEED, typo_samples  # noqa: E402

from matcher.geocoding import get_gazetteer  # noqa: E402
from matcher.geocoding.distance import distance_km  # noqa: E402

__all__ = ["accuracy", "km", "random_places", "typo_robustness"]


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km."""
    return distance_km(*a, *b)


def accuracy(verbose: bool) -> dict[str, object]:
    """Share of cases.csv answered right: within tolerance_km, the right precision, junk -> None."""
    geocoder = get_gazetteer()
    rows = list(csv.DictReader((HERE / "cases.csv").open(encoding="utf-8")))
    right = 0
    failures = []
    by_kind: dict[str, list[int]] = {}
    for row in rows:
        location = geocoder.geocode(row["query"])
        if row["precision"] == "none":
            ok = location is None
        elif location is None:
            ok = False
        elif row["precision"] == "state":
            ok = location.raw["state"] == row["state"]
        else:
            distance = km(
                (location.latitude, location.longitude),
                (float(row["latitude"]), float(row["longitude"])),
            )
            ok = distance <= float(row["tolerance_km"]) and (
                location.raw["precision"] == row["precision"]
            )
        right += ok
        by_kind.setdefault(row["kind"], []).append(ok)
        if not ok:
            got = (
                None
                if location is None
                else (location.address, location.raw["precision"], location.raw["match"])
            )
            failures.append((row["query"], row["expected"], got))
    if verbose:
        for failure in failures:
            print("  miss:", failure)
    states = {r["state"] for r in rows if r["state"]}
    return {
        "cases": len(rows),
        "right": right,
        "share": right / len(rows),
        "states": len(states),
        "failures": failures,
        "by_kind": {k: (sum(v), len(v)) for k, v in sorted(by_kind.items())},
    }


def typo_robustness(verbose: bool) -> dict[str, object]:
    """Share of one-letter typos (state given) that still find the intended place."""
    geocoder = get_gazetteer()
    data = geocoder.data
    samples = typo_samples()
    wrong = []
    for row, query in samples:
        location = geocoder.geocode(query)
        target = (float(data.lat[row]), float(data.lon[row]))
        if location is None or (
            location.address != data.display(row)
            and km((location.latitude, location.longitude), target) > 15
        ):
            wrong.append((query, data.display(row), location and location.address))
    if verbose:
        for miss in wrong[:40]:
            print("  typo miss:", miss)
    return {
        "samples": len(samples),
        "right": len(samples) - len(wrong),
        "share": 1 - len(wrong) / len(samples),
    }


def random_places(verbose: bool, n: int = 2000) -> dict[str, object]:
    """Random GeoNames places (500+ people) written in random everyday formats.

    Right when the answer is the place (or within 15 km of it). A place sharing its name with
    a larger one in the same state is counted separately: the gazetteer rightly prefers the
    larger, so those are ambiguous inputs, not errors.
    """
    geocoder = get_gazetteer()
    data = geocoder.data
    rng = random.Random(SEED + 1)
    rows = sorted(r for r in range(len(data.names)) if data.pop[r] >= 500)
    formats = [
        lambda n, s, full, ap: f"{n}, {s}",
        lambda n, s, full, ap: f"{n} {s}",
        lambda n, s, full, ap: f"{n}, {full}",
        lambda n, s, full, ap: f"{n.upper()}, {ap}",
        lambda n, s, full, ap: f"{n.lower()} {s.lower()}",
        lambda n, s, full, ap: f"{n}, {full}, USA",
    ]
    right = ambiguous = 0
    misses = []
    for row in (rng.choice(rows) for _ in range(n)):
        name, state = data.names[row], data.states[row]
        full = data.state_table[state].name
        ap = next((k for k, v in data.state_by_name.items() if v == state and "." in k), state)
        query = rng.choice(formats)(name, state, full, ap if ap != state else full)
        location = geocoder.geocode(query)
        target = (float(data.lat[row]), float(data.lon[row]))
        if location is not None and (
            location.address == data.display(row)
            or km((location.latitude, location.longitude), target) <= 15
        ):
            right += 1
        elif (
            location is not None
            and location.raw.get("state") == state
            and any(
                data.pop[r] > data.pop[row] and data.states[r] == state
                for r in data.by_key.get(location.raw.get("place", "").split(",")[0].lower(), [])
            )
        ):
            ambiguous += 1
        else:
            misses.append((query, data.display(row), location and location.address))
    if verbose:
        for miss in misses[:40]:
            print("  random-place miss:", miss)
    return {
        "samples": n,
        "right": right,
        "ambiguous": ambiguous,
        "share": right / n,
        "share_unambiguous": right / max(1, n - ambiguous),
        "misses": len(misses),
    }
