"""Text normalization shared by the gazetteer builder and the run-time lookup.

Two levels:

* :func:`fold` lowercases, strips accents and dots but keeps the separators that carry
  structure (commas, slashes, hyphens), so a query can still be split into parts.
* :func:`key` turns a place name into the lookup key stored in the data file: only letters,
  digits and single spaces, with the usual abbreviations made canonical ("Saint" and "St."
  both become ``saint``, "Ft" becomes ``fort``, "Mt" becomes ``mount``).

The data file stores keys made by :func:`key`; change it and rebuild the data
(``python -m matcher.geocoding.build``).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["KEY_VERSION", "SPACE_BUT_KEY_CHARACTERS", "fold", "key", "key_of_folded"]

#: Bumped whenever :func:`key` changes, so a stale data file is detected at load time.
KEY_VERSION = 1

_CANONICAL_TOKENS = {
    "st": "saint",
    "ste": "sainte",
    "ft": "fort",
    "mt": "mount",
    "mtn": "mountain",
    "pt": "point",
}

_CANONICAL_WORDS = frozenset(_CANONICAL_TOKENS)
#: What separates the words of a key, but spaces (``str.split`` drops them: fewer matches).
_NON_KEY = re.compile(r"[^a-z0-9 ]+")
#: A ``str.translate`` table of the ASCII characters: each but the letters and digits of a
#: key made a space (for ASCII text, translating and splitting gives the words of
#: ``_NON_KEY.sub(" ", text).split()``, several times cheaper than the pattern's scan).
SPACE_BUT_KEY_CHARACTERS = "".join(
    ch if "a" <= ch <= "z" or "0" <= ch <= "9" else " " for ch in map(chr, range(128))
)
_NON_FOLD = re.compile(r"[^a-z0-9,/\-#() ]+")
#: Dots and apostrophes vanish; semicolons become commas, bars and backslashes slashes (one
#: ``str.replace`` each: faster than ``str.translate``, and the same, since no replacement
#: makes a character another one replaces).
_PUNCTUATION = (("'", ""), ("`", ""), (".", ""), (";", ","), ("|", "/"), ("\\", "/"))
#: The same for curly apostrophes, in text that was not ASCII.
_CURLY = (("\u2019", ""), ("\u2018", ""))


class _CombiningMarks(dict[int, int | None]):
    """A ``str.translate`` table that drops combining marks, filled as characters come."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_DROP_COMBINING = _CombiningMarks()


def _ascii(text: str) -> str:
    """Decompose accents and drop combining marks ("San José" -> "San Jose")."""
    return unicodedata.normalize("NFKD", text).translate(_DROP_COMBINING)


#: Text that :func:`fold` leaves as it is (already folded): its characters, no space or
#: comma first (nor last, nor two spaces in a row: tested apart, which is faster).
_FOLDED = re.compile(r"[a-z0-9/\-#()][a-z0-9,/\-#() ]*")


def fold(text: str) -> str:
    """Lowercase ASCII form of ``text`` that keeps commas, slashes and hyphens.

    Dots and apostrophes vanish ("D.C." -> "dc", "Coeur d'Alene" -> "coeur dalene"),
    "&" becomes "and", any other punctuation becomes a space.
    """
    if _FOLDED.fullmatch(text) and "  " not in text and text[-1] not in " ,":
        return text  # the ladder folds its parts again: no work to do
    plain = text.isascii()
    if not plain:
        text = _ascii(text)
    text = text.lower()
    if plain and _FOLDED.fullmatch(text) and "  " not in text and text[-1] not in " ,":
        return text  # "Springfield, IL": lowercasing was all there was to do
    if "&" in text:
        text = text.replace("&", " and ")
    for old, new in _PUNCTUATION if plain else (*_PUNCTUATION, *_CURLY):
        text = text.replace(old, new)
    text = _NON_FOLD.sub(" ", text)
    return " ".join(text.split()).strip(" ,")  # only spaces are left: one between words


def key(text: str) -> str:
    """Lookup key of a place name: ASCII letters and digits, canonical abbreviations."""
    return key_of_folded(fold(text))


def key_of_folded(folded: str) -> str:
    """:func:`key` of text that already went through :func:`fold`."""
    if folded.isascii():
        words = folded.translate(SPACE_BUT_KEY_CHARACTERS).split()
    else:
        words = _NON_KEY.sub(" ", folded).split()
    if _CANONICAL_WORDS.isdisjoint(words):
        return " ".join(words)
    return " ".join(_CANONICAL_TOKENS.get(word, word) for word in words)
