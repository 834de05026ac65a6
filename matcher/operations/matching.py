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

import json
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import bindparam, select, text, union_all
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
    utcnow,
)
from matcher.models.base import UTCDateTime
from matcher.operations import audit
from matcher.operations.match_index import current_index, nearest_region
from matcher.operations.match_rows import action_row, published_rows, target_text
from matcher.operations.region_lookup import UNSURE
from matcher.operations.region_store import expire, store_regions
from matcher.operations.set_writes import analyze, bulk_writes, dialect, temp_table

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


FOUND_COLUMNS = (
    ("a", "int"),
    ("b", "int"),
    ("kinds", "text"),
    ("score", "float"),
    ("reasons", "json"),
    ("features", "json"),
)
_UPSERT = """
{source}
INSERT INTO suggestions
    (action_a_id, action_b_id, kinds, score, reasons, features, status, created_at, updated_at)
SELECT a, b, kinds, score, {reasons}, {features}, :pending, :now, :now FROM tmp_found WHERE true
ON CONFLICT (action_a_id, action_b_id) DO UPDATE SET
    kinds = excluded.kinds, score = excluded.score, reasons = excluded.reasons,
    features = excluded.features, status = excluded.status, updated_at = excluded.updated_at
WHERE suggestions.status IN (:pending, :superseded) AND (
    suggestions.status <> :pending OR suggestions.kinds <> excluded.kinds
    OR suggestions.score <> excluded.score
    OR CAST(suggestions.reasons AS {text}) <> CAST(excluded.reasons AS {text})
    OR CAST(suggestions.features AS {text}) <> CAST(excluded.features AS {text}))
"""
# PostgreSQL, many pairs: the reasons and features go to the temporary table as text (no JSON
# parsing of every pair); a join with the stored pairs keeps only the new and changed ones
# (the rest, most of them when matching again, are neither cast nor probed one by one by the
# upsert), and only those are cast to JSON and upserted.
_PG_UPSERT = """
INSERT INTO suggestions
    (action_a_id, action_b_id, kinds, score, reasons, features, status, created_at, updated_at)
SELECT t.a, t.b, t.kinds, t.score, CAST(t.reasons AS json), CAST(t.features AS json),
    :pending, :now, :now
FROM tmp_found t LEFT JOIN suggestions s ON s.action_a_id = t.a AND s.action_b_id = t.b
WHERE s.id IS NULL OR (s.status IN (:pending, :superseded) AND (
    s.status <> :pending OR s.kinds <> t.kinds OR s.score <> t.score
    OR CAST(s.reasons AS text) <> t.reasons OR CAST(s.features AS text) <> t.features))
ON CONFLICT (action_a_id, action_b_id) DO UPDATE SET
    kinds = excluded.kinds, score = excluded.score, reasons = excluded.reasons,
    features = excluded.features, status = excluded.status, updated_at = excluded.updated_at
WHERE suggestions.status IN (:pending, :superseded)
"""
PG_FOUND_COLUMNS = tuple((name, "text" if kind == "json" else kind) for name, kind in FOUND_COLUMNS)
# Up to this many pairs (one published action's) go in the statement itself, as a WITH list:
# no temporary table to create and drop for each job.
SMALL_STORE = 200
_SUPERSEDE = """
UPDATE suggestions SET status = :superseded, updated_at = :now
WHERE status = :pending AND NOT EXISTS (
    SELECT 1 FROM tmp_found t WHERE t.a = suggestions.action_a_id AND t.b = suggestions.action_b_id)
"""


def _found_rows(found: list[Suggested]) -> Iterator[tuple[Any, ...]]:
    """Each pair once, its reasons and features as `json.dumps` writes them; each reason
    object of the batch (pairs share them) encoded once: `found` holds every one meanwhile,
    so their ids stay theirs."""
    seen: set[tuple[int, int]] = set()
    dumps = json.dumps
    encoded: dict[int, str] = {}

    def reasons(why: list[Any]) -> str:
        parts = []
        for reason in why:
            known = encoded.get(id(reason))
            if known is None:
                known = encoded[id(reason)] = dumps(reason)
            parts.append(known)
        return f"[{', '.join(parts)}]"  # as dumps writes a list

    for s in found:
        pair = (int(s.a), int(s.b))
        if pair in seen:
            continue
        seen.add(pair)
        yield (*pair, ",".join(s.kinds), float(s.score), reasons(s.why), dumps(s.features))


def _store(found: Iterable[Suggested], *, supersede_others: bool = False) -> int:
    """Insert new pairs as pending, refresh pending (and superseded) ones; decided pairs stay
    as they are. With `supersede_others`, every pending pair not found is superseded: returns
    how many. Set-based: the pairs go to a temporary table, then one upsert."""
    db.session.flush()
    params = {
        "now": utcnow(),
        "pending": SuggestionStatus.pending.value,
        "superseded": SuggestionStatus.superseded.value,
    }
    typed = [bindparam("now", type_=UTCDateTime())]
    postgres = dialect() == "postgresql"
    names = {
        "text": "text" if postgres else "TEXT",
        "reasons": "CAST(reasons AS json)" if postgres else "reasons",
        "features": "CAST(features AS json)" if postgres else "features",
    }
    found = found if isinstance(found, list) else list(found)
    superseded = 0
    if not supersede_others and len(found) <= SMALL_STORE:
        rows = list(_found_rows(found))
        if rows:
            values = []
            for i, row in enumerate(rows):
                values.append(f"(:a{i}, :b{i}, :k{i}, :s{i}, :r{i}, :f{i})")
                params.update(dict(zip((f"{c}{i}" for c in "abksrf"), row, strict=True)))
            source = (
                "WITH tmp_found (a, b, kinds, score, reasons, features) AS "
                f"(VALUES {', '.join(values)})"
            )
            sql = _UPSERT.format(source=source, **names)
            db.session.execute(text(sql).bindparams(*typed), params)
        expire(Suggestion)
        return 0
    if supersede_others:  # none pending before (a first match): none to supersede after
        pending = select(Suggestion.id).where(Suggestion.status == SuggestionStatus.pending)
        supersede_others = db.session.scalar(pending.limit(1)) is not None
    if postgres:  # joined by hash, not probed: no index to build
        upsert, columns, index = _PG_UPSERT, PG_FOUND_COLUMNS, ()
    else:
        upsert = _UPSERT.format(source="", text="TEXT", reasons="reasons", features="features")
        columns, index = FOUND_COLUMNS, ("a", "b")
    with temp_table("tmp_found", columns, _found_rows(found), index=index):
        db.session.execute(text(upsert).bindparams(*typed), params)
        if supersede_others:
            result = db.session.execute(text(_SUPERSEDE).bindparams(*typed), params)
            superseded = max(result.rowcount or 0, 0)
    expire(Suggestion)
    return superseded


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
        superseded = _store(found, supersede_others=True)
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
    _store(found)
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
