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
   in the state of the rest of the form when it names one, flagged ``ambiguous`` with the
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

from matcher.geocoding.addresses import looks_like_address, parse_address
from matcher.geocoding.distance import distance_km
from matcher.geocoding.facilities import (
    DETENTION_HEADS,
    GENERIC,
    OFFICE_HEADS,
    OFFICE_KINDS,
    Facility,
    FacilityCatalog,
    Mention,
)
from matcher.geocoding.homonyms import HOMONYM_KM, HOMONYM_MIN_POP, Homonyms
from matcher.geocoding.landmark_scan import LandmarkScan
from matcher.geocoding.link_towns import town_after_downtown, towns_after_link
from matcher.geocoding.lookups import NEAR_KM, Hit
from matcher.geocoding.normalize import fold, key, key_of_folded
from matcher.geocoding.phrases import (
    VENUE_WORDS,
    after_last_in,
    has_preposition,
    place_candidates,
)
from matcher.geocoding.resolve import WINDOW_MIN_POP, Resolver
from matcher.geocoding.states import StateNames

__all__ = ["Reader"]

_SIMPLE = re.compile(r"[a-z][a-z .'-]*, [a-z]{2}\Z")
#: A facility this far from the town the text names is not where the action is.
FACILITY_TOWN_KM = 60.0
#: Same-named facilities closer than this are one place for the map.
SAME_PLACE_KM = 30.0
#: A town in parentheses after a guess ("near Chicago (Kenosha)") is meant when this close.
INNER_TOWN_KM = 150.0
#: A misspelled name inside a phrase is matched only to a city at least this big.
BIG_CITY = 100_000
#: Words after a town's name that name that town's own institutions ("Dover City Hall") or a
#: building known by its town ("the Emeryville Home Depot").
TOWN_FACILITIES = (
    "city hall",
    "town hall",
    "town council",
    "city council",
    "village hall",
    "police",
    "public library",
    "high school",
    "courthouse",
    "municipal",
    "board of",
    "county board",
    # a business or public building named by its town ("the Emeryville Home Depot")
    "home depot",
    "walmart",
    "airport",
    "international airport",
    "federal building",
    "federal courthouse",
    "post office",
    "train station",
    "amtrak station",
    "bus station",
    "ice office",
    "ice field office",
    "immigration court",
    # an event named by its town ("a Chestertown event is planned ...")
    "event",
    "rally",
    "vigil",
    "march",
    "protest",
    "demonstration",
    "chapter",
    "residents",
)
#: The same phrases of two words or more ("city hall", "post office"): their last word
#: after the first is part of the phrase, never a town ("Meet at City Hall, March to ...").
_TOWN_BUILDINGS = frozenset(v for v in TOWN_FACILITIES if " " in v)
#: Words after a name that make it the name of a park, square or building, not of a town.
NAMED_AFTER = frozenset(
    (
        "park",
        "parque",
        "square",
        "plaza",
        "mall",
        "memorial",
        "field",
        "lake",
        "pike",
        "church",
        "center",
        "centre",
        "tower",
        "gardens",
        "garden",
        "green",
        "common",
        "commons",
        "circle",
    )
)
#: "south of X", "al sur de X", "cerca de X", "a 19 kilómetros de X": X is only nearby.
_REFERENCE = re.compile(
    r",?\s*\b(?:(?:just |about |some )?(?:north|south|east|west|northeast|northwest|southeast|"
    r"southwest) of|al (?:norte|sur|este|oeste|noreste|noroeste|sureste|suroeste) de|between|entre|"
    r"(?:a|unos|about|some|\d+) (?:\d+ )?(?:km|kilometros|millas|miles|minutos|minutes) "
    r"(?:de|from|outside(?: of)?)|outside of|cerca de|near)\s+"
)
_ENDS_IN_STREET = re.compile(
    r"\b(?:street|st|avenue|ave|road|rd|drive|dr|boulevard|blvd|lane|ln|way|pike|highway|hwy|"
    r"parkway|pkwy|calle|avenida)$"
)
_BEFORE_IN = re.compile(r"\b(?:de|del|in|at|en)\s+([a-z][a-z ]{2,40}?)\s+(?:en|in)\s+")
#: Words of the kinds of facility ("ICE field office", "centro de detención") and the words
#: that link them to a town.
_HEAD_WORDS = (
    frozenset(w for phrase in (*DETENTION_HEADS, *OFFICE_HEADS) for w in phrase.split())
    | GENERIC
    | {"in", "en", "de", "del", "of", "at", "near", "cerca", "la", "el", "los", "las"}
)
_FIRST_DIGIT = re.compile(r"\d")
_WORDS = re.compile(r"[a-z0-9]+")
_IN_AFTER = re.compile(r"\s(?:in|en)\s+(?=[A-Z])")
_COUNTY_RUN = re.compile(r"\b(?:county|parish|borough)$")
_COUNTY_ENDS = ("county", "parish", "borough")
_POSSESSIVE = re.compile(r"(\w)['\u2019]s\b")
_PARENTHESES = re.compile(r"\s*\([^)]*\)\s*")
#: "L.A." with its dots is Los Angeles (Louisiana is "La." or "LA"), unless it follows a comma.
_DOTTED_LA = re.compile(r"(?<!,\s)(?<![A-Za-z,])L\.\s?A\.(?![A-Za-z])")
_INSIDE_PARENTHESES = re.compile(r"\(([^)]*)\)")
_UPPER_CODE = re.compile(r"(?<![A-Za-z])([A-Z]{2})(?![A-Za-z])")
#: A lowercase compass word before a capitalized name ("in north Aurora"): a part of that town,
#: not the town spelled with it (North Aurora, IL).
_LOWER_DIRECTION = re.compile(
    r"(?<![A-Za-z])(north|south|east|west|northeast|northwest|southeast|southwest)\s+"
    r"([A-Z][A-Za-z.'-]*(?:\s+[A-Z][A-Za-z.'-]*){0,2})"
)
# fmt: off
#: Words that are also names of towns but, inside a phrase, are almost always plain words.
_COMMON = frozenset((
    "union", "liberty", "independence", "justice", "freedom", "mission", "victoria", "eagle",
    "central", "university", "college", "park", "plaza", "federal", "spring", "springs",
    "center", "centre", "capitol", "downtown", "midtown", "library", "harbor", "bay", "beach",
    "lake", "river", "valley", "hill", "hills", "city", "town", "county", "state", "national",
    "american", "america", "washington", "lincoln", "jackson", "franklin", "madison",
    "clinton", "columbia", "hope", "peace", "unity", "faith", "friendship", "mercy", "grace",
    "march", "day", "sunday", "monday", "saturday", "friday", "home", "homestead", "camp",
    "fort", "church", "temple", "paris", "rome", "athens", "moscow", "berlin", "london",
    "dublin", "lebanon", "mexico", "canada", "cuba", "peru", "chile", "el", "la", "los", "las",
    "san", "santa", "new", "north", "south", "east", "west", "mount", "saint", "ice", "trump",
    "eden", "delta", "alpine", "granite", "cable", "whipple", "plaza", "bayard", "alameda",
))
# fmt: on


class Reader:
    """Reads free text into a :class:`Hit` with the ladder and the facility catalog."""

    def __init__(self, resolver: Resolver, facilities: FacilityCatalog) -> None:
        self.resolver = resolver
        self.data = resolver.data
        self.facilities = facilities
        self._state_words = {w for name in self.data.state_by_name for w in name.split()}
        self.states_named = StateNames(self.data.state_by_name)
        self.landmark_scan = LandmarkScan(self.data)
        self.homonyms = Homonyms(resolver)
        self.read: Callable[[str, str | None], Hit | None] = lru_cache(maxsize=65536)(self._read)

    # -- entry point -----------------------------------------------------------------------
    def _read(self, query: str, hint: str | None = None) -> Hit | None:
        """Best hit for ``query``; ``hint`` is the rest of the form (title, target, venue),
        read only for the state it names."""
        if "L." in query and _DOTTED_LA.search(query):  # "rally in L.A.": not Louisiana
            return self.read(_DOTTED_LA.sub("Los Angeles", query), hint)
        if _LOWER_DIRECTION.search(query):
            bare = _LOWER_DIRECTION.sub(self._without_direction, query)
            if bare != query:
                return self.read(bare, hint)
        if "(" in query:  # "AURORA, Colo. (CBS4)", "Red Truck Clubhouse (740 N. Rampart St.)"
            bare = _PARENTHESES.sub(" ", query).strip(" ,")
            insides = _INSIDE_PARENTHESES.findall(query)
            if any(self.facilities_in(fold(inside)) for inside in insides):
                # "the New Orleans ICE Field Office (1250 Poydras St.)", "el centro de Hudson
                # (renombrado como Big Horn Correctional Facility)": the facility inside counts
                whole = self._read_text(query.replace("(", " ").replace(")", " "), hint)
                if whole is not None and whole.facility is not None:
                    return whole
            for inside in insides:
                split = self.resolver.split(fold(inside))
                if bare and split.state and not split.rest:  # "Portland (Maine)"
                    return self.read(f"{bare}, {inside.strip()}", hint)
            hit = self.read(bare, hint) if bare and bare != query else None
            if hit is not None and hit.ambiguous:  # "near Chicago (Kenosha)": Kenosha
                inner = self._inner_town(query, hit)
                return inner or hit
            if hit is not None:
                return hit
        hit = self._read_text(query, hint)
        if hit is None and _POSSESSIVE.search(query):  # "Chicago's Federal Plaza": Chicago
            hit = self._read_text(_POSSESSIVE.sub(r"\1", query), hint)
        return hit

    def _inner_town(self, query: str, outer: Hit) -> Hit | None:
        """A town written in parentheses after a guess, near it: the place meant."""
        for inside in _INSIDE_PARENTHESES.findall(query):
            hit = self.resolver.resolve(inside, fuzzy=False)
            if (
                hit is not None
                and hit.precision == "city"
                and distance_km(hit.lat, hit.lon, outer.lat, outer.lon) <= INNER_TOWN_KM
            ):
                return hit
        return None

    def _without_direction(self, m: re.Match[str]) -> str:
        """ "north Aurora" -> "Aurora" when "North Aurora" is a town's name (and no region's):
        written in lowercase, the compass word says which part of Aurora."""
        words = m.group(2).split()
        for size in range(len(words), 0, -1):
            k = key(f"{m.group(1)} {' '.join(words[:size])}")
            if k in self.data.nicknames:
                return m.group(0)
            if k in self.data.by_key or k in self.data.by_hand_alias:
                return m.group(2)
        return m.group(0)

    def _read_text(self, query: str, hint: str | None) -> Hit | None:
        text = fold(query)
        if not text or text in self.data.junk:
            return None
        whole = key_of_folded(text)
        if _SIMPLE.match(text) and text.count(" ") < 4:
            # the ladder's own fast path on the folded text, else the whole ladder
            hit = self.resolver.simple(text, whole) or self.resolver.resolve(query)
            if hit is not None and hit.precision != "state" and not self.facilities_in(text, whole):
                return hit
        words = whole.split()
        named = self.states_named(query, text)
        hinted = named or (self.states_named(hint) if hint else set())
        agency = self.facilities.normalize(words)
        mentions = [m for m in self.facilities.find(agency) if not self._just_a_place(agency, m)]
        if mentions:
            hit = self._facility(text, agency, mentions, named, hinted)
            if hit is not None:
                return hit
        street: frozenset[str] = frozenset()
        if looks_like_address(text):
            parsed = parse_address(self._address_part(query))
            if parsed is not None:
                street = parsed.street_words - parsed.town_building_words
                hit = self._address(parsed.town, parsed.state, parsed.zip)
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
        reference = _REFERENCE.search(text)
        if reference is not None:  # "Dilley, al sur de San Antonio": Dilley, not San Antonio
            before = text[: reference.start()].strip(" ,")
            hit = self._locate(before, street, named) if before else None
            if hit is not None:
                return self.homonyms.guess(self._inner_place(text, hit), text, hinted)
            hit = self._locate(text[reference.end() :], street, named)
            # only the place it is near: ask, never answer as if it were there
            return None if hit is None else replace(hit, ambiguous=True)
        hit = self._locate(text, street, named)
        if hit is None:
            return None
        hit = self._inner_place(text, hit)
        return self.homonyms.guess(hit, text, hinted)

    def _locate(self, text: str, street: frozenset[str], named: set[str]) -> Hit | None:
        """The place of folded text: its phrase parts, else a town named inside it, else the
        state the phrase names ("pequeños pueblos como Asheville, Carolina del Norte")."""
        hit = self._phrase(text, street)
        if hit is not None and hit.precision != "state":
            return hit
        return self._window(key_of_folded(text).split(), street, named) or hit

    def _inner_place(self, text: str, outer: Hit) -> Hit:
        """ "La tienda de Monrovia en Los Ángeles": a smaller place named just before the one
        found ("X in Y", "X en Y") and close to it is where the action is."""
        if outer.precision not in ("city", "county", "region"):
            return outer
        for m in _BEFORE_IN.finditer(text):
            words = m.group(1).split()
            for size in (3, 2, 1):
                inner = self.resolver.resolve(" ".join(words[-size:]), fuzzy=False)
                if (
                    inner is not None
                    and inner.precision == "city"
                    and inner.place != outer.place
                    and distance_km(inner.lat, inner.lon, outer.lat, outer.lon)
                    <= NEAR_KM[outer.precision]
                ):
                    return inner
        return outer

    def facility_in(self, query: str) -> Hit | None:
        """The facility answer for ``query`` when it names one (for online geocoders)."""
        hit = self.read(query, None)
        return hit if hit is not None and hit.facility is not None else None

    def facilities_in(self, text: str, whole: str | None = None) -> bool:
        """Whether folded text mentions a catalog facility ("Krome, FL"); ``whole`` is the
        text's key when known."""
        words = self.facilities.normalize((whole or key_of_folded(text)).split())
        if not self.facilities.may_mention(words):
            return False
        return any(not self._just_a_place(words, m) for m in self.facilities.find(words))

    def _just_a_place(self, words: list[str], mention: Mention) -> bool:
        """A name mention whose telling words only name a town or a state ("Buffalo" for the
        Buffalo Service Processing Center, "Birmingham, AL" for the ICE office there): the
        town is meant, unless a head word ("detention center", "ICE office") says otherwise,
        which the catalog finds as a head mention of its own."""
        if mention.how != "name":
            return False
        d = self.data
        span = words[mention.start : mention.end]
        if span and span[-1] == "mount":  # "MT" (Montana) made canonical as in "Mt. Hood"
            span = span[:-1]
        if any(w in GENERIC for w in span):
            return False  # "Buffalo Federal Detention Facility" names the facility
        telling = [w for w in span if not (len(w) == 2 and w in d.state_by_name)]
        if not [w for w in telling if w not in self._state_words]:
            return True
        rows = d.by_key.get(" ".join(telling), ())
        return any(d.pop[r] >= 1000 for r in rows)

    # -- facilities ------------------------------------------------------------------------
    def _facility(
        self,
        text: str,
        words: list[str],
        mentions: list[Mention],
        named: set[str],
        hinted: set[str],
    ) -> Hit | None:
        town = self._town_outside(text, mentions)
        for mention in mentions:
            choices = [self.facilities.by_id[i] for i in mention.ids]
            choices = [f for f in choices if f.lat is not None and f.lon is not None]
            # a state named only inside the facility's name ("Camp East Montana") says nothing
            outside = named - self.states_named(" ".join(words[mention.start : mention.end]))
            if outside:
                choices = [f for f in choices if f.state in outside] or (
                    [] if mention.how != "address" else choices
                )
            if town is not None:
                near = [f for f in choices if self._km(f, town) <= FACILITY_TOWN_KM]
                if not near and town.ambiguous:
                    near = choices  # "..., Nueva York": the state, not New York City
                elif not near:
                    return None  # the action is in the town the text names, not there
                choices = sorted(near, key=lambda f: self._km(f, town))
            elif len(choices) > 1:  # "Orange County Jail in Goshen": the one near a Goshen
                choices = self._near_linked_town(text, choices)
            if not choices:
                continue
            first = choices[0]
            if any(self._km(f, first) > SAME_PLACE_KM for f in choices[1:]):
                continue  # same-named facilities in different places: the text must say which
            if "downtown" in text:
                first = self._downtown_site(text, first)
            hit = self.facility_hit(first)
            if town is None and first.state not in hinted and self._by_town_only(words, mention):
                rivals = self._town_rivals(first)  # "the ICE office in Portland": OR or ME?
                if rivals:
                    hit = replace(hit, ambiguous=True, alternatives=rivals)
            return hit
        return None

    def _near_linked_town(self, text: str, choices: list[Facility]) -> list[Facility]:
        """The same-named facilities near a town the text names after "in"/"en" (of any
        state), or all of them when none is."""
        towns = towns_after_link(text, self.data)
        near = [
            f
            for f in choices
            if any(
                distance_km(f.lat or 0.0, f.lon or 0.0, lat, lon) <= FACILITY_TOWN_KM
                for lat, lon in towns
            )
        ]
        return near or choices

    def _downtown_site(self, text: str, office: Facility) -> Facility:
        """ "The downtown New Orleans ICE field office": when an office is outside the town
        the text names after "downtown", the one site of the same field office in that town
        (the office's former downtown site), else the office itself."""
        town = town_after_downtown(text, self.data)
        if town is None or office.kind not in OFFICE_KINDS or key(office.city) == town:
            return office
        sites = [
            f
            for f in self.facilities.by_id.values()
            if f.kind in OFFICE_KINDS
            and f.field_office == office.field_office
            and f.state == office.state
            and key(f.city) == town
            and f.lat is not None
        ]
        return sites[0] if len(sites) == 1 else office

    def _by_town_only(self, words: list[str], mention: Mention) -> bool:
        """Whether a mention names its facility only by a kind and a town ("the ICE office
        in Portland", "Tacoma detention center"), not by the facility's own name."""
        if mention.how not in ("town", "head"):
            return False
        span = words[mention.start : mention.end]
        towns = {
            w
            for i in mention.ids
            for w in key_of_folded(fold(self.facilities.by_id[i].city)).split()
        }
        return all(w in towns or w in _HEAD_WORDS for w in span)

    def _town_rivals(self, facility: Facility) -> tuple[Hit, ...]:
        """Sizeable towns of the facility's town's name far from it."""
        d = self.data
        rows = d.by_key.get(key(facility.city), ())
        return tuple(
            self.resolver.place_hit(r, "exact")
            for r in rows
            if d.pop[r] >= HOMONYM_MIN_POP
            and distance_km(facility.lat or 0.0, facility.lon or 0.0, d.lat[r], d.lon[r])
            > HOMONYM_KM
        )[:4]

    @staticmethod
    def _km(facility: Facility, other: Facility | Hit) -> float:
        lat = other.lat
        lon = other.lon
        return distance_km(facility.lat or 0.0, facility.lon or 0.0, lat or 0.0, lon or 0.0)

    def _town_outside(self, text: str, mentions: list[Mention]) -> Hit | None:
        """A town the text names beside the facility ("..., Tacoma", "... in Aurora, CO")."""
        parts = [p.strip() for p in text.split(",")]
        for part in reversed(parts[1:]):
            hit = self.resolver.resolve(part) if part else None
            if hit is not None and hit.precision in ("city", "postcode"):
                if self.resolver.split(part).rest == "":
                    return replace(hit, ambiguous=True)  # "New York": the city or the state
                return hit
        return None

    def facility_hit(self, facility: Facility) -> Hit:
        """The answer for one catalog entry."""
        return Hit(
            float(facility.lat or 0.0),
            float(facility.lon or 0.0),
            facility.display,
            "facility",
            "facility",
            facility.state,
            detail=facility.name,
            facility=facility.id,
            operator=facility.operator,
        )

    # -- addresses -------------------------------------------------------------------------
    @staticmethod
    def _address_part(query: str) -> str:
        """The address without a town put after it with "in"/"en" ("... at 101 Jefferson St.
        in Lafayette"), which the parser would read as a cross street."""
        digit = _FIRST_DIGIT.search(query)
        if digit is None:
            return query
        tails = list(_IN_AFTER.finditer(query, digit.end()))
        return query[: tails[-1].start()] if tails else query

    def _address(self, town: str, state: str, zip_code: str) -> Hit | None:
        """The ZIP or the town the parser found (a state alone is no answer here: the phrase
        stage still reads the whole text)."""
        hit = None
        if zip_code:
            hit = self.resolver.resolve(f"{zip_code} {state}".strip())
        if hit is None and town:
            hit = self.resolver.resolve(f"{town}, {state}" if state else town)
        return None if hit is None or hit.precision == "state" else hit

    # -- phrases ---------------------------------------------------------------------------
    def _phrase(self, text: str, street: frozenset[str]) -> Hit | None:
        """The whole text, then each candidate part: exact names first, then fuzzy ones."""
        whole = [text] if text.count(" ") < 5 and not has_preposition(text) else []
        candidates = [
            c
            for c in dict.fromkeys([*whole, *place_candidates(text)])
            if c not in VENUE_WORDS
            and not (street and set(c.replace(",", " ").split()) <= street)
            and not _ENDS_IN_STREET.search(c)
        ]
        last_in = after_last_in(text)
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
        last = key_of_folded(fold(self.data.names[hit.row])).split()[-1]
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
        name = key_of_folded(fold(self.data.names[hit.row or 0]))
        return set(name.split()) <= street

    def _window(self, words: list[str], street: frozenset[str], named: set[str]) -> Hit | None:
        """A town named inside a longer phrase, with evidence."""
        if len(words) < 2:
            return None
        best: tuple[tuple[int, int, int], Hit] | None = None
        may_name = self.resolver.may_name
        starts = self.resolver.name_starts
        for size in (6, 5, 4, 3, 2, 1):
            for start in range(len(words) - size + 1):
                if words[start] not in starts and not words[start + size - 1].endswith(
                    _COUNTY_ENDS
                ):
                    continue  # the cheapest test first: most runs name nothing
                run = words[start : start + size]
                candidate = " ".join(run)
                if not may_name(candidate) and not candidate.endswith(_COUNTY_ENDS):
                    continue
                if any(w in street for w in run) or any(w.isdigit() for w in run):
                    continue
                if size == 1 and (candidate in _COMMON or len(candidate) < 4):
                    continue
                found = self._window_hit(candidate, named)
                if found is None:
                    continue
                hit, pop = found
                before = words[start - 1] if start else ""
                if before and f"{before} {candidate}" in _TOWN_BUILDINGS:
                    continue  # "City Hall": the building's own word, not a town named Hall
                towns_own = " ".join(words[start + size : start + size + 2])
                own = any(towns_own.startswith(v) for v in TOWN_FACILITIES)
                evidence = (
                    (hit.state in named) * 2
                    + (before in ("in", "en", "de", "near", "outside"))
                    + (pop >= WINDOW_MIN_POP)
                    + own  # "the Farmville Town Council": Farmville
                )
                if evidence == 0 or (pop < WINDOW_MIN_POP and hit.state not in named and not own):
                    continue
                after = words[start + size] if start + size < len(words) else ""
                named_thing = _ENDS_IN_STREET.search(after) or after in NAMED_AFTER
                if named_thing and hit.row is not None:
                    continue  # "Haywood Street", "Brick Church Pike", "Moore Square"
                others = [w for i, w in enumerate(words) if not start <= i < start + size]
                if (
                    evidence == 1
                    and pop >= WINDOW_MIN_POP
                    and len(words) < 3
                    and not any(w in VENUE_WORDS for w in others)
                ):
                    continue  # "Otay Mesa" is not Mesa, AZ: size alone needs a longer phrase
                rank = (evidence, size, pop)
                if best is None or rank > best[0]:
                    best = (rank, hit)
        return None if best is None else best[1]

    def _window_hit(self, candidate: str, named: set[str]) -> tuple[Hit, int] | None:
        """A nickname, landmark or place (hand alias, name) for a run of words, and its size."""
        r = self.resolver
        if not r.may_name(candidate) and not _COUNTY_RUN.search(candidate):
            return None
        nickname = r._nickname(candidate, None)
        if nickname is not None:
            return nickname, 10**8
        hit = None
        for state in (*sorted(named), None):
            hit = (
                r._neighbourhood(candidate, state)
                or r._landmark(candidate, state)
                or r._place(candidate, state)
                or (r.county_anywhere(candidate, state) if _COUNTY_RUN.search(candidate) else None)
            )
            if hit is not None:
                break
        if hit is None:
            return None
        pop = self.data.pop[hit.row] if hit.row is not None else WINDOW_MIN_POP
        return hit, pop
