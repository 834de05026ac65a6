"""Candidates for fuzzy matching of place names: the keys that can reach a rapidfuzz ratio
cutoff, found by their ends, their length and their letter counts before any scoring."""

from __future__ import annotations

import math
from typing import Any

__all__ = ["FuzzyIndex"]

#: Columns of the letter counts of :meth:`FuzzyIndex.within_reach` (any other character
#: shares one more column, which only makes the bound looser).
_LETTERS = {ch: i for i, ch in enumerate("abcdefghijklmnopqrstuvwxyz0123456789 ")}
#: Length windows shorter than this are scanned whole (counting would cost more).
_COUNTED_WINDOW = 1000
#: Columns of the letter counts: one per letter of :data:`_LETTERS` and one for the rest.
_COLUMNS = len(_LETTERS) + 1
#: How many "at least j of this letter" rows are kept per letter (more is rare).
_MOST_REPEATS = 3


class _LetterRows:
    """The letter counts of a window's keys (one row per letter, one column per key), the
    "at least j" rows made of them (j = 1 to :data:`_MOST_REPEATS`, stacked), their lengths
    and, per cutoff and query length, the fewest common letters that reach the cutoff."""

    __slots__ = ("_needs", "at_least", "counts", "lengths")

    def __init__(self, counts: Any, lengths: Any) -> None:
        import numpy as np

        self.counts = counts
        self.lengths = lengths
        self.at_least = np.concatenate(
            [(counts >= j).view(np.uint8) for j in range(1, _MOST_REPEATS + 1)]
        )
        self._needs: dict[tuple[float, int], Any] = {}

    def need(self, cutoff: float, length: int) -> Any:
        """Per key, the least whole ``common`` with 200 * common >= (cutoff - 0.01) * (its
        length + ``length``): a hair below the cutoff, never dropping a key rapidfuzz would
        keep (the same float test as a ratio's, solved once per cutoff and length)."""
        found = self._needs.get((cutoff, length))
        if found is None:
            import numpy as np

            bound = (cutoff - 0.01) * (self.lengths + length)
            need = np.ceil(bound / 200.0)
            need -= 200.0 * (need - 1) >= bound  # the float test itself decides
            need += 200.0 * need < bound
            found = self._needs[(cutoff, length)] = need.astype(np.int32)
        return found


def _letter_rows(keys: list[str]) -> _LetterRows:
    """:class:`_LetterRows` of a window's keys."""
    import numpy as np

    counts = np.zeros((_COLUMNS, len(keys)), dtype=np.uint8)
    for i, k in enumerate(keys):
        for ch in k:
            counts[_LETTERS.get(ch, len(_LETTERS)), i] += 1
    lengths = np.fromiter(map(len, keys), dtype=np.int16, count=len(keys))
    return _LetterRows(counts, lengths)


class FuzzyIndex:
    """Fuzzy-match candidates with a cheap pre-filter.

    A one-letter typo in a name of five or more letters leaves either its first two or its
    last two letters intact, so :meth:`candidates` first offers only the keys sharing the
    query's first or last two letters (a tenth of the list or less); callers fall back to
    :attr:`keys` when that finds nothing.
    """

    __slots__ = (
        "_counts",
        "_ends",
        "_windows",
        "by_length",
        "by_prefix",
        "by_suffix",
        "keys",
        "rows",
    )

    def __init__(self, keys: list[str], rows: list[int]) -> None:
        self.keys = keys
        self.rows = rows
        self.by_prefix: dict[str, list[int]] = {}
        self.by_suffix: dict[str, list[int]] = {}
        self.by_length: dict[int, list[int]] = {}
        self._windows: dict[tuple[int, int], tuple[list[str], list[int]]] = {}
        self._ends: dict[tuple[str, str, int, int], tuple[list[str], list[int]]] = {}
        self._counts: dict[tuple[int, int], _LetterRows] = {}
        for position, k in enumerate(keys):
            self.by_prefix.setdefault(k[:2], []).append(position)
            self.by_suffix.setdefault(k[-2:], []).append(position)
            self.by_length.setdefault(len(k), []).append(position)

    @staticmethod
    def _lengths(query: str, cutoff: float) -> tuple[int, int]:
        """The key lengths that can score ``cutoff`` or more against ``query`` (a rapidfuzz
        ratio is 200 * common / (len1 + len2), so a key much shorter or longer cannot)."""
        share = max(cutoff, 1.0) / 100.0
        n = len(query)
        return math.ceil(n * share / (2 - share) - 1e-9), int(n * (2 - share) / share + 1e-9)

    def of_length_for(self, query: str, cutoff: float) -> tuple[list[str], list[int]]:
        """The keys that can score ``cutoff`` or more against ``query``, in list order."""
        low, high = self._lengths(query, cutoff)
        window = self._windows.get((low, high))
        if window is None:
            positions = sorted(
                p for length in range(low, high + 1) for p in self.by_length.get(length, ())
            )
            window = [self.keys[p] for p in positions], [self.rows[p] for p in positions]
            self._windows[(low, high)] = window
        return window

    def counted(self, query: str, cutoff: float) -> bool:
        """Whether :meth:`within_reach` would filter by letter counts already made (a long
        window scanned before), i.e. is cheap and needs no first build."""
        return self._lengths(query, cutoff) in self._counts

    def within_reach(self, query: str, cutoff: float) -> tuple[list[str], list[int]]:
        """:meth:`of_length_for` without the keys whose letters cannot reach ``cutoff``: a
        ratio is 200 * common / (len1 + len2) and the common subsequence has no more of each
        letter than both strings have. Exactly the keys that can match, in list order; the
        letter counts of a length window are built (with numpy) on its first long scan."""
        keys, rows = self.of_length_for(query, cutoff)
        if len(keys) < _COUNTED_WINDOW:
            return keys, rows
        import numpy as np  # only for the long scans of misspelled names without a state

        window = self._lengths(query, cutoff)
        counted = self._counts.get(window)
        if counted is None:
            counted = self._counts[window] = _letter_rows(keys)
        wanted: dict[int, int] = {}
        for ch in query:
            letter = _LETTERS.get(ch, len(_LETTERS))
            wanted[letter] = wanted.get(letter, 0) + 1
        # min(count, times) = [count >= 1] + ... + [count >= times]: the common letters of
        # each key are a sum of rows of the "at least j of this letter" table (one ``take``)
        picked = [letter + j * _COLUMNS for letter, times in wanted.items() for j in range(times)]
        repeated = max(wanted.values()) > _MOST_REPEATS
        if repeated:  # a letter more than thrice (rare): its extra ones are added apart
            picked = [p for p in picked if p < _MOST_REPEATS * _COLUMNS]
        common = counted.at_least.take(picked, axis=0).sum(
            axis=0, dtype=np.uint8 if len(picked) < 256 else np.int32
        )
        for letter, times in wanted.items() if repeated else ():
            if times > _MOST_REPEATS:
                extra = np.minimum(counted.counts[letter].astype(np.int16), times)
                common = common + np.maximum(extra - _MOST_REPEATS, 0)
        kept = np.flatnonzero(common >= counted.need(cutoff, len(query))).tolist()
        return [keys[p] for p in kept], [rows[p] for p in kept]

    def candidates(self, query: str, cutoff: float = 0.0) -> tuple[list[str], list[int]]:
        """Keys sharing the first or last two letters of ``query`` and long enough and short
        enough to reach ``cutoff``, and their rows (kept per ends and lengths: imports repeat
        them)."""
        low, high = self._lengths(query, cutoff)
        ends = (query[:2], query[-2:], low, high)
        found = self._ends.get(ends)
        if found is None:
            keys = self.keys
            positions = sorted(
                p
                for p in {*self.by_prefix.get(ends[0], ()), *self.by_suffix.get(ends[1], ())}
                if low <= len(keys[p]) <= high
            )
            found = [keys[p] for p in positions], [self.rows[p] for p in positions]
            self._ends[ends] = found
        return found
