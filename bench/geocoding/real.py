"""Scoring the geocoder on the real-world sets of ``bench/geocoding/real/`` (location strings
copied from public event pages and news, labelled by hand; see its README).

``dev.csv``, ``dev2.csv``, ``dev3.csv`` and ``dev4.csv`` are the sets rules may be tuned on;
``eval.csv`` is held out and only reported.
A row is right when:

- ``not_a_place``: nothing is found;
- ``state`` precision: the answer's state is the labelled state;
- otherwise: the answer lies within ``tolerance_km`` of the labelled point.

An answer is *confidently wrong* when it is wrong, claims city precision or finer (city,
postcode, address, facility) and is not flagged for the organizer to confirm, and lies more
than 100 km from the labelled point (for ``not_a_place`` rows: any such answer). A flagged
answer (``raw["confirm"]``, e.g. a bare name with famous homonyms) may be wrong but the
organizer is asked, so it is never counted as confident.

Run: ``.venv/bin/python bench/geocoding/real.py [-v] [--set dev|dev2|dev3|dev4|eval|both|all]``.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from matcher.geocoding import get_gazetteer  # noqa: E402
from matcher.geocoding.distance import distance_km  # noqa: E402

REAL = HERE / "real"
FINE = {"address", "facility", "postcode", "city"}
CONFIDENT_WRONG_KM = 100.0
TUNING_SETS = ("dev", "dev2", "dev3", "dev4")
SETS = (*TUNING_SETS, "eval")


@dataclass
class Outcome:
    """One row of a set, geocoded and judged."""

    row: dict[str, str]
    answer: Any
    right: bool
    confident_wrong: bool
    km: float | None


@dataclass
class Score:
    """The outcomes of one set, with shares by kind and by language."""

    name: str
    outcomes: list[Outcome] = field(default_factory=list)

    def share(self, keep: Callable[[Outcome], bool] = lambda o: True) -> tuple[int, int]:
        """(right, total) among the outcomes `keep` accepts."""
        chosen = [o for o in self.outcomes if keep(o)]
        return sum(o.right for o in chosen), len(chosen)

    def by(self, column: str) -> dict[str, tuple[int, int]]:
        """(right, total) per value of a column (kind, language)."""
        values = sorted({o.row[column] for o in self.outcomes})
        return {v: self.share(lambda o, v=v: o.row[column] == v) for v in values}

    @property
    def confident_wrong(self) -> list[Outcome]:
        """The confidently wrong answers."""
        return [o for o in self.outcomes if o.confident_wrong]

    @property
    def sources(self) -> int:
        """Distinct source pages."""
        return len({o.row["source_url"] for o in self.outcomes})


def read_set(name: str) -> list[dict[str, str]]:
    """The rows of ``real/<name>.csv``."""
    with (REAL / f"{name}.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def judge(row: dict[str, str], location: Any) -> Outcome:
    """Right or wrong, and confidently wrong or not, for one answer."""
    raw = (location.raw or {}) if location is not None else {}
    flagged = bool(raw.get("confirm"))
    precision = raw.get("precision")
    if row["kind"] == "not_a_place" or not row["latitude"]:
        right = location is None
        confident = not right and precision in FINE and not flagged
        return Outcome(row, location, right, confident, None)
    if location is None:
        return Outcome(row, None, False, False, None)
    km = distance_km(
        location.latitude, location.longitude, float(row["latitude"]), float(row["longitude"])
    )
    if row["precision"] == "state":
        right = raw.get("state") == row["state"]
    else:
        right = km <= float(row["tolerance_km"] or 15)
    confident = not right and precision in FINE and not flagged and km > CONFIDENT_WRONG_KM
    return Outcome(row, location, right, confident, round(km, 1))


def score(name: str, geocode: Callable[[str], Any] | None = None) -> Score:
    """Geocode every row of a set with `geocode` (default: the offline gazetteer)."""
    geocode = geocode or get_gazetteer().geocode
    result = Score(name)
    for row in read_set(name):
        result.outcomes.append(judge(row, geocode(row["query"])))
    return result


def _pct(pair: tuple[int, int]) -> str:
    right, total = pair
    return f"{100 * right / total:.1f}% ({right}/{total})" if total else "-"


def describe(answer: Any) -> str:
    """A short text of an answer for the miss list."""
    if answer is None:
        return "nothing"
    raw = answer.raw or {}
    flag = " [asks]" if raw.get("confirm") else ""
    return f"{answer.address} ({raw.get('precision')}, {raw.get('match')}){flag}"


def report(result: Score, verbose: bool) -> None:
    """Print a set's figures (and its misses with -v)."""
    answerable = result.share(lambda o: o.row.get("from_string", "yes") == "yes")
    print(
        f"== {result.name}.csv: {_pct(result.share())}, {result.sources} sources; "
        f"on strings that name their place (from_string=yes): {_pct(answerable)}"
    )
    for column in ("kind", "language"):
        print(
            f"   by {column}: " + ", ".join(f"{k} {_pct(v)}" for k, v in result.by(column).items())
        )
    wrong = result.confident_wrong
    print(f"   confidently wrong: {len(wrong)} ({100 * len(wrong) / len(result.outcomes):.1f}%)")
    if verbose:
        for o in result.outcomes:
            if not o.right:
                mark = "!!" if o.confident_wrong else "  "
                print(
                    f" {mark} [{o.row['kind']}/{o.row['language']}] {o.row['query']!r} -> "
                    f"{describe(o.answer)}; want {o.row['expected_place']} ({o.km} km)"
                )


@dataclass
class TargetOutcome:
    """One target string: the entity the label names (None when the catalog does not know it),
    what the catalog recognized, and whether that is right."""

    row: dict[str, str]
    wanted: str | None
    got: frozenset[str]
    part_of_wanted: bool = False  # what was found is part of the labelled entity (AWS, Amazon)

    @property
    def right(self) -> bool:
        """The labelled entity alone (or a part of it), or nothing when the catalog does not
        know it."""
        return self.part_of_wanted or self.got == ({self.wanted} if self.wanted else frozenset())

    less_specific: bool = False  # the operator or agency of the labelled facility or office

    @property
    def wrong_entity(self) -> bool:
        """An entity named that the phrase is not about (worse than naming none); the
        labelled entity's operator or agency is less specific, not wrong."""
        return (
            bool(self.got)
            and not self.part_of_wanted
            and not self.less_specific
            and (self.wanted is None or self.wanted not in self.got)
        )


def score_targets(name: str) -> list[TargetOutcome]:
    """Recognize the main entity of every row of ``real/targets_<name>.csv``."""
    from matcher.matching import default_catalog

    catalog = default_catalog()
    outcomes = []
    for row in read_set(f"targets_{name}"):
        ttype = row["target_type"]
        labelled = catalog.recognize(row["main_entity"], ttype)
        wanted = next(iter(labelled)) if len(labelled) == 1 else None
        got = catalog.recognize(row["query"], ttype)
        one = next(iter(got)) if len(got) == 1 else None
        part = one is not None and wanted is not None and wanted in catalog.ancestors(one)
        general = one is not None and wanted is not None and one in catalog.ancestors(wanted)
        outcomes.append(TargetOutcome(row, wanted, got, part, general))
    return outcomes


def report_targets(name: str, outcomes: list[TargetOutcome], verbose: bool) -> None:
    """Print a target set's figures (and its misses with -v)."""
    from matcher.matching import default_catalog

    catalog = default_catalog()
    right = sum(o.right for o in outcomes)
    known = [o for o in outcomes if o.wanted]
    wrong = [o for o in outcomes if o.wrong_entity]
    general = sum(o.less_specific for o in outcomes)
    print(
        f"== targets_{name}.csv: {_pct((right, len(outcomes)))} right; known entities found "
        f"{_pct((sum(o.right for o in known), len(known)))}; less specific (its operator or "
        f"agency): {general}; wrong entity named: {len(wrong)}"
    )
    if verbose:
        for o in outcomes:
            if not o.right:
                got = [catalog.name(e) for e in o.got] or "nothing"
                want = catalog.name(o.wanted) if o.wanted else f"none ({o.row['main_entity']})"
                mark = "!!" if o.wrong_entity else "  "
                print(f" {mark} {o.row['query']!r} [{o.row['target_type']}] -> {got}; want {want}")


def main() -> None:
    """Score the sets named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=(*SETS, "both", "all"), default="both")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    names = {"both": ("dev", "eval"), "all": SETS}.get(args.set, (args.set,))
    for name in names:
        report(score(name), args.verbose)
        if (REAL / f"targets_{name}.csv").exists():
            report_targets(name, score_targets(name), args.verbose)


if __name__ == "__main__":
    main()
