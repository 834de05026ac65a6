"""A state's largest city or its capital named by description, not by name: "Congress Street
in Maine's largest city", "the largest city in Nevada", "the capital of Texas", "la capital de
Nuevo México", "la ciudad más grande de Arizona". The largest city is the state's most
populous place of the gazetteer (GeoNames populations); the capital is the town of the state
capitol of the landmark tables. Read by :class:`matcher.geocoding.second_reads.SecondReads`
when the first reading found no town. A state named by its nickname ("the Golden State",
"el Estado Dorado") is read as the state's name (:func:`nicknamed_state`): not Golden, CO.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

__all__ = ["STATE_CITY_HINT", "STATE_NICKNAMES", "described_state_cities", "nicknamed_state"]

#: One of these is in every lowercased text a description can be read from (the cheap test).
STATE_CITY_HINT = re.compile(r"largest|biggest|most populous|capital|grande|poblada")
_STATE = r"(?P<state>[a-z]+(?: [a-z]+){0,2})"
_LARGEST = r"(?:largest|biggest|most populous)(?: city| town)"
#: Words after "capital" that make it a firm's name ("Texas Capital Bank"), not a city.
_FIRM = r"(?:bank|one|group|partners|management|investments?|markets?|advisors|fund)"
#: (pattern over folded text, "largest" or "capital", whether the state's words come before)
_DESCRIPTIONS = (
    (re.compile(rf"\b{_STATE} {_LARGEST}\b"), "largest", True),  # "maines largest city"
    (re.compile(rf"\b{_LARGEST} (?:in|of) (?:the state of )?{_STATE}"), "largest", False),
    (
        re.compile(rf"\bciudad mas (?:grande|poblada) (?:de|del estado de) {_STATE}"),
        "largest",
        False,
    ),
    (re.compile(rf"\b{_STATE} (?:state )?capital(?: city)?\b(?! {_FIRM})"), "capital", True),
    (re.compile(rf"\bcapital (?:city )?of (?:the state of )?{_STATE}"), "capital", False),
    (re.compile(rf"\bcapital (?:de|del estado de) {_STATE}"), "capital", False),
)


#: The nation's capital, Washington, D.C. ("in the nation's capital", "la capital
#: estadounidense"), as the kind "capital" of the state code "DC".
_NATIONAL_CAPITAL = re.compile(
    r"\b(?:(?:the )?nations? capital|capital of the (?:nation|united states|us)|"
    r"(?:us|u s|united states) capital|capital estadounidense|"
    r"capital de (?:los )?estados unidos|capital de ee ?uu)\b"
)


def _state_in(words: list[str], before: bool, states: Mapping[str, str]) -> str | None:
    """The state whose name ends (``before``) or starts ``words``, longest first; a
    possessive's "s" run on ("maines", "texass") is dropped."""
    for size in range(min(3, len(words)), 0, -1):
        part = words[-size:] if before else words[:size]
        name = " ".join(part)
        forms = (name, name[:-1]) if before and name.endswith("s") else (name,)
        for form in forms:
            code = states.get(form)
            if code is not None:
                return code
    return None


def described_state_cities(folded: str, states: Mapping[str, str]) -> Iterable[tuple[str, str]]:
    """(kind, state code) of each state's city the folded text describes, "largest" or
    "capital" (``states``: state spellings of more than three letters -> code); the
    nation's capital is the capital of "DC"."""
    if _NATIONAL_CAPITAL.search(folded):
        yield "capital", "DC"
    for pattern, kind, before in _DESCRIPTIONS:
        for m in pattern.finditer(folded):
            code = _state_in(m.group("state").split(), before, states)
            if code is not None:
                yield kind, code


# fmt: off
#: States by their nicknames ("the Golden State", "the Lone Star State"), the words before
#: "State" (folded keys): the states' official and customary nicknames (state governments'
#: own pages; facts, written by hand on 2026-12-03), and three Spanish forms.
STATE_NICKNAMES = {
    "yellowhammer": "AL", "grand canyon": "AZ", "natural": "AR", "golden": "CA",
    "centennial": "CO", "constitution": "CT", "nutmeg": "CT", "diamond": "DE",
    "sunshine": "FL", "peach": "GA", "aloha": "HI", "gem": "ID", "prairie": "IL",
    "hoosier": "IN", "hawkeye": "IA", "sunflower": "KS", "bluegrass": "KY", "pelican": "LA",
    "pine tree": "ME", "old line": "MD", "bay": "MA", "great lakes": "MI", "wolverine": "MI",
    "north star": "MN", "gopher": "MN", "magnolia": "MS", "show me": "MO", "treasure": "MT",
    "cornhusker": "NE", "silver": "NV", "battle born": "NV", "granite": "NH",
    "garden": "NJ", "empire": "NY", "tar heel": "NC", "old north": "NC",
    "peace garden": "ND", "buckeye": "OH", "sooner": "OK", "beaver": "OR", "keystone": "PA",
    "ocean": "RI", "palmetto": "SC", "mount rushmore": "SD", "volunteer": "TN",
    "lone star": "TX", "beehive": "UT", "green mountain": "VT", "evergreen": "WA",
    "mountain": "WV", "badger": "WI", "equality": "WY", "cowboy": "WY",
}
_SPANISH_NICKNAMES = {
    "estado dorado": "CA", "estado de la estrella solitaria": "TX", "estado del sol": "FL",
}
# fmt: on
#: "the Golden State" but not "the Golden State Warriors" or "the Empire State Building".
_NICKNAMED = re.compile(
    r"\b(?P<name>(?:[a-z]+ )?[a-z]+(?:-[a-z]+)?) state\b(?! (?:building|university|college|"
    r"bank|plaza|park|mall|parkway|fair|fairgrounds|warriors|prison|penitentiary|hospital|"
    r"forest|trail|theater|theatre|insurance|credit|school|pier|stadium|capitol))"
)
_SPANISH_NICKNAMED = re.compile(r"\b(?:el )?(" + "|".join(_SPANISH_NICKNAMES) + r")\b")


def nicknamed_state(folded: str) -> tuple[str, int, int] | None:
    """The one state folded text names by its nickname, with where the nickname is in it
    ("protests across the golden state" -> ("CA", 20, 32)), or None."""
    found: dict[str, tuple[int, int]] = {}
    if "state" in folded:
        for m in _NICKNAMED.finditer(folded):
            tokens = m.group("name").split(" ")
            for size in range(len(tokens), 0, -1):  # "pine tree", then "tree"
                name = " ".join(tokens[-size:])
                code = STATE_NICKNAMES.get(name.replace("-", " "))
                if code is not None:
                    found.setdefault(code, (m.end("name") - len(name), m.end()))
                    break
    if "estado" in folded:
        for m in _SPANISH_NICKNAMED.finditer(folded):
            found.setdefault(_SPANISH_NICKNAMES[m.group(1)], (m.start(1), m.end(1)))
    if len(found) != 1:
        return None
    code, (start, end) = next(iter(found.items()))
    return code, start, end
