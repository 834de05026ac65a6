"""Facility mentions made with a head word (the part of
:class:`matcher.geocoding.facilities.FacilityCatalog` that reads them): the distinctive words
before the head ("the Broadview processing center", "the Otero detention center"), a link and
a town or a name after it ("the ICE office in Portland", "centro de detención de Krome", "an
immigration detention facility in Broward County"), a street after it ("the ICE office on
Brick Church Pike"); and :class:`Mention`, what every kind of mention gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from matcher.geocoding.facility_entries import Facility
from matcher.geocoding.facility_kinds import COURT, HeadKind, ice_sites, of_kind, ranked
from matcher.geocoding.facility_words import (
    COURT_HEADS,
    GENERIC,
    SITE_HEADS,
    SPANISH_HEAD_STARTS,
    st_again,
)
from matcher.geocoding.normalize import key
from matcher.geocoding.streets import streets_after

__all__ = ["COUNTY_WORDS", "HeadMentions", "Mention", "keys_of"]

_LINKS = frozenset(("in", "en", "de", "del", "of", "at", "near", "cerca"))
#: Articles that may stand between a link and a name ("de los Everglades").
_ARTICLES = frozenset(("the", "el", "la", "los", "las"))
#: Words that end a county's name in a facility's name ("Otero County", "LaSalle Parish").
COUNTY_WORDS = frozenset(("county", "co", "parish"))
#: Words of a head that say the agency's detention ("ICE detention center", "immigration jail").
_AGENCY_WORDS = frozenset(("ice", "immigration", "immigrant", "inmigracion", "inmigrantes"))


@dataclass(frozen=True, slots=True)
class Mention:
    """Facilities a span of words names, and how the span named them."""

    ids: tuple[str, ...]
    start: int
    end: int
    how: str  # name, head, town, address, street, core, operator (its site in a town)


def _head_kind(head: str, is_office: bool) -> HeadKind:
    """What a head phrase names: a site of either kind ("the ICE facility"), the courts ("the
    immigration court"), ICE's offices or the detention sites."""
    if head in SITE_HEADS:
        return None
    return COURT if head in COURT_HEADS else is_office


def keys_of(text: str) -> tuple[str, ...]:
    """The key words of a text."""
    return tuple(key(text).split())


class HeadMentions:
    """Head-word mentions over the catalog's tables (set up by ``FacilityCatalog``)."""

    by_id: dict[str, Facility]
    _names: dict[tuple[str, ...], list[str]]
    _cores: dict[tuple[str, ...], list[str]]
    _towns: dict[tuple[str, ...], list[str]]
    _counties: dict[tuple[str, ...], list[str]]
    _streets: dict[tuple[str, ...], list[str]]
    _detention_heads: dict[tuple[str, ...], int]
    _office_heads: dict[tuple[str, ...], int]
    _head_firsts: set[str]
    _head_longest: dict[str, tuple[int, int]]
    _guards: dict[str, list[tuple[str, ...]]]

    def _guarded(self, words: tuple[str, ...], end: int) -> bool:
        """Whether the words after ``end`` turn the mention into another place."""
        guards = self._guards.get(words[end]) if end < len(words) else None
        return guards is not None and any(words[end : end + len(g)] == g for g in guards)

    def _of_kind(self, ids: list[str], office: HeadKind) -> tuple[str, ...]:
        """:func:`~matcher.geocoding.facility_kinds.of_kind` of this catalog."""
        return of_kind(self.by_id, ids, office) if ids else ()

    def ranked(self, ids: Iterable[str]) -> tuple[str, ...]:
        """Ids without repeats, the main sites first (a hold room or a sub-office last)."""
        return ranked(self.by_id, ids)

    def _head_at(self, words: tuple[str, ...], i: int) -> tuple[int, bool] | None:
        """(length, is_office) of the longest head phrase starting at word ``i``."""
        longest = self._head_longest.get(words[i])
        if longest is None:
            return None
        best = None
        for heads, office, most in (
            (self._detention_heads, False, longest[0]),
            (self._office_heads, True, longest[1]),
        ):
            for size in range(min(6, most, len(words) - i), 0, -1):
                if words[i : i + size] in heads and (best is None or size > best[0]):
                    best = (size, office)
                    break
        return best

    def _find_heads(self, words: tuple[str, ...]) -> list[Mention]:
        found: list[Mention] = []
        firsts = self._head_firsts
        if firsts.isdisjoint(words):
            return found  # most texts have no head word (the cheap test first)
        for i in [i for i, w in enumerate(words) if w in firsts]:  # most words start no head
            head = self._head_at(words, i)
            if head is None:
                continue
            size, is_office = head
            office = _head_kind(" ".join(words[i : i + size]), is_office)
            street = self._street_after(words, i, size, office)
            if street is not None:  # "the ICE office on Brick Church Pike"
                found.append(street)
                continue
            before = None
            if size > 1 and words[i] == "county" and i:  # "the Baker County jail": Baker
                before = self._before_head(words, i + 1, size - 1, office)  # County's own
                if before is not None and before.start == i:
                    before = None  # "County" alone names no facility
            if before is None:
                before = self._before_head(words, i, size, office)
                if before is not None and before.how == "town" and words[i] == "county":
                    before = None  # "Burlington County jail": the county's, not Burlington's
            if before is not None:  # "the Adelanto ICE Processing Center (in ...)"
                found.append(before)
                continue
            # "<head> de|en|in <core or town>"; Spanish heads also "centro de detención Krome"
            j = i + size
            while j < len(words) and (words[j] in _LINKS or words[j] == "ice"):
                j += 1
            if j == i + size and words[i] not in SPANISH_HEAD_STARTS:
                continue
            mention = self._after_link(words, i, size, j, office)
            if mention is None and j < len(words) - 1 and words[j] in _ARTICLES:
                # "centro de detención de los Everglades", "the jail in the Everglades"
                mention = self._after_link(words, i, size, j + 1, office)
            if mention is not None:
                found.append(mention)
        return found

    def _after_link(
        self, words: tuple[str, ...], i: int, size: int, j: int, office: HeadKind
    ) -> Mention | None:
        """The mention "<head> <link> <core or town>" whose core or town starts at word
        ``j`` (the head is ``size`` words at ``i``), the longest first."""
        for length in range(min(4, len(words) - j), 0, -1):
            span = words[j : j + length]
            if self._guarded(words, j + length):
                continue
            named = self._head_and_town(words, i, size, span)
            if named is not None:  # "the Federal Detention Center in Miami": FDC Miami
                return Mention(named, i, j + length, "name")
            core = self._of_kind(self._cores.get(span, []), office)
            town = self._of_kind(self._towns.get(span, []), office)
            if office is False and span[-1] in COUNTY_WORDS and _AGENCY_WORDS & {*words[i:j]}:
                # "an immigration detention facility in Broward County": the site run for ICE
                # named after the county (Broward Transitional Center), not the county's jail
                core = ice_sites(self.by_id, self._cores.get(span[:-1], ())) or core
            if core and town and j > i + size and not self._in_town(core, span):
                # "the detention center in Miami": the town of Miami, not the Miami
                # Correctional Center (named after Miami County, Indiana)
                core = ()
            if office and not core and not town:  # "the ICE office in Broadview": its site
                town = ice_sites(self.by_id, self._towns.get(span, ()))
            if core or town:
                return Mention(core or town, i, j + length, "head" if core else "town")
        return None

    def _head_and_town(
        self, words: tuple[str, ...], i: int, size: int, town: tuple[str, ...]
    ) -> tuple[str, ...] | None:
        """The sites named "<head> <town>" (with the word before the head: "Federal
        Detention Center" + "Miami"), for "<head> in <town>"."""
        for start in (i - 1, i) if i else (i,):
            ids = self._names.get(words[start : i + size] + town)
            if ids:
                return self.ranked(ids)
        return None

    def _in_town(self, ids: Sequence[str], town: tuple[str, ...]) -> bool:
        """Whether any of the sites stands in the town these words name."""
        return any(keys_of(self.by_id[i].city) == town for i in ids)

    def _street_after(
        self, words: tuple[str, ...], i: int, size: int, office: HeadKind
    ) -> Mention | None:
        """ "<head> on <street>": the sites of that kind on a street of that name, when the
        catalog has that street in one town only ("Main Street" names no one site)."""
        for street, end in streets_after(st_again(words) if "saint" in words else words, i + size):
            every = self._streets.get(street, [])
            if len({(self.by_id[f].city, self.by_id[f].state) for f in every}) != 1:
                continue
            ids = self._of_kind(every, office)
            if ids:
                return Mention(ids, i, end, "street")
        return None

    def _before_head(
        self, words: tuple[str, ...], i: int, size: int, office: HeadKind
    ) -> Mention | None:
        """ "<core> <head>": the distinctive words just before the head word (a facility's own
        words first, else the facilities of a town: "Tacoma detention center")."""
        spans: list[tuple[str, ...]] = []  # the distinctive words of the last 1, 2, 3, 4
        span: tuple[str, ...] = ()
        for length in range(1, min(4, i) + 1):
            if words[i - length] not in GENERIC:
                span = (words[i - length], *span)
            spans.append(span)
        tried = None
        for length in range(min(4, i), 0, -1):
            span = spans[length - 1]
            if not span or span == tried:
                continue  # no words, or the same words as a longer run (which named none)
            tried = span
            start = i - length  # the span's first word
            cores = self._cores.get(span, [])
            ids = self._of_kind(cores, office)
            if ids:
                return Mention(ids, start, i + size, "head")
            ids = self._of_kind(self._towns.get(span, []), office)
            if ids:
                return Mention(ids, start, i + size, "town")
            if cores and office and len(span) > 1:
                # "the Otay Mesa immigration court": the court inside the detention centre
                # those words name, not an office of a town named by the last word ("Mesa")
                return Mention(self.ranked(cores), start, i + size, "head")
        for length in range(min(3, i), 0, -1):  # "the Otero detention center": a county's
            span = words[i - length : i]  # name without "County", last (a town's first)
            ids = self._of_kind(self._counties.get(span, []), office)
            if ids and not set(span) & GENERIC:
                return Mention(ids, i - length, i + size, "head")
        return None
