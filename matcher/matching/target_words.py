"""The words target texts are read by (recognition.py): an ICE site's words, the generic
words and rally calls left out of a facility phrase, the everyday words a misspelt keyword must
not be taken for, and named enforcement operations (which span a region, not a site)."""

from __future__ import annotations

import re

from matcher.geocoding.facilities import GENERIC

__all__ = [
    "CALLS",
    "EVERYDAY_WORDS",
    "FUZZY_CUTOFF",
    "MIN_FUZZY_LEN",
    "NAMED_OPERATION",
    "SITE_KINDS",
    "SITE_WORDS",
    "STRENGTH",
    "bare_words",
    "names_a_site_first",
]

#: ICE's offices and sites as one agency component, for a federal-agency target that names an
#: ICE office or building the catalog does not know ("ICE Portland field office (Macadam)").
SITE_WORDS = frozenset(
    (
        *("office", "offices", "oficina", "oficinas", "building", "buildings", "facility"),
        *("facilities", "center", "centre", "centro", "processing", "headquarters", "hq"),
        *("plaza", "staging", "ero", "sub", "field"),
    )
)
#: How strongly each kind of facility mention names its site (matcher.geocoding.facilities
#: `Mention.how`; "street" is "<head> on <street>", as specific as an address).
STRENGTH = {"name": 0, "address": 1, "street": 1, "head": 1, "town": 2, "core": 3}
CALLS = frozenset(("the", "shut", "down", "close", "free", "them", "all", "abolish", "end"))


def bare_words(words: list[str]) -> list[str]:
    """The words of a phrase without generic facility words and rally calls."""
    return [w for w in words if w not in GENERIC and w not in CALLS]


MIN_FUZZY_LEN = 6
FUZZY_CUTOFF = 85.0
#: Everyday words a misspelled keyword must not be taken for ("global" is not GlobalX).
EVERYDAY_WORDS = frozenset(
    (
        "global",
        "general",
        "american",
        "national",
        "united",
        "federal",
        "international",
        "services",
        "service",
        "security",
        "systems",
        "group",
        "solutions",
        "technology",
        "technologies",
        "corporation",
        "company",
        "airlines",
        "airline",
        "contract",
        "contracts",
        "capital",
        "partners",
        "holdings",
        "detention",
        "immigration",
        "america",
        "americas",
    )
)


SITE_KINDS = frozenset(("office", "facility", "component"))


def names_a_site_first(folded: str) -> bool:
    """Whether an ICE phrase names an office or building before any named operation: "ICE
    offices and Operation Streamline at ..." is a site, "ICE Operation Midway Blitz (march to
    the ICE office)" an operation, which spans a region."""
    words = folded.split()
    site = next((k for k, w in enumerate(words) if w in SITE_WORDS), None)
    if site is None:
        return False
    operation = NAMED_OPERATION.search(folded)
    return operation is None or len(folded[: operation.start()].split()) > site


#: A named enforcement operation spans a region, not a site ("Operation Midway Blitz").
NAMED_OPERATION = re.compile(
    r"\b(?:operation|operacion|operativo) (?!at |in |of |de |del |on )[a-z]"
)
