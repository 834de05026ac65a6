"""Misspelt facility phrases read again with the catalog's own words: "Adelanto Detension
Center", "Moshanon Valley Processing Center", "Golde State Annex", "Broadveiw processing
center".

:class:`Respeller` knows the words of the catalog's names and head phrases (five letters or
more). A phrase that names no facility as written, and holds a word that looks like a word
of a detention site's kind (its first four letters are one's: "detension", "centre"), is
read again with each unknown word of five letters or more replaced by the catalog word
closest to it (rapidfuzz ratio of at least :data:`CUTOFF`); the caller keeps the new reading
only when it names a facility with a head word, so a town's name ("Cibolo, TX") is never
respelt into a facility's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from rapidfuzz import fuzz, process

__all__ = ["CUTOFF", "MIN_LEN", "Respeller"]

#: The least rapidfuzz ratio of a misspelt word to the catalog word it is read as.
CUTOFF = 85.0
#: Words shorter than this are never respelt ("jal" is not "jail").
MIN_LEN = 5
#: First four letters of the words of a detention site's kind, spelt right or not.
_HEAD_STARTS = frozenset(
    ("dete", "proc", "faci", "corr", "cent", "resi", "anne", "pris", "jail", "camp", "carc")
)
#: Words after a county's name.
_COUNTY_WORDS = frozenset(("county", "parish", "co"))


class Respeller:
    """Replaces misspelt words of a facility phrase by the catalog's words."""

    def __init__(
        self,
        name_words: Iterable[str],
        head_words: Iterable[str],
        english: Iterable[str] = (),
    ) -> None:
        heads = {w for w in head_words if len(w) >= MIN_LEN}
        self._english = frozenset(english)
        self.known = frozenset(heads | {w for w in name_words if len(w) >= MIN_LEN})
        self._choices = sorted(self.known)
        self._head_starts = _HEAD_STARTS
        self._cache: dict[str, str | None] = {}

    def may_help(self, words: Sequence[str]) -> bool:
        """Whether a word looks like a word of a detention site's kind ("detension",
        "proccessing", "center"; not an office's: those are rarely misspelt, and common)."""
        starts = self._head_starts
        return any(w[:4] in starts for w in words if len(w) >= MIN_LEN)

    def respell(
        self, words: Sequence[str], keep: Callable[[str], bool] | None = None
    ) -> list[str] | None:
        """The words with misspelt ones replaced (None when none was); a county's name
        ("the Charlton County facility" is not Charleston's) and the words ``keep`` accepts
        (a town's name) stay as they are."""
        out = list(words)
        changed = False
        for i, word in enumerate(words):
            if len(word) < MIN_LEN or word in self.known or word.isdigit():
                continue
            if i + 1 < len(words) and words[i + 1] in _COUNTY_WORDS:
                continue
            if keep is not None and keep(word):
                continue
            if word not in self._cache:
                close = process.extract(
                    word, self._choices, scorer=fuzz.ratio, score_cutoff=CUTOFF, limit=5
                )
                # of two as close, an English head word ("detention" for "detension", not
                # the Spanish "detencion"), then a name's word
                best = max(close, key=lambda c: (c[1], c[0] in self._english), default=None)
                if len(self._cache) > 100_000:
                    self._cache.clear()
                self._cache[word] = best[0] if best else None
            better = self._cache[word]
            if better is not None:
                out[i] = better
                changed = True
        return out if changed else None
