"""Finding a landmark of the tables named inside a longer text ("the Wayne Morse Federal
Courthouse, 405 E. Eighth Ave."), where the address parser took its words for street words."""

from __future__ import annotations

from matcher.geocoding.data import GazetteerData, Neighbourhood

__all__ = ["LandmarkScan"]

#: Longest landmark name, in words, looked for inside a text.
MAX_WORDS = 7


class LandmarkScan:
    """Runs of words that are a landmark's name (two words or more), longest first."""

    def __init__(self, data: GazetteerData) -> None:
        self.table = data.landmarks
        self.first_words = {k.split(" ", 1)[0] for k in self.table if " " in k}

    def find(self, words: list[str], states: set[str]) -> Neighbourhood | None:
        """The landmark named by the longest run of ``words`` (keys), in one of ``states``
        when the text names any; None when the name fits landmarks of several states."""
        best: tuple[int, list[Neighbourhood]] | None = None
        for start, word in enumerate(words):
            if word not in self.first_words:
                continue
            for end in range(min(len(words), start + MAX_WORDS), start + 1, -1):
                places = self.table.get(" ".join(words[start:end]))
                if places and (best is None or end - start > best[0]):
                    best = (end - start, places)
                    break
        if best is None:
            return None
        places = [p for p in best[1] if not states or p.state in states]
        if not places or len({p.state for p in places}) > 1:
            return None
        return places[0]
