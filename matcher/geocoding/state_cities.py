"""A state's largest city or its capital named by description, not by name: "Congress Street
in Maine's largest city", "the largest city in Nevada", "the capital of Texas", "la capital de
Nuevo México", "la ciudad más grande de Arizona". The largest city is the state's most
populous place of the gazetteer (GeoNames populations); the capital is the town of the state
capitol of the landmark tables. Read by :class:`matcher.geocoding.second_reads.SecondReads`
when the first reading found no town.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

__all__ = ["STATE_CITY_HINT", "described_state_cities"]

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
