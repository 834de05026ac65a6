"""The short names organizers give ICE's offices: "ICE ERO Newark", "ICE Newark field
office" for the ERO field office or sub-office of a town, read as more spellings
of an office row of the catalog (whose names are ICE's, "ICE ERO Newark Field Office",
"ICE ERO Omaha, NE office (St. Paul Field Office)"). Used by
:mod:`matcher.geocoding.facilities` when it indexes a row.
"""

from __future__ import annotations

from matcher.geocoding.facility_entries import Facility

__all__ = ["office_spellings"]

#: The kinds of ICE office rows.
_OFFICES = frozenset(("ero_field_office", "ero_sub_office"))


def office_spellings(facility: Facility) -> tuple[str, ...]:
    """ "ICE ERO <town>" and "ICE <town> field office" for an ERO office, by the town of its
    field office's name (a field office) or its own town (a sub-office). ("ERO <town>" is read
    as "ICE <town>", the agency in a town, by ``normalize_facility_words``.)"""
    if facility.kind not in _OFFICES:
        return ()
    town = facility.field_office if facility.kind == "ero_field_office" else facility.city
    if not town:
        return ()
    return (f"ICE ERO {town}", f"ICE {town} field office", f"ICE ERO {town} office")
