"""Running the matching engine on the database: regions and suggestions, batch and incremental.

Batch (`run_match`, `matcher match`) recomputes the region clusters and every suggestion: new
pairs become pending suggestions, pending ones are updated, pending pairs no longer suggested
are superseded. Incremental (`match_action`, run when an action is published or placed) matches
one action against an index rebuilt from the database and adds its suggestions; when the action
is far from every region but dense enough with its unclustered neighbours to make one, the
regions are recomputed after the commit (`refresh_regions`, also run on a schedule). Pairs that a
coordinator rejected or approved, or that were introduced, are never suggested again.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, union_all
from sqlalchemy.orm import lazyload

from matcher.extensions import db
from matcher.geocoding.distance import distance_km
from matcher.jobs.dispatch import dispatch_after_commit
from matcher.matching import DEFAULT_SETTINGS, ActionRow, MatchIndex, suggest
from matcher.matching import Suggestion as Suggested
from matcher.models import (
    Action,
    ActionStatus,
    Introduction,
    Suggestion,
    SuggestionStatus,
)
from matcher.operations import audit
from matcher.operations.match_index import current_index, nearest_region
from matcher.operations.match_rows import action_row, published_rows, target_text
from matcher.operations.region_lookup import UNSURE
from matcher.operations.region_store import store_regions
from matcher.operations.set_writes import analyze, bulk_writes
from matcher.operations.suggestion_store import store_suggestions

TOP_K = 5
__all__ = [
    "MatchReport",
    "action_row",
    "excluded_pairs",
    "match_action",
    "may_form_region",
    "published_rows",
    "refresh_regions",
    "refresh_regions_job",
    "run_match",
    "suggest_for_action",
    "target_text",
]


def excluded_pairs() -> set[tuple[int, int]]:
    """Pairs never to suggest again: decided suggestions and introductions (both orders), read
    in one statement."""
    decided = select(Suggestion.action_a_id, Suggestion.action_b_id).where(
        Suggestion.status.in_([SuggestionStatus.rejected, SuggestionStatus.approved])
    )
    introduced = select(Introduction.action_a_id, Introduction.action_b_id)
    pairs = {(a, b) for a, b in db.session.execute(union_all(decided, introduced))}
    return pairs | {(b, a) for a, b in pairs}


@dataclass
class MatchReport:
    """What a batch run did."""

    actions: int
    regions: int
    suggestions: int
    superseded: int


def refresh_regions(*, today: date | None = None) -> int:
    """Recompute the region clusters of the published, upcoming actions, without touching the
    suggestions (flushes). Run on a schedule, after imports, and when an action is published
    far from every region (`matcher regions`, the `refresh_regions` job)."""
    n_regions = store_regions(published_rows(today or date.today()))
    audit.record("refresh_regions", "regions", None, regions=n_regions)
    db.session.flush()
    return n_regions


def refresh_regions_job() -> int:
    """The `refresh_regions` job: recompute the regions and commit."""
    count = refresh_regions()
    db.commit()
    return count


def run_match(
    *,
    top_k: int = TOP_K,
    today: date | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> MatchReport:
    """Recompute regions and suggestions for every published, upcoming action (flushes).
    `progress(step, done, total)` hears of each step as it starts and ends."""
    tick = progress or (lambda _step, _done, _total: None)
    today = today or date.today()
    tick("read actions", 0, 0)
    rows = published_rows(today)
    tick("regions", 0, len(rows))
    with bulk_writes():
        n_regions = store_regions(rows)
    tick("suggestions", 0, len(rows))
    found = suggest(rows, top_k=top_k, today=today, exclude=excluded_pairs())
    tick("store", 0, len(found))
    with bulk_writes():
        superseded = store_suggestions(found, supersede_others=True)
    analyze("suggestions")
    tick("store", len(found), len(found))
    audit.record(
        "match",
        "suggestions",
        None,
        actions=len(rows),
        regions=n_regions,
        suggestions=len(found),
        superseded=superseded,
    )
    db.session.flush()
    return MatchReport(len(rows), n_regions, len(found), superseded)


def _nearest_region(action: Action) -> int | None:
    """The region of the nearest clustered action within the clustering radius: from the kept
    match index's lookup when it can tell, else the database reads the box around the action
    that holds that radius."""
    if action.latitude is None or action.longitude is None:
        return None
    eps = DEFAULT_SETTINGS.cluster_eps_km
    known = nearest_region(action.id, action.latitude, action.longitude, eps)
    if known is not UNSURE:
        return known  # type: ignore[no-any-return]
    return region_read(action)


def region_read(action: Action) -> int | None:
    """`_nearest_region` as the database answers it (the action has a point)."""
    assert action.latitude is not None and action.longitude is not None
    eps = DEFAULT_SETTINGS.cluster_eps_km
    dlat = eps / 110.0
    query = select(Action.latitude, Action.longitude, Action.region_id).where(
        Action.region_id.is_not(None),
        Action.id != action.id,
        Action.latitude.between(action.latitude - dlat, action.latitude + dlat),
    )
    cos = math.cos(math.radians(min(abs(action.latitude) + dlat, 90.0)))
    dlon = eps / (110.0 * cos) if cos > 0.05 else 360.0
    if abs(action.longitude) + dlon < 180.0:
        query = query.where(
            Action.longitude.between(action.longitude - dlon, action.longitude + dlon)
        )
    # The nearest few by a flat-map distance (exact enough at this radius), then exactly.
    scale = math.cos(math.radians(action.latitude))
    east = (Action.longitude - action.longitude) * scale
    flat = (Action.latitude - action.latitude) * (Action.latitude - action.latitude) + east * east
    best: tuple[float, int] | None = None
    for lat, lon, region_id in db.session.execute(query.order_by(flat).limit(64)):
        distance = distance_km(action.latitude, action.longitude, lat, lon)
        if distance <= eps and (best is None or distance < best[0]):
            best = (distance, region_id)
    return best[1] if best else None


def may_form_region(action: Action, today: date) -> bool:
    """Whether an action far from every region, with the published upcoming actions around it
    that have no region either, is dense enough to make a new one."""
    if action.latitude is None or action.longitude is None:
        return False
    query = select(Action.latitude, Action.longitude).where(
        Action.region_id.is_(None),
        Action.id != action.id,
        Action.status == ActionStatus.published,
        Action.date >= today,
        Action.latitude.is_not(None),
    )
    near = sum(
        1
        for lat, lon in db.session.execute(query)
        if distance_km(action.latitude, action.longitude, lat, lon)
        <= DEFAULT_SETTINGS.cluster_eps_km
    )
    return near + 1 >= DEFAULT_SETTINGS.cluster_min_samples


def suggest_for_action(
    action: Action, *, top_k: int = TOP_K, today: date | None = None
) -> list[Suggested]:
    """The suggestions of one action against all the others (flushes what it stores)."""
    today = today or date.today()
    if action.status != ActionStatus.published or action.date < today:
        return []
    index = current_index(today, leave_out=action.id, top_k=top_k)
    found = index.suggest_for(_row_of(action, index), top_k=top_k, exclude=excluded_pairs())
    store_suggestions(found)
    if action.region_id is None:
        action.region_id = _nearest_region(action)
        if action.region_id is None and may_form_region(action, today):
            dispatch_after_commit("refresh_regions")  # far from every region: maybe a new one
    db.session.flush()
    return found


def _row_of(action: Action, index: MatchIndex) -> ActionRow:
    """The action's row: the one the kept index just read from the database when it holds
    the action (nothing to read again), else built from the action."""
    if action.id in index:
        return index.table.rows[index.table.pos_of[action.id]]
    return action_row(action)


def match_action(action_id: int) -> int:
    """The incremental matching job: match one published action and commit."""
    # Its organizations are read only if the kept index does not hold its row.
    action = db.session.get(Action, action_id, options=[lazyload(Action.organizations)])
    if action is None:
        return 0
    found = suggest_for_action(action)
    db.commit()
    return len(found)
