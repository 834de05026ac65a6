"""Every answer of the offline geocoder on the benchmark's query sets, written out so that two
trees can be diffed: a speed change must keep them all identical.

Run from the root of a tree (it reads that tree's package, as ``speed.py`` does)::

    cd TREE && PYTHONPATH=. .venv/bin/python bench/geocoding/answers.py /tmp/answers-TREE.jsonl
    diff /tmp/answers-main.jsonl /tmp/answers-branch.jsonl   # or: answers.py --compare A B

Sets: the real-world strings (dev, dev2, eval) with every answer of ``exactly_one=False``
and ``facility()``, cases.csv, ``run.py``'s typo samples (1,500 and 2,000), random places
in random formats, 5,000 exact names and 5,000 ZIPs, bare homonyms with the hint of each of
their states, and the matcher's recognized targets of the three target sets. Each line is
``[set, query, hint, answer]``; an answer is the whole ``raw`` dict with the address.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

TREE = Path.cwd()
sys.path.insert(0, str(TREE))
sys.path.insert(0, str(TREE / "bench" / "geocoding"))

import run  # noqa: E402  (the tree's own bench/geocoding/run.py)

from matcher.geocoding import get_gazetteer  # noqa: E402

HERE = TREE / "bench" / "geocoding"


def _answer(location: Any) -> Any:
    """A location (or a list of them) as plain JSON data."""
    if location is None:
        return None
    if isinstance(location, list):
        return [_answer(one) for one in location]
    return {"address": location.address, **location.raw}


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.open(encoding="utf-8")))


def _recorded(name: str, call: Any) -> list[list[Any]]:
    """The geocode calls made by one of run.py's scorers (``call``), as answer lines."""
    gazetteer = get_gazetteer()
    lines: list[list[Any]] = []

    def geocode(query: Any, **options: Any) -> Any:
        found = type(gazetteer).geocode(gazetteer, query, **options)
        lines.append([name, query, options.get("hint"), _answer(found)])
        return found

    gazetteer.geocode = geocode  # type: ignore[method-assign]
    try:
        call(False)
    finally:
        del gazetteer.geocode
    return lines


def _homonym_queries() -> list[tuple[str, str | None]]:
    """Bare names that several sizeable places share, alone and with a hint naming each of
    their states (as the form's other fields would)."""
    data = get_gazetteer().data
    states: dict[str, set[str]] = {}
    for row, name in enumerate(data.names):
        if data.pop[row] >= 5000:
            states.setdefault(name, set()).add(data.states[row])
    shared = sorted(name for name, codes in states.items() if len(codes) > 1)
    rng = random.Random(run.SEED)
    picked = sorted(rng.sample(shared, min(400, len(shared))))
    out: list[tuple[str, str | None]] = []
    for name in picked:
        out.append((name, None))
        for code in sorted(states[name]):
            out.append((name, f"Vigil for families, {data.state_table[code].name}"))
    return out


def answers() -> Iterator[list[Any]]:
    """Every answer line, in a fixed order."""
    gazetteer = get_gazetteer()
    data = gazetteer.data
    for name in ("dev", "dev2", "eval"):
        for row in _rows(HERE / "real" / f"{name}.csv"):
            query = row["query"]
            yield [name, query, None, _answer(gazetteer.geocode(query))]
            yield [name + "/all", query, None, _answer(gazetteer.geocode(query, exactly_one=False))]
            yield [name + "/facility", query, None, _answer(gazetteer.facility(query))]
            hint = row.get("state") or None
            if hint:
                yield [name + "/hint", query, hint, _answer(gazetteer.geocode(query, hint=hint))]
    yield from _recorded("cases", run.accuracy)
    yield from _recorded("typos", run.typo_robustness)
    yield from _recorded("random", run.random_places)
    for _, query in run.typo_samples(2000):
        yield ["typos2000", query, None, _answer(gazetteer.geocode(query))]
    rng = random.Random(run.SEED)
    rows = [r for r in range(len(data.names)) if data.pop[r] >= 1000]
    for query in [data.display(r) for r in rng.sample(rows, 5000)]:
        yield ["exact", query, None, _answer(gazetteer.geocode(query))]
    for query in rng.sample(sorted(data.zips), 5000):
        yield ["zip", query, None, _answer(gazetteer.geocode(query))]
    for query, hint in _homonym_queries():
        yield ["homonyms", query, hint, _answer(gazetteer.geocode(query, hint=hint))]
    from matcher.matching import default_catalog

    catalog = default_catalog()
    for name in ("dev", "dev2", "eval"):
        for row in _rows(HERE / "real" / f"targets_{name}.csv"):
            for text in (row["query"], row["main_entity"]):
                found = sorted(catalog.recognize(text, row["target_type"]))
                yield [f"targets_{name}", text, row["target_type"], found]


def compare(a: Path, b: Path) -> int:
    """Print the lines that differ; 0 when none do."""
    left = a.read_text(encoding="utf-8").splitlines()
    right = b.read_text(encoding="utf-8").splitlines()
    differ = 0
    for i, (x, y) in enumerate(zip(left, right, strict=False)):
        if x != y:
            differ += 1
            if differ <= 20:
                print(f"line {i + 1}:\n  - {x[:300]}\n  + {y[:300]}")
    if len(left) != len(right):
        print(f"lengths differ: {len(left)} vs {len(right)}")
        differ += 1
    print(f"{len(left)} answers, {differ} differ")
    return 1 if differ else 0


def main() -> None:
    """Write the answers, or compare two files of them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"))
    args = parser.parse_args()
    if args.compare:
        sys.exit(compare(*args.compare))
    if args.out is None:
        parser.error("give a file to write, or --compare A B")
    count = 0
    with args.out.open("w", encoding="utf-8") as handle:
        for line in answers():
            handle.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    print(f"{count} answers -> {args.out} ({Path(run.__file__).parents[2]})")


if __name__ == "__main__":
    main()
