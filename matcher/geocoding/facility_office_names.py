"""The short names organizers give ICE's offices: "ICE ERO Newark", "ICE Newark field
office" for the ERO field office or sub-office of a town, read as more spellings
of an office row of the catalog (whose names are ICE's, "ICE ERO Newark Field Office",
"ICE ERO Omaha, NE office (St. Paul Field Office)"). Used by
:mod:`matcher.geocoding.facilities` when it indexes a row.
"""

from __future__ import annotations

import re

from matcher.geocoding.facility_entries import Facility

__all__ = ["named_towns", "office_spellings", "office_towns"]

#: The town of a sub-office's name as ICE writes it ("ICE ERO Columbus, OH office (...)").
_NAMED_TOWN = re.compile(r"ICE ERO (.+?), [A-Z]{2} office\b")

#: The kinds of ICE office rows.
_OFFICES = frozenset(("ero_field_office", "ero_sub_office"))


def named_towns(facility: Facility) -> tuple[str, ...]:
    """The towns a sub-office's name gives when it stands in another ("ICE ERO Columbus, OH
    office" stands in Westerville: "Columbus")."""
    named = _NAMED_TOWN.match(facility.name) if facility.kind == "ero_sub_office" else None
    if named is None:
        return ()
    towns = [t.strip() for t in named.group(1).split("/")]
    return tuple(t for t in towns if t and t != facility.city)


def office_towns(facility: Facility) -> tuple[str, ...]:
    """The towns an ERO office is named by: its field office's name (a field office) or its
    own town (a sub-office), and its :func:`named_towns`."""
    if facility.kind not in _OFFICES:
        return ()
    town = facility.field_office if facility.kind == "ero_field_office" else facility.city
    return tuple(dict.fromkeys(t for t in (town, *named_towns(facility)) if t))


def office_spellings(facility: Facility) -> tuple[str, ...]:
    """ "ICE ERO <town>" and "ICE <town> field office" for an ERO office, by each of its
    :func:`office_towns` ("the ICE office in Columbus"). ("ERO <town>" is read as "ICE
    <town>", the agency in a town, by ``normalize_facility_words``.)"""
    return tuple(
        spelling
        for town in office_towns(facility)
        for spelling in (f"ICE ERO {town}", f"ICE {town} field office", f"ICE ERO {town} office")
    )
