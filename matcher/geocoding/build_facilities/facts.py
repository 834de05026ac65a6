"""The hand-entered facts of ``data/facility_facts.json``, applied to the rows.

Each fact names its sources (ids explained in ``data/FACILITIES.md``). ``facility_updates``
match a row by one of ICE's spellings and state and set its name, type, operator, town or
aliases (``operator_default`` only fills an empty operator: the project's entity catalog is
the source of those); ``added_facilities`` are sites no ICE list has; ``operators`` are the
operators and the seats of the private ones.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from matcher.geocoding.build_facilities.places import Coordinates, Places
from matcher.geocoding.build_facilities.rows import Row
from matcher.geocoding.build_facilities.text import norm_name

__all__ = ["FACTS_FILE", "FactError", "Facts", "find_row"]

FACTS_FILE = Path(__file__).resolve().parent.parent / "data" / "facility_facts.json"
_SETTABLE = ("name", "type", "operator")
_PLACE_FIELDS = ("address", "city", "zip")


class FactError(ValueError):
    """A curated fact does not fit the data (no row, or several, match it)."""


def find_row(rows: list[Row], match: str, state: str) -> Row:
    """The one row of ``state`` with a name (or ICE spelling) equal to ``match``."""
    wanted = norm_name(match)
    found = [r for r in rows if r.state == state and wanted in r.name_keys()]
    if len(found) != 1:
        raise FactError(f"{len(found)} rows match {match!r} ({state}) in facility_facts.json")
    return found[0]


@dataclass(frozen=True)
class Facts:
    """The contents of ``facility_facts.json``."""

    sources: dict[str, dict[str, str]]
    operators: list[dict[str, Any]]
    facility_updates: list[dict[str, Any]]
    same_site: list[dict[str, Any]]
    added_facilities: list[dict[str, Any]]

    @classmethod
    def load(cls, path: Path = FACTS_FILE) -> Facts:
        """Read the facts file."""
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            sources=data["sources"],
            operators=data["operators"],
            facility_updates=data["facility_updates"],
            same_site=data["same_site"],
            added_facilities=data["added_facilities"],
        )

    def apply_updates(self, rows: list[Row], places: Places) -> None:
        """Apply every ``facility_updates`` entry to its row."""
        for fact in self.facility_updates:
            row = find_row(rows, fact["match"], fact["state"])
            changed = False
            for name in _SETTABLE:
                value = fact.get(name)
                if value is None or value == getattr(row, name):
                    continue
                if name == "name":
                    if norm_name(row.name) not in {norm_name(a) for a in row.aliases}:
                        row.aliases.insert(0, row.name)
                    row.aliases = [a for a in row.aliases if norm_name(a) != norm_name(value)]
                setattr(row, name, value)
                changed = True
            if fact.get("operator_default") and not row.operator:
                row.operator = fact["operator_default"]
                changed = True
            if any(fact.get(f) is not None for f in _PLACE_FIELDS):
                for name in _PLACE_FIELDS:
                    if fact.get(name) is not None:
                        setattr(row, name, fact[name])
                row.locate(places)
                changed = True
            for alias in fact.get("aliases", []):
                changed = row.add_alias(alias) or changed
            if fact.get("no_coords"):
                row.set_coordinates(None)
                changed = True
            states_a_fact = any(fact.get(f) is not None for f in (*_SETTABLE, *_PLACE_FIELDS))
            if changed or states_a_fact:
                row.sources |= set(fact["sources"])

    def apply_points(self, rows: list[Row]) -> None:
        """Place the rows a fact gives a point for (a site hand-placed from its address,
        where the ZIP or town centroid is far from it); applied last, over HIFLD."""
        for fact in self.facility_updates:
            if fact.get("point"):
                row = find_row(rows, fact["match"], fact["state"])
                lat, lon = fact["point"]
                row.set_coordinates(Coordinates(float(lat), float(lon), "hand"))
                row.sources |= set(fact["sources"])

    def added_rows(self, places: Places) -> list[Row]:
        """Rows for the sites no ICE list has: at the ``point`` a fact gives, else at the
        GeoNames centroid of its ZIP (when it gives an address and ZIP), else of its town."""
        rows = []
        for fact in self.added_facilities:
            row = Row(
                name=fact["name"],
                type=fact["type"],
                address=fact.get("address", ""),
                city=fact["city"],
                state=fact["state"],
                zip=fact.get("zip", ""),
                operator=fact.get("operator", ""),
                aliases=list(fact.get("aliases", [])),
                field_office=fact.get("field_office", ""),
                sources=set(fact["sources"]),
            )
            row.listed_names = [row.name]
            if fact.get("point"):
                lat, lon = fact["point"]
                row.set_coordinates(Coordinates(float(lat), float(lon), "hand"))
            elif row.zip:
                row.locate(places)
            else:
                row.set_coordinates(places.city_centroid(row.city, row.state))
            rows.append(row)
        return rows

    def operator_rows(self, places: Places) -> list[Row]:
        """A row for the seat of each operator with ``hq_row`` (its headquarters)."""
        rows = []
        for operator in self.operators:
            if not operator.get("hq_row"):
                continue
            row = Row(
                name=f"{operator['name']} headquarters",
                type="operator_hq",
                address=operator.get("hq_address", ""),
                city=operator["hq_city"],
                state=operator["hq_state"],
                zip=operator.get("hq_zip", ""),
                operator=operator["id"],
                sources=set(operator["sources"]),
                aliases=[
                    f"{name} {word}"
                    for name in (operator["name"], *operator.get("aliases", []))
                    for word in ("headquarters", "HQ", "corporate headquarters", "offices")
                    if len(name) > 3  # "GEO HQ" and "CCA HQ" are too short to be sure of
                ],
            )
            row.listed_names = [row.name]
            row.locate(places)
            rows.append(row)
        return rows
