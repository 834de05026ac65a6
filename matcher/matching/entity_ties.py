"""How two recognized targets are tied (`EntityTies`, the tie half of
:class:`matcher.matching.recognition.EntityCatalog`): the same entity, a parent and its child,
or siblings, and the tier of each tie, most specific first (entities.TIER_ORDER).
"""

from __future__ import annotations

from collections.abc import Mapping

from matcher.matching.court_ties import court_tie
from matcher.matching.entities import (
    AGENCY,
    AGENCY_WIDE,
    COMPANY,
    COMPONENT,
    FACILITY,
    ICE_SITES,
    OPERATOR,
    PARENT_CHILD,
    PLACE_KINDS,
    SAME,
    SIBLING,
    SIBLINGS,
    TIER_ORDER,
    Entity,
    Relation,
    Tie,
)
from matcher.matching.target_words import SITE_KINDS

__all__ = ["EntityTies"]


class EntityTies:
    """Ties between entity ids, read from `entities` and each id's `_ancestors` (set by the
    catalog that inherits this)."""

    entities: Mapping[str, Entity]
    _ancestors: Mapping[str, tuple[str, ...]]

    def relation(self, left: frozenset[str], right: frozenset[str]) -> Relation | None:
        """The strongest relation between two recognized sets (same > parent/child > siblings)."""
        best: Relation | None = None
        rank = {SAME: 3, PARENT_CHILD: 2, SIBLINGS: 1}
        for a in sorted(left):
            for b in sorted(right):
                kind = self._relate(a, b)
                if kind and (best is None or rank[kind] > rank[best.kind]):
                    best = Relation(kind, a, b)
        return best

    def tie(self, left: frozenset[str], right: frozenset[str]) -> Tie | None:
        """The most specific tie between two recognized sets (None: unrelated)."""
        best: Tie | None = None
        for a in sorted(left):
            for b in sorted(right):
                found = self._tie(a, b)
                if found and (best is None or _tie_rank(found) < _tie_rank(best)):
                    best = found
        return best

    def _tie(self, a: str, b: str) -> Tie | None:
        kind = self._relate(a, b)
        if kind is None:
            return court_tie(self.entities, self._ancestors, a, b)  # a court and ICE, or None
        ea, eb = self.entities[a], self.entities[b]
        if kind == SAME:
            if ea.kind == "component":
                tier = COMPONENT
            elif ea.kind in PLACE_KINDS:
                tier = FACILITY
            elif ea.kind == "agency":
                tier = AGENCY if a in AGENCY_WIDE else COMPONENT  # both target CBP
            else:
                tier = COMPANY
            return Tie(tier, kind, a, b)
        if kind == PARENT_CHILD:
            parent = a if a in self._ancestors[b] else b
            # an ICE office and ICE, or DHS: only the agency; a GEO facility and GEO Group
            tier = AGENCY if self.entities[parent].kind == "agency" else OPERATOR
            return Tie(tier, kind, a, b)
        parent = self.entities[ea.parent or ""]
        if parent.kind != "agency":
            return Tie(SIBLING, kind, a, b)  # two GEO Group facilities, two Amazon arms
        if ea.kind in SITE_KINDS and eb.kind in SITE_KINDS and parent.id == ICE_SITES.parent:
            return Tie(COMPONENT, kind, a, b)  # two ICE field offices, or ICE-run sites
        if ea.kind == "agency" and eb.kind == "agency":
            return None  # CBP and ICE are different components of DHS
        return Tie(AGENCY, kind, a, b)

    def _relate(self, a: str, b: str) -> str | None:
        if a == b:
            return SAME
        if a in self._ancestors[b] or b in self._ancestors[a]:
            return PARENT_CHILD
        pa, pb = self.entities[a].parent, self.entities[b].parent
        if pa is not None and pa == pb:
            return SIBLINGS
        return None


def _tie_rank(tie: Tie) -> tuple[int, bool]:
    """Order of ties, most specific first: the tier, then the same entity before related ones
    (both "ICE" before "ICE" and one of its offices)."""
    return TIER_ORDER.index(tie.tier), tie.relation != SAME
