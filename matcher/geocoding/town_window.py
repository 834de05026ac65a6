"""A town named somewhere inside a longer phrase ("Palantir's new Denver headquarters", "the
Farmville Town Council"), accepted only with evidence: a preposition before it, a state named
in the text, a large place, or a building or an event named by it ("the Emeryville Home
Depot"); never when a street or square word follows ("Moore Square", "East San Antonio
Avenue"). Step 5 of :mod:`matcher.geocoding.reading`.
"""

from __future__ import annotations

import re

from matcher.geocoding.landmark_scan import town_beside
from matcher.geocoding.lookups import ARTICLE_WORDS, SPANISH_VENUE_FIRST_WORDS, Hit
from matcher.geocoding.phrases import VENUE_WORDS
from matcher.geocoding.resolve import WINDOW_MIN_POP, Resolver
from matcher.geocoding.venue_names import (
    in_intersection,
    owns_a_venue,
    possessive_owners,
    starts_a_venue_name,
    without_possessive_s,
)

__all__ = [
    "ENDS_IN_STREET",
    "NAMED_AFTER",
    "TOWN_FACILITIES",
    "TOWN_VENUES",
    "TownWindow",
    "ends_in_street",
]

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
    # the town's own park or green ("Philipsburg Memorial Park", "the Guilford Town Green")
    "memorial park",
    "community park",
    "community center",
    "city park",
    "town park",
    "town green",
    "town common",
    "town square",
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
#: Words after a large town's name that name a venue of that town, though they end as a
#: park's or a square's own name does ("the Waco Convention Center", "Spokane Arena",
#: "Bakersfield Memorial Hospital"): taken only for a town of :data:`WINDOW_MIN_POP` people
#: or one in a state the text names. A bare "hospital", "medical center" or "museum" is not
#: among them: those are often named after a person or a health system (Bellevue Hospital is
#: in New York, Providence medical centers in the West).
TOWN_VENUES = (
    *("convention center", "convention centre", "civic center", "civic centre", "arena"),
    *("civic auditorium", "memorial auditorium", "municipal auditorium", "coliseum"),
    *("amphitheater", "amphitheatre", "fairgrounds", "expo center", "exhibition center"),
    *("conference center", "arts center", "performing arts", "cultural center"),
    *("memorial hospital", "general hospital", "regional hospital", "community hospital"),
    *("transit center", "transportation center"),
    *("justice center", "government center", "senior center", "recreation center"),
    *("visitor center", "visitors center", "public market", "farmers market"),
)
#: Health systems named like large towns: their hospitals stand elsewhere ("Providence
#: Memorial Hospital" is in El Paso, Aurora's in Wisconsin, Sanford's in the Dakotas).
_HEALTH_SYSTEMS = frozenset(("providence", "aurora", "sanford", "beaumont", "mercy", "trinity"))
_HOSPITAL_VENUES = tuple(v for v in TOWN_VENUES if v.endswith("hospital"))
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
#: A word that ends the name of a street ("Haywood Street", "Brick Church Pike").
_STREET_ENDS = (
    *("street", "st", "avenue", "ave", "road", "rd", "drive", "dr", "boulevard", "blvd"),
    *("lane", "ln", "way", "pike", "highway", "hwy", "parkway", "pkwy", "calle", "avenida"),
)
ENDS_IN_STREET = re.compile(rf"\b(?:{'|'.join(_STREET_ENDS)})$")
_STREET_END_WORDS = frozenset(_STREET_ENDS)


def ends_in_street(text: str) -> bool:
    """Whether :data:`ENDS_IN_STREET` matches: when the text ends in a word of ASCII letters
    and digits after a space (or is one), whether that word is a street word; else the
    pattern itself (the cheap test first: it needs no scan of the text)."""
    tail = text[text.rfind(" ") + 1 :]
    if tail.isascii() and tail.isalnum():
        return tail in _STREET_END_WORDS
    return ENDS_IN_STREET.search(text) is not None


_COUNTY_RUN = re.compile(r"\b(?:county|parish|borough)$")
_COUNTY_ENDS = ("county", "parish", "borough")
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


#: Single letters that are words or compass points, never a person's middle initial.
_NOT_INITIALS = frozenset("asnewyoi")


def _after_an_initial(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` follows a name and a middle initial ("john f [kennedy] federal
    building"): a person's surname, not a town (Kennedy, CA)."""
    if i < 2:
        return False
    initial, name = words[i - 1], words[i - 2]
    return (
        len(initial) == 1
        and initial.isalpha()
        and initial not in _NOT_INITIALS
        and len(name) > 1
        and name.isalpha()
    )


class TownWindow:
    """Runs of words of a phrase that name a town, with the evidence for it (one per gazetteer)."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.data = resolver.data

    def find(self, words: list[str], street: frozenset[str], named: set[str]) -> Hit | None:
        """A town named inside a longer phrase, with evidence."""
        owners = possessive_owners(words)
        words = without_possessive_s(words)  # "Keene's event": Keene, not Keenes
        if len(words) < 2:
            return None
        best: tuple[tuple[int, int, int], Hit] | None = None
        span = (0, 0)
        towns: list[tuple[tuple[int, int, int], Hit, int, int]] = []
        may_name = self.resolver.may_name
        starts = self.resolver.name_starts
        reach = self._reach(words)
        # each word's tests, once: it starts a name, it ends a county's, it is an article
        # or a Spanish venue word
        starting = [w in starts for w in words]
        county_end = [w.endswith(_COUNTY_ENDS) for w in words]
        article = [w in ARTICLE_WORDS for w in words]
        spanish = [w in SPANISH_VENUE_FIRST_WORDS for w in words]
        digits = [w.isdigit() for w in words]
        for size in (6, 5, 4, 3, 2, 1):
            for start in range(len(words) - size + 1):
                if not starting[start] and not county_end[start + size - 1]:
                    continue  # the cheapest test first: most runs name nothing
                # may_name only when the run (or it without its article) can be a name, or
                # it starts as a Spanish landmark does ("plaza foley")
                candidate = ""
                named_in_tables = False
                if (
                    size <= reach[start]
                    or (article[start] and size - 1 <= reach[start + 1])
                    or spanish[start]
                ):
                    candidate = " ".join(words[start : start + size])
                    named_in_tables = may_name(candidate)
                if not named_in_tables and not county_end[start + size - 1]:
                    continue
                run = words[start : start + size]
                candidate = candidate or " ".join(run)
                if not street.isdisjoint(run) or True in digits[start : start + size]:
                    continue
                if size == 1 and (
                    candidate in _COMMON or len(candidate) < 4 or (start and ends_in_street(run[0]))
                ):
                    continue  # "the Columbus Avenue Home Depot": a street's word, not Avenue, MD
                found = self._hit(candidate, named, named_in_tables)
                if found is None:
                    continue
                hit, pop = found
                if _after_an_initial(words, start):
                    continue  # "Gerald R. Ford": a person, not Ford, KS
                before = words[start - 1] if start else ""
                if before and f"{before} {candidate}" in _TOWN_BUILDINGS:
                    continue  # "City Hall": the building's own word, not a town named Hall
                towns_own = " ".join(words[start + size : start + size + 2])
                own = (
                    towns_own.startswith(TOWN_FACILITIES)
                    or (bool(owners) and owns_a_venue(words, start + size, owners, NAMED_AFTER))
                    or (  # "the Waco Convention Center": a large town's own venue
                        (pop >= WINDOW_MIN_POP or hit.state in named)
                        and towns_own.startswith(TOWN_VENUES)
                        and not (
                            candidate in _HEALTH_SYSTEMS and towns_own.startswith(_HOSPITAL_VENUES)
                        )
                    )
                )  # "Brattleboro's Pliny Park": Brattleboro
                evidence = (
                    (hit.state in named) * 2
                    + (before in ("in", "en", "de", "near", "outside"))
                    + (pop >= WINDOW_MIN_POP)
                    + own  # "the Farmville Town Council": Farmville
                )
                if evidence == 0 or (pop < WINDOW_MIN_POP and hit.state not in named and not own):
                    continue
                after = words[start + size] if start + size < len(words) else ""
                named_thing = ends_in_street(after) or (after in NAMED_AFTER and not own)
                if named_thing and hit.row is not None:
                    continue  # "Haywood Street", "Brick Church Pike", "Moore Square"
                if self._part_of_other_name(hit, words, start, start + size, named, own):
                    continue  # "Elizabeth Caruthers Park", "West Houston and Varick St"
                others = [w for i, w in enumerate(words) if not start <= i < start + size]
                if (
                    evidence == 1
                    and pop >= WINDOW_MIN_POP
                    and len(words) < 3
                    and not any(w in VENUE_WORDS for w in others)
                ):
                    continue  # "Otay Mesa" is not Mesa, AZ: size alone needs a longer phrase
                rank = (evidence, size, pop)
                if hit.row is not None:
                    towns.append((rank, hit, start, start + size))
                if best is None or rank > best[0]:
                    best = (rank, hit)
                    span = (start, start + size)
        if best is not None and best[1].match == "landmark":
            # "the Williston branch of Vermont Technical College": the town named beside it
            return town_beside(best[1], span, towns) or best[1]
        return None if best is None else best[1]

    @staticmethod
    def _part_of_other_name(
        hit: Hit, words: list[str], start: int, end: int, named: set[str], own: bool
    ) -> bool:
        """A town's name that begins a park's name or is a street of an intersection, with
        no state named and no town building after it."""
        if hit.row is None or hit.state in named or own:
            return False
        return starts_a_venue_name(words, end, NAMED_AFTER) or in_intersection(words, start, end)

    def _reach(self, words: list[str]) -> list[int]:
        """For each word, how many words from it (six at most) are the first words of a name
        of the tables; 0 after the last word."""
        runs = self.resolver.name_runs
        reach = []
        n = len(words)
        for i, word in enumerate(words):
            size = 0
            if word in runs:
                size = 1
                while size < 6 and i + size < n and " ".join(words[i : i + size + 1]) in runs:
                    size += 1
            reach.append(size)
        reach.append(0)
        return reach

    def _hit(self, candidate: str, named: set[str], in_tables: bool) -> tuple[Hit, int] | None:
        """A nickname, landmark or place (hand alias, name) for a run of words, and its size;
        ``in_tables`` is the resolver's ``may_name(candidate)`` (without it only a county
        can be named)."""
        r = self.resolver
        county = _COUNTY_RUN.search(candidate) is not None
        if not in_tables and not county:
            return None
        if in_tables:
            nickname = r._nickname(candidate, None)
            # "the Orange County Courthouse, FL": not California's region when a state is named
            if nickname is not None and (not named or nickname.state in named):
                return nickname, 10**8
        hit = None
        for state in (*sorted(named), None):
            if in_tables:
                hit = (
                    r._neighbourhood(candidate, state)
                    or r._landmark(candidate, state)
                    or r._place(candidate, state)
                )
            if hit is None and county:
                hit = r.county_anywhere(candidate, state)
            if hit is not None:
                break
        if hit is None:
            return None
        pop = self.data.pop[hit.row] if hit.row is not None else WINDOW_MIN_POP
        return hit, pop
