"""A facility or office of the catalog named in free text (step 2 of
:mod:`matcher.geocoding.reading`): "outside the Adelanto ICE Processing Center", "centro de
detención de Krome", "630 Sansome St". Same-named facilities are told apart by the state or
the town the text names; one named only by its kind and a town that other sizeable towns
share ("the ICE office in Portland") is flagged; a name whose telling words only name a town
("Buffalo") is the town.
"""

from __future__ import annotations

from dataclasses import replace

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
from matcher.geocoding.facility_choice import by_operator, kind_first, operators_named, tell_apart
from matcher.geocoding.facility_kinds import COURT_KIND
from matcher.geocoding.facility_near import NearSites
from matcher.geocoding.facility_office_names import named_towns
from matcher.geocoding.facility_town_names import TownSpeller
from matcher.geocoding.facility_words import may_rewrite
from matcher.geocoding.homonyms import HOMONYM_KM, HOMONYM_MIN_POP
from matcher.geocoding.link_towns import town_after_downtown, towns_after_link
from matcher.geocoding.lookups import Hit
from matcher.geocoding.normalize import fold, key, key_of_folded
from matcher.geocoding.resolve import Resolver
from matcher.geocoding.states import StateNames

__all__ = ["FACILITY_TOWN_KM", "SAME_PLACE_KM", "FacilityReader"]

#: A facility this far from the town the text names is not where the action is.
FACILITY_TOWN_KM = 60.0
#: Same-named facilities closer than this are one place for the map.
SAME_PLACE_KM = 30.0
#: Words of the kinds of facility ("ICE field office", "centro de detención") and the words
#: that link them to a town.
_HEAD_WORDS = (
    frozenset(w for phrase in (*DETENTION_HEADS, *OFFICE_HEADS) for w in phrase.split())
    | GENERIC
    | {"in", "en", "de", "del", "of", "at", "near", "cerca", "la", "el", "los", "las"}
)


class FacilityReader:
    """Finds the catalog facility a text names and answers with it (one per gazetteer)."""

    def __init__(
        self, resolver: Resolver, facilities: FacilityCatalog, states_named: StateNames
    ) -> None:
        self.resolver = resolver
        self.data = resolver.data
        self.facilities = facilities
        self.states_named = states_named
        self._state_words = {w for name in self.data.state_by_name for w in name.split()}
        self._rivals: dict[str, tuple[Hit, ...]] = {}  # facility id -> its far namesakes
        d = self.data
        self._near = NearSites(resolver, facilities)
        #: towns' names written by hand ("nueva york", "kc") -> the gazetteer's
        self._towns = TownSpeller({a: key(d.names[r]) for a, r in d.by_hand_alias.items()})

    def with_towns_spelled(self, words: list[str]) -> list[str]:
        """Words with a town's name written by hand spelled out, for a second look when they
        mention no facility (:mod:`matcher.geocoding.facility_town_names`): "la oficina de
        ICE en Nueva Orleans", "ICE headquarters in D.C.", "the ICE KC office"."""
        return self._towns.spelled(words)

    def near_site(self, text: str) -> Hit | None:
        """The agency's site near, not in, a town folded text names ("the ICE facility
        outside Chicago": Broadview), asked (:mod:`matcher.geocoding.facility_near`)."""
        site = self._near.site(text)
        return None if site is None else replace(self.facility_hit(site), ambiguous=True)

    def mentions(self, words: list[str]) -> list[Mention]:
        """The catalog's mentions among words made by ``facilities.normalize``, but those
        that only name a town or a state; for words that name none, those of the words with
        misspellings read as the catalog's ("Adelanto Detension Center")."""
        found = [m for m in self.facilities.find(words) if not self.just_a_place(words, m)]
        if not found:
            again = self.facilities.find_respelt(words, keep=self._is_a_town)
            if again is not None:
                respelt, mentions = again
                found = [m for m in mentions if not self.just_a_place(respelt, m)]
        if not found:
            operators = operators_named(words)  # "GEO Aurora": GEO's site in Aurora
            site = self.facilities.run_by(words, operators) if operators else None
            found = [site] if site is not None else []
        return found

    def _is_a_town(self, word: str) -> bool:
        """Whether a word is a sizeable town's or a county's name (never respelt)."""
        d = self.data
        return word in d.county_by_key or any(d.pop[r] >= 1000 for r in d.by_key.get(word, ()))

    def facilities_in(self, text: str, whole: str | None = None) -> bool:
        """Whether folded text mentions a catalog facility ("Krome, FL"); ``whole`` is the
        text's key when known."""
        k = whole or key_of_folded(text)
        # the catalog's normalization rewrites only the agency's long names, "del sur de"
        # and "condado": without them the words stay as they are ("Tacoma, WA")
        words = self.facilities.normalize(k.split()) if may_rewrite(k) else k.split()
        if not self.facilities.may_mention(words):
            return False
        return any(not self.just_a_place(words, m) for m in self.facilities.find(words))

    def just_a_place(self, words: list[str], mention: Mention) -> bool:
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

    def answer(
        self,
        text: str,
        words: list[str],
        mentions: list[Mention],
        named: set[str],
        hinted: set[str],
    ) -> Hit | None:
        """The facility the first telling mention names, in the state (``named``) or near the
        town the text names, flagged when only a town name shared with others says which;
        None when the text places the action elsewhere or same-named sites are far apart."""
        town = self._town_outside(text, mentions)
        for mention in mentions:
            choices = [self.facilities.by_id[i] for i in mention.ids]
            choices = [f for f in choices if f.lat is not None and f.lon is not None]
            choices = by_operator(choices, words)  # "the CoreCivic Houston Processing Center"
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
            choices = kind_first(choices, words[mention.start : mention.end])
            first = choices[0]
            guess = False
            if any(self._km(f, first) > SAME_PLACE_KM for f in choices[1:]):
                # same-named facilities in different places: the kind the text names, or the
                # one in use now as a guess to confirm; else the text must say which
                choices, guess = tell_apart(choices, words[mention.start : mention.end])
                first = choices[0]
                if not guess and any(self._km(f, first) > SAME_PLACE_KM for f in choices[1:]):
                    continue
            if "downtown" in text:
                first = self._downtown_site(text, first)
            hit = self.facility_hit(first)
            if guess:
                others = tuple(
                    self.facility_hit(f) for f in choices[1:] if self._km(f, first) > SAME_PLACE_KM
                )
                return replace(hit, ambiguous=True, alternatives=others)
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
            and (f.kind == COURT_KIND) == (office.kind == COURT_KIND)  # ICE's, or EOIR's
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
            for town in (self.facilities.by_id[i].city, *named_towns(self.facilities.by_id[i]))
            for w in key_of_folded(fold(town)).split()
        }
        return all(w in towns or w in _HEAD_WORDS for w in span)

    def _town_rivals(self, facility: Facility) -> tuple[Hit, ...]:
        """Sizeable towns of the facility's town's name far from it (kept per facility)."""
        rivals = self._rivals.get(facility.id)
        if rivals is None:
            rivals = self._rivals[facility.id] = self._far_namesakes(facility)
        return rivals

    def _far_namesakes(self, facility: Facility) -> tuple[Hit, ...]:
        """The sizeable towns named as the facility's town, far from it (four at most)."""
        d = self.data
        towns = dict.fromkeys(key(t) for t in (facility.city, *named_towns(facility)))
        rows = [r for town in towns for r in d.by_key.get(town, ())]
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
