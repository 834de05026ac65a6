"""Towns a phrase names after a link word ("Orange County Jail in Goshen", "el centro de
detención en Livingston") or after "downtown": what tells same-named facilities (or two sites
of one office) apart when the text gives a town but no state."""

from __future__ import annotations

import re

from matcher.geocoding.data import GazetteerData
from matcher.geocoding.normalize import key_of_folded

__all__ = ["town_after_downtown", "towns_after_link"]

#: A link word and the words after it, up to a comma or the end (folded text).
_AFTER_LINK = re.compile(r"\b(?:in|en|near|cerca de|at)\s+([a-z][a-z .'-]*)")
_MAX_WORDS = 3
#: "downtown New Orleans", "in downtown Portland": the town's own centre, not a suburb.
_AFTER_DOWNTOWN = re.compile(r"\bdowntown\s+([a-z][a-z .'-]*)")


def towns_after_link(text: str, data: GazetteerData) -> list[tuple[float, float]]:
    """The points of every town (of any state) whose name follows a link word in folded
    ``text``, the last link first; the longest name that is a town's wins at each link."""
    points: list[tuple[float, float]] = []
    for m in reversed(list(_AFTER_LINK.finditer(text))):
        words = key_of_folded(m.group(1)).split()[:_MAX_WORDS]
        for size in range(len(words), 0, -1):
            rows = data.by_key.get(" ".join(words[:size]))
            if rows:
                points.extend((data.lat[r], data.lon[r]) for r in rows)
                break
    return points


def town_after_downtown(text: str, data: GazetteerData) -> str | None:
    """The key of the town named right after "downtown" in folded ``text``, if any."""
    m = _AFTER_DOWNTOWN.search(text)
    if m is None:
        return None
    words = key_of_folded(m.group(1)).split()[:_MAX_WORDS]
    for size in range(len(words), 0, -1):
        name = " ".join(words[:size])
        if name in data.by_key:
            return name
    return None
