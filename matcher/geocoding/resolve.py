"""Turning free text into a gazetteer hit: the offline geocoding rules.

The ladder, first answer wins:

1. junk ("Online", "TBD", "Zoom") -> nothing;
2. a known ZIP anywhere in the text (consistent with a named state) -> ``postcode``;
3. exact stage: region nickname, hand alias, place name (then GeoNames spelling variant),
   county, the same after dropping filler words ("downtown", "greater", "area"), and for
   addresses a run of words that names a place; "Neighborhood, City" is checked near the city;
4. "A/B" pairs with each side exact;
5. the same with fuzzy matching (rapidfuzz, scoped to the named state, larger places preferred);
6. a named state alone -> ``state``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from matcher.geocoding.data import GazetteerData
from matcher.geocoding.lookups import ARTICLE_WORDS, NEAR_KM, RECENT, Hit, Lookups
from matcher.geocoding.normalize import fold, key
from matcher.geocoding.states import (
    EXTRA_STATE_SPELLINGS,
    StateSplit,
    split_state,
    strip_country,
)

__all__ = ["Hit", "Resolver"]

_ZIP = re.compile(r"(?<![0-9])([0-9]{5})(?:-[0-9]{4})?(?![0-9])")
_ZIP_WORDS = re.compile(r"\b(?:zip ?code|zip|postal code|postcode|zip no)\b")
_HAS_DIGIT = re.compile(r"[0-9]")
_WORD = re.compile(r"[a-z0-9]+")
#: A word of a key that is a number ("1600 pennsylvania ave"; "5th" is none).
_NUMBER_WORD = re.compile(r"\b[0-9]+\b")
_SIMPLE = re.compile(r"[a-z][a-z .'-]*, [a-z]{2}\Z")
_COUNTRY_ENDINGS = ("usa", " us", "u s a", "u s", "america", "states", "unidos")
_PAIR = re.compile(r"\s*/\s*|\s+and\s+|\s+-\s+")


def _may_pair(text: str) -> bool:
    """Whether :data:`_PAIR` may split the text, or a hyphen may (a cheap test before it)."""
    return "/" in text or "and" in text or "-" in text


#: Words before and after a place's name that say nothing of it ("greater Boston", "Tacoma
#: area"), tried in this order (plain words: they are joined into regular expressions).
_FILLER_STARTS = (
    *("the", "greater", "metro", "metropolitan", "downtown", "uptown", "midtown", "near"),
    *("outside", "outside of", "around", "city of", "town of", "village of", "somewhere in"),
    *("in", "at", "north", "south", "east", "west", "northeast", "northwest", "southeast"),
    *("southwest", "ne", "nw", "se", "sw", "n", "s", "e", "w", "probably", "maybe", "likely"),
    *("possibly", "tentatively", "somewhere near", "based in", "located in", "meet in"),
    *("meet at", "a", "an"),
)
_FILLER_ENDS = (
    *("area", "metro", "metro area", "metropolitan area", "region", "downtown", "proper"),
    *("city limits", "city hall", "and surrounding areas", "and surrounding area", "vicinity"),
)
_FILLER_START = re.compile(rf"^(?:{'|'.join(_FILLER_STARTS)})\s+")
_FILLER_END = re.compile(rf"\s+(?:{'|'.join(_FILLER_ENDS)})$")
#: A key can be trimmed only when its first word starts a filler or its last word ends one.
_FILLER_FIRST_WORDS = frozenset(p.split()[0] for p in _FILLER_STARTS)
_FILLER_LAST_WORDS = frozenset(p.split()[-1] for p in _FILLER_ENDS)
# fmt: off
_STREET_WORDS = frozenset((
    "st", "street", "ave", "avenue", "rd", "road", "blvd", "boulevard", "dr", "drive", "ln",
    "lane", "way", "ct", "court", "pl", "place", "pkwy", "parkway", "hwy", "highway", "suite",
    "ste", "apt", "unit", "floor", "fl", "n", "s", "e", "w", "nw", "ne", "sw", "se", "room",
    "bldg", "building", "po", "box",
))
#: Two-letter state codes that are also everyday words ("call in", "come on, me").
_WEAK_CODES = frozenset((
    "in", "me", "or", "ok", "hi", "oh", "de", "la", "pa", "co", "al", "ma", "id", "mo", "wa",
    "ga", "ne", "mt", "ar", "ct",
))
#: "West Texas", "southern Illinois": a part of the state, not a town named West.
_COMPASS = frozenset((
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "norte", "sur", "este", "oeste",
    "deep south", "upstate", "downstate",
))
#: Compass words of addresses ("1600 Pennsylvania Ave NW"); alone they are no sign of an
#: address ("se" is also a Spanish word: "se reunieron en Moore Square").
_DIRECTION_WORDS = frozenset(("n", "s", "e", "w", "nw", "ne", "sw", "se"))
#: Street words that, unlike a compass word, are a sign of an address.
_ADDRESS_WORDS = _STREET_WORDS - _DIRECTION_WORDS
#: Words after a name that make it the name of a street, square or park, not of a town
#: ("East San Antonio Avenue", "Moore Square").
_NAME_TAILS = frozenset((
    "st", "street", "ave", "avenue", "rd", "road", "blvd", "boulevard", "dr", "drive", "ln",
    "lane", "way", "pkwy", "parkway", "hwy", "highway", "pike", "square", "sq", "park", "plaza",
    "mall", "memorial", "circle", "bridge", "terrace", "trail", "calle", "avenida",
))
# fmt: on
#: A town found among street words with no state named must be at least this big.
WINDOW_MIN_POP = 50_000
#: Levels of a pass over the query: exact only, fuzzy, fuzzy with a doubtful state.
EXACT, FUZZY, FUZZY_WEAK_STATE = 0, 1, 2


def _weak_state(query: str, text: str) -> bool:
    """True when the text ends in a lowercase two-letter English word that is also a state
    code, with no comma before it ("call in", "come on"): not trusted for fuzzy matching or a
    state-only answer. "Portland OR", "Portland, or" and "portland or" (exact) still work."""
    words = text.rsplit(" ", 1)
    if len(words) < 2 or words[1] not in _WEAK_CODES or words[0].endswith(","):
        return False
    tail = query.rstrip(" .").rsplit(maxsplit=1)[-1]
    return not tail.isupper()


class Resolver(Lookups):
    """Applies the ladder of the module docstring to one query at a time."""

    def __init__(self, data: GazetteerData) -> None:
        super().__init__(data)
        self._splits: dict[str, StateSplit] = {}
        spellings = (*data.state_by_name, *EXTRA_STATE_SPELLINGS)
        self._state_ends = frozenset(name.rsplit(" ", 1)[-1] for name in spellings)

    def split(self, text: str) -> StateSplit:
        """:func:`split_state` of folded text over the gazetteer's state names; the last
        :data:`RECENT` answers are kept, since every stage of the ladder splits the same
        texts again, and a text whose last word ends no state's name is not split at all."""
        known = self._splits.get(text)
        if known is not None:
            return known
        if len(self._splits) >= RECENT:
            self._splits.clear()
        token = text.rstrip(" ,-/()#")
        token = _WORD.findall(token[token.rfind(" ") + 1 :])
        if token and token[-1] not in self._state_ends and token[-1] != "state":
            split = StateSplit(text, None, False)
        else:
            split = split_state(text, self.data.state_by_name)
        self._splits[text] = split
        return split

    # -- entry point -----------------------------------------------------------------------
    def resolve(self, query: str, fuzzy: bool = True, after_exact: bool = False) -> Hit | None:
        """Best hit for ``query``, or None when it names no place (or only junk). Without
        ``fuzzy``, only exact names count and a state alone is no answer. ``after_exact``
        says the caller already had None from ``fuzzy=False``: the exact names are not
        looked up again (the answer is the same)."""
        text = fold(query)
        if not text or text in self.data.junk:
            return None
        if _SIMPLE.match(text):
            hit = self.simple(text)
            if hit is not None:
                return hit
        if text.endswith(_COUNTRY_ENDINGS):
            text = strip_country(text)
            if not text or text in self.data.junk:
                return None
        if _HAS_DIGIT.search(text) and _ZIP.search(text):
            hit = self._zip(text)
            if hit is not None:
                return hit
            text = _ZIP_WORDS.sub(" ", _ZIP.sub(" ", text))
            text = re.sub(r"\s+", " ", text).strip(" ,-")
            if not text:
                return None
        if "(" in text or ")" in text or "#" in text:
            text = text.replace("(", ",").replace(")", ",").replace("#", " ")
            parts = [p.strip() for p in text.split(",")]
            text = ", ".join(p for p in parts if p and p not in self.data.junk)
            if not text:
                return None
        weak = _weak_state(query, text)
        paired = _may_pair(text) and _PAIR.search(text) is not None
        stages = (self._pair, self._text) if paired else (self._text, self._pair)
        levels = (EXACT, FUZZY_WEAK_STATE if weak else FUZZY) if fuzzy else (EXACT,)
        if fuzzy and after_exact:
            levels = levels[1:]
        for level in levels:
            # the whole text as a nickname or hand alias first (once for both stages)
            hit = None if level else self._whole_name(text)
            hit = hit or stages[0](text, level) or stages[1](text, level)
            if hit is not None:
                return hit
        if not fuzzy:
            return None
        split = self.split(text)
        return self.state_hit(split.state) if split.state and not weak else None

    def alternatives(self, hit: Hit, limit: int = 10) -> list[Hit]:
        """Other places sharing ``hit``'s name (same state if the query named one)."""
        if hit.row is None:
            return [hit]
        d = self.data
        rows = d.by_key.get(key(d.names[hit.row]), [])
        others = [self.place_hit(r, hit.match) for r in rows if r != hit.row]
        return [hit, *others][:limit]

    # -- stages ----------------------------------------------------------------------------
    def simple(self, text: str, whole: str | None = None) -> Hit | None:
        """Fast path for the most common shape, folded "name, st" (matching ``_SIMPLE``;
        ``whole`` is its key when known); None defers to the full ladder (the answer is the
        one the ladder would give: nickname, then place in the state)."""
        d = self.data
        name, code = text.rsplit(", ", 1)
        state = code.upper()
        if state not in d.state_table or " and " in name or " - " in name or name in d.junk:
            return None
        if whole is None:
            whole = self.key_of(text)
        if whole in d.nicknames or whole in d.by_hand_alias:
            return None
        k = whole.rsplit(" ", 1)[0]  # the name's key: the code is the key's last word
        return self._nickname(k, state) or self._place(k, state)

    def _zip(self, text: str) -> Hit | None:
        remainder = _ZIP_WORDS.sub(" ", _ZIP.sub(" ", text)).strip(" ,")
        state = self.split(remainder).state
        for code in reversed(_ZIP.findall(text)):
            row = self.data.zips.get(code)
            if row is not None and (state is None or row[3] == state):
                lat, lon, city, zip_state = row
                return Hit(
                    lat,
                    lon,
                    f"{city}, {zip_state} {code}",
                    "postcode",
                    "zip",
                    zip_state,
                    detail=code,
                )
        return None

    def _whole_name(self, text: str) -> Hit | None:
        """The whole text as a region nickname or a hand-written alias (looked up in their
        two tables alone: :meth:`may_name` would read every table, landmarks too, which a
        one-shot "Bay Area, CA" never needs)."""
        whole = self.key_of(text)
        d = self.data
        if (
            whole not in d.nicknames
            and whole not in d.by_hand_alias
            and whole.partition(" ")[0] not in ARTICLE_WORDS
        ):
            return None  # neither a nickname (nor one after an article) nor a hand alias
        return self._nickname(whole, None) or self._hand_alias(whole, None)

    def _text(self, text: str, fuzzy: int) -> Hit | None:
        split = self.split(text)
        if (
            split.state
            and not split.comma
            and split.rest in _COMPASS
            and len(text) > len(split.rest) + 3
        ):
            return self.state_hit(split.state)  # "west Texas" is a region, not West, TX
        readings: list[tuple[str, str | None, int]] = [(split.rest, split.state, fuzzy)]
        if split.state and not split.comma:
            readings.append((text, None, min(fuzzy, FUZZY)))
        for rest, state, level in readings:
            if not rest:
                if state:
                    return self.state_hit(state)
                continue
            hit = self._parts(rest, state, level)
            if hit is not None:
                return hit
        return None

    def _parts(self, rest: str, state: str | None, fuzzy: int) -> Hit | None:
        junk = self.data.junk
        parts = [p.strip(" -/") for p in rest.split(",")]
        parts = [p for p in parts if p and p not in junk]
        for i in range(len(parts) - 1, -1, -1):
            named = self.data.state_by_name.get(parts[i]) if i and len(parts[i]) > 2 else None
            if named and state in (None, named):  # "a Monrovia, California, Home Depot"
                return self._parts(", ".join(parts[:i]), named, fuzzy)
            hit = self._part(parts[i], state, fuzzy)
            if hit is None:
                continue
            if i > 0 and hit.precision in NEAR_KM:
                inner = self._near(parts[i - 1], hit)
                if inner is not None:
                    return inner
            return hit
        return None

    def _part(self, part: str, state: str | None, fuzzy: int) -> Hit | None:
        k = self.key_of(part)
        if not k:
            return None
        if fuzzy:
            return self._fuzzy(k, state, strict=fuzzy == FUZZY_WEAK_STATE)
        if self.may_name(k):  # else no nickname, neighbourhood, landmark or place has it
            hit = (
                self._nickname(k, state)
                or self._neighbourhood(k, state)
                or self._landmark(k, state)
                or self._place(k, state)
            )
            if hit is not None:
                return hit
        return self._county(k, state) or self._trimmed(k, state) or self._window(k, state)

    def _pair(self, text: str, fuzzy: int) -> Hit | None:
        split = self.split(text)
        rest, state = split.rest, split.state
        if not _may_pair(rest):
            return None  # one segment, and no hyphen to split at
        segments = [s for s in _PAIR.split(rest) if s.strip(" ,")]
        need_all = False
        if len(segments) < 2 and "-" in rest:
            segments, need_all = [s for s in rest.split("-") if s.strip()], True
        if len(segments) < 2:
            return None
        hits = []
        for segment in segments:
            hit = self._parts(segment, state, fuzzy)
            if hit is None and hits and hits[0].state and not state:
                hit = self._parts(segment, hits[0].state, fuzzy)
            if hit is not None:
                hits.append(hit)
            elif need_all:
                return None
        if not hits:
            return None
        best = max(hits, key=lambda h: h.population or 0)
        return replace(best, match="pair" if not best.fuzzy else "fuzzy")

    def _trimmed(self, k: str, state: str | None) -> Hit | None:
        if (
            k.partition(" ")[0] not in _FILLER_FIRST_WORDS
            and k.rpartition(" ")[2] not in _FILLER_LAST_WORDS
        ):
            return None  # nothing to trim (the cheap test first)
        trimmed = _FILLER_END.sub("", _FILLER_START.sub("", k))
        if trimmed == k or not trimmed or trimmed in self.data.junk or trimmed in _STREET_WORDS:
            return None  # "southwest boulevard" is a street, not Boulevard, CA
        return self._part(trimmed, state, EXACT)

    def _window(self, k: str, state: str | None) -> Hit | None:
        """In an address-like part ("1600 pennsylvania ave nw washington"), a run of words."""
        words = k.split()
        if len(words) < 2:
            return None
        if _ADDRESS_WORDS.isdisjoint(words) and _NUMBER_WORD.search(k) is None:
            return None  # no number, no street word: not an address
        junk = self.data.junk
        numbers = [w.isdigit() for w in words]
        streets = [w in _STREET_WORDS for w in words]
        tails = [w in _NAME_TAILS for w in words[1:]] + [False]  # the word after each
        for size in range(min(len(words) - 1, 4), 0, -1):
            for start in range(len(words) - size, -1, -1):
                if streets[start] or streets[start + size - 1]:
                    continue
                if True in numbers[start : start + size]:
                    continue
                if tails[start + size - 1]:
                    continue  # "san antonio avenue" is a street
                candidate = " ".join(words[start : start + size])
                if len(candidate) < 3 or candidate in junk:
                    continue
                if not self.may_name(candidate):
                    continue  # no key _place or _nickname could find (the cheap test first)
                hit = self._place(candidate, state) or self._nickname(candidate, state)
                if hit is not None and (state or (hit.population or 0) >= WINDOW_MIN_POP):
                    return hit  # a street word is not a town: a small place needs its state
        return None
