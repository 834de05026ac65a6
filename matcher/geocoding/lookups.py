"""Single lookups in the gazetteer tables, each giving a :class:`Hit` or None.

Nicknames, hand aliases, place names and GeoNames spelling variants, counties, places near an
already found one ("Neighborhood, City"), and fuzzy matching with rapidfuzz: a ratio above a
cutoff, scoped to the state when one is named, larger places preferred.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from types import ModuleType

from matcher.geocoding.data import FuzzyIndex, GazetteerData, Nickname
from matcher.geocoding.distance import distance_km
from matcher.geocoding.normalize import key_of_folded

__all__ = ["ARTICLE_WORDS", "RECENT", "SPANISH_VENUE_FIRST_WORDS", "Hit", "Lookups"]

_COUNTY = re.compile(
    r"^(.+?)\s+(?:county|co|cnty|parish|borough|municipio|municipality|census area)$"
)
_CONDADO = re.compile(r"^(?:el\s+)?(?:condado|parroquia|municipio)(?:\s+de)?\s+(.+)$")
#: The last words of every match of :data:`_COUNTY` and the first words of every match of
#: :data:`_CONDADO` in a key (single spaces): the cheap tests before them.
_COUNTY_LAST_WORDS = frozenset(
    ("county", "co", "cnty", "parish", "borough", "municipio", "municipality", "area")
)
_CONDADO_FIRST_WORDS = frozenset(("el", "condado", "parroquia", "municipio"))
#: Fuzzy scores are rapidfuzz ratios (0-100) plus POP_WEIGHT * log10(population).
FUZZY_CUTOFF_IN_STATE = 78.0
FUZZY_CUTOFF_ANYWHERE = 88.0
FUZZY_CUTOFF_WEAK_STATE = 85.0
POP_WEIGHT = 2.0
NEAR_KM = {"city": 30.0, "county": 80.0, "region": 120.0}
#: A hand alias that is also the name of a town this big elsewhere is a guess to confirm.
ALIAS_SHADOW_POP = 2_000
#: A town at least this big wins over a neighbourhood of the same name elsewhere.
NEIGHBOURHOOD_OVER_POP = 20_000
#: How many keys (and state splits) of recent texts the resolver keeps, emptied when full: a
#: few readings' worth, never a memo of queries (each reading keys its own parts).
RECENT = 256


@dataclass(slots=True)
class Hit:
    """One resolved place; becomes a geopy ``Location`` (see ``raw`` keys in the package)."""

    lat: float
    lon: float
    place: str
    precision: str
    match: str
    state: str | None
    population: int | None = None
    fuzzy: bool = False
    score: float | None = None
    row: int | None = None
    detail: str | None = None
    facility: str | None = None  # catalog id of a facility or office answer
    operator: str | None = None
    ambiguous: bool = False  # a bare name with well-known homonyms: the best guess
    alternatives: tuple[Hit, ...] = ()


#: Spanish venue words put before the name, and the English words put after it.
_SPANISH_VENUES = {
    "plaza": ("square", "plaza"),
    "parque": ("park",),
    "puente": ("bridge",),
    "aeropuerto": (
        "airport",
        "international airport",
        "intercontinental airport",
        "intercontinental",
        "",
    ),
}
#: Words between a Spanish venue word and the name ("Aeropuerto Internacional de Miami").
_SPANISH_VENUE_FILLER = re.compile(r"^(?:(?:internacional|intercontinental|de|del|la|el)\s+)+")
_SPANISH_VENUE_STARTS = tuple(
    f"{article}{head} " for head in _SPANISH_VENUES for article in ("", "la ", "el ")
)


_ARTICLES = ("the ", "el ", "la ", "los ", "las ")
#: The first words of the keys :meth:`Lookups.may_name` takes for Spanish-order landmarks.
SPANISH_VENUE_FIRST_WORDS = frozenset(start.split(" ", 1)[0] for start in _SPANISH_VENUE_STARTS)
#: Articles :meth:`Lookups.may_name` drops before a name ("the bay area").
ARTICLE_WORDS = frozenset(article.strip() for article in _ARTICLES)


_rapidfuzz: tuple[ModuleType, ModuleType] | None = None


def _fuzz_and_process() -> tuple[ModuleType, ModuleType]:
    """rapidfuzz's ``fuzz`` and ``process``, imported on the first fuzzy query only (kept:
    an import statement in a function costs a package import lookup on every call)."""
    global _rapidfuzz
    if _rapidfuzz is None:
        from rapidfuzz import fuzz, process

        _rapidfuzz = (fuzz, process)
    return _rapidfuzz


def _bare(k: str) -> str:
    """A key without a leading article ("the bay area", "el aeropuerto ...")."""
    return k.partition(" ")[2] if k.startswith(_ARTICLES) else k


class Lookups:
    """Lookups over one :class:`~matcher.geocoding.data.GazetteerData`."""

    def __init__(self, data: GazetteerData) -> None:
        self.data = data
        self._names: frozenset[str] | None = None
        self._name_starts: frozenset[str] | None = None
        self._name_runs: frozenset[str] | None = None
        self._nickname_keys: FuzzyIndex | None = None
        self._keys: dict[str, str] = {}

    @property
    def names(self) -> frozenset[str]:
        """Every nickname, neighbourhood, landmark and place name (alias) of the tables."""
        names = self._names
        if names is None:
            d = self.data
            tables = (d.nicknames, d.neighbourhoods, d.landmarks, d.by_hand_alias, d.by_key)
            names = self._names = frozenset().union(*tables, d.by_alias)
        return names

    @property
    def name_starts(self) -> frozenset[str]:
        """The words a key :meth:`may_name` accepts can start with: first words of the names,
        articles and Spanish venue words (a cheaper test, word by word)."""
        if self._name_starts is None:
            starts = {k.split(" ", 1)[0] for k in self.names}
            starts.update(("the", "el", "la", "los", "las"))
            starts.update(start.split(" ", 1)[0] for start in _SPANISH_VENUE_STARTS)
            self._name_starts = frozenset(starts)
        return self._name_starts

    @property
    def name_runs(self) -> frozenset[str]:
        """The first words of every name of :attr:`names`, one word or more (whole names
        too): a run of words not among them is no name, nor is any run it starts."""
        if self._name_runs is None:
            runs = set(self.names)
            for name in self.names:
                words = name.split(" ")
                runs.update(" ".join(words[:size]) for size in range(1, len(words)))
            self._name_runs = frozenset(runs)
        return self._name_runs

    def may_name(self, k: str) -> bool:
        """A cheap test before the lookups of a run of words: whether ``k`` (or it without
        its article) is a nickname, neighbourhood, landmark or place name of the tables; a
        county or a Spanish-order landmark ("plaza foley") is left to the lookups."""
        names = self._names or self.names
        if k in names:
            return True
        # _bare(k) in names, written out (a key without an article was just looked up)
        if k.startswith(_ARTICLES) and k.partition(" ")[2] in names:
            return True
        return k.startswith(_SPANISH_VENUE_STARTS)

    def key_of(self, folded: str) -> str:
        """:func:`key_of_folded`, the last :data:`RECENT` answers kept (the stages of one
        reading key the same few texts again and again)."""
        k = self._keys.get(folded)
        if k is None:
            if len(self._keys) >= RECENT:
                self._keys.clear()
            k = self._keys[folded] = key_of_folded(folded)
        return k

    # -- hits ------------------------------------------------------------------------------
    def place_hit(self, row: int, match: str, **extra: object) -> Hit:
        """Hit for place ``row`` of the data (precision ``city``)."""
        d = self.data
        return Hit(
            float(d.lat[row]),
            float(d.lon[row]),
            d.display(row),
            "city",
            match,
            d.states[row],
            d.pop[row] or None,
            row=row,
            **extra,  # type: ignore[arg-type]
        )

    def state_hit(self, code: str) -> Hit:
        """Hit for a whole state, placed at its population centre."""
        s = self.data.state_table[code]
        return Hit(s.lat, s.lon, s.name, "state", "state", code, s.population or None)

    def _nickname_hit(self, nickname: Nickname) -> Hit:
        states = nickname.states
        label = f"{nickname.name}, {states[0]}" if len(states) == 1 else nickname.name
        return Hit(
            nickname.lat,
            nickname.lon,
            label,
            "region",
            "nickname",
            states[0],
            detail=nickname.place,
        )

    # -- lookups ---------------------------------------------------------------------------
    def _nickname(self, k: str, state: str | None) -> Hit | None:
        nickname = self.data.nicknames.get(k) or self.data.nicknames.get(_bare(k))
        if nickname is None or (state and state not in nickname.states):
            return None
        return self._nickname_hit(nickname)

    def _neighbourhood(self, k: str, state: str | None, near: Hit | None = None) -> Hit | None:
        """A neighbourhood of the table, unless a sizeable town of the same name is meant
        (in the named state); with ``near``, only one close to that place."""
        places = self.data.neighbourhoods.get(k) or self.data.neighbourhoods.get(_bare(k))
        if not places:
            return None
        if near is not None:
            limit = NEAR_KM[near.precision]
            places = [p for p in places if distance_km(near.lat, near.lon, p.lat, p.lon) <= limit]
        places = [p for p in places if state is None or p.state == state]
        if not places:
            return None
        if near is None:
            rows = self.data.by_key.get(k, ())
            states = self.data.states
            if any(
                self.data.pop[r] >= NEIGHBOURHOOD_OVER_POP
                for r in rows
                if state in (None, states[r])
            ):
                return None
        p = places[0]
        return Hit(p.lat, p.lon, f"{p.name}, {p.city}, {p.state}", "city", "neighborhood", p.state)

    def _landmark(self, k: str, state: str | None) -> Hit | None:
        """A landmark of the table ("Ohio Statehouse", "Boeing Field"), at its town's point;
        in Spanish order too ("Plaza Foley" is Foley Square, "Parque Kelly" Kelly Park)."""
        landmarks = self.data.landmarks
        places = landmarks.get(k) or landmarks.get(_bare(k))
        if not places and k.startswith(_SPANISH_VENUE_STARTS):
            head, _, name = _bare(k).partition(" ")
            name = _SPANISH_VENUE_FILLER.sub("", name)
            for english in _SPANISH_VENUES.get(head, ()):
                places = landmarks.get(f"{name} {english}".strip()) if name else None
                if places:
                    break
        places = [p for p in places or () if state is None or p.state == state]
        if not places:
            return None
        p = places[0]
        return Hit(p.lat, p.lon, f"{p.name}, {p.city}, {p.state}", "city", "landmark", p.state)

    def _hand_alias(self, k: str, state: str | None) -> Hit | None:
        d = self.data
        row = d.by_hand_alias.get(k)
        if row is None or (state and d.states[row] != state):
            return None
        hit = self.place_hit(row, "alias")
        if state is None:  # "Pittsburg": Pittsburgh, PA, or Pittsburg, CA or KS?
            real = [r for r in d.by_key.get(k, ()) if d.pop[r] >= ALIAS_SHADOW_POP]
            if real:
                others = tuple(self.place_hit(r, "exact") for r in real[:4])
                return replace(hit, ambiguous=True, alternatives=others)
        return hit

    def _place(self, k: str, state: str | None) -> Hit | None:
        hit = self._hand_alias(k, state)
        if hit is not None:
            return hit
        d = self.data
        states = d.states
        for row in d.by_key.get(k, ()):
            if state is None or states[row] == state:
                return self.place_hit(row, "exact")
        for row in d.by_alias.get(k, ()):  # a GeoNames spelling variant
            if state is None or states[row] == state:
                return self.place_hit(row, "alias")
        return None

    def _county(self, k: str, state: str | None) -> Hit | None:
        """A county of that key (in the state), ``k`` a key: "el condado de Iredell",
        "condado Mecklenburg" and "Iredell County" too; without a state, only a key that
        says "county" (or "parish", "borough"...)."""
        if k.partition(" ")[0] in _CONDADO_FIRST_WORDS:
            spanish = _CONDADO.match(k)
            if spanish is not None:
                k = f"{spanish.group(1)} county"
        m = _COUNTY.match(k) if k.rpartition(" ")[2] in _COUNTY_LAST_WORDS else None
        if m is None and state is None:
            return None
        d = self.data
        rows = d.county_by_key.get(k, []) or (d.county_by_key.get(m.group(1), []) if m else [])
        rows = [r for r in rows if state is None or d.counties[r].state == state]
        if not rows:
            return None
        c = d.counties[max(rows, key=lambda r: d.counties[r].zip_count)]
        return Hit(c.lat, c.lon, f"{c.name}, {c.state}", "county", "county", c.state)

    def county_anywhere(self, k: str, state: str | None) -> Hit | None:
        """A county named inside a phrase ("the Kent County Board of Commissioners"): the one
        in the state, else the largest of that name, flagged when several states have one."""
        hit = self._county(k, state)
        if hit is None or state is not None:
            return hit
        m = _COUNTY.match(k)
        base = m.group(1) if m else k
        states = {self.data.counties[r].state for r in self.data.county_by_key.get(base, [])}
        return replace(hit, ambiguous=len(states) > 1)

    def _near(self, part: str, outer: Hit) -> Hit | None:
        """ "Neighborhood, City": ``part`` as a place close to the already found ``outer``."""
        k = self.key_of(part)
        if not k or any(ch.isdigit() for ch in k):
            return None
        d = self.data
        limit = NEAR_KM[outer.precision]
        for index in (d.by_key, d.by_alias):
            for row in index.get(k, ()):
                if outer.state and d.states[row] != outer.state and outer.precision != "region":
                    continue
                if distance_km(outer.lat, outer.lon, float(d.lat[row]), float(d.lon[row])) <= limit:
                    match = "neighborhood" if outer.precision == "city" else "exact"
                    return self.place_hit(row, match)
        return self._neighbourhood(k, None, near=outer)

    def _best_fuzzy(
        self, k: str, keys: list[str], rows: list[int], cutoff: float
    ) -> tuple[float, int, float] | None:
        """(ranked score, row, ratio) of the best key: ratio plus a bonus for population."""
        if not keys:
            return None  # a quarter of the scans of the mix: no key within reach
        fuzz, process = _fuzz_and_process()
        found = process.extract(k, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=30)
        pop = self.data.pop
        best: tuple[float, int, float] | None = None
        for _choice, score, position in found:
            row = rows[position]
            ranked = score + POP_WEIGHT * math.log10(pop[row] + 1)
            if best is None or ranked > best[0]:
                best = (ranked, row, score)
        return best

    def _fuzzy(self, k: str, state: str | None, strict: bool = False) -> Hit | None:
        if len(k.replace(" ", "")) < (3 if state else 4) or k in self.data.junk:
            return None
        index = self.data.fuzzy_choices(state)
        if state:  # one edit in a four-letter name scores 75
            cutoff = max(74.0, min(FUZZY_CUTOFF_IN_STATE, 100.0 * (1 - 1 / len(k)) - 0.1))
        else:
            cutoff = FUZZY_CUTOFF_ANYWHERE
        if strict:  # the state was a lowercase word such as "in" or "me": be sure of the name
            cutoff = max(cutoff, FUZZY_CUTOFF_WEAK_STATE)
        best = None
        # every key that can reach the cutoff is within reach; when none is (most misspelt-
        # looking phrases without a state), the keys sharing the query's ends cannot either:
        # not scored. Only without a state (a typo'd "Name, ST" is mostly found by its ends)
        # and once the window's letters are counted (a one-shot "Chicgo" imports no numpy)
        counted = state is None and index.counted(k, cutoff)
        reachable = index.within_reach(k, cutoff) if counted else None
        if len(k) >= 5 and (reachable is None or reachable[0]):
            best = self._best_fuzzy(k, *index.candidates(k, cutoff), cutoff)
        if best is None:
            if reachable is None:
                reachable = index.within_reach(k, cutoff)
            best = self._best_fuzzy(k, *reachable, cutoff)
        if best is not None:
            return self.place_hit(best[1], "fuzzy", fuzzy=True, score=round(best[2], 1))
        fuzz, process = _fuzz_and_process()
        nicknames = self.data.nicknames
        if self._nickname_keys is None:
            self._nickname_keys = FuzzyIndex(list(nicknames), list(range(len(nicknames))))
        # only the nicknames long and short enough to reach the cutoff, in table order
        reachable = self._nickname_keys.of_length_for(k, FUZZY_CUTOFF_ANYWHERE)[0]
        nick = process.extractOne(
            k, reachable, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF_ANYWHERE
        )
        if nick is not None:
            nickname = nicknames[nick[0]]
            if state is None or state in nickname.states:
                return replace(
                    self._nickname_hit(nickname), match="fuzzy", fuzzy=True, score=round(nick[1], 1)
                )
        return None
