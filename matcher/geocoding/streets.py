"""Street names of the catalog's addresses, for a site named by its street alone.

Organizers often give an office by the road it stands on, with no number or town: "the ICE
office on Brick Church Pike" (501 Brick Church Park Drive, Nashville), "otro tribunal de
inmigración en Varick Street" (201 Varick Street). :func:`street_keys` gives the leading words
of an address's street name (every prefix, so "Brick Church" keys "Brick Church Park Drive");
:func:`streets_after` the street names a text gives after a head word ("on", "en", "en la
calle"), each followed by a street-type word, so that a town ("the ICE office in Nashville")
is never read as a street. :func:`address_key` keys an address by its number and the first
word of its street ("630 Sansome St").
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["STREET_TYPES", "address_key", "street_keys", "streets_after"]

#: Words that end a street name (folded keys).
STREET_TYPES = frozenset(
    (
        "street", "st", "avenue", "ave", "av", "road", "rd", "drive", "dr", "lane", "ln",
        "pike", "boulevard", "blvd", "way", "parkway", "pkwy", "highway", "hwy", "circle",
        "place", "pl", "trail", "trl", "plaza", "terrace", "court", "ct", "loop", "turnpike",
    )
)  # fmt: skip
_DIRECTIONS = frozenset(("n", "s", "e", "w", "north", "south", "east", "west"))
#: Words between a head word and a street ("the ICE office on Brick Church Pike").
_ON = frozenset(("on", "off", "en", "sobre"))
_FILLERS = frozenset(("la", "calle", "avenida", "the"))
_MAX_WORDS = 3


def street_keys(address: Sequence[str]) -> list[tuple[str, ...]]:
    """Prefixes of the street name of an address's words ("501 brick church park drive" ->
    ("brick",), ("brick", "church"), ("brick", "church", "park")); none without a number."""
    if len(address) < 3 or not address[0].isdigit():
        return []
    name: list[str] = []
    for word in address[1:]:
        if word in STREET_TYPES and name:
            break
        if word in _DIRECTIONS and not name:
            continue
        if word.isdigit():
            return []  # "12th" is kept; a bare number is a suite or a route
        name.append(word)
    else:
        return []  # no street-type word: not an ordinary street address
    return [tuple(name[:n]) for n in range(1, min(len(name), _MAX_WORDS) + 1)]


def streets_after(words: Sequence[str], j: int) -> list[tuple[tuple[str, ...], int]]:
    """(street name words, end) of the street named from word ``j`` ("on Brick Church Pike"),
    longest first; empty unless ``words[j]`` is "on", "en"... and a street-type word follows."""
    if j >= len(words) or words[j] not in _ON:
        return []
    k = j + 1
    while k < len(words) and words[k] in _FILLERS:
        k += 1
    found = []
    for size in range(min(_MAX_WORDS, len(words) - k - 1), 0, -1):
        if words[k + size] in STREET_TYPES:
            found.append((tuple(words[k : k + size]), k + size + 1))
    return found


#: Compass words between a house number and the street's name.
_ADDRESS_DIRECTIONS = frozenset(
    ("n", "s", "e", "w", "north", "south", "east", "west", "ne", "nw", "se", "sw")
)


def address_key(words: Sequence[str]) -> tuple[str, ...]:
    """(number, first word of the street name) of an address: "630 Sansome St", "2245 S.
    Michigan Ave" -> ("2245", "michigan"); empty when it does not start with a number."""
    if len(words) < 2 or not words[0].isdigit():
        return ()
    rest = [w for w in words[1:] if w not in _ADDRESS_DIRECTIONS]
    return (words[0], rest[0]) if rest else ()
