"""Towns' names written by hand, spelled as the gazetteer writes them before the facility
catalog is searched again: Spanish names and nicknames after a link word ("la oficina de ICE
en Nueva Orleans", "la corte migratoria de Nueva York", "ICE headquarters in D.C.", "the ICE
office in the Big Easy") and one-word short names anywhere else ("the ICE KC office"). The
catalog knows its towns as ICE writes them (New Orleans, New York); the names come from
``data/aliases.csv`` (the gazetteer's hand-written aliases). Used by
:mod:`matcher.geocoding.facility_reading` (with the gazetteer's rows) and by the target
reading of :mod:`matcher.matching.recognition` (from the file).
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from functools import cache

from matcher.geocoding.facility_entries import FACILITIES_FILE
from matcher.geocoding.normalize import key

__all__ = ["LINK_WORDS", "TownSpeller", "town_speller"]

#: Words that link a town to what is in it ("in Kansas City", "en KC").
LINK_WORDS = frozenset(("in", "en", "de", "del", "of", "at", "near", "cerca", "from", "to"))
#: The most words of a town's name written by hand ("the city of brotherly love").
_MOST_WORDS = 5


class TownSpeller:
    """Spells the towns' hand-written names of a table (name key -> the town's key)."""

    def __init__(self, names: Mapping[str, str]) -> None:
        self.names = dict(names)
        #: one-word short names ("kc", "nola", "philly"), spelled anywhere but after a link
        self.short = frozenset(a for a in self.names if " " not in a)
        self._firsts = frozenset(a.split()[0] for a in self.names)

    def spelled(self, words: Sequence[str]) -> list[str]:
        """Words with the hand-written names spelled out (the same list when there is none):
        after a link word every such name, elsewhere a one-word short name ("in D.C." is
        Washington; "the ICE KC office" the Kansas City one)."""
        words = list(words)
        if self._firsts.isdisjoint(words):
            return words  # most texts hold no such name (the cheap test first)
        out: list[str] = []
        i = 0
        while i < len(words):
            linked = bool(i) and words[i - 1] in LINK_WORDS
            town, size = None, 1
            if linked and words[i] in self._firsts:  # "en nueva york", "in the big easy"
                for size in range(min(_MOST_WORDS, len(words) - i), 0, -1):
                    town = self.names.get(" ".join(words[i : i + size]))
                    if town is not None:
                        break
            elif words[i] in self.short and not linked:
                town = self.names.get(words[i])
            if town is None:
                out.append(words[i])
                i += 1
            else:
                out.extend(town.split())
                i += size
        return out if out != words else words


@cache
def town_speller() -> TownSpeller:
    """The speller of ``data/aliases.csv`` (alias -> its place), read once."""
    path = FACILITIES_FILE.with_name("aliases.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return TownSpeller({key(row["alias"]): key(row["place"]) for row in rows})
