"""Marches written as routes: "marching from Centennial Park to the State Capitol", "desde el
centro de detención Alligator Alcatraz, en los Everglades, hasta el de Krome". The action is
labelled where the route ends (the rally, the blockade), so :func:`route_end` gives the words
after "to"/"hasta" for a second reading.
"""

from __future__ import annotations

import re

__all__ = ["route_end"]

_ROUTE = re.compile(r"\b(?:from|desde)\s+\S.*?\s(?:to|hasta|hacia)\s+(?P<end>\S.*)$", re.IGNORECASE)
#: "hasta el de Krome": "the one of Krome", the same kind of place as the start.
_THE_ONE_OF = re.compile(r"^(?:el|la|los|las)\s+(?:de|del)\s+", re.IGNORECASE)


def route_end(query: str) -> str | None:
    """The words naming where a route ends, or None when the query is no route."""
    lower = query.lower()
    if "from" not in lower and "desde" not in lower:
        return None  # the cheap test first: most queries name no route
    m = _ROUTE.search(query)
    if m is None:
        return None
    end = _THE_ONE_OF.sub("", m.group("end").strip(" ,.;"))
    return end or None
