"""One row per site: merging rows that are the same place.

Two kinds of merge. The curated ``same_site`` facts of ``facility_facts.json`` name rows that
are one site under another name (a list entry without an address, a former name ICE still
lists, a unit ICE counts apart). And a hold room at the street address of an ERO office or of
a detention facility (same number and street, same ZIP or town) is that place's hold room: its
names become aliases of the office or facility. A hold room elsewhere stays a row of its own.
"""

from __future__ import annotations

from matcher.geocoding.build_facilities.facts import Facts, find_row
from matcher.geocoding.build_facilities.rows import Row
from matcher.geocoding.build_facilities.text import norm_name, street_key

__all__ = ["merge_hold_rooms", "merge_same_sites"]

#: Which row a hold room joins when several share its address: offices, then facilities.
_PRIORITY = (
    "ero_field_office",
    "ero_sub_office",
    "processing_center",
    "family_residential",
    "detention_facility",
    "staging_facility",
    "temporary_site",
)


def merge_same_sites(rows: list[Row], facts: Facts) -> list[Row]:
    """Apply the curated ``same_site`` merges; the rows without the merged ones."""
    gone: set[int] = set()
    for fact in facts.same_site:
        keep = find_row(rows, fact["keep"]["match"], fact["keep"]["state"])
        for other in fact["merge"]:
            row = find_row(rows, other["match"], other["state"])
            if row is keep or id(row) in gone:
                raise ValueError(f"same_site merges {other['match']!r} twice")
            keep.absorb(row)
            gone.add(id(row))
        keep.sources |= set(fact["sources"])
    return [r for r in rows if id(r) not in gone]


def _same_place(a: Row, b: Row) -> bool:
    street = street_key(a.address)
    if street is None or a.state != b.state or street != street_key(b.address):
        return False
    return a.zip == b.zip or norm_name(a.city) == norm_name(b.city)


def _host(hold_room: Row, rows: list[Row]) -> Row | None:
    """The office or facility at the hold room's address, if any."""
    candidates = [r for r in rows if r.type in _PRIORITY and _same_place(hold_room, r)]
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda r: (
            _PRIORITY.index(r.type),
            norm_name(hold_room.city) not in norm_name(r.name),
            not r.in_current_ice_list,
        ),
    )


def merge_hold_rooms(rows: list[Row]) -> tuple[list[Row], list[tuple[str, str]]]:
    """Fold hold rooms into the office or facility at their address.

    Returns the remaining rows and the (hold room, host) names merged.
    """
    merged = []
    kept = []
    for row in rows:
        host = _host(row, rows) if row.type == "hold_room" else None
        if host is None:
            kept.append(row)
            continue
        host.absorb(row)
        merged.append((row.name, host.name))
    return kept, merged
