"""Street addresses read with a real parser (usaddress, a CRF model shipped in its wheel).

The gazetteer has no streets, so an address is placed by its ZIP code or its town; what the
parser is for is telling which words are the street and the building ("26 Federal Plaza",
"312 N. Spring St.", "Whipple Federal Building"), so that they never become towns of their own
(Plaza, ND; Spring, TX; Whipple, OH).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import usaddress

from matcher.geocoding.streets import STREET_TYPES

__all__ = ["ParsedAddress", "looks_like_address", "parse_address", "town_after_street"]

#: Labels of the parts that are street, building or unit, never a town.
_STREET_LABELS = frozenset(
    (
        "AddressNumber",
        "AddressNumberPrefix",
        "AddressNumberSuffix",
        "StreetName",
        "StreetNamePreDirectional",
        "StreetNamePreModifier",
        "StreetNamePreType",
        "StreetNamePostDirectional",
        "StreetNamePostModifier",
        "StreetNamePostType",
        "BuildingName",
        "OccupancyType",
        "OccupancyIdentifier",
        "SubaddressIdentifier",
        "SubaddressType",
        "USPSBoxGroupID",
        "USPSBoxGroupType",
        "USPSBoxID",
        "USPSBoxType",
        "CornerOf",
        "IntersectionSeparator",
        "LandmarkName",
    )
)
# fmt: off
_STREET_TYPES = frozenset((
    "st", "street", "ave", "av", "avenue", "rd", "road", "blvd", "boulevard", "dr", "drive", "ln",
    "lane", "way", "ct", "pl", "place", "pkwy", "parkway", "hwy", "highway", "plaza", "plz",
    "sq", "square", "ter", "terrace", "cir", "circle", "trl", "trail", "pike", "suite", "ste",
    "building", "bldg", "federal", "tower", "center", "centre", "calle", "avenida", "ave.",
    "box",
))
# fmt: on
_NUMBER = re.compile(r"\b\d{1,6}[a-z]?\b")
#: Every match of :data:`_NUMBER` has a digit (a scan for one is cheaper than the pattern).
_DIGIT = re.compile(r"\d")
_TOWN_BUILDING = re.compile(r"\b(?:county courthouse|courthouse|city hall|town hall|county jail)\b")
#: Other buildings of a town or county: their town is read as a guess to confirm (a county's
#: name is often a town's in another state).
_OTHER_TOWN_BUILDING = re.compile(
    r"\b(?:municipal building|county building|city building|administration building|"
    r"government center|board of supervisors|board of commissioners|county commission|"
    r"county offices?)\b"
)
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class ParsedAddress:
    """What the parser found: the town, state and ZIP (any may be empty), and the street."""

    town: str
    state: str
    zip: str
    street: str
    building: str = ""
    #: words the parser put in the building's name after "Building" were left out
    cut: bool = False

    @property
    def guessed(self) -> bool:
        """Whether a place read from this text beside the address is only a guess to confirm:
        words after "Building" ("the Federal Building, Spokane") or a town's building other
        than its courthouse, hall or jail ("the Tacoma Municipal Building")."""
        if self.cut:
            return True
        building = " ".join(_WORD.findall(self.building.lower()))
        return bool(_OTHER_TOWN_BUILDING.search(building)) and not _TOWN_BUILDING.search(building)

    @property
    def street_words(self) -> frozenset[str]:
        """Folded words of the street and building parts."""
        return frozenset(_WORD.findall(self.street.lower()))

    @property
    def town_building_words(self) -> frozenset[str]:
        """Words of a building name that names a town's or a county's own building ("the
        Santa Cruz County Courthouse", "Dover City Hall", "the Tacoma Municipal Building", "the
        Pima County Board of Supervisors building"): the town is where the action is."""
        words = _WORD.findall(self.building.lower())
        joined = " ".join(words)
        if not _TOWN_BUILDING.search(joined) and not _OTHER_TOWN_BUILDING.search(joined):
            return frozenset()
        return frozenset(words) - frozenset(_WORD.findall(self.street_only.lower()))

    @property
    def street_only(self) -> str:
        """The street part without the building name."""
        rest = self.street
        for word in self.building.split():
            rest = rest.replace(word, " ", 1)
        return rest


def looks_like_address(folded: str) -> bool:
    """Whether folded text has a house number and a street word, or names a building."""
    if "building" in folded or "bldg" in folded:  # the words only when the letters are there
        words = folded.replace(",", " ").split()
        if "building" in words or "bldg" in words:
            return True
    if _DIGIT.search(folded) is None or not _NUMBER.search(folded):
        return False  # no digit, no house number (the cheap scan first)
    return not _STREET_TYPES.isdisjoint(folded.replace(",", " ").split())


#: The word that ends a building's name: what the parser labels as the building after it
#: ("the Reagan building in Santa Ana") is where the building stands, not its name.
_BUILDING_WORDS = frozenset(("building", "bldg", "bldg."))


@lru_cache(maxsize=16384)
def parse_address(text: str) -> ParsedAddress | None:
    """The parts of an address in ``text``; None when the parser finds no street at all."""
    try:
        tagged = usaddress.parse(text)
    except Exception:  # the CRF model refuses some inputs (e.g. unbalanced quotes)
        return None
    parts: dict[str, list[str]] = {
        "town": [],
        "state": [],
        "zip": [],
        "street": [],
        "building": [],
    }
    past_building = cut = False  # "the Federal Building, Spokane": the name ends at "Building"
    for token, label in tagged:
        token = token.strip(",;")
        if label == "BuildingName" and past_building:
            cut = True
            continue
        if label == "BuildingName" and token.lower() in _BUILDING_WORDS:
            past_building = True
        if label == "PlaceName":
            parts["town"].append(token)
        elif label == "StateName":
            parts["state"].append(token)
        elif label == "ZipCode":
            parts["zip"].append(token)
        elif label in _STREET_LABELS:
            parts["street"].append(token)
            if label == "BuildingName":
                parts["building"].append(token)
    if not parts["street"]:
        return None
    names = ("town", "state", "zip", "street", "building")
    return ParsedAddress(*(" ".join(parts[k]) for k in names), cut=cut)


#: Words that end a street's name in an address ("Market St", "S. Broadway").
_ENDS_STREET = STREET_TYPES | frozenset(("broadway",))
#: Compass codes written after a street's type ("NW 7th Ave NW"), and unit words with a number.
_AFTER_TYPE = frozenset(("n", "s", "e", "w", "ne", "nw", "se", "sw"))
_UNITS = frozenset(("suite", "ste", "apt", "unit", "room", "floor", "fl", "#"))
_TAIL_MAX_WORDS = 5
_ZIP_WORD = re.compile(r"[0-9]{5}(?:-[0-9]{4})?")


def town_after_street(folded: str) -> str:
    """The words after the street of an address in folded text, where a town and its state
    are written ("916 n market st, east greenville" -> "east greenville"; "2577 lincoln blvd
    green river wy" -> "green river wy"): the parser often takes the first words of a
    two-word town for a street's or a state's ("Gwynn Oak" as town "Gwynn", state "Oak").
    Empty without a house number, a street-type word after it, or a short tail after that."""
    raw = folded.replace("(", " ").replace(")", " ").split()
    words = [w.strip(",;") for w in raw]
    commas = [w.endswith((",", ";")) for w in raw]
    start = next((i for i, w in enumerate(words) if w.isdigit()), None)
    if start is None:
        return ""
    end = next((k for k in range(start + 2, len(words)) if words[k] in _ENDS_STREET), None)
    if end is None:
        return ""
    while end + 1 < len(words) and words[end + 1] in _ENDS_STREET and not commas[end]:
        end += 1  # "court street", "park place"
    first = end + 1
    if first < len(words) and not commas[end] and words[first] in _AFTER_TYPE:
        first += 1
    if first < len(words) and words[first] in _UNITS:
        first += 2
    rest = [w for w in words[first:] if w]
    if not rest or len(rest) > _TAIL_MAX_WORDS:
        return ""
    if any(any(c.isdigit() for c in w) and not _ZIP_WORD.fullmatch(w) for w in rest):
        return ""
    return " ".join(raw[first:]).strip(" ,;")
