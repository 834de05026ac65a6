"""Thresholds and weights of the matcher, in one frozen dataclass with documented defaults.

Score of an eligible pair (see scoring.py):

    score = region_weight * (1 - distance_km / region_radius_km)   if the pair is a region pair
          + target_weight * target_similarity                      if the pair is a target pair
          + org_weight * min(shared organizations, max_shared_orgs)

A region pair needs both sides' `intro_region`, both located, and at most `region_radius_km`
apart. A target pair needs both sides' `intro_target` and a target similarity of at least
`min_target_similarity`. A pair that is neither is never suggested, whatever its score.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MatchSettings:
    """Every tunable of the matcher. The defaults are what the app and the benchmarks use."""

    #: A region partner is at most this far away (great-circle km).
    region_radius_km: float = 150.0
    #: A target partner has at least this target similarity (0..1).
    min_target_similarity: float = 0.5
    region_weight: float = 0.5
    target_weight: float = 0.5
    #: Bonus per shared organization (normalized name), counted up to `max_shared_orgs`.
    #: Off by default: shared coalition members are a reason, not a score, because a bonus
    #: independent of distance and target would let any far action overtake the nearest
    #: ones, which the fast path's nearest-neighbour candidates could then miss.
    org_weight: float = 0.0
    max_shared_orgs: int = 2
    #: Entity similarity is multiplied by this when the two target types differ.
    cross_type_factor: float = 0.85
    #: Entity relations: same entity, one is the parent of the other, shared parent.
    same_entity: float = 1.0
    parent_child: float = 0.9
    siblings: float = 0.7
    #: Candidate generation of the fast path (candidates.py), for top_k <= 5; larger top_k
    #: raise them (3 * top_k, top_k + 3, top_k + 1). Nearest region partners per action:
    geo_candidates: int = 24
    #: Nearest members of the action's own target class / target text / type nearby...
    group_candidates: int = 8
    #: ...and of each related class (parent, child, sibling) / similar target text.
    related_candidates: int = 6
    #: Most similar target texts (same type) looked at per target text.
    text_neighbours: int = 12
    #: Up to this many active actions every pair is scored (exact, no candidate generation).
    exhaustive_below: int = 2000
    #: MatchIndex rebuilds its trees after this many `add`s (added rows are scanned in full).
    rebuild_after: int = 2048
    #: Named regions: DBSCAN radius and minimum weight over distinct places.
    cluster_eps_km: float = 25.0
    cluster_min_samples: int = 2
    #: Named regions are fitted on at most this many (deterministically sampled) actions.
    cluster_sample: int = 8000


DEFAULT_SETTINGS = MatchSettings()
