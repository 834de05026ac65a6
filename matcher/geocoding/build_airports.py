"""Generate ``data/airports.csv`` (the airports with an IATA code in the United States and
Puerto Rico, by their full names) from the airport database that the ``airportsdata`` package
ships.

Organizers name the airports of deportation flights and ICE Air by their full names ("the Ben
Nelson Regional Airport", "Aeropuerto Internacional Gerald R. Ford"); the hand-written
``landmarks.csv`` knows the 55 busiest. Each row here is one airport with an IATA code (the
ones with airline service or a code of their own: 1,952 in the 2026-09-05 database) whose
name ends in "Airport" and is more than its town's name and kind words ("Adak Airport",
"Toledo Executive Airport" are read as their towns already): 804 airports, each at its own
reference point, with the spellings organizers write: the
name without the town it starts with ("Mc Cook Ben Nelson Regional Airport" -> "Ben Nelson
Regional Airport", not when only a kind is left: "Regional Airport") and the Spanish order
of a regional or municipal one ("Aeropuerto Regional Ben Nelson"; the lookup reads
"Aeropuerto Internacional Gerald R. Ford" as the English name itself). An airport
whose name or spellings ``landmarks.csv`` already has is left to it.

Run ``python -m matcher.geocoding.build_airports --raw FILE`` with ``FILE`` the ``airports.csv``
of the ``airportsdata`` wheel (``pip install --target DIR airportsdata==20260905``: the
package is needed only here). The output is deterministic.

Source: airportsdata 20260905 (https://github.com/mborsetti/airportsdata, a fork of
mwgg/Airports), MIT licence: "Copyright (c) 2020- Mike Borsetti; this project includes data
from https://github.com/mwgg/Airports Copyright (c) 2014 mwgg"; see data/FACILITIES.md.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from pathlib import Path

from matcher.geocoding.generated_csv import read_csv, render_csv
from matcher.geocoding.normalize import key

DATA_DIR = Path(__file__).with_name("data")
OUTPUT = DATA_DIR / "airports.csv"
HAND_LANDMARKS = DATA_DIR / "landmarks.csv"
SOURCE_SHA1 = "3efa2531ccad2a260403c4ad521950cfce0b445f"
HEADER = ("name", "aliases", "city", "state", "lat", "lon")
#: Words of a name that name a kind of airport, not one: left without its town, a name needs
#: two other words to be an airport's own ("Ben Nelson Regional Airport").
_ONLY_KINDS = frozenset(
    (
        *("international", "intl", "regional", "municipal", "county", "memorial", "city"),
        *("metropolitan", "metro", "executive", "afb", "ntl", "national", "field"),
    )
)
#: A name left without its town: words of letters (and ". ' -"), no parentheses or codes.
_OWN_NAME = re.compile(r"[A-Za-z][A-Za-z.'-]*(?: [A-Za-z][A-Za-z.'-]*)*")
#: First words of what is left that say it is still a kind or a base, not a name.
_NOT_FIRST = frozenset(
    (
        *("at", "nas", "ns", "naf", "nolf", "mcas", "mcaf", "usaf", "cg", "nr", "air"),
        *("airfield", "executive", "international", "municipal", "regional", "county"),
    )
)
#: English kind -> Spanish ("X Regional Airport" -> "Aeropuerto Regional X"); the lookup
#: itself reads "Aeropuerto (Internacional) (de) X" as "X (International) Airport"
#: (:mod:`matcher.geocoding.lookups`), so only these kinds need spellings of their own.
_SPANISH_KINDS = (
    (" regional airport", "Aeropuerto Regional"),
    (" municipal airport", "Aeropuerto Municipal"),
)


def without_town(name: str, town: str) -> str | None:
    """The name without the town it starts with ("Mc Cook Ben Nelson Regional Airport" ->
    "Ben Nelson Regional Airport"), or None when it does not start so or only kinds are left
    ("Burlington International Airport") or a word ("Executive Airport")."""
    words, town_words = name.split(), town.split()
    if key(" ".join(words[: len(town_words)])) != key(town):
        return None
    rest = words[len(town_words) :]
    if not rest or not _OWN_NAME.fullmatch(" ".join(rest)) or key(rest[0]) in _NOT_FIRST:
        return None  # "/New Airport", "Nas (Reeves Field) Airport", "International At Pease"
    if len([w for w in rest[:-1] if key(w) not in _ONLY_KINDS]) < 2:
        return None  # "Executive Airport", "Riverside Airport": many airports' or a town's
    return " ".join(rest)


def only_town_and_kinds(name: str, town: str) -> bool:
    """Whether a name is its town's and kind words only ("Adak Airport", "Toledo Executive
    Airport"): "<town> airport" is read as the town already (town_window)."""
    words, town_words = name.split(), town.split()
    if key(" ".join(words[: len(town_words)])) != key(town):
        return False
    return all(key(w) in _ONLY_KINDS for w in words[len(town_words) : -1])


def spanish_forms(name: str) -> list[str]:
    """The Spanish orders of a regional or municipal airport's name ("Ben Nelson Regional
    Airport" -> "Aeropuerto Regional Ben Nelson", "Aeropuerto Regional de Ben Nelson")."""
    lowered = name.lower()
    for english, spanish in _SPANISH_KINDS:
        if lowered.endswith(english):
            core = name[: -len(english)].strip()
            return [f"{spanish} {core}", f"{spanish} de {core}"] if core else []
    return []


def airport_rows(path: Path, state_codes: dict[str, str]) -> list[dict[str, str]]:
    """The rows of ``data/airports.csv`` from the package's ``airports.csv``
    (``state_codes``: key of a state's name -> its code)."""
    digest = hashlib.sha1(path.read_bytes(), usedforsecurity=False).hexdigest()
    if digest != SOURCE_SHA1:
        raise ValueError(f"{path}: SHA-1 {digest}, expected {SOURCE_SHA1}")
    taken = {
        key(spelling)
        for row in read_csv(HAND_LANDMARKS)
        for spelling in (row["name"], *filter(None, row["aliases"].split("|")))
    }
    out = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = row["name"].strip()
            if row["country"] not in ("US", "PR") or not row["iata"]:
                continue
            if not name.endswith(" Airport"):
                continue  # "... Field", "... Heliport": no airport's usual name
            state = "PR" if row["country"] == "PR" else state_codes.get(key(row["subd"]))
            if state is None:
                continue
            if only_town_and_kinds(name, row["city"]):
                continue  # "Adak Airport", "Toledo Executive Airport": the town says as much
            short = without_town(name, row["city"])
            spellings = [short, *spanish_forms(short)] if short else []
            spellings += spanish_forms(name)
            if {key(name), *(key(s) for s in spellings)} & taken:
                continue  # the hand-written landmark is kept
            out.append(
                {
                    "name": name,
                    "aliases": "|".join(dict.fromkeys(spellings)),
                    "city": row["city"].split("/")[0].strip(),
                    "state": state,
                    "lat": f"{float(row['lat']):.5f}",
                    "lon": f"{float(row['lon']):.5f}",
                }
            )
    return sorted(out, key=lambda r: (r["state"], r["city"], r["name"]))


def main(argv: list[str] | None = None) -> int:
    """Build the file; print how many airports it holds."""
    from matcher.geocoding.data import load

    parser = argparse.ArgumentParser(prog="python -m matcher.geocoding.build_airports")
    parser.add_argument("--raw", type=Path, required=True, help="airportsdata's airports.csv")
    parser.add_argument("--out", type=Path, default=OUTPUT, help="output file")
    args = parser.parse_args(argv)
    codes = {key(s.name): code for code, s in load().state_table.items()}
    try:
        rows = airport_rows(args.raw, codes)
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    comments = (
        "Airports with an IATA code (US, PR), generated by "
        "`python -m matcher.geocoding.build_airports`; do not edit by hand.",
        "Source: airportsdata 20260905 (mborsetti/airportsdata, from mwgg/Airports), MIT "
        "licence, (c) 2020- Mike Borsetti, (c) 2014 mwgg; see data/FACILITIES.md.",
    )
    args.out.write_text(render_csv(rows, HEADER, comments), "utf-8")
    print(f"{args.out}: {len(rows)} airports")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
