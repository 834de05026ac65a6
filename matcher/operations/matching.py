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

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select, update

from matcher.extensions import db
from matcher.geocoding.distance import distance_km
from matcher.geocoding.facilities import GENERIC, FacilityCatalog
from matcher.geocoding.normalize import key
from matcher.jobs.dispatch import dispatch_after_commit
from matcher.matching import DEFAULT_SETTINGS, ActionRow, MatchIndex, regions, suggest
from matcher.matching import Suggestion as Suggested
from matcher.models import (
    Action,
    ActionStatus,
    Introduction,
    Region,
    Suggestion,
    SuggestionStatus,
    utcnow,
)
from matcher.operations import audit
from matcher.queries.catalog import facility_catalog

TOP_K = 5


def target_text(action: Action, catalog: FacilityCatalog) -> str:
    """The named target; when the organizer left it empty or generic ("the detention center")
    and the location names a facility of the catalog, that facility's name: organizers very
    often name the target as the place."""
    target = (action.target or "").strip()
    if action.facility_id and all(w in GENERIC for w in key(target).split()):
        facility = catalog.get(action.facility_id)
        if facility is not None:
            return facility.name
    return target


def action_row(action: Action, catalog: FacilityCatalog | None = None) -> ActionRow:
    """What the matcher sees of an action (its precise point; no name, phone or address)."""
    return ActionRow(
        id=action.id,
        latitude=action.latitude,
        longitude=action.longitude,
        date=action.date,
        target_type=action.target_type.value,
        target=target_text(action, catalog or facility_catalog()),
        organizations=tuple(org.name for org in action.organizations),
        contact_email=action.contact_email,
        intro_region=action.intro_region,
        intro_target=action.intro_target,
        published=action.status == ActionStatus.published,
        title=action.title,
        place=action.place or "",
        precision=action.precision.value if action.precision else None,
        place_flagged=action.placement_uncertain,
    )


def published_rows(today: date) -> list[ActionRow]:
    """Rows of the published actions whose dates have not passed."""
    query = select(Action).where(Action.status == ActionStatus.published, Action.date >= today)
    catalog = facility_catalog()
    return [action_row(a, catalog) for a in db.session.scalars(query.order_by(Action.id))]


def excluded_pairs() -> set[tuple[int, int]]:
    """Pairs never to suggest again: decided suggestions and introductions (both orders)."""
    decided = select(Suggestion.action_a_id, Suggestion.action_b_id).where(
        Suggestion.status.in_([SuggestionStatus.rejected, SuggestionStatus.approved])
    )
    introduced = select(Introduction.action_a_id, Introduction.action_b_id)
    pairs = {tuple(row) for row in db.session.execute(decided)}
    pairs |= {tuple(row) for row in db.session.execute(introduced)}
    return pairs | {(b, a) for a, b in pairs}


def _store(found: Iterable[Suggested]) -> dict[tuple[int, int], Suggestion]:
    """Insert new pairs as pending, refresh pending ones; decided pairs stay as they are."""
    found = list(found)
    wanted = {(int(s.a), int(s.b)): s for s in found}
    stored = {}
    if wanted:
        ids = {i for pair in wanted for i in pair}
        existing = db.session.scalars(select(Suggestion).where(Suggestion.action_a_id.in_(ids)))
        stored = {(s.action_a_id, s.action_b_id): s for s in existing}
    for pair, found_one in wanted.items():
        row = stored.get(pair)
        if row is None:
            row = Suggestion(action_a_id=pair[0], action_b_id=pair[1])
            db.session.add(row)
            stored[pair] = row
        elif row.status not in (SuggestionStatus.pending, SuggestionStatus.superseded):
            continue
        row.status = SuggestionStatus.pending
        row.kinds = ",".join(found_one.kinds)
        row.score = float(found_one.score)
        row.reasons = list(found_one.why)
        row.features = dict(found_one.features)
    return stored


@dataclass
class MatchReport:
    """What a batch run did."""

    actions: int
    regions: int
    suggestions: int
    superseded: int


def _store_regions(rows: list[ActionRow]) -> int:
    """Replace the region clusters and every action's region. A region found again under the
    same name keeps its id, so links and saved filters naming it go on working."""
    located = [row for row in rows if row.latitude is not None and row.longitude is not None]
    db.session.execute(update(Action).values(region_id=None))
    previous: dict[str, Region] = {r.name: r for r in db.session.scalars(select(Region))}
    members: dict[int, list[ActionRow]] = {}
    found = regions(located) if located else None
    if found is not None:
        for row, label in zip(located, found.labels, strict=True):
            if label >= 0:
                members.setdefault(label, []).append(row)
    now = utcnow()
    for label, group in members.items():
        name = found.names.get(label) or group[0].place or "?"  # type: ignore[union-attr]
        region = previous.pop(name, None) or Region(name=name)
        region.latitude = sum(r.latitude for r in group) / len(group)  # type: ignore[misc]
        region.longitude = sum(r.longitude for r in group) / len(group)  # type: ignore[misc]
        region.size = len(group)
        region.computed_at = now
        db.session.add(region)
        db.session.flush()
        db.session.execute(
            update(Action).where(Action.id.in_([r.id for r in group])).values(region_id=region.id)
        )
    if previous:
        db.session.execute(delete(Region).where(Region.id.in_([r.id for r in previous.values()])))
    return len(members)


def refresh_regions(*, today: date | None = None) -> int:
    """Recompute the region clusters of the published, upcoming actions, without touching the
    suggestions (flushes). Run on a schedule, after imports, and when an action is published
    far from every region (`matcher regions`, the `refresh_regions` job)."""
    n_regions = _store_regions(published_rows(today or date.today()))
    audit.record("refresh_regions", "regions", None, regions=n_regions)
    db.session.flush()
    return n_regions


def refresh_regions_job() -> int:
    """The `refresh_regions` job: recompute the regions and commit."""
    count = refresh_regions()
    db.commit()
    return count


def run_match(*, top_k: int = TOP_K, today: date | None = None) -> MatchReport:
    """Recompute regions and suggestions for every published, upcoming action (flushes)."""
    today = today or date.today()
    rows = published_rows(today)
    n_regions = _store_regions(rows)
    found = suggest(rows, top_k=top_k, today=today, exclude=excluded_pairs())
    _store(found)
    kept = {(int(s.a), int(s.b)) for s in found}
    superseded = 0
    for row in db.session.scalars(
        select(Suggestion).where(Suggestion.status == SuggestionStatus.pending)
    ):
        if (row.action_a_id, row.action_b_id) not in kept:
            row.status = SuggestionStatus.superseded
            superseded += 1
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
    """The region of the nearest clustered action within the clustering radius."""
    if action.latitude is None or action.longitude is None:
        return None
    best: tuple[float, int] | None = None
    query = select(Action.latitude, Action.longitude, Action.region_id).where(
        Action.region_id.is_not(None), Action.id != action.id
    )
    for lat, lon, region_id in db.session.execute(query):
        distance = distance_km(action.latitude, action.longitude, lat, lon)
        if distance <= DEFAULT_SETTINGS.cluster_eps_km and (best is None or distance < best[0]):
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
    rows = [row for row in published_rows(today) if row.id != action.id]
    index = MatchIndex(rows, today=today)
    found = index.suggest_for(action_row(action), top_k=top_k, exclude=excluded_pairs())
    _store(found)
    if action.region_id is None:
        action.region_id = _nearest_region(action)
        if action.region_id is None and may_form_region(action, today):
            dispatch_after_commit("refresh_regions")  # far from every region: maybe a new one
    db.session.flush()
    return found


def match_action(action_id: int) -> int:
    """The incremental matching job: match one published action and commit."""
    action = db.session.get(Action, action_id)
    if action is None:
        return 0
    found = suggest_for_action(action)
    db.commit()
    return len(found)
