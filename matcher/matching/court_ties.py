"""The tie between an immigration court and ICE: two agencies' sites (EOIR's court, ICE's
office), so the catalog relates them by no parent; but organizers go to a court to stop ICE's
courthouse arrests ("ICE out of the San Antonio immigration court"), and the labelled sets
count a court as an ICE office site. A court and ICE, or one of ICE's offices or sites, are
therefore tied at the weakest tier only (:data:`~matcher.matching.entities.AGENCY`), never as
two ICE sites are. Used by :class:`matcher.matching.recognition.EntityCatalog`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from matcher.matching.entities import AGENCY, ICE_SITES, SIBLINGS, Entity, Tie

__all__ = ["COURTS_AGENCY", "court_reason", "court_tie", "ice_at_a_court", "is_court"]

#: The entity of the immigration courts (the facility catalog's operator ``eoir``).
COURTS_AGENCY = "eoir"


def is_court(entity: Entity) -> bool:
    """Whether the entity is an immigration court (an office of EOIR's)."""
    return entity.kind == "office" and entity.parent == COURTS_AGENCY


def court_tie(
    entities: Mapping[str, Entity], ancestors: Mapping[str, tuple[str, ...]], a: str, b: str
) -> Tie | None:
    """The weak tie of an immigration court and ICE or one of ICE's sites (the ICE side
    first, so the tie reads "both target ICE"), else None."""
    ice = ICE_SITES.parent
    for court, other in ((a, b), (b, a)):
        if is_court(entities[court]) and (other == ice or ice in ancestors[other]):
            return Tie(AGENCY, SIBLINGS, other, court)
    return None


def ice_at_a_court(found: set[str], entities: Mapping[str, Entity]) -> set[str]:
    """ "ICE arrests at the San Antonio immigration court": ICE named with a court is ICE's
    operation at a site, the component of ICE's offices and sites (ICE as a whole no more),
    beside the court itself; a court named without ICE stays the court alone."""
    ice = ICE_SITES.parent
    if ice in found and ICE_SITES.id in entities and any(is_court(entities[e]) for e in found):
        return (found - {ice}) | {ICE_SITES.id}
    return found


def court_reason(
    entities: Mapping[str, Entity], name: Callable[[str], str], left: str, right: str
) -> dict[str, Any] | None:
    """The reason of a court-ICE tie as data ("weak tie: San Francisco Immigration Court, an
    immigration court, and ICE"): what each side is, never "both target ICE", which the
    court's side does not (its action targets the Justice Department's court); None when
    neither side is a court."""
    court = next((e for e in (left, right) if is_court(entities[e])), None)
    if court is None or left == right:
        return None
    other = entities[right if court == left else left]  # ICE, an ICE office, ICE's sites
    named = other.parent if other.id == ICE_SITES.id and other.parent else other.id
    return {"code": "court_and_ice", "court": name(court), "other": name(named)}
