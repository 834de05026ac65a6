"""Spanish spellings of a state's region nicknames: "Central Florida" is also written
"Florida Central" and "el centro de Florida", "Northern Nevada" "norte de Nevada" and "Nevada
del Norte", "West Texas" "oeste de Texas" and "Texas occidental".

Only a nickname made of a direction and a state's whole name gets them (the Spanish name of
the state too: "Nuevo México", "Pensilvania"), so no other region ("North Bay", "East Bay")
gains a spelling. Used by :func:`matcher.geocoding.data_files.read_nicknames`.
"""

from __future__ import annotations

from collections.abc import Collection

from matcher.geocoding.normalize import key

__all__ = ["spanish_spellings"]

# fmt: off
#: English direction word -> (the Spanish noun, "<noun> de <state>"; the adjective, "<state>
#: <adjective>"); "norte"/"sur" follow the state with "del" ("Nevada del Norte").
_DIRECTIONS: dict[str, tuple[str, str]] = {
    "central": ("centro", "central"),
    "north": ("norte", "del norte"), "northern": ("norte", "del norte"),
    "south": ("sur", "del sur"), "southern": ("sur", "del sur"),
    "west": ("oeste", "occidental"), "western": ("oeste", "occidental"),
    "east": ("este", "oriental"), "eastern": ("este", "oriental"),
    "northeast": ("noreste", "del noreste"), "northwest": ("noroeste", "del noroeste"),
    "southeast": ("sureste", "del sureste"), "southwest": ("suroeste", "del suroeste"),
}
#: States whose Spanish name differs from the English one (keys).
_SPANISH_STATE = {
    "new mexico": "nuevo mexico", "new york": "nueva york", "new jersey": "nueva jersey",
    "pennsylvania": "pensilvania", "north carolina": "carolina del norte",
    "south carolina": "carolina del sur", "louisiana": "luisiana", "missouri": "misuri",
    "hawaii": "hawai", "north dakota": "dakota del norte", "south dakota": "dakota del sur",
    "west virginia": "virginia occidental",
}
# fmt: on


def spanish_spellings(name: str, states: Collection[str]) -> list[str]:
    """The Spanish spellings of a nickname "<direction> <state>" (``states``: the keys of the
    states' names), as keys; none for any other name."""
    first, _, rest = key(name).partition(" ")
    direction = _DIRECTIONS.get(first)
    if direction is None or rest not in states:
        return []
    noun, adjective = direction
    out = []
    for state in dict.fromkeys((rest, _SPANISH_STATE.get(rest, rest))):
        out += [f"{noun} de {state}", f"{state} {adjective}"]
    return out
