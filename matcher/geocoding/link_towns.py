"""Towns a phrase names after a link word ("Orange County Jail in Goshen", "el centro de
detención en Livingston"): the points that tell same-named facilities apart when the text
gives a town but no state."""

from __future__ import annotations

import re

from matcher.geocoding.data import GazetteerData
from matcher.geocoding.normalize import key_of_folded

__all__ = ["towns_after_link"]

#: A link word and the words after it, up to a comma or the end (folded text).
_AFTER_LINK = re.compile(r"\b(?:in|en|near|cerca de|at)\s+([a-z][a-z .'-]*)")
_MAX_WORDS = 3


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
