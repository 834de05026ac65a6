"""Dropping aliases that only name a place ("York County", "Grand Forks, ND", "Adelanto").

Such an alias would make any mention of the county or town look like a mention of the
facility. An alias is only a place when every part of it (the text and what stands in
parentheses) is the row's own town (with or without its state), a GeoNames town of the state,
or "<name> County / Parish / Borough" without a word that names a building.
"""

from __future__ import annotations

import re

from matcher.geocoding.build_facilities.places import Places
from matcher.geocoding.build_facilities.rows import Row
from matcher.geocoding.normalize import key

__all__ = ["clean_aliases", "is_place_name"]

_COUNTY_WORDS = frozenset(("county", "parish", "borough", "co"))
# fmt: off
#: Words that make "<X> County ..." a building rather than the county itself.
_BUILDING_WORDS = frozenset((
    "jail", "detention", "center", "centre", "ctr", "facility", "correctional", "corrections",
    "prison", "office", "sheriff", "sheriffs", "justice", "complex", "annex", "hold", "room",
    "juvenile", "adult", "regional", "processing", "det", "corr", "fac", "department", "dept",
    "house", "camp", "station", "building", "court", "courthouse",
))
# fmt: on
_PARENS = re.compile(r"\(([^)]*)\)")


def _place_part(part: str, row: Row, places: Places) -> bool:
    words = key(part).split()
    if not words:
        return True
    if words[-1] == row.state.lower() and len(words) > 1:
        words = words[:-1]
    text = " ".join(words)
    if row.city and text == key(row.city):
        return True
    if words[-1] in _COUNTY_WORDS and not set(words) & _BUILDING_WORDS:
        return True
    return places.is_town(text, row.state)


def is_place_name(alias: str, row: Row, places: Places) -> bool:
    """Whether ``alias`` names only places (the town, a county, a town of the state)."""
    inner = _PARENS.findall(alias)
    outer = _PARENS.sub(" ", alias)
    return all(_place_part(part, row, places) for part in (outer, *inner))


def clean_aliases(row: Row, places: Places) -> list[str]:
    """Drop the row's place-only aliases; the dropped ones."""
    dropped = [a for a in row.aliases if is_place_name(a, row, places)]
    row.aliases = [a for a in row.aliases if a not in dropped]
    return dropped
