"""Venues named after a company: "Citizens Bank Park", "US Bank Stadium", "Wells Fargo Center",
"Target Field". A rally there is not about the bank or the retailer, so target recognition
(`matcher.matching.recognition.EntityCatalog`) does not read a business's alias followed by a
venue word as the business.
"""

from __future__ import annotations

#: Entity kinds whose names are sold to venues (banks, contractors, companies, investors).
BUSINESS_KINDS = frozenset({"bank", "company", "contractor", "investor"})
#: Words that, right after a business's name, make the name a venue's (folded text).
VENUE_WORDS = frozenset(
    {
        "amphitheater",
        "amphitheatre",
        "arena",
        "ballpark",
        "center",
        "centre",
        "coliseum",
        "dome",
        "field",
        "park",
        "pavilion",
        "stadium",
        "theater",
        "theatre",
    }
)


def names_a_venue(folded: str, end: int) -> bool:
    """Whether the word right after position `end` of folded text (where a business's alias
    ends) is a venue word ("citizens bank park")."""
    after = folded[end:].split(maxsplit=1)
    return bool(after) and after[0] in VENUE_WORDS
