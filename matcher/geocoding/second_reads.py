"""Second readings of a query, after :class:`matcher.geocoding.reading.Reader` read it once:
abbreviated venue words spelled out ("Foley Sq."), an airport's code inside a phrase ("the
Tom Bradley terminal at LAX"), a county written in Spanish order ("la cárcel del condado de
Mecklenburg"), and possessives ("Chicago's Federal Plaza", "Keene's event", "Brattleboro's
Pliny Park", "San Francisco's financial district"). Each is tried only when the first answer
is missing or is what the writing misleads to, so most queries pay a substring test at most.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property

from matcher.geocoding.campus_names import campus_forms, short_name, spanish_campus_forms
from matcher.geocoding.distance import distance_km
from matcher.geocoding.homonyms import Homonyms
from matcher.geocoding.lookups import Hit
from matcher.geocoding.normalize import fold, key
from matcher.geocoding.resolve import Resolver
from matcher.geocoding.routes import route_end
from matcher.geocoding.spanish_writing import may_name_a_spanish_region, spanish_regions
from matcher.geocoding.state_cities import (
    STATE_CITY_HINT,
    STATE_NICKNAMES,
    described_state_cities,
    nicknamed_state,
)
from matcher.geocoding.states import StateNames
from matcher.geocoding.venue_names import (
    codes_named,
    merged_possessive,
    only_saints_possessives,
    possessive_owners_named,
    spanish_county,
    spelled_out_venue,
)

__all__ = ["SecondReads"]

_POSSESSIVE = re.compile(r"(\w)['\u2019]s\b")
_CAPITALS = re.compile(r"\b[A-Z]{3}\b")
#: A route's end read only as a guess this far from what the whole names is not taken.
ROUTE_KM = 100.0


class SecondReads:
    """The second readings of one reader (``read_text``: its reading of one text)."""

    def __init__(
        self,
        resolver: Resolver,
        homonyms: Homonyms,
        states_named: StateNames,
        read_text: Callable[[str, str | None], Hit | None],
    ) -> None:
        self.resolver = resolver
        self.data = resolver.data
        self.homonyms = homonyms
        self.states_named = states_named
        self.read_text = read_text

    def after(self, query: str, hit: Hit | None, hint: str | None) -> Hit | None:
        """The answer for ``query`` given the first reading's ``hit``."""
        end = route_end(query)
        if end is not None:  # "marching from Centennial Park to the State Capitol"
            hit = self._route_end(end, hit, hint)
        if hit is None:
            spelled = spelled_out_venue(query)  # "Foley Sq.": Foley Square
            hit = self.read_text(spelled, hint) if spelled else None
        if "tate" in query or "stado" in query:  # "the Golden State": not Golden, CO
            hit = self._nicknamed_state(query, hit)
        if "tate" in query[-6:] and query.rstrip(" .").lower().endswith(" state"):
            hit = self._state_university(query, hit, hint) or hit  # "Ball State": not Ball, LA
        if (hit is None or hit.precision == "state") and STATE_CITY_HINT.search(query.lower()):
            hit = self._state_city(query) or hit  # "Congress Street in Maine's largest city"
        if hit is None and "campus" in query:
            hit = self._campus(query, hint)  # "on Longwood's campus"
        if (hit is None or hit.precision == "state") and "niversidad" in query:
            hit = self._campus(query, hint, spanish_campus_forms(query)) or hit
        if hit is None and _CAPITALS.search(query):
            hit = self._code(query, hint)  # "the Tom Bradley terminal at LAX"
        if (hit is None or hit.precision == "state") and may_name_a_spanish_region(query):
            hit = self._spanish_region(query) or hit  # "Florida Central": Central Florida
        if hit is not None and hit.precision == "city" and "condado" in query:
            hit = self._spanish_county(query, hit) or hit
        if ("'" not in query and "\u2019" not in query) or not _POSSESSIVE.search(query):
            return hit
        if only_saints_possessives(query):
            return hit  # "St. Mary's Church": a saint's church, not Saint Mary, KY
        if hit is None or (
            hit.row is not None and merged_possessive(query, key(self.data.names[hit.row]))
        ):  # "Chicago's Federal Plaza": Chicago; "Keene's event": Keene, not Keenes
            hit = self.read_text(_POSSESSIVE.sub(r"\1", query), hint) or hit
            if hit is None:  # "Brattleboro's Pliny Park": the town owns the park
                hit = self.read_text(_POSSESSIVE.sub(r"\1 s", query), hint)
        if hit is not None and hit.facility is None:
            hit = self._owner_town(query, hit) or hit
        return hit

    def _state_university(self, query: str, hit: Hit | None, hint: str | None) -> Hit | None:
        """ "rally at Ball State", "Portland State": the "<name> State University" of the
        campus table when there is one, rather than a town of that name (Ball, LA); a state's
        name before "State" is the state ("rally in Washington state"), unless a town in it
        was found ("Spokane, Washington state")."""
        text = fold(query).rstrip(" .")
        name = text[: -len(" state")].split()
        for size in (3, 2, 1):
            code = (
                self.data.state_by_name.get(" ".join(name[-size:])) if len(name) >= size else None
            )
            if code is None:
                continue
            state_words = " ".join(name[-size:])
            if (
                hit is None
                or hit.match == "landmark"
                or hit.state != code
                or key(hit.place.split(",", 1)[0]).startswith(state_words)  # New York City
            ):
                return self.resolver.state_hit(code)  # "rally in Washington state": no college
            return None  # "Spokane, Washington state": the town
        if not name or (hit is not None and hit.row is None):
            return None
        if (
            hit is not None
            and hit.row is not None
            and name[-1] != self.data.keys[hit.row].split()[-1]
        ):
            return None  # a town named otherwise than the school ("... near Fresno, Ball State")
        found = self.read_text(f"{query.rstrip(' .')} University", hint)
        return found if found is not None and found.match == "landmark" else None

    def _nicknamed_state(self, query: str, hit: Hit | None) -> Hit | None:
        """The place of the text read with the state a nickname names ("Sacramento, in the
        Golden State" is Sacramento, CA; "the Lone Star State" Texas), unless what was found
        is a place of that state other than a town named as the nickname is (Lone Star, TX)."""
        text = fold(_POSSESSIVE.sub(r"\1", query))  # "the Pine Tree State's largest city"
        named = nicknamed_state(text)
        if named is None or named[0] not in self.data.state_table:
            return hit
        code, start, end = named
        if (
            hit is not None
            and hit.state == code
            and (hit.row is None or key(self.data.names[hit.row]) not in STATE_NICKNAMES)
        ):
            return hit  # "Sacramento, in the Golden State"
        # read with the state's name for its nickname: "Sacramento, in California"
        state = self.data.state_table[code].name
        before = text[:start].removesuffix("the ").removesuffix("el ")  # "in the Golden State"
        named_text = f"{before}{state}{text[end:]}"
        found = self.read_text(named_text, None)
        if found is None or found.precision == "state":  # "the Golden State's capital"
            found = self._state_city(named_text) or found
        return found if found is not None and found.state == code else self.resolver.state_hit(code)

    @cached_property
    def _largest(self) -> dict[str, int]:
        """Each state's most populous place (its row)."""
        d = self.data
        best: dict[str, int] = {}
        for row, state in enumerate(d.states):
            if state not in best or d.pop[row] > d.pop[best[state]]:
                best[state] = row
        return best

    @cached_property
    def _capitals(self) -> dict[str, tuple[str, str]]:
        """Each state's capital, (town, state), from the state capitols of the landmarks."""
        capitals = {
            p.state: (p.city, p.state)
            for places in self.data.landmarks.values()
            for p in places
            if p.name.endswith(" State Capitol")
        }
        return {**capitals, "DC": ("Washington", "DC")}  # the nation's capital

    def _state_city(self, query: str) -> Hit | None:
        """The one town a description names ("Maine's largest city", "the capital of
        Texas"), when it describes one."""
        found: dict[str, Hit] = {}
        for kind, code in described_state_cities(fold(query), self.states_named.table):
            hit = None
            if kind == "largest" and code in self._largest:
                hit = self.resolver.place_hit(self._largest[code], "exact")
            elif kind == "capital" and code in self._capitals:
                town, state = self._capitals[code]
                hit = self.resolver.resolve(f"{town}, {state}", fuzzy=False)
            if hit is not None and hit.precision == "city":
                found[hit.place] = hit
        return next(iter(found.values())) if len(found) == 1 else None

    def _route_end(self, end: str, hit: Hit | None, hint: str | None) -> Hit | None:
        """Where a route ends, unless only a guess far from the place the whole names."""
        last = self.read_text(end, hint)
        if last is None:
            return hit
        if hit is not None and last.ambiguous and not hit.ambiguous:
            far = distance_km(hit.lat, hit.lon, last.lat, last.lon) > ROUTE_KM
            return hit if far else last
        return last

    def _campus(self, query: str, hint: str | None, spanish: list[str] | None = None) -> Hit | None:
        """The one campus a school's short name before "campus" names (as written, no
        fuzzy match: "Rutgers" is no "University of the Incarnate Word"), or the first of
        the English names of one named in Spanish (``spanish``) that the table has."""
        if spanish is not None:
            forms = [next((f for f in spanish if f in self.data.landmarks), "")]
        else:
            forms = campus_forms(query)
            if not forms or short_name(forms) in self.data.state_by_name:
                return None  # "the Washington campus": University of Washington or Washington U?
        found = {
            (p.name, p.city, p.state): p
            for form in forms
            for p in self.data.landmarks.get(form, ())
        }
        if len(found) != 1:
            return None
        p = next(iter(found.values()))
        hit = Hit(p.lat, p.lon, f"{p.name}, {p.city}, {p.state}", "city", "landmark", p.state)
        text = fold(query)
        hinted = self.states_named(query, text) | (self.states_named(hint) if hint else set())
        return self.homonyms.guess(hit, text, hinted)

    def _code(self, query: str, hint: str | None) -> Hit | None:
        """The one landmark named by a three-capital code inside a longer phrase ("LAX")."""
        hits = {}
        for code in codes_named(query):
            places = self.data.landmarks.get(code, ())
            if len({(p.city, p.state) for p in places}) == 1:
                hits[code] = self.read_text(code.upper(), hint)
        found = [h for h in hits.values() if h is not None and h.match == "landmark"]
        return found[0] if len(found) == 1 else None

    def _spanish_region(self, query: str) -> Hit | None:
        """A part of a state named in Spanish order, the compass word after the state:
        "Florida Central" is Central Florida, "Texas del Sur" South Texas (the regions of
        the nickname table)."""
        text = fold(query)
        for words, compasses in spanish_regions(text):
            for size in range(min(3, len(words)), 0, -1):
                code = self.data.state_by_name.get(" ".join(words[-size:]))
                state = self.data.state_table.get(code) if code else None
                if state is None:
                    continue
                for compass in compasses:
                    region = f"{compass} {key(state.name)}"
                    if region in self.data.nicknames:
                        return self.resolver.resolve(region, fuzzy=False)
        return None

    def _spanish_county(self, query: str, hit: Hit) -> Hit | None:
        """ "la cárcel del condado de Mecklenburg": the county, not a town named Mecklenburg."""
        county = spanish_county(fold(query))
        if county is None or hit.row is None:
            return None
        if key(self.data.names[hit.row]) != key(county.removesuffix(" county")):
            return None  # the town found is not the county's name
        named = self.states_named(query, fold(query))
        found = None
        for state in (*sorted(named), None):
            found = self.resolver.resolve(f"{county}, {state}" if state else county, fuzzy=False)
            if found is not None and found.precision in ("county", "region"):
                break
        if found is None or found.precision not in ("county", "region"):
            return None
        return self.homonyms.guess(found, fold(query), named)

    def _owner_town(self, query: str, hit: Hit) -> Hit | None:
        """A town named as the owner of what was found, in another state: "the ICE offices
        in San Francisco's financial district" is San Francisco (not Financial District,
        NY)."""
        if hit.state in self.states_named(query, fold(query)):
            return None  # "Prince George's County, MD": the state says which
        for owner in possessive_owners_named(query):
            if fold(owner) in fold(hit.place) or nicknamed_state(fold(owner)):
                continue  # the owner is part of the name found, or a state's nickname
            town = self.resolver.resolve(owner, fuzzy=False)
            if town is not None and town.precision == "city" and town.state != hit.state:
                return self.read_text(owner, None)
        return None
