"""The whole build: raw sources and curated facts in, ``facilities.csv`` and ``operators.csv`` out.

Steps, in order: check the raw files' checksums; read ICE's lists and group them by site;
make one row per site; add the ERO offices, the sites no ICE list has and the operators'
seats; merge the curated same-site rows; apply the curated facts; fold hold rooms into the
office or facility at their address; place facilities on their HIFLD polygon where the address
matches; drop place-only aliases; give ids, check, write.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from matcher.geocoding.build_facilities import ice_lists
from matcher.geocoding.build_facilities.aliases import clean_aliases
from matcher.geocoding.build_facilities.clustering import cluster
from matcher.geocoding.build_facilities.dedupe import merge_hold_rooms, merge_same_sites
from matcher.geocoding.build_facilities.facts import FACTS_FILE, Facts
from matcher.geocoding.build_facilities.hifld import HIFLD_FILE, Hifld
from matcher.geocoding.build_facilities.ice_rows import AOR_CODES, rows_from_groups
from matcher.geocoding.build_facilities.offices import area_states, office_rows
from matcher.geocoding.build_facilities.output import (
    assign_ids,
    check,
    write_facilities,
    write_operators,
)
from matcher.geocoding.build_facilities.places import Coordinates, Places
from matcher.geocoding.build_facilities.rows import Row
from matcher.geocoding.build_facilities.sources import ICE_LISTS, verify_raw
from matcher.geocoding.distance import distance_km

__all__ = ["DATA_DIR", "Report", "build"]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
#: Types placed on HIFLD polygons (offices and hold rooms are not prisons).
_ON_POLYGONS = frozenset(
    (
        "detention_facility",
        "processing_center",
        "family_residential",
        "temporary_site",
        "staging_facility",
    )
)
#: Source ids that are not curated facts: the raw files' own ids and the coordinates'.
RAW_SOURCE_IDS = frozenset(
    {item.source_id for item in ICE_LISTS}
    | {
        "ice_ero_office_pages_2026",
        "ice_field_offices_page_2026",
        "deportationdata_ice_offices_aor",
        "hifld_prison_boundaries_2024",
        "geonames_zip_centroids",
        "geonames_cities",
    }
)


@dataclass
class Report:
    """What a build did: row counts and the merges, for the log."""

    rows: int = 0
    operators: int = 0
    types: Counter[str] = field(default_factory=Counter)
    merged_hold_rooms: list[tuple[str, str]] = field(default_factory=list)
    dropped_aliases: list[tuple[str, str]] = field(default_factory=list)
    moved_to_town: list[str] = field(default_factory=list)


def _place_on_polygons(rows: list[Row], hifld: Hifld) -> None:
    for row in rows:
        if row.type not in _ON_POLYGONS or row.coord_source == "none":
            continue
        near = (row.lat, row.lon) if row.lat is not None and row.lon is not None else None
        polygon = hifld.match(row.name, row.address, row.city, row.state, row.zip, near)
        if polygon:
            row.set_coordinates(Coordinates(polygon.lat, polygon.lon, "hifld_prison_boundaries"))


def _seat_offices(rows: list[Row], states: dict[str, list[str]]) -> None:
    """Give an operator's seat the field office of its state when only one covers it."""
    for row in rows:
        offices = states.get(row.state, [])
        if row.type == "operator_hq" and not row.field_office and len(offices) == 1:
            row.field_office = offices[0]
            row.field_office_code = AOR_CODES.get(offices[0], "")
            row.sources.add("deportationdata_ice_offices_aor")


#: A ZIP centroid or polygon match farther than this from the site's town is a wrong match.
FAR_FROM_TOWN_KM = 30.0


def _far_from_town(rows: list[Row], places: Places) -> list[str]:
    """Rows placed far from their own town (a PO-box ZIP, a polygon of the wrong prison) move
    to the town's centroid; their names."""
    moved = []
    for row in rows:
        town = places.city_centroid(row.city, row.state) if row.city else None
        if town is None or row.lat is None or row.lon is None:
            continue
        if distance_km(row.lat, row.lon, town.lat, town.lon) > FAR_FROM_TOWN_KM:
            row.set_coordinates(town)
            moved.append(row.name)
    return moved


def build(raw: Path, out: Path = DATA_DIR, facts_file: Path = FACTS_FILE) -> Report:
    """Build the catalog from ``raw`` into ``out``; what it did."""
    verify_raw(raw)
    facts = Facts.load(facts_file)
    places = Places()
    rows = rows_from_groups(cluster(ice_lists.load_all(raw)), places)
    rows += office_rows(raw, places) + facts.added_rows(places) + facts.operator_rows(places)
    rows = merge_same_sites(rows, facts)
    facts.apply_updates(rows, places)
    rows, merged = merge_hold_rooms(rows)
    report = Report(merged_hold_rooms=merged)
    _seat_offices(rows, area_states(raw, places))
    _place_on_polygons(rows, Hifld(raw / HIFLD_FILE))
    report.moved_to_town = _far_from_town(rows, places)
    facts.apply_points(rows)
    for row in rows:
        report.dropped_aliases += [(row.name, a) for a in clean_aliases(row, places)]
    rows = assign_ids(rows)
    check(rows, {o["id"] for o in facts.operators}, RAW_SOURCE_IDS | set(facts.sources))
    out.mkdir(parents=True, exist_ok=True)
    write_facilities(rows, out / "facilities.csv")
    write_operators(facts.operators, out / "operators.csv")
    report.rows, report.operators = len(rows), len(facts.operators)
    report.types = Counter(r.type for r in rows)
    return report
