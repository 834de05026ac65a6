"""Finding a landmark of the tables named inside a longer text ("the Wayne Morse Federal
Courthouse, 405 E. Eighth Ave."), where the address parser took its words for street words."""

from __future__ import annotations

from functools import cached_property

from matcher.geocoding.data import GazetteerData, Neighbourhood
from matcher.geocoding.distance import distance_km
from matcher.geocoding.lookups import Hit
from matcher.geocoding.normalize import key

__all__ = ["BESIDE_KM", "LandmarkScan", "in_named_town", "town_beside"]

#: Longest landmark name, in words, looked for inside a text.
MAX_WORDS = 7


class LandmarkScan:
    """Runs of words that are a landmark's name (two words or more), longest first."""

    def __init__(self, data: GazetteerData) -> None:
        self._data = data  # its landmarks are read on first use

    @cached_property
    def table(self) -> dict[str, list[Neighbourhood]]:
        """The landmarks of the tables, by key."""
        return self._data.landmarks

    @cached_property
    def first_words(self) -> frozenset[str]:
        """The first words of the landmarks' names of two words or more."""
        return frozenset(k.split(" ", 1)[0] for k in self.table if " " in k)

    def find(self, words: list[str], states: set[str]) -> Neighbourhood | None:
        """The landmark named by the longest run of ``words`` (keys), in one of ``states``
        when the text names any; None when the name fits landmarks of several states."""
        best: tuple[int, list[Neighbourhood]] | None = None
        spans: list[tuple[int, int]] = []
        for start, word in enumerate(words):
            if word not in self.first_words:
                continue
            for end in range(min(len(words), start + MAX_WORDS), start + 1, -1):
                places = self.table.get(" ".join(words[start:end]))
                if places:
                    spans.append((start, end))
                    if best is None or end - start > best[0]:
                        best = (end - start, places)
                    elif end - start == best[0]:  # two names as long: both count
                        best = (best[0], [*best[1], *places])
                    break
        if best is None:
            return None
        if states:  # "Washington Square Park", "the Virginia Smith Federal Building"
            states = {s for s in states if not self._only_in_names(s, words, spans)}
        places = [p for p in best[1] if not states or p.state in states]
        if len({p.state for p in places}) > 1:
            places = in_named_town(places, words)  # "Monument Square in Portland, Maine"
        if not places or len({p.state for p in places}) > 1:
            return None
        return places[0]

    @cached_property
    def state_spellings(self) -> dict[str, list[list[str]]]:
        """Each state's spellings of more than three letters, as lists of words."""
        out: dict[str, list[list[str]]] = {}
        for name, code in self._data.state_by_name.items():
            if len(name) > 3:
                out.setdefault(code, []).append(name.split())
        return out

    def _only_in_names(self, state: str, words: list[str], spans: list[tuple[int, int]]) -> bool:
        """Whether every spelling of ``state`` among ``words`` lies inside a landmark's name
        (``spans``): "the corner of Washington Square Park, where the Salt Lake City-County
        Building is" names Washington's square, not the state."""
        seen = False
        for spelling in self.state_spellings.get(state, ()):
            size = len(spelling)
            for i in range(len(words) - size + 1):
                if words[i : i + size] == spelling:
                    seen = True
                    if not any(a <= i and i + size <= b for a, b in spans):
                        return False
        return seen


def in_named_town(places: list[Neighbourhood], words: list[str]) -> list[Neighbourhood]:
    """The same-named landmarks whose town the text names (``words``: keys), all of them when
    it names none or several towns: the town decides, never a guess."""
    named = [p for p in places if _names(words, key(p.city).split())]
    return named if len({(p.city, p.state) for p in named}) == 1 else places


def _names(words: list[str], town: list[str]) -> bool:
    """Whether ``town`` (its words) is a run of ``words``."""
    size = len(town)
    return any(words[i : i + size] == town for i in range(len(words) - size + 1))


#: A town named beside a landmark, this close to it and in its state, is where the action is
#: (a campus's branch, a square of the town next door).
BESIDE_KM = 100.0


def town_beside(
    landmark: Hit, span: tuple[int, int], towns: list[tuple[tuple[int, int, int], Hit, int, int]]
) -> Hit | None:
    """The best-ranked town of ``towns`` (rank, hit, start, end of its words) outside the
    landmark's words ``span``, in its state, near it and not its own town: "the Williston
    branch of Vermont Technical College" is in Williston, not at the college's main campus."""
    own = landmark.place.rsplit(", ", 2)[-2] if landmark.place.count(", ") >= 2 else ""
    beside = [
        (rank, hit)
        for rank, hit, start, end in towns
        if (end <= span[0] or start >= span[1])
        and hit.state == landmark.state
        and hit.precision == "city"
        and key(hit.place.split(", ")[0]) != key(own)
        and distance_km(hit.lat, hit.lon, landmark.lat, landmark.lon) <= BESIDE_KM
    ]
    return max(beside, key=lambda pair: pair[0])[1] if beside else None
