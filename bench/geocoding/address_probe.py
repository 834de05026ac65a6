"""Street addresses of random GeoNames towns, written the ways organizers write them.

A general check of the rule "a number + street + town string lands in that town, never
elsewhere": town names come from the gazetteer (places of 2,000+ people, unambiguous in
their state), street names from a fixed list of common US street names (many of them also
town names: Spring, Plaza, Washington, Lincoln, Franklin), formats from everyday writing in
English and Spanish. Nothing here comes from the real-world sets.

Right when the answer lies within 15 km of the town; wrong-elsewhere when it lies more than
100 km off (the answers this rule must never give); nothing otherwise.

Run: ``PYTHONPATH=. .venv/bin/python bench/geocoding/address_probe.py [-v] [-n 1500]``.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from matcher.geocoding import get_gazetteer
from matcher.geocoding.distance import distance_km
from matcher.geocoding.normalize import key

SEED = 20261202
STREETS = (
    "Main St", "Spring St.", "Washington Ave", "Lincoln Blvd", "Franklin Street", "Oak Street",
    "N. Market St.", "S. Broadway", "E. 3rd St.", "W. Seventh Ave.", "Federal Plaza",
    "Harbor Blvd", "Union Ave", "Center St", "Park Avenue", "Jefferson Road", "Madison Dr.",
    "Elm St", "Church St", "Court Street", "State St.", "Highland Ave", "Jackson Blvd",
    "Lake Shore Dr", "Pleasant Valley Rd", "NW 7th Ave", "Martin Luther King Jr. Blvd",
    "Cesar Chavez Ave", "Riverside Drive", "Kings Highway", "Commerce St", "Ocean Blvd",
)  # fmt: skip
FORMATS = (
    "{n} {street}, {town}, {st}",
    "{n} {street}, {town}, {st} {zip}",
    "{n} {street} {town} {st}",
    "{n} {street}, {town}, {full}",
    "{n} {street}, {town}",
    "{n} {street} in {town}, {st}",
    "{n} {street} in {town}",
    "rally at {n} {street}, {town}, {st}",
    "outside the building at {n} {street} in {town}, {full}",
    "{place}, {n} {street}, {town}, {st}",
    "{place} ({n} {street}, {town})",
    "frente al {n} de {street}, en {town}, {full}",
    "en el {n} {street}, {town}, {st}",
    "{n} {street}, Suite 200, {town}, {st}",
    "{n} {street}; {town}, {st}",
)
#: Venue phrases around a town (``--venues``): parks, halls, courthouses, in both languages.
VENUES = (
    "rally at {name} Park in {town}, {st}",
    "Rally at {name} Park in {town}",
    "outside City Hall in {town}, {st}",
    "outside City Hall in {town}, {full}",
    "a vigil outside the {town} City Hall",
    "march from {name} Park to City Hall in {town}, {full}",
    "in front of the courthouse in downtown {town}, {st}",
    "the steps of the public library in {town}, {st}",
    "gathered at the {name} Memorial in {town}, {st}",
    "at the corner of Main and {name} streets in {town}, {st}",
    "frente al ayuntamiento de {town}, {full}",
    "frente a la alcaldía de {town}, {st}",
    "una vigilia en el parque {name} de {town}, {full}",
    "se reunieron en la plaza central de {town}, {st}",
    "marcharon hasta la corte de {town}, {full}",
    "a protest at the {name} Community Center, {town}, {st}",
    "{town} High School walkout ({st})",
    "Lights for Liberty vigil, {name} Square, {town}, {st}",
)
NAMES = ("Lincoln", "Riverside", "Veterans", "Memorial", "Jefferson", "Oak", "Heritage")
PLACES = ("First Baptist Church", "the public library", "Centro Cultural", "Union Hall")


def samples(n: int, formats: tuple[str, ...] = FORMATS) -> list[tuple[str, int]]:
    """(query, gazetteer row of its town) for ``n`` random addresses (or ``formats``)."""
    data = get_gazetteer().data
    rng = random.Random(SEED)
    rows = [
        r
        for r in range(len(data.names))
        if data.pop[r] >= 2000
        and data.states[r] != "PR"
        and sum(data.states[o] == data.states[r] for o in data.by_key.get(key(data.names[r]), []))
        == 1
    ]
    # a format without the state needs a town whose name no other state has
    alone = [r for r in rows if len(data.by_key.get(key(data.names[r]), [])) == 1]
    out = []
    for _ in range(n):
        form = rng.choice(formats)
        row = rng.choice(rows if "{st}" in form or "{full}" in form else alone)
        state = data.states[row]
        query = form.format(
            n=rng.randint(1, 9999),
            street=rng.choice(STREETS),
            town=data.names[row],
            st=state,
            full=data.state_table[state].name,
            zip="00000",
            place=rng.choice(PLACES),
            name=rng.choice(NAMES),
        )
        out.append((query.replace(" 00000", ""), row))
    return out


def main() -> None:
    """Score the probe and print the misses by format."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1500)
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--venues", action="store_true", help="venue phrases, not addresses")
    args = parser.parse_args()
    geocoder = get_gazetteer()
    data = geocoder.data
    counts: Counter[str] = Counter()
    for query, row in samples(args.n, VENUES if args.venues else FORMATS):
        location = geocoder.geocode(query)
        town = (float(data.lat[row]), float(data.lon[row]))
        if location is None:
            verdict = "nothing"
        else:
            km = distance_km(*town, location.latitude, location.longitude)
            verdict = "right" if km <= 15 else "elsewhere" if km > 100 else "near"
        counts[verdict] += 1
        if args.verbose and verdict != "right":
            got = location and location.address
            print(f"  {verdict}: {query!r} -> {got}; want {data.display(row)}")
    total = sum(counts.values())
    what = "venues" if args.venues else "addresses"
    print(
        f"{what}: right {counts['right'] / total:.1%} ({counts['right']}/{total}), "
        f"elsewhere {counts['elsewhere']}, near {counts['near']}, nothing {counts['nothing']}"
    )


if __name__ == "__main__":
    main()
