"""The tie between an immigration court and ICE: two agencies' sites (EOIR's court, ICE's
office), so the catalog relates them by no parent; but organizers go to a court to stop ICE's
courthouse arrests ("ICE out of the San Antonio immigration court"), and the labelled sets
count a court as an ICE office site. A court and ICE, or one of ICE's offices or sites, are
therefore tied at the weakest tier only (:data:`~matcher.matching.entities.AGENCY`), never as
two ICE sites are. Used by :class:`matcher.matching.recognition.EntityCatalog`.
"""

from __future__ import annotations

from collections.abc import Mapping

from matcher.matching.entities import AGENCY, ICE_SITES, SIBLINGS, Entity, Tie

__all__ = ["COURTS_AGENCY", "court_tie", "ice_at_a_court", "is_court"]

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
