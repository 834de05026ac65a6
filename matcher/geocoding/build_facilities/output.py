"""Ids, order, checks and the CSV files ``facilities.csv`` and ``operators.csv``."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any

from matcher.geocoding.build_facilities.rows import Row
from matcher.geocoding.build_facilities.text import slug

__all__ = [
    "FACILITY_COLUMNS",
    "OPERATOR_COLUMNS",
    "TYPES",
    "assign_ids",
    "check",
    "write_facilities",
    "write_operators",
]

FACILITY_COLUMNS = (
    "id", "name", "aliases", "type", "operator", "address", "city", "state", "zip",
    "latitude", "longitude", "coord_source", "field_office", "in_current_ice_list", "source",
)  # fmt: skip
OPERATOR_COLUMNS = (
    "id", "name", "aliases", "kind", "hq_address", "hq_city", "hq_state", "hq_zip", "source",
)  # fmt: skip
TYPES = frozenset(
    (
        "detention_facility",
        "processing_center",
        "family_residential",
        "hold_room",
        "staging_facility",
        "temporary_site",
        "ero_field_office",
        "ero_sub_office",
        "immigration_court",
        "operator_hq",
    )
)
COORD_SOURCES = frozenset(
    ("hifld_prison_boundaries", "zip_centroid", "city_zip_centroid", "city_centroid", "hand")
) | {"none"}
_FIRST = ("ero_field_office", "ero_sub_office", "operator_hq")


def _order(row: Row) -> tuple[Any, ...]:
    return (row.type not in _FIRST, row.type, row.state, row.name, row.address)


def assign_ids(rows: list[Row]) -> list[Row]:
    """Sort the rows and give each its id: name and state as a slug, ``-2`` on a repeat."""
    rows = sorted(rows, key=_order)
    seen: Counter[str] = Counter()
    for row in rows:
        base = slug(
            f"{row.operator}-hq" if row.type == "operator_hq" else f"{row.name}-{row.state}"
        )
        seen[base] += 1
        row.id = base if seen[base] == 1 else f"{base}-{seen[base]}"
    return rows


def check(rows: list[Row], operator_ids: set[str], source_ids: set[str]) -> None:
    """Refuse a catalog with a repeated id, an unknown type, operator or source, or no point."""
    problems = []
    repeated = [i for i, n in Counter(r.id for r in rows).items() if n > 1]
    if repeated:
        problems.append(f"repeated ids: {repeated}")
    for row in rows:
        if row.type not in TYPES:
            problems.append(f"{row.id}: type {row.type!r}")
        if row.operator and row.operator not in operator_ids:
            problems.append(f"{row.id}: operator {row.operator!r} not in operators")
        if row.coord_source not in COORD_SOURCES or (row.lat is None) != (
            row.coord_source == "none"
        ):
            problems.append(f"{row.id}: coordinates {row.lat}, {row.lon} ({row.coord_source!r})")
        unknown = row.sources - source_ids
        if unknown:
            problems.append(f"{row.id}: unknown sources {sorted(unknown)}")
    if problems:
        raise ValueError("the facility catalog does not check out:\n  " + "\n  ".join(problems))


def _cell(value: str) -> str:
    return value.replace(";", ",").strip()


def write_facilities(rows: list[Row], path: Path) -> None:
    """Write ``facilities.csv`` (columns :data:`FACILITY_COLUMNS`)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(FACILITY_COLUMNS)
        for r in rows:
            writer.writerow(
                (
                    r.id,
                    r.name,
                    ";".join(_cell(a) for a in r.aliases),
                    r.type,
                    r.operator,
                    r.address,
                    r.city,
                    r.state,
                    r.zip,
                    "" if r.lat is None else f"{r.lat:.6f}".rstrip("0").rstrip("."),
                    "" if r.lon is None else f"{r.lon:.6f}".rstrip("0").rstrip("."),
                    r.coord_source,
                    r.field_office,
                    "yes" if r.in_current_ice_list else "no",
                    ";".join(sorted(r.sources)),
                )
            )


def write_operators(operators: list[dict[str, Any]], path: Path) -> None:
    """Write ``operators.csv`` (columns :data:`OPERATOR_COLUMNS`) in the facts' order."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(OPERATOR_COLUMNS)
        for o in operators:
            writer.writerow(
                (
                    o["id"],
                    o["name"],
                    ";".join(_cell(a) for a in o.get("aliases", [])),
                    o["kind"],
                    o.get("hq_address", ""),
                    o.get("hq_city", ""),
                    o.get("hq_state", ""),
                    o.get("hq_zip", ""),
                    ";".join(o["sources"]),
                )
            )
