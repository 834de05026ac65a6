"""Reading a place out of what organizers write: the offline geocoder's entry point.

Around the gazetteer ladder (:mod:`matcher.geocoding.resolve`), in this order:

0. the writing first: "L.A." is Los Angeles; a lowercase compass word before a town ("in
   north Aurora") says which part of it (not North Aurora, IL); a state or a nearby town in
   parentheses settles a guess ("Portland (Maine)", "near Chicago (Kenosha)");
1. junk ("Online", "TBD") -> nothing; "City, ST" straight to the ladder;
2. a facility or office of the catalog named in the text ("outside the Adelanto ICE
   Processing Center", "centro de detención de Krome", "630 Sansome St"), told apart from
   same-named ones by the state or town in the text -> precision ``facility``; named only by
   its kind and a town that other sizeable towns share ("the ICE office in Portland"), it is
   flagged;
3. a street address, read by usaddress: its ZIP or town, never its street or building words
   (but "the Santa Cruz County Courthouse" names its county, "... in Lafayette" its town);
4. the place inside a phrase (:mod:`matcher.geocoding.phrases`): after the last "in"/"en",
   without event and venue words, each comma part (a big city's misspelled name after "in"
   is a flagged fuzzy guess);
5. a town named somewhere inside a longer phrase ("Palantir's new Denver headquarters"),
   accepted only with evidence (a preposition before it, a state after it, a large place, or
   a building or an event named by it: "the Emeryville Home Depot"), never when a street or
   square word follows ("Moore Square", "East San Antonio Avenue");
6. a bare name with well-known homonyms (Pasadena, Portland, Springfield; see
   :mod:`matcher.geocoding.homonyms`) -> the best guess,
   in the state of the rest of the form when it names one (else of an Interstate the text
   names: "the I-35 overpass in San Marcos", :mod:`matcher.geocoding.highways`), flagged
   ``ambiguous`` with the
   alternatives, so the organizer is asked; so is a bare town under 10,000 people with no
   state in the text or the form (East Windsor, CT has a New Jersey namesake the gazetteer
   lacks), and a landmark whose state neither is named ("Washington Square Park").

Answers are memoised per text (imports repeat city names constantly).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from matcher.geocoding.addresses import looks_like_address, parse_address, town_after_street
from matcher.geocoding.county_towns import CountyTowns
from matcher.geocoding.facilities import FacilityCatalog
from matcher.geocoding.facility_reading import FacilityReader
from matcher.geocoding.highways import interstate_states
from matcher.geocoding.homonyms import SMALL_TOWN_POP, Homonyms
from matcher.geocoding.landmark_scan import LandmarkScan
from matcher.geocoding.lookups import Hit
from matcher.geocoding.nearby_towns import (
    INSIDE_PARENTHESES,
    LOWER_DIRECTION,
    REFERENCE,
    inner_place,
    inner_town,
    may_have_direction,
    may_refer,
    near_reference,
    without_direction,
)
from matcher.geocoding.normalize import fold
from matcher.geocoding.phrases import (
    VENUE_WORDS,
    after_last_in,
    place_candidates,
)
from matcher.geocoding.resolve import Resolver
from matcher.geocoding.second_reads import SecondReads
from matcher.geocoding.spanish_writing import (
    spanish_nouns_in_lowercase,
    spanish_words_only,
    without_downtown,
)
from matcher.geocoding.states import StateNames
from matcher.geocoding.town_window import NAMED_AFTER, TownWindow, ends_in_street
from matcher.geocoding.venue_names import names_a_municipality, without_intersection

__all__ = ["Reader"]

_SIMPLE = re.compile(r"[a-z][a-z .'-]*, [a-z]{2}\Z")
#: A misspelled name inside a phrase is matched only to a city at least this big.
BIG_CITY = 100_000
_FIRST_DIGIT = re.compile(r"\d")
_IN_AFTER = re.compile(r"\s(?:in|en)\s+(?=[A-Z])")
_PARENTHESES = re.compile(r"\s*\([^)]*\)\s*")
#: "L.A." with its dots is Los Angeles (Louisiana is "La." or "LA"), unless it follows a comma.
_DOTTED_LA = re.compile(r"(?<!,\s)(?<![A-Za-z,])L\.\s?A\.(?![A-Za-z])")
#: "the Denver federal building", "Tacoma Federal Building" (folded, the whole text).
_TOWN_FEDERAL_BUILDING = re.compile(r"(?:the )?([a-z][a-z .'-]*?) federal (?:building|bldg)\Z")


class Reader:
    """Reads free text into a :class:`Hit` with the ladder and the facility catalog."""

    def __init__(self, resolver: Resolver, facilities: FacilityCatalog) -> None:
        self.resolver = resolver
        self.data = resolver.data
        self.facilities = facilities
        self.states_named = StateNames(self.data.state_by_name)
        self.facility_reader = FacilityReader(resolver, facilities, self.states_named)
        self.town_window = TownWindow(resolver)
        self.landmark_scan = LandmarkScan(self.data)
        self.homonyms = Homonyms(resolver)
        self.county_towns = CountyTowns(resolver)
        self.second_reads = SecondReads(resolver, self.homonyms, self.states_named, self._read_text)
        #: row -> whether its name is Spanish common words only ("El Paso", "La Mesa")
        self._spanish_rows: dict[int, bool] = {}
        self.read: Callable[[str, str | None], Hit | None] = lru_cache(maxsize=65536)(self._read)

    # -- entry point -----------------------------------------------------------------------
    def _read(self, query: str, hint: str | None = None) -> Hit | None:
        """Best hit for ``query``; ``hint`` is the rest of the form (title, target, venue),
        read only for the state it names."""
        if "L." in query and _DOTTED_LA.search(query):  # "rally in L.A.": not Louisiana
            return self.read(_DOTTED_LA.sub("Los Angeles", query), hint)
        if may_have_direction(query) and LOWER_DIRECTION.search(query):
            bare = LOWER_DIRECTION.sub(lambda m: without_direction(self.data, m), query)
            if bare != query:
                return self.read(bare, hint)
        if "entro de " in query:  # "el centro de Phoenix": downtown Phoenix, not El Centro
            bare = without_downtown(query, lambda name: self._whole_town(name) is not None)
            if bare != query:
                return self.read(bare, hint)
        if "(" in query:  # "AURORA, Colo. (CBS4)", "Red Truck Clubhouse (740 N. Rampart St.)"
            bare = _PARENTHESES.sub(" ", query).strip(" ,")
            insides = INSIDE_PARENTHESES.findall(query)
            if any(self.facility_reader.facilities_in(fold(inside)) for inside in insides):
                # "the New Orleans ICE Field Office (1250 Poydras St.)", "el centro de Hudson
                # (renombrado como Big Horn Correctional Facility)": the facility inside counts
                whole = self._read_text(query.replace("(", " ").replace(")", " "), hint)
                if whole is not None and whole.facility is not None:
                    return whole
            for inside in insides:
                split = self.resolver.split(fold(inside))
                if bare and split.state and not split.rest:  # "Portland (Maine)"
                    return self.read(f"{bare}, {inside.strip()}", hint)
            for inside in insides:  # "Union Hall (6180 Lincoln Blvd, Sugarmill Woods)"
                hit = self._address_inside(inside, hint)
                if hit is not None:
                    return hit
            hit = self.read(bare, hint) if bare and bare != query else None
            if hit is not None and hit.ambiguous:  # "near Chicago (Kenosha)": Kenosha
                inner = inner_town(self.resolver, query, hit)
                return inner or hit
            if hit is not None:
                return hit
        return self.second_reads.after(query, self._read_text(query, hint), hint)

    def _common_words(self, hit: Hit | None, query: str) -> Hit | None:
        """None for a town read out of Spanish common words written in lowercase ("el paso
        fronterizo de Tijuana" is a border crossing, not El Paso), else the hit."""
        if hit is None or hit.row is None or hit.match not in ("exact", "alias"):
            return hit
        known = self._spanish_rows.get(hit.row)  # memoised per row
        if known is None:
            known = self._spanish_rows[hit.row] = spanish_words_only(self.data.keys[hit.row])
        if known and spanish_nouns_in_lowercase(query, self.data.keys[hit.row]):
            return None
        return hit

    def _whole_town(self, name: str) -> Hit | None:
        """The town text is the whole name of (its state may follow), exactly; else None
        ("detención de Adelanto" is more than a town's name)."""
        if self.resolver.key_of(fold(name)).split(" ", 1)[0] not in self.resolver.name_starts:
            return None  # "detención de Adelanto": no place's name starts so (the cheap test)
        town = self.resolver.resolve(name, fuzzy=False)
        if town is None or town.precision != "city" or town.row is None:
            return None
        bare = self.resolver.key_of(self.resolver.split(fold(name)).rest)
        return town if town.match == "alias" or self.data.keys[town.row] == bare else None

    def _address_inside(self, inside: str, hint: str | None) -> Hit | None:
        """The place of a street address with its town written in parentheses: the town
        after the street is where the venue named before it stands (a venue's name may be a
        town's as well: "Union Hall")."""
        folded = fold(inside)
        if not looks_like_address(folded) or not town_after_street(folded):
            return None
        hit = self._read_text(inside, hint)
        return None if hit is None or hit.precision == "state" else hit

    def _read_text(self, query: str, hint: str | None) -> Hit | None:
        text = fold(query)
        if not text or text in self.data.junk:
            return None
        whole = self.resolver.key_of(text)
        if _SIMPLE.match(text) and text.count(" ") < 4:
            # the ladder's own fast path on the folded text, else the whole ladder
            hit = self.resolver.simple(text, whole) or self.resolver.resolve(query)
            if (
                hit is not None
                and hit.precision != "state"
                and not self.facility_reader.facilities_in(text, whole)
            ):
                return hit
        words = whole.split()
        named = self.states_named(query, text)
        # the form's state, else an Interstate's ("the I-35 overpass in San Marcos": Texas)
        hinted = named or (self.states_named(hint) if hint else set()) or interstate_states(text)
        near = self.facility_reader.near_site(text)  # "the ICE facility outside Chicago"
        if near is not None:
            return near
        agency = self.facilities.normalize(words)
        mentions = self.facility_reader.mentions(agency)
        if not mentions:  # "the ICE KC office": the office of Kansas City
            spelled = self.facility_reader.with_towns_spelled(agency)
            if spelled is not agency:
                agency, mentions = spelled, self.facility_reader.mentions(spelled)
        if mentions:
            hit = self.facility_reader.answer(text, agency, mentions, named, hinted)
            if hit is not None:
                return hit
        street: frozenset[str] = frozenset()
        guessed = False  # a place read beside a building's name is asked (addresses.py)
        if looks_like_address(text):
            part = self._address_part(query)
            parsed = parse_address(part)
            if parsed is not None:
                street = parsed.street_words - parsed.town_building_words
                guessed = parsed.guessed
                hit = self._address(parsed.town, parsed.state, parsed.zip, fold(part))
                if hit is not None and hit.match in ("exact", "alias"):
                    # "12 Main Street, Springfield": which Springfield? asked, as alone
                    return self.homonyms.guess(hit, text, hinted)
                hit = hit or self._town_federal_building(text, hinted)
                if hit is not None:
                    return hit
                landmark = self.landmark_scan.find(words, named)
                if landmark is not None:  # "the Wayne Morse Federal Courthouse, 405 E. ..."
                    hit = Hit(
                        landmark.lat,
                        landmark.lon,
                        f"{landmark.name}, {landmark.city}, {landmark.state}",
                        "city",
                        "landmark",
                        landmark.state,
                    )
                    return self.homonyms.guess(hit, text, hinted)
                # "12185 Carmel Mountain Road, ...": a house number is not a ZIP code
                text = " ".join(w for w in text.split() if not (w.isdigit() and w in street))
        # "the corner of Central and Woodlawn": streets, not towns
        text = without_intersection(text, self._names_a_venue)
        reference = REFERENCE.search(text) if may_refer(text) else None
        if reference is not None:  # "Dilley, al sur de San Antonio": Dilley, not San Antonio
            before = text[: reference.start()].strip(" ,")
            hit = self._common_words(self._locate(before, street, named), query) if before else None
            if hit is not None:
                hit = self.homonyms.guess(inner_place(self.resolver, text, hit), text, hinted)
                return near_reference(self.resolver, hit, text[reference.end() :])
            hit = self._locate(text[reference.end() :], street, named)
            # only the place it is near: ask, never answer as if it were there
            return None if hit is None else replace(hit, ambiguous=True)
        hit = self._common_words(self._locate(text, street, named), query)
        if hit is None:
            return None
        hit = self.county_towns.town_of(inner_place(self.resolver, text, hit), text)
        hit = self.homonyms.guess(hit, text, hinted)
        return replace(hit, ambiguous=True) if guessed and hit.state not in named else hit

    def _locate(self, text: str, street: frozenset[str], named: set[str]) -> Hit | None:
        """The place of folded text: its phrase parts, else a town named inside it, else the
        state the phrase names ("pequeños pueblos como Asheville, Carolina del Norte")."""
        hit = self._phrase(text, street)
        if hit is None or hit.precision == "state":
            words = self.resolver.key_of(text).split()
            town = self.town_window.find(words, street, named)
            if town is not None and not (
                named and self._inside_a_state_name(town, " ".join(words))
            ):
                hit = town
        if hit is not None and hit.match == "neighborhood":
            name = fold(hit.place.split(",", 1)[0])
            if names_a_municipality(text, name):  # "the town of Roxbury": not Boston's
                return self.resolver._place(name, None)
        return hit

    def _inside_a_state_name(self, town: Hit, text_key: str) -> bool:
        """Whether a town's name is a part of a state's name the text gives: "Carolina del
        Norte" is North Carolina, not Carolina, PR."""
        if town.row is None:
            return False
        name = self.data.keys[town.row]
        return any(
            name in state and name != state and f" {state} " in f" {text_key} "
            for state in self.states_named.table
            if len(state) > len(name)
        )

    def _town_federal_building(self, text: str, hinted: set[str]) -> Hit | None:
        """ "the Denver federal building": a building named by its town, all of the name a
        town's ("the Mickey Leland Federal Building" names a person, not Leland, NC)."""
        m = _TOWN_FEDERAL_BUILDING.match(text)
        if m is None:
            return None
        town = self._whole_town(m.group(1))
        if town is None:
            return None
        if (town.population or 0) < SMALL_TOWN_POP and town.state not in hinted:
            return None  # "the Whipple Federal Building": a surname, not Whipple, OH
        return self.homonyms.guess(town, text, hinted)

    def _names_a_venue(self, k: str) -> bool:
        """Whether a key names a neighbourhood or landmark of the tables ("buford highway")."""
        return k in self.data.neighbourhoods or k in self.data.landmarks

    def facility_in(self, query: str) -> Hit | None:
        """The facility answer for ``query`` when it names one (for online geocoders)."""
        hit = self.read(query, None)
        return hit if hit is not None and hit.facility is not None else None

    @staticmethod
    def _address_part(query: str) -> str:
        """The address without a town put after it with "in"/"en" ("... at 101 Jefferson St.
        in Lafayette"), which the parser would read as a cross street."""
        digit = _FIRST_DIGIT.search(query)
        if digit is None:
            return query
        tails = list(_IN_AFTER.finditer(query, digit.end()))
        return query[: tails[-1].start()] if tails else query

    def _address(self, town: str, state: str, zip_code: str, folded: str) -> Hit | None:
        """The ZIP or the town the parser found, else the town written after the street
        (a state alone is no answer here: the phrase stage still reads the whole text)."""
        hit = None
        if zip_code:
            hit = self.resolver.resolve(f"{zip_code} {state}".strip())
        tail = town_after_street(folded) if hit is None else ""
        if tail:  # exact names only, unless the tail names its state ("Green River WY")
            hit = self.resolver.resolve(tail, fuzzy=self.resolver.split(tail).state is not None)
            hit = None if hit is None or hit.precision == "state" else hit
        if hit is None and town:
            hit = self.resolver.resolve(f"{town}, {state}" if state else town)
        return None if hit is None or hit.precision == "state" else hit

    # -- phrases ---------------------------------------------------------------------------
    def _phrase(self, text: str, street: frozenset[str]) -> Hit | None:
        """The whole text, then each candidate part: exact names first, then fuzzy ones."""
        last_in = after_last_in(text)  # None exactly when the text has no preposition
        whole = [text] if text.count(" ") < 5 and last_in is None else []
        candidates = [
            c
            for c in dict.fromkeys([*whole, *place_candidates(text)])
            if c not in VENUE_WORDS
            and not (street and set(c.replace(",", " ").split()) <= street)
            and not ends_in_street(c)
        ]
        exact: dict[str, Hit | None] = {}
        for fuzzy in (False, True):
            for candidate in candidates:
                big_only = False
                if fuzzy and not self._may_be_misspelled(candidate, text):
                    if candidate != last_in or candidate.count(" ") > 2 or len(candidate) < 6:
                        continue
                    big_only = True  # "rally in Los Angelas": a big city's name misspelled
                if not fuzzy:
                    hit = exact[candidate] = self.resolver.resolve(candidate, fuzzy=False)
                else:  # the exact answer again when there was one (a state), else the fuzzy one
                    hit = exact.get(candidate) or self.resolver.resolve(
                        candidate, fuzzy=True, after_exact=candidate in exact
                    )
                if hit is None or (not fuzzy and hit.precision == "state"):
                    continue
                if big_only and (hit.precision != "city" or (hit.population or 0) < BIG_CITY):
                    continue
                if street and hit.row is not None and self._street_word(hit, street):
                    continue
                if self._named_like_a_venue(hit, candidate):
                    continue  # "in Centennial Park" is a park, not Centennial Park, AZ
                return hit
        return None

    def _named_like_a_venue(self, hit: Hit, candidate: str) -> bool:
        """A small town whose name ends in "Park", "Square", "Plaza"..., named with no state."""
        if hit.row is None or (hit.population or 0) >= 20_000:
            return False
        last = self.data.keys[hit.row].split()[-1]
        return last in NAMED_AFTER and self.resolver.split(candidate).state is None

    def _may_be_misspelled(self, candidate: str, text: str) -> bool:
        """Fuzzy matching only where a typo is likely what went wrong: the whole (short) text,
        or a part that names its state ("Tuscon, AZ"); "in Fountain Park" is not Mountain Park."""
        if candidate == text and text.count(" ") < 4:
            return True
        split = self.resolver.split(candidate)
        return split.state is not None and split.rest.count(" ") < 3

    def _street_word(self, hit: Hit, street: frozenset[str]) -> bool:
        """Whether a place hit's name is one of the street or building words."""
        name = self.data.keys[hit.row or 0]
        return set(name.split()) <= street
