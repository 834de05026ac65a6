"""The town of a county's own buildings: "the Yellowstone County Courthouse" is in Billings.

A county's courthouse and jail stand in its county seat, which the gazetteer does not record;
the seat is nearly always the county's largest town near the middle of its ZIP codes, so a
county named by one of its buildings is answered with the largest place of its state within
:data:`COUNTY_TOWN_KM` of the county's point, flagged for the organizer to confirm. Used by
:mod:`matcher.geocoding.reading`; the county alone ("Kent County") stays a county.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cached_property

from matcher.geocoding.data import GazetteerData
from matcher.geocoding.distance import distance_km
from matcher.geocoding.lookups import Hit
from matcher.geocoding.resolve import Resolver

__all__ = ["COUNTY_TOWN_KM", "CountyTowns"]

COUNTY_TOWN_KM = 25.0
#: Buildings of a county that stand in its seat (folded words, English and Spanish).
_COUNTY_BUILDING = re.compile(
    r"\b(?:court ?house|jail|justice center|sheriff|corte|carcel|tribunal|juzgado)\b"
)


class CountyTowns:
    """Answers a county named by its courthouse or jail with the county's main town."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.data: GazetteerData = resolver.data

    @cached_property
    def _rows_by_state(self) -> dict[str, list[int]]:
        """Place rows of each state (built on first use: only these phrases need it)."""
        rows: dict[str, list[int]] = {}
        for row, state in enumerate(self.data.states):
            rows.setdefault(state, []).append(row)
        return rows

    def town_of(self, hit: Hit, text: str) -> Hit:
        """The county's main town when ``hit`` is a county and the folded ``text`` names one
        of its buildings; ``hit`` otherwise."""
        if hit.precision != "county" or hit.match != "county" or hit.state is None:
            return hit
        if _COUNTY_BUILDING.search(text) is None:
            return hit
        d = self.data
        best, best_pop = None, 0
        for row in self._rows_by_state.get(hit.state, ()):
            pop = d.pop[row] or 0
            if pop <= best_pop:
                continue
            if (
                distance_km(hit.lat, hit.lon, float(d.lat[row]), float(d.lon[row]))
                <= COUNTY_TOWN_KM
            ):
                best, best_pop = row, pop
        if best is None:
            return hit
        town = self.resolver.place_hit(best, "county_town", ambiguous=True)  # a guess: ask
        return replace(town, detail=hit.place)
