"""Bare names with well-known homonyms (Pasadena, Portland, Springfield): the best guess among
same-named places, in the state of the rest of the form when it names one, flagged for the
organizer with the alternatives; a state capitol or a federal courthouse named beside the
town settles which one ("the State House in Concord"). Used by :mod:`matcher.geocoding.reading`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cached_property

from matcher.geocoding.distance import distance_km
from matcher.geocoding.lookups import Hit
from matcher.geocoding.normalize import fold, key, key_of_folded
from matcher.geocoding.resolve import Resolver
from matcher.geocoding.venue_names import GENERIC_DISTRICTS, venue_states_before_town

__all__ = ["HOMONYM_KM", "HOMONYM_MIN_POP", "SMALL_TOWN_POP", "Homonyms"]

#: Homonyms: another place of the same name at least this big and this far away.
HOMONYM_MIN_POP = 2_000
HOMONYM_MIN_SHARE = 0.05
HOMONYM_KM = 80.0
#: A bare town smaller than this, with no state in the text or the form, is a guess to confirm.
SMALL_TOWN_POP = 10_000
#: How many places' namesakes :meth:`Homonyms._namesakes` keeps (emptied when full).
_KEPT_PLACES = 4096
_CAPITOL = re.compile(r"\b(?:state ?house|state capitol|capitol|capitolio)\b")
_FEDERAL_COURT = re.compile(
    r"\b(?:federal (?:court|courthouse|building)|district court(?:house)?|us courthouse|"
    r"(?:corte|tribunal|edificio|juzgado) federal)\b"
)


#: Words of many towns' names ("New York City", "Lake City", "Fort Worth"): one of them in a
#: text does not name the town ("the Kansas City Public Library" names no New York City).
TOWN_NAME_WORDS = frozenset(
    [
        "city",
        "town",
        "new",
        "saint",
        "fort",
        "port",
        "lake",
        "mount",
        "north",
        "south",
        "east",
        "west",
        "beach",
        "park",
        "springs",
        "falls",
        "heights",
        "village",
        "county",
        "san",
        "santa",
        "los",
        "las",
        "del",
    ]
)


class Homonyms:
    """Tells same-named places apart, or flags the guess (one per gazetteer)."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.data = resolver.data
        #: each state's spellings of more than two letters ("texas", "tex"), for the landmark test
        self._state_spellings: dict[str, list[str]] = {}
        for name, code in self.data.state_by_name.items():
            if len(name) > 2:
                self._state_spellings.setdefault(code, []).append(name)
        #: (row, lat, lon) -> the place's namesakes and homonyms (:meth:`_namesakes`)
        self._rivals: dict[tuple[int, float, float], tuple[list[int], list[int]]] = {}

    @cached_property
    def _capitals(self) -> frozenset[tuple[str, str]]:
        """(town, state) of each state capitol of the landmarks (read on first use)."""
        return frozenset(
            (p.city, p.state)
            for places in self.data.landmarks.values()
            for p in places
            if p.name.endswith("State Capitol")
        )

    def guess(self, hit: Hit, text: str, hinted: set[str]) -> Hit:
        """The best guess among same-named places, flagged when the text does not say which."""
        if (
            hit.match == "landmark"
            and hit.state not in hinted
            and not self.names_its_town(hit, text)
        ):
            # "Washington Square Park": which city's? ("Washington" is no state here)
            return replace(hit, ambiguous=True)
        if (
            hit.match == "neighborhood"
            and hit.state not in hinted
            and not self.names_its_town(hit, text)
            and self._a_town_elsewhere(hit)
        ):
            # "Roxbury" alone: Boston's, or the town of that name in another state? Ask.
            return replace(hit, ambiguous=True)
        if hit.row is None or hit.match not in ("exact", "alias"):
            return hit
        if (
            "neighbo" in text
            and hit.state not in hinted
            and self._town_called_a_neighbourhood(hit, text)
        ):
            # "the Columbia Heights neighborhood": a town of that name is only a guess (DC's
            # Columbia Heights, or the city in Minnesota?)
            return replace(hit, ambiguous=True)
        if self.resolver.split(text).state:
            return hit
        d = self.data
        rows, rival = self._namesakes(hit.row, hit.lat, hit.lon)
        if not rival:
            if key(d.names[hit.row]) in GENERIC_DISTRICTS and d.states[hit.row] not in hinted:
                return replace(hit, ambiguous=True)  # "the Financial District": which city's?
            if d.pop[hit.row] < SMALL_TOWN_POP and d.states[hit.row] not in hinted:
                # "a Home Depot store in East Windsor": East Windsor, CT is in the gazetteer,
                # the township in New Jersey is not; a small town's name is often another's
                others = tuple(self.resolver.place_hit(r, hit.match) for r in rows[:4])
                return replace(hit, ambiguous=True, alternatives=others)
            return hit
        everyone = [hit.row, *rival]
        town_key = key(d.names[hit.row])
        venue_states = venue_states_before_town(key_of_folded(text), town_key, d.landmarks)
        with_venue = [r for r in everyone if d.states[r] in venue_states]
        if len(with_venue) == 1:  # "Monument Square in Portland": Portland, Maine
            return self.resolver.place_hit(with_venue[0], hit.match)
        if _CAPITOL.search(text):  # "the State House in Concord": New Hampshire's capital
            capitals = [r for r in everyone if (d.names[r], d.states[r]) in self._capitals]
            if len(capitals) == 1:
                return self.resolver.place_hit(capitals[0], hit.match)
        if _FEDERAL_COURT.search(text):  # "the U.S. District Courthouse in Burlington": VT's
            courts = d.court_towns
            with_court = [r for r in everyone if (key(d.names[r]), d.states[r]) in courts]
            if len(with_court) == 1:
                return self.resolver.place_hit(with_court[0], hit.match)
        chosen = next((r for r in everyone if d.states[r] in hinted), hit.row)
        others = tuple(self.resolver.place_hit(r, hit.match) for r in everyone if r != chosen)
        confident = (
            d.states[chosen] in hinted and len([r for r in everyone if d.states[r] in hinted]) == 1
        )
        return self.resolver.place_hit(
            chosen, hit.match, ambiguous=not confident, alternatives=others
        )

    def _namesakes(self, row: int, lat: float, lon: float) -> tuple[list[int], list[int]]:
        """The other places of a place's name, and those of them that are its homonyms (big
        enough and far enough from the point given, in that order); kept per place, since
        they depend on the data alone (a few hundred places in any import)."""
        known = self._rivals.get((row, lat, lon))
        if known is not None:
            return known
        d = self.data
        rows = [r for r in d.by_key.get(d.keys[row], ()) if r != row]
        rival = [
            r
            for r in rows
            if d.pop[r] >= HOMONYM_MIN_POP
            and d.pop[r] >= HOMONYM_MIN_SHARE * max(d.pop[row], 1)
            and distance_km(lat, lon, float(d.lat[r]), float(d.lon[r])) > HOMONYM_KM
        ]
        if len(self._rivals) >= _KEPT_PLACES:
            self._rivals.clear()
        found = self._rivals[(row, lat, lon)] = (rows, rival)
        return found

    def _town_called_a_neighbourhood(self, hit: Hit, text: str) -> bool:
        """Whether the text calls the town found a neighbourhood ("the X neighborhood")."""
        name = key(self.data.names[hit.row or 0])
        folded = f" {key_of_folded(text)} "
        return any(f" {name} {word} " in folded for word in ("neighborhood", "neighbourhood"))

    def _a_town_elsewhere(self, hit: Hit) -> bool:
        """Whether a neighbourhood's name is a town's in another state."""
        rows = self.data.by_key.get(key(hit.place.split(",", 1)[0]), ())
        return any(self.data.states[r] != hit.state for r in rows)

    def names_its_town(self, hit: Hit, text: str) -> bool:
        """Whether the text names the landmark's town or state ("Ohio Statehouse")."""
        town, _, state = hit.place.rpartition(", ")
        town = town.rpartition(", ")[2]
        folded = key_of_folded(text)
        words = set(folded.split())
        town_key = key_of_folded(fold(town))
        names = {w for w in town_key.split() if len(w) > 2} - TOWN_NAME_WORDS
        named = bool(names & words) if names else f" {town_key} " in f" {folded} "
        return named or any(n in folded for n in self._state_spellings.get(state, ()))
