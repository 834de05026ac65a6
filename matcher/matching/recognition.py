"""Reading target texts: which known entities (entities.py) a text names, and the most specific
tie between two sets of them (`EntityCatalog`).

A target text is folded (see `rows.fold`) and searched for every alias as whole words, longest
alias first; distinctive one-word keywords also match with small misspellings (rapidfuzz ratio
of at least 85 for words of six letters or more, also on two adjacent words written together).
Facilities are found by the catalog's own reading (names, "<name> detention center", "centro
de detención de <name>", never "Adelanto City Hall"), under the catalog's names.

The main entity of a phrase is what it is about, not an agency word inside it: in "Amazon (AWS
contracts with ICE)" or "Avelo's deportation flights for DHS" the company is the target, and
the target of a local government or a political figure is never the agency they work with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from rapidfuzz import fuzz, process

from matcher.geocoding.facilities import (
    GENERIC,
    FacilityCatalog,
    Mention,
    default_facilities,
    normalize_agency,
)
from matcher.geocoding.facility_town_names import town_speller
from matcher.geocoding.normalize import key
from matcher.matching.company_venues import BUSINESS_KINDS, names_a_venue
from matcher.matching.court_ties import ice_at_a_court
from matcher.matching.entities import (
    ICE_SITES,
    NOT_THE_AGENCY,
    PLACE_KINDS,
    Entity,
    facility_entities,
    load_entities,
)
from matcher.matching.entity_ties import EntityTies
from matcher.matching.rows import fold
from matcher.matching.target_words import (
    EVERYDAY_WORDS,
    FUZZY_CUTOFF,
    MIN_FUZZY_LEN,
    STRENGTH,
    bare_words,
    names_a_site_first,
)

_RECOGNIZED_MAX = 1 << 20  # texts remembered by EntityCatalog.recognize
#: A state's code written as such: in parentheses or after a comma ("Butler County Jail (OH)",
#: "Orange County Jail, FL"), upper case (a word "in" or "or" is no state).
_STATE_CODE = re.compile(r"(?:\(|, ?)([A-Z]{2})\b")
#: Words that put a town after them ("in Folkston", "del suburbio de Broadview").
_TOWN_LINKS = frozenset(("in", "en", "de", "del", "near", "cerca", "outside"))
#: Words that make a phrase a detention site's ("facility", "jail", "centro").
_DETENTION_WORDS = frozenset(
    (
        *("facility", "facilities", "center", "centre", "centro", "jail", "carcel", "prison"),
        *("detention", "detencion", "processing", "procesamiento", "staging", "annex"),
    )
)
_COUNTY_WORDS = frozenset(("county", "parish", "condado"))
#: A possessive ending a word ("Jail's", "Farmville\u2019s"), dropped before a second reading.
_POSSESSIVE = re.compile(r"(?<=[A-Za-z])['\u2019]s\b")


class EntityCatalog(EntityTies):
    """Recognizes entities in target texts and relates them."""

    def __init__(
        self, entities: Iterable[Entity], facilities: FacilityCatalog | None = None
    ) -> None:
        entities = list(entities)
        if any(e.id == ICE_SITES.parent for e in entities):
            entities.append(ICE_SITES)
        self.facilities = facilities
        if facilities is not None:
            named = {e.id for e in entities}
            entities += [e for e in facility_entities(facilities, named) if e.id not in named]
        self.entities = {e.id: e for e in entities}
        alias_to_id: dict[str, str] = {}
        for entity in self.entities.values():
            if entity.kind in PLACE_KINDS and facilities is not None:
                continue  # found by the facility catalog's own reading, with its guards
            for alias in (entity.name, *entity.aliases):
                key = fold(alias)
                if key:
                    alias_to_id.setdefault(key, entity.id)
        self._alias_to_id = alias_to_id
        ordered = sorted(alias_to_id, key=lambda a: (-len(a), a))
        self._pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, ordered)) + r")\b")
        self._keyword_to_id = {
            fold(k).replace(" ", ""): e.id for e in self.entities.values() for k in e.keywords
        }
        self._keywords = [k for k in self._keyword_to_id if len(k) >= MIN_FUZZY_LEN]
        self._token_cache: dict[str, str | None] = {}
        self._recognized: dict[tuple[str, str | None], frozenset[str]] = {}
        self._ancestors = {eid: self._walk_up(eid) for eid in self.entities}

    def _walk_up(self, eid: str) -> tuple[str, ...]:
        chain: list[str] = []
        parent = self.entities[eid].parent
        while parent is not None and parent not in chain:
            chain.append(parent)
            parent = self.entities[parent].parent
        return tuple(chain)

    def ancestors(self, eid: str) -> tuple[str, ...]:
        """Parent, grandparent, ... of an entity."""
        return self._ancestors[eid]

    def name(self, eid: str) -> str:
        """Display name of an entity."""
        return self.entities[eid].name

    def _fuzzy_token(self, token: str) -> str | None:
        if token in self._token_cache:
            return self._token_cache[token]
        found = self._keyword_to_id.get(token)
        if (
            found is None
            and len(token) >= MIN_FUZZY_LEN
            and self._keywords
            and token not in EVERYDAY_WORDS
        ):
            best = process.extractOne(
                token, self._keywords, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
            )
            found = self._keyword_to_id[best[0]] if best else None
        self._token_cache[token] = found
        return found

    def recognize(self, text: str, target_type: str | None = None) -> frozenset[str]:
        """Ids of the main entities a target text names (empty set when none); remembered
        per text and type (a catalog does not change once built)."""
        key = (text, target_type)
        found = self._recognized.get(key)
        if found is None:
            if len(self._recognized) >= _RECOGNIZED_MAX:
                self._recognized.clear()
            found = self._recognized[key] = self._recognize(text, target_type)
        return found

    def _recognize(self, text: str, target_type: str | None) -> frozenset[str]:
        folded = " ".join(normalize_agency(fold(text).split()))
        if not folded:
            return frozenset()
        first: dict[str, int] = {}  # entity -> where the text first names it
        for m in self._pattern.finditer(folded):
            eid = self._alias_to_id[m.group(0)]
            if self.entities[eid].kind in BUSINESS_KINDS and names_a_venue(folded, m.end()):
                continue  # "Citizens Bank Park", "US Bank Stadium": a venue, not the business
            first.setdefault(eid, m.start())
        rest = self._pattern.sub(" ", folded).split()
        for i, token in enumerate(rest):
            for candidate in (token, token + rest[i + 1] if i + 1 < len(rest) else ""):
                if candidate and (eid := self._fuzzy_token(candidate)) is not None:
                    first.setdefault(eid, max(folded.find(token), 0))
        for eid, at in self._facilities_in(text, target_type, set(first)):
            first.setdefault(eid, at)
        found = set(first)
        # A facility and its own operator named together ("GEO's Adelanto") is the facility.
        covered = {a for eid in found for a in self._ancestors[eid]}
        found = (found - covered) or found
        if target_type == "detention_center" and any(
            self.entities[e].kind == "facility" for e in found
        ):
            # "CoreCivic Farmville Detention Center": a detention center's phrase is about the
            # facility it names, even under another (or a wrong) operator's name
            found = {e for e in found if self.entities[e].kind != "operator"}
        agencies = {e for e in found if self.entities[e].kind == "agency"}
        if target_type == "federal_agency" and any(
            e in agencies or self._agency_site(e) for e in found
        ):
            # "ICE San Francisco field office: end the GEO contracts at Mesa Verde": the office
            # is the target, not the contractor or the facilities its demands name
            found = {e for e in found if e in agencies or self._agency_site(e)}
        elif agencies and (found - agencies or target_type in NOT_THE_AGENCY):
            found -= agencies  # an agency word inside a phrase about something else
        if target_type == "local_government":
            # "Clearfield County Commissioners' contract with GEO": the county is the target,
            # not the company it contracts with; nor is it the agency's own office it permits
            # or leases ("the city's permit for the ICE field office"): a jail or a contract
            # facility is the county's business, an ICE office is ICE's
            found = {
                e
                for e in found
                if self.entities[e].kind in PLACE_KINDS and not self._agency_site(e)
            }
        if target_type == "political_figure":
            # "Rep. McCarthy's office (hunger strikes at GEO's Mesa Verde)": the politician is
            # the target, not the facility or company the demands name
            found = set()
        if target_type == "federal_agency" and len(agencies & found) > 1:
            # "DOJ prosecution of an organizer; ICE raids": the agency named first
            first_agency = min(agencies & found, key=lambda e: first[e])
            found = {e for e in found if e not in agencies or e == first_agency}
        if (
            target_type == "federal_agency"
            and found == {ICE_SITES.parent}
            and ICE_SITES.id in self.entities
            and names_a_site_first(folded)
        ):
            found = {ICE_SITES.id}  # an ICE office or building, not ICE as a whole
        found = ice_at_a_court(found, self.entities)  # ICE's arrests at a court: ICE's site
        companies = [e for e in found if self.entities[e].kind not in PLACE_KINDS]
        if target_type == "corporate_profiteer" and len(companies) > 1:
            # "Wells Fargo's role in financing CoreCivic": the company named first
            found = {min(companies, key=lambda e: first[e])}
        return frozenset(found)

    def _agency_site(self, eid: str) -> bool:
        """Whether an entity is an office or site a federal agency runs itself (an ICE field
        office, ICE's Broadview staging site), not a jail or a contractor's facility."""
        parent = self.entities[eid].parent
        return self.entities[eid].kind == "office" or (
            parent is not None and self.entities[parent].kind == "agency"
        )

    def _facilities_in(
        self, text: str, target_type: str | None, named: set[str]
    ) -> list[tuple[str, int]]:
        """Facilities and offices the text names, with where: the strongest mention of each
        place, a same-named one only when the text names its town; "GEO Aurora" is the GEO
        facility of Aurora; a bare facility town for a detention-center target."""
        if self.facilities is None:
            return []
        states = frozenset(_STATE_CODE.findall(text))
        found = self._facilities_in_words(key(text).split(), target_type, named, states)
        if not found and _POSSESSIVE.search(text):
            # "Strafford County Jail's contract", "the Town of Farmville's agreement with ICA":
            # key() keeps a possessive's s ("jails", "farmvilles"), so a name it ends is read
            # again without it (only when the text as written names no place)
            found = self._facilities_in_words(
                key(_POSSESSIVE.sub("", text)).split(), target_type, named, states
            )
        return found

    def _facilities_in_words(
        self,
        words: list[str],
        target_type: str | None,
        named: set[str],
        states: frozenset[str] = frozenset(),
    ) -> list[tuple[str, int]]:
        """:meth:`_facilities_in` of a text's key words (``states``: the state codes the text
        writes, "Butler County Jail (OH)")."""
        catalog = self.facilities
        mentions = catalog.find(words, cores=target_type == "detention_center")
        if not mentions:  # "la corte migratoria de Nueva York": the town as the catalog's
            spelled = town_speller().spelled(words)
            if spelled is not words:
                words = spelled
                mentions = catalog.find(words, cores=target_type == "detention_center")
        if not mentions:  # "Golde State Annex": the words read as the catalog's
            again = catalog.find_respelt(words, cores=target_type == "detention_center")
            if again is not None:
                words, mentions = again
        mentions.sort(key=lambda m: (STRENGTH[m.how], len(m.ids) > 1, m.start - m.end))
        if len(mentions) > 1:
            # "The Adelanto ICE Processing Center in San Bernardino County": a county named
            # after "in" says where, not which facility, when another mention says which
            mentions = [m for m in mentions if not _county_after_link(words, m)] or mentions
        found: list[tuple[str, int]] = []
        covered: set[int] = set()
        for mention in mentions:
            span = set(range(mention.start, mention.end))
            if span & covered:
                continue
            site_id = self._one_site(mention.ids, words, target_type, named, states)
            if site_id is None:
                continue
            site = catalog.by_id[site_id]
            is_seat = site.kind == "operator_hq" and site.operator in self.entities
            found.append(
                (site.operator if is_seat else site.id, len(" ".join(words[: mention.start])))
            )
            covered |= span
        if found:
            return found
        operators = {e for e in named if self.entities[e].kind == "operator"}
        bare = bare_words(words)
        if not operators and target_type != "detention_center":
            return []  # no operator named, and not a detention center: no town can tell
        for size in (3, 2, 1):
            for start in range(len(words) - size + 1):
                part = words[start : start + size]
                if not operators and part != bare:
                    continue  # "Shut down Adelanto!": the whole text is the facility's town
                sites = catalog.in_town(part)
                if operators:  # "GEO Aurora", "the Adelanto GEO expansion"
                    sites = tuple(i for i in sites if catalog.by_id[i].operator in operators)
                if sites:
                    return [(sites[0], len(" ".join(words[:start])))]
        if target_type == "detention_center" and not operators:
            return self._site_of_linked_town(words, target_type, named)
        return []

    def _site_of_linked_town(
        self, words: list[str], target_type: str | None, named: set[str]
    ) -> list[tuple[str, int]]:
        """A detention-center phrase that names its site by a head word and a town after
        "in"/"en"/"de" ("the privately-run immigration jail located in Folkston", "an ICE
        facility in west suburban Broadview"): the site of the last such town, when the
        catalog has one detention site there (a hold room aside; a town of several sites,
        or a county's name, "el condado de Orange", tells none)."""
        if not any(w in _DETENTION_WORDS for w in words):
            return []
        links = [k for k, w in enumerate(words) if w in _TOWN_LINKS]
        if not links:
            return []
        by_id = self.facilities.by_id
        for start in range(len(words) - 1, links[0], -1):
            if _COUNTY_WORDS.intersection(words[max(start - 2, 0) : start]):
                continue  # "del condado de Orange": a county, not the town of Orange
            for size in (3, 2, 1):
                part = words[start : start + size]
                if len(part) < size or set(part) & GENERIC:
                    continue
                if start + size < len(words) and words[start + size] in _COUNTY_WORDS:
                    continue
                sites = [i for i in self.facilities.in_town(part) if by_id[i].kind != "hold_room"]
                if len(sites) == 1:
                    return [(sites[0], len(" ".join(words[:start])))]
                if sites:
                    return []  # the last town named has several sites: none is meant
        return []

    def _one_site(
        self,
        ids: tuple[str, ...],
        words: list[str],
        target_type: str | None,
        named: set[str] = frozenset(),
        states: frozenset[str] = frozenset(),
    ) -> str | None:
        """One of same-named places: the one run by an operator the text names ("Houston
        Processing Center (CoreCivic)"), the one whose town the text names, the only one, or
        (but for a local government's phrase) the main site of one town: a detention
        operator's (GEO Group, CoreCivic) before a group home or an airport."""
        if len(ids) == 1:
            return ids[0]
        by_id = self.facilities.by_id
        run_by_named = [i for i in ids if by_id[i].operator in named]
        if run_by_named:
            ids = tuple(run_by_named)
            if len(ids) == 1:
                return ids[0]
        text = f" {' '.join(words)} ".replace("s ", " ")  # "Tacoma's tideflats"
        in_town = [i for i in ids if f" {key(self.facilities.by_id[i].city).rstrip('s')} " in text]
        if len(in_town) == 1:
            return in_town[0]
        in_state = [i for i in ids if by_id[i].state in states]
        if states and len({(by_id[i].city, by_id[i].state) for i in in_state}) == 1:
            return in_state[0]  # "Butler County Jail (OH)"
        towns = {(self.facilities.by_id[i].city, self.facilities.by_id[i].state) for i in ids}
        if len(towns) == 1 and target_type != "local_government":
            private = [i for i in ids if self._run_by_an_operator(by_id[i].operator)]
            return (private or ids)[0]
        return None

    def _run_by_an_operator(self, operator: str | None) -> bool:
        """Whether a facility's operator is a detention company the entity list knows."""
        entity = self.entities.get(operator or "")
        return entity is not None and entity.kind == "operator"


@cache
def default_catalog() -> EntityCatalog:
    """The catalog of the packaged entity list and facility catalog (built once per process)."""
    return EntityCatalog(load_entities(), default_facilities())


def _county_after_link(words: list[str], mention: Mention) -> bool:
    """Whether a mention is only a county's name after "in"/"en"/"de" ("... in San Bernardino
    County"), which places a phrase rather than naming its facility."""
    span = words[mention.start : mention.end]
    return (
        mention.how == "core"
        and mention.start > 0
        and words[mention.start - 1] in _TOWN_LINKS
        and bool(span)
        and span[-1] in _COUNTY_WORDS
    )
