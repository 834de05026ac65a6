"""Thresholds and weights of the matcher, in one frozen dataclass with documented defaults.

Two lists per action, each with its own quota (see scoring.py and index.py):

- region partners, ranked by
      region_score = region_base + region_closeness * (1 - distance_km / region_radius_km)
                     + region_tie * (same facility, company or target text)
  among partners allowed by the metro rule (metros.py: one metro, or rural places up to
  `region_radius_km`, or a metro and a place outside every metro up to `metro_edge_km`);
- target partners, ranked by the target tie (its specificity, below), then distance.

A region pair needs both sides' `intro_region`, both places at city precision or finer, and
the metro rule. A target pair needs both sides' `intro_target` and a tie of at least
`min_target_similarity`. Target ties, most specific first (targets.py):

    same facility or office     tier_facility
    same company                tier_company      (both target Palantir)
    a facility and its operator tier_operator     (Adelanto is run by GEO Group)
    same operator's facilities  tier_sibling      (two GEO Group facilities)
    same agency component       tier_component    (two ICE field offices; both target CBP)
    same kind of target         tier_category     (local governments cooperating with ICE)
    same agency as a whole      tier_agency_whole (both target ICE: the weak fallback)
    an agency and its office    tier_agency       (ICE raids and an ICE field office)

The score a coordinator's queue sorts by is the better of the pair's two list scores, plus
`both_bonus` when it is on both lists (at most 1); every region score is above both agency
tiers, so no agency-only pair outranks a local partner.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MatchSettings:
    """Every tunable of the matcher. The defaults are what the app and the benchmarks use."""

    #: A region partner is at most this far away (great-circle km).
    region_radius_km: float = 150.0
    #: ...and at most this far when only one of the two places is inside a metro: a metro's
    #: commuting counties reach past its disc (Mason 57 km from Memphis, Estancia 65 km from
    #: Albuquerque: dev2, dev4); farther towns (Kern County's desert, 100+ km) stay apart.
    metro_edge_km: float = 70.0
    #: A target partner has at least this target similarity (0..1).
    min_target_similarity: float = 0.5
    region_base: float = 0.6
    region_closeness: float = 0.3
    region_tie: float = 0.05
    both_bonus: float = 0.1
    #: Target ties by specificity (see the module docstring).
    tier_facility: float = 1.0
    tier_company: float = 0.95
    tier_operator: float = 0.9
    tier_sibling: float = 0.85
    tier_component: float = 0.75
    tier_category: float = 0.6
    tier_agency_whole: float = 0.55
    tier_agency: float = 0.5
    #: At most this many of an action's target partners may be ties between an agency and
    #: one of its offices or components (`tier_agency` or less: "an ICE office is part of
    #: DHS", ICE raids and an ICE field office): the weakest fallback fills a short list, it
    #: never fills a whole one (mutual.weak_quota). "Both target ICE" is not capped: the
    #: labelled sets pair such rallies across the country (dev6: 12 points of top-10 recall).
    weak_quota: int = 2
    #: Spare places (fill.py) are filled from each action's lists ranked this many times
    #: deeper than `top_k`: in a large group of equally tied actions (ICE offices, one
    #: operator's facilities) the partners with places left are often just below the top k.
    fill_depth: int = 2
    #: After the fill, swaps that give an action left short its quota without costing anyone
    #: a partner or a better tie (augment.py; on region lists see `region_swap_km`); batch
    #: only (and `suggest_for` below `exact_below`, which runs the batch).
    augment: bool = True
    #: A swap on the region lists may give x and y partners up to this much further away
    #: than each other (the action no one listed, a few km out, gets local partners); below
    #: the `region_tie` bonus, so a swap never gives up a same-target local partner.
    region_swap_km: float = 15.0
    #: Learned queue score (matcher.matching.calibration.Calibration); None: the shipped
    #: calibration if there is one (data/calibration.json), else the hand-set score above.
    calibration: object | None = None
    #: Weight of the target tie in the fast path's bounds (the target list's score is the tie).
    target_weight: float = 1.0
    #: Bonus per shared organization (normalized name), counted up to `max_shared_orgs`.
    #: Off by default: shared coalition members are a reason, not a score, because a bonus
    #: independent of distance and target would let any far action overtake the nearest
    #: ones, which the fast path's nearest-neighbour candidates could then miss.
    org_weight: float = 0.0
    max_shared_orgs: int = 2
    #: Entity ties are multiplied by this when the two target types differ (a facility named
    #: by a detention-center action and by a local government's is still the same facility).
    cross_type_factor: float = 1.0
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
    #: Up to this many active actions, `suggest_for` runs the batch itself (exactly equal, a
    #: fraction of a second); above, mutual pairs and a local fill (index.py, fill.py), which
    #: agree with the batch where its fill reached no further (bench/matching/RESULTS.md).
    exact_below: int = 5000
    #: MatchIndex rebuilds its trees after this many `add`s (added rows are scanned in full).
    rebuild_after: int = 2048
    #: Named regions: DBSCAN radius and minimum weight over distinct places.
    cluster_eps_km: float = 25.0
    cluster_min_samples: int = 2
    #: Named regions are fitted on at most this many (deterministically sampled) actions.
    cluster_sample: int = 8000

    @property
    def weak_rule(self) -> tuple[float, int]:
        """The weakest ties' rule as the fill reads it: ties scoring at or below this cut,
        at most `weak_quota` of them per action (mutual.weak_quota, fill.fill_one)."""
        return self.tier_agency + 1e-9, self.weak_quota


DEFAULT_SETTINGS = MatchSettings()
