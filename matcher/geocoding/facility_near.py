"""The agency's site near a town the text names, not in it: "the ICE facility outside
Chicago", "las oficinas de ICE en las cercanías de Chicago" (Broadview), "the immigration
detention center outside Seattle" (Tacoma). Used by
:mod:`matcher.geocoding.facility_reading` before the catalog's own mentions.

A word that says "near, not in" ("outside", "near", "cerca de", "en las cercanías de", "a
las afueras de", "in suburban") stands before the town, and a word of the agency's sites
("ICE", "immigration", "detention", "oficina", "instalaciones") before that. The answer is
the one place within :data:`NEAR_KM` of the town but outside it where the catalog has sites
of that kind (detention sites run for ICE; for an office head its offices too, but those in
the town); none when a detention site run for ICE stands in the town itself ("near Miami":
Krome's town is Miami) or several places fit. It is asked, always: "near"
says only roughly where.
"""

from __future__ import annotations

import re

from matcher.geocoding.distance import distance_km
from matcher.geocoding.facilities import OFFICE_KINDS, Facility, FacilityCatalog
from matcher.geocoding.facility_kinds import ice_sites
from matcher.geocoding.lookups import Hit
from matcher.geocoding.normalize import key
from matcher.geocoding.resolve import Resolver

__all__ = ["NEAR_KM", "NearSites"]

#: How far from the town a site "near" it may be.
NEAR_KM = 60.0
#: How far from the town the site an office head names "near" it may be ("las oficinas de
#: ICE en las cercanías de Chicago": Broadview, 17 km; not a jail 40 km out of Atlanta).
_OFFICE_NEAR_KM = 30.0
#: The fewest kilometres a degree of latitude spans (at the equator): a site farther north or
#: south than the reach in these is farther than the reach.
_KM_PER_DEGREE_LAT = 110.5
#: Sites closer than this to each other are one place.
_ONE_PLACE_KM = 30.0
#: "<agency word> ... <near word> <town>" (folded text); the town runs to a comma or the end.
_NEAR = re.compile(
    r"\b(?:ice|immigration|immigrant|inmigracion|inmigrantes|detention|detencion|"
    r"procesamiento|processing)\b.*?\b(?:just )?(?:outside(?: of)?|near|in suburban|"
    r"(?:en las |a las |en los )?(?:cercanias|afueras|suburbios) de|cerca de)"
    r" ([a-z][a-z .'-]*?)\s*(?:,|\(|$)"
)
#: Words of an office head ("oficinas", "headquarters"): offices count too.
_OFFICE = re.compile(r"\b(?:office|offices|oficina|oficinas|headquarters|sede|building|edificio)\b")


def _may_be_near(text: str) -> bool:
    """Whether folded text holds a "near" word and an agency word (substrings)."""
    return (
        "near" in text
        or "outside" in text
        or "cerca" in text
        or "afueras" in text
        or "suburb" in text
    ) and (
        "ice" in text
        or "migra" in text
        or "detenci" in text
        or "detention" in text
        or "process" in text
        or "procesa" in text
    )


class NearSites:
    """Finds the site near (not in) a town a text names."""

    def __init__(self, resolver: Resolver, facilities: FacilityCatalog) -> None:
        self.resolver = resolver
        self.facilities = facilities

    def site(self, text: str) -> Facility | None:
        """The site (the main one of its place) of the agency near the town folded ``text``
        names after a "near" word; None otherwise."""
        if not _may_be_near(text):
            return None  # every match holds a near word and an agency word (the cheap test)
        m = _NEAR.search(text)
        if m is None:
            return None
        town = self.resolver.resolve(m.group(1), fuzzy=False)
        if town is None or town.precision != "city":
            return None
        office = _OFFICE.search(text[: m.start(1)]) is not None
        by_id = self.facilities.by_id
        kept = [
            by_id[i]
            for i in self.facilities.ranked(
                f.id for f in by_id.values() if self._fits(f, office, town)
            )
        ]
        here = key(town.place.split(",")[0])
        if any(key(f.city) == here and f.kind not in OFFICE_KINDS for f in kept):
            return None  # a site in the town itself: the catalog's own reading says which
        kept = [f for f in kept if key(f.city) != here]  # an office in the town is not "near"
        if not kept:
            return None
        first = kept[0]
        if any(_km(f, first.lat, first.lon) > _ONE_PLACE_KM for f in kept[1:]):
            return None  # several places fit: the text must say which
        return first

    def _fits(self, facility: Facility, office: bool, town: Hit) -> bool:
        if facility.lat is None or facility.lon is None or town.lat is None:
            return False
        reach = _OFFICE_NEAR_KM if office else NEAR_KM
        if abs(facility.lat - town.lat) * _KM_PER_DEGREE_LAT > reach:
            return False  # farther north or south alone (the cheap test before the distance)
        if _km(facility, town.lat, town.lon) > reach:
            return False
        own = bool(ice_sites(self.facilities.by_id, (facility.id,)))
        return own or (office and facility.kind in OFFICE_KINDS)


def _km(facility: Facility, lat: float | None, lon: float | None) -> float:
    return distance_km(facility.lat or 0.0, facility.lon or 0.0, lat or 0.0, lon or 0.0)
