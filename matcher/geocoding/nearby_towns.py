"""Towns a phrase places its answer near, not at: "X, south of Y" (of X's homonyms the one
near Y), a smaller town just before the one found ("la tienda de Monrovia en Los Ángeles"),
a town in parentheses after a guess ("near Chicago (Kenosha)"), and a lowercase compass word
before a town ("in north Aurora": a part of Aurora, not North Aurora). Used by
:class:`matcher.geocoding.reading.Reader`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from matcher.geocoding.data import GazetteerData
from matcher.geocoding.distance import distance_km
from matcher.geocoding.lookups import NEAR_KM, Hit
from matcher.geocoding.normalize import key
from matcher.geocoding.resolve import Resolver

#: A town in parentheses after a guess ("near Chicago (Kenosha)") is meant when this close.
INNER_TOWN_KM = 150.0
#: "X, south of Y": of X's homonyms, the nearest to Y within this, and clearly the nearest.
REFERENCE_KM = 300.0
REFERENCE_MARGIN = 2.0
#: "south of X", "al sur de X", "cerca de X", "a 19 kilómetros de X": X is only nearby.
REFERENCE = re.compile(
    r",?\s*\b(?:(?:just |about |some )?(?:north|south|east|west|northeast|northwest|southeast|"
    r"southwest) of|al (?:norte|sur|este|oeste|noreste|noroeste|sureste|suroeste) de|between|entre|"
    r"(?:a|unos|about|some|\d+) (?:\d+ )?(?:km|kilometros|millas|miles|minutos|minutes) "
    r"(?:de|from|outside(?: of)?)|outside of|cerca de|near)\s+"
)
#: Words one of which every match of :data:`REFERENCE` has (a cheap test before it).
REFERENCE_WORDS = (
    *(" of", "al ", "between", "entre", "km", "kilometros", "millas", "miles", "minut"),
    *("cerca de", "near"),
)


def may_refer(text: str) -> bool:
    """Whether :data:`REFERENCE` may match folded text (a cheap test before it: one of
    :data:`REFERENCE_WORDS` in it; substring tests written out, several times cheaper than
    one pattern's scan of the text)."""
    return (
        " of" in text
        or "al " in text
        or "between" in text
        or "entre" in text
        or "km" in text
        or "kilometros" in text
        or "millas" in text
        or "miles" in text
        or "minut" in text
        or "cerca de" in text
        or "near" in text
    )


def may_have_direction(query: str) -> bool:
    """Whether :data:`LOWER_DIRECTION` may match (a cheap test before it)."""
    return "north" in query or "south" in query or "east" in query or "west" in query


INSIDE_PARENTHESES = re.compile(r"\(([^)]*)\)")

#: A lowercase compass word before a capitalized name ("in north Aurora"): a part of that town,
#: not the town spelled with it (North Aurora, IL).
LOWER_DIRECTION = re.compile(
    r"(?<![A-Za-z])(north|south|east|west|northeast|northwest|southeast|southwest)\s+"
    r"([A-Z][A-Za-z.'-]*(?:\s+[A-Z][A-Za-z.'-]*){0,2})"
)


def inner_town(resolver: Resolver, query: str, outer: Hit) -> Hit | None:
    """A town written in parentheses after a guess, near it: the place meant."""
    for inside in INSIDE_PARENTHESES.findall(query):
        hit = resolver.resolve(inside, fuzzy=False)
        if (
            hit is not None
            and hit.precision == "city"
            and distance_km(hit.lat, hit.lon, outer.lat, outer.lon) <= INNER_TOWN_KM
        ):
            return hit
    return None


def without_direction(data: GazetteerData, m: re.Match[str]) -> str:
    """ "north Aurora" -> "Aurora" when "North Aurora" is a town's name (and no region's):
    written in lowercase, the compass word says which part of Aurora."""
    words = m.group(2).split()
    for size in range(len(words), 0, -1):
        k = key(f"{m.group(1)} {' '.join(words[:size])}")
        if k in data.nicknames:
            return m.group(0)
        if k in data.by_key or k in data.by_hand_alias:
            return m.group(2)
    return m.group(0)


def near_reference(resolver: Resolver, hit: Hit, reference: str) -> Hit:
    """Of a guess's homonyms, the one near the town it is said to be near ("Sheridan,
    southwest of McMinnville" is Sheridan, OR; "Portland, north of Boston" is Maine's):
    within :data:`REFERENCE_KM` of it, and the next one :data:`REFERENCE_MARGIN` times
    as far at least."""
    if not hit.alternatives or not reference:
        return hit
    near = resolver.resolve(reference)
    if near is None or near.precision != "city":
        return hit
    everyone = sorted(
        (distance_km(h.lat, h.lon, near.lat, near.lon), i, h)
        for i, h in enumerate((hit, *hit.alternatives))
    )
    (km, _, chosen), *rest = everyone
    if km > REFERENCE_KM or (rest and rest[0][0] < REFERENCE_MARGIN * km):
        return hit
    others = tuple(h for _, _, h in rest)
    return replace(chosen, ambiguous=near.ambiguous or near.fuzzy, alternatives=others)


#: "de Monrovia en Los Ángeles": a smaller place just before the one found (folded text).
BEFORE_IN = re.compile(r"\b(?:de|del|in|at|en)\s+([a-z][a-z ]{2,40}?)\s+(?:en|in)\s+")


def inner_place(resolver: Resolver, text: str, outer: Hit) -> Hit:
    """ "La tienda de Monrovia en Los Ángeles": a smaller place named just before the one
    found ("X in Y", "X en Y") and close to it is where the action is."""
    if outer.precision not in ("city", "county", "region"):
        return outer
    if " in " not in text and " en " not in text:
        return outer  # every match of BEFORE_IN ends in " in " or " en " (the cheap test)
    for m in BEFORE_IN.finditer(text):
        words = m.group(1).split()
        for size in (3, 2, 1):
            inner = resolver.resolve(" ".join(words[-size:]), fuzzy=False)
            if (
                inner is not None
                and inner.precision == "city"
                and inner.place != outer.place
                and distance_km(inner.lat, inner.lon, outer.lat, outer.lon)
                <= NEAR_KM[outer.precision]
            ):
                return inner
    return outer
