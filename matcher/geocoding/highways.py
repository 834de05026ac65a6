"""The states an Interstate highway named in a text runs through ("the I-35 overpass in San
Marcos" is San Marcos, Texas, not California's): a hint that tells same-named towns apart, as
a state named in the rest of the form does (:mod:`matcher.geocoding.homonyms`).

Facts: the primary (one- and two-digit) Interstate routes and the states each crosses, after
the FHWA "Route Log and Finder List" of the Interstate System (U.S. government work, public
domain; https://www.fhwa.dot.gov/planning/national_highway_system/interstate_highway_system/
routefinder/), written by hand on 2026-12-03. Routes with two separate parts (I-76, I-84,
I-86, I-87, I-88) list the states of both. Three-digit spurs and loops are left out: several
states share each number (I-405 is in California, Oregon and Washington).
"""

from __future__ import annotations

import re

__all__ = ["INTERSTATE_STATES", "interstate_states"]

# fmt: off
#: Route number -> the states it runs through.
INTERSTATE_STATES: dict[int, frozenset[str]] = {
    number: frozenset(states.split())
    for number, states in {
        2: "TX", 4: "FL", 5: "CA OR WA", 8: "CA AZ", 10: "CA AZ NM TX LA MS AL FL",
        11: "NV AZ", 12: "LA", 14: "TX", 15: "CA NV AZ UT ID MT", 16: "GA", 17: "AZ",
        19: "AZ", 20: "TX LA MS AL GA SC", 22: "MS AL", 24: "IL KY TN GA", 25: "NM CO WY",
        26: "TN NC SC", 27: "TX", 29: "MO IA SD ND", 30: "TX AR", 35: "TX OK KS MO IA MN",
        37: "TX", 39: "IL WI", 40: "CA AZ NM TX OK AR TN NC", 41: "WI", 42: "NC", 43: "WI",
        44: "TX OK MO", 45: "TX", 49: "LA AR MO", 55: "LA MS TN AR MO IL", 57: "IL MO",
        59: "LA MS AL GA", 64: "MO IL IN KY WV VA", 65: "AL TN KY IN", 66: "VA DC",
        68: "WV MD", 69: "TX MS TN KY IN MI", 70: "UT CO KS MO IL IN OH WV PA MD",
        71: "KY OH", 72: "MO IL", 73: "NC", 74: "IA IL IN OH NC", 75: "FL GA TN KY OH MI",
        76: "CO NE OH PA NJ", 77: "SC NC VA WV OH", 78: "PA NJ NY", 79: "WV PA",
        80: "CA NV UT WY NE IA IL IN OH PA NJ", 81: "TN VA WV MD PA NY", 82: "WA OR",
        83: "MD PA", 84: "OR ID UT PA NY CT MA", 85: "AL GA SC NC VA", 86: "ID PA NY",
        87: "NY NC", 88: "IL NY", 89: "NH VT", 90: "WA ID MT WY SD MN WI IL IN OH PA NY MA",
        91: "CT MA VT", 93: "MA NH VT", 94: "MT ND MN WI IL IN MI",
        95: "FL GA SC NC VA DC MD DE PA NJ NY CT RI MA NH ME", 96: "MI", 97: "MD",
        99: "PA NY",
    }.items()
}
# fmt: on
#: "I-35", "I 35", "Interstate 35", "la Interestatal 10", "la carretera interestatal 10"
#: (folded text; a number of three digits is a spur's, left out).
_INTERSTATE = re.compile(r"\b(?:i|interstate|interestatal)(?:\s*-\s*|\s+)(\d{1,2})(?!\d)\b")


_DIGIT = re.compile(r"\d")


def interstate_states(folded: str) -> set[str]:
    """The states the Interstate highways of folded text run through, all of them; empty
    when it names none (or names one this table lacks)."""
    if _DIGIT.search(folded) is None:
        return set()  # most texts have no number at all (the cheap test first)
    states: set[str] = set()
    for m in _INTERSTATE.finditer(folded):
        states |= INTERSTATE_STATES.get(int(m.group(1)), frozenset())
    return states
