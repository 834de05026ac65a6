"""ICE's abbreviations in its lists' names, spelled out as more spellings of a catalog row:
ICE writes "Tallahatchie Co Corr Facility", "Campbell Co Det Ctr", "Corr. Ctr of Northwest
Ohio", "Natchitoches Parish Det. Center"; organizers and the press write "the Tallahatchie
County Correctional Facility", "the Campbell County Detention Center", "the Correctional
Center of Northwest Ohio". Used by :mod:`matcher.geocoding.facilities` when it indexes a row.

Only the abbreviations of kinds of place and of the words of official names ("County",
"Federal", "Public Safety Complex") are read, and "Co" only as ICE writes it (capital C, small
o, before another word): "CO" is Colorado's code ("ICE ERO Alamosa, CO office").
"""

from __future__ import annotations

import re

from matcher.geocoding.facility_entries import Facility

__all__ = ["spelled_out"]

#: ICE's abbreviations (as written, a dot or none after) and the words they stand for.
_WORDS = {
    "Corr": "Correctional",
    "Cor": "Correctional",
    "Det": "Detention",
    "Detn": "Detention",
    "Fed": "Federal",
    "Inst": "Institution",
    "Pub": "Public",
    "Sfty": "Safety",
    "Cplx": "Complex",
    "Ctr": "Center",
    "Cntr": "Center",
    "Fac": "Facility",
    "Juv": "Juvenile",
    "Reg": "Regional",
    "Cnty": "County",
}
_ABBREVIATION = re.compile(r"\b(" + "|".join(_WORDS) + r")\b\.?")
#: "Co" for "County": ICE's spelling, with another word after it ("Kay Co Justice Facility").
_COUNTY = re.compile(r"\bCo\b\.?(?= \w)")


def _spelled(name: str) -> str:
    """A name with ICE's abbreviations written in full."""
    return _COUNTY.sub("County", _ABBREVIATION.sub(lambda m: _WORDS[m.group(1)], name))


def spelled_out(facility: Facility) -> tuple[str, ...]:
    """The entry's names that hold ICE's abbreviations, written in full."""
    out = []
    for name in (facility.name, *facility.aliases):
        full = _spelled(name)
        if full != name and full not in out:
            out.append(full)
    return tuple(out)
