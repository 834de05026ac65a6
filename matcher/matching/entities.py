"""Known targets: operators, agencies, contractors and banks from data/entities.json, and every
detention facility and office of the facility catalog (`matcher.geocoding.facilities`), as
`Entity` records, and the tiers of a tie between two of them.

Entities form a forest through `parent`: a GEO-run facility has parent GEO Group (the catalog's
operator), ICE has parent DHS. Two sets of entities relate as the same entity, parent and child
(any ancestor), or siblings (same direct parent). Reading target texts and relating entities:
recognition.py (`EntityCatalog`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

from matcher.geocoding.facilities import OFFICE_KINDS, FacilityCatalog

SAME, PARENT_CHILD, SIBLINGS = "same", "parent_child", "siblings"
#: Ties between two recognized targets, most specific first (values: MatchSettings.tier_*).
FACILITY, COMPANY, OPERATOR, SIBLING, COMPONENT, AGENCY = (
    "facility",
    "company",
    "operator",
    "sibling",
    "component",
    "agency",
)
TIER_ORDER = (FACILITY, COMPANY, OPERATOR, SIBLING, COMPONENT, "category", AGENCY)
#: Agencies as a whole: a tie through them alone ("both target ICE") is the weak fallback.
AGENCY_WIDE = frozenset(("ice", "dhs", "doj", "hhs"))
#: Entity kinds that are places of detention or offices (found by the facility catalog).
PLACE_KINDS = frozenset(("facility", "office", "operator_hq"))
#: Target types whose phrases are never about the agency they name ("sheriff's jail contract
#: with ICE" is about the sheriff; "Amazon's ICE contracts" about Amazon).
NOT_THE_AGENCY = frozenset(
    ("local_government", "political_figure", "corporate_profiteer", "detention_center")
)


@dataclass(frozen=True)
class Entity:
    """One known target."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    parent: str | None = None
    keywords: tuple[str, ...] = ()


ICE_SITES = Entity(
    id="ice_sites", name="ICE offices and sites", kind="component", aliases=(), parent="ice"
)


@dataclass(frozen=True)
class Tie:
    """The most specific tie between two recognized sets: its tier (FACILITY, ...), the
    relation it comes from and the two entities."""

    tier: str
    relation: str
    left: str
    right: str


@dataclass(frozen=True)
class Relation:
    """How two recognized targets relate: kind is SAME, PARENT_CHILD or SIBLINGS."""

    kind: str
    left: str
    right: str


def facility_entities(facilities: FacilityCatalog, known: set[str]) -> list[Entity]:
    """The catalog's facilities and offices as entities; an operator the entity list knows
    (GEO Group, CoreCivic, ICE, ...) becomes the facility's parent."""
    out = []
    for f in facilities.by_id.values():
        if f.kind == "operator_hq" and f.operator in known:
            continue  # "GEO Group headquarters" is GEO Group itself (see _facilities_in)
        kind = "office" if f.kind in OFFICE_KINDS else "facility"
        parent = f.operator if f.operator in known else None
        out.append(Entity(id=f.id, name=f.name, kind=kind, aliases=(), parent=parent))
    return out


def load_entities(path: str | None = None) -> list[Entity]:
    """Entities from a JSON file (default: the packaged data/entities.json)."""
    if path is None:
        text = (
            resources.files("matcher.matching")
            .joinpath("data/entities.json")
            .read_text(encoding="utf-8")
        )
    else:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    return [
        Entity(
            id=item["id"],
            name=item["name"],
            kind=item.get("kind") or "other",
            aliases=tuple(item.get("aliases", ())),
            parent=item.get("parent"),
            keywords=tuple(item.get("keywords", ())),
        )
        for item in json.loads(text)["entities"]
    ]
