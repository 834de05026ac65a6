"""The incremental matcher's index of the published, upcoming actions, kept in the process
between jobs (with `MATCH_INDEX_CACHE`) so that publishing one action does not read and index
every other one again.

Before each use the index catches up with the database: it reads only the actions changed
since its newest change (`updated_at`, indexed; with an overlap for transactions that commit
late), adds the newly published ones, and is built again from scratch when an action it holds
changed what the matcher sees, stopped being published or upcoming, or was deleted (the audit
log's `delete` entries), and each new day. So its answers are those of an index built from the
database at that moment.

With `MATCH_INDEX_PREPARE`, a thread of the process ranks and keeps every stored action's lists
of the index it holds (`MatchIndex.prepare_some`, one slice under the index's lock at a time,
so publishing waits for one slice at most), until the index is built again: one new action then
ranks its own lists and those of the few stored actions it changes (kept_lists.py). Without it,
the lists are kept as queries rank them. Either way the answers are the same.

It also keeps the region lookup of the publish job (`nearest_region`): the actions with a
region, read with the index (and kept when the index is built again after a catch-up), with the
changes the catch-up reads applied, and read again when the regions' version (their count and
newest computation) changes.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import func, literal, null, select, union_all

from matcher.extensions import db
from matcher.geocoding.facilities import FacilityCatalog
from matcher.matching import MatchIndex
from matcher.models import Action, ActionStatus, AuditEntry, Region
from matcher.operations.match_rows import FEW, published_rows, rows_by_id, rows_where, upcoming
from matcher.operations.region_lookup import UNSURE, NearestRegions
from matcher.queries.catalog import as_version as catalog_version_of
from matcher.queries.catalog import facility_catalog, version_columns

KEY = "matcher.match_index"
OVERLAP = timedelta(minutes=2)
_lock = threading.Lock()


@dataclass
class _Kept:
    index: MatchIndex
    today: date
    newest: datetime | None  # the newest `updated_at` the index has seen
    #: each indexed action's `updated_at` as the index read it: a change the index already
    #: holds (a batch match's writes, inside the overlap) is not read and compared again
    seen: dict[int, datetime] = field(default_factory=dict)
    #: the region lookup (None: read when next asked) and the regions' version it holds
    regions: NearestRegions | None = None
    regions_version: tuple[Any, ...] | None = None
    #: set when the index is dropped: the thread preparing its lists stops
    stop: threading.Event = field(default_factory=threading.Event)
    preparing: threading.Thread | None = None
    #: the candidate index the last thread started on (a rebuild of the trees drops the lists)
    prepared_for: object = None


def _newest() -> datetime | None:
    return db.session.scalar(select(func.max(Action.updated_at)))


def _build(today: date, catalog: FacilityCatalog, carried: tuple[Any, Any] | None = None) -> _Kept:
    """A new index, with the region lookup `carried` (the one kept, up to date) or read now."""
    newest = _newest()
    # read before the rows: a change committed in between looks newer than what the index
    # read, so it is compared (never skipped)
    stamps = db.session.execute(select(Action.id, Action.updated_at).where(upcoming(today)))
    seen = {action_id: updated_at for action_id, updated_at in stamps}
    rows = rows_where(upcoming(today), catalog=catalog)
    kept = _Kept(MatchIndex(rows, today=today), today, newest, seen)
    if carried is not None and carried[0] is not None:
        kept.regions, kept.regions_version = carried
    else:  # (the version first: a rewrite in between is seen by the next catch-up)
        kept.regions_version = tuple(db.session.execute(_regions_version()).one())
        kept.regions = NearestRegions.read()
    return kept


def _regions_version() -> Any:
    """The regions' version: their count and newest computation (a rewrite changes both or
    the second)."""
    return select(func.count(Region.id), func.max(Region.computed_at))


CHANGED, DELETED, CATALOG, REGIONS = "a", "d", "c", "r"


@dataclass
class _Changes:
    """What `_changes` read: the changed and deleted actions, the catalog's and the regions'
    versions."""

    lines: list[tuple[Any, ...]]  # (kind, id, status, date, updated_at)
    points: dict[int, tuple[Any, Any, Any]]  # changed action -> latitude, longitude, region
    catalog: tuple[int, str]
    regions: tuple[Any, ...]


def _changes(since: datetime) -> _Changes:
    """In one statement: the actions changed after `since` (id, status, date, updated_at and
    their points and regions), the ids of actions deleted after it, the facility catalog's
    version and the regions'."""
    changed = select(
        literal(CHANGED),
        Action.id,
        Action.status,
        Action.date,
        Action.updated_at,
        Action.latitude,
        Action.longitude,
        Action.region_id,
    ).where(Action.updated_at > since)  # only the indexed column: the database reads that index
    nothing = (null(), null(), null())
    deleted = select(
        literal(DELETED), AuditEntry.subject_id, null(), null(), null(), *nothing
    ).where(
        AuditEntry.verb == "delete",
        AuditEntry.subject_type == "action",
        AuditEntry.created_at > since,
    )
    count, last = version_columns()
    catalog = select(literal(CATALOG), count, null(), null(), last, *nothing)
    count_of, newest_of = _regions_version().selected_columns
    regions = select(literal(REGIONS), count_of, null(), null(), newest_of, *nothing)
    found = _Changes([], {}, catalog_version_of(0, None), (0, None))
    for kind, *line in db.session.execute(union_all(changed, deleted, catalog, regions)):
        if kind == CATALOG:
            found.catalog = catalog_version_of(line[0], line[3])
        elif kind == REGIONS:
            found.regions = (line[0], line[3])
        else:
            found.lines.append((kind, *line[:4]))
            if kind == CHANGED:
                found.points[line[0]] = tuple(line[4:])  # type: ignore[assignment]
    return found


def _catch_up(kept: _Kept, newest: datetime) -> tuple[bool, FacilityCatalog]:
    """Bring the index, whose newest change is `newest`, up to date: whether it is (False when
    it must be built again), and the facility catalog as the database holds it now."""
    read = _changes(newest - OVERLAP)
    _regions_caught_up(kept, read)  # (kept by an index built again too)
    catalog = facility_catalog(read.catalog)
    index = kept.index
    fresh: list[int] = []
    seen = kept.seen
    for kind, action_id, status, day, updated_at in read.lines:
        if kind == DELETED:
            if action_id in index:
                return False, catalog
        elif seen.get(action_id) == updated_at and action_id in index:
            continue  # the version the index holds
        elif status == ActionStatus.published and day >= kept.today:
            fresh.append(action_id)
            seen[action_id] = updated_at
            newest = max(newest, updated_at)
        elif action_id in index:
            return False, catalog  # no longer published or upcoming
        else:
            newest = max(newest, updated_at)
    if len(fresh) > FEW:
        return False, catalog  # a bulk change: building again costs less than comparing
    for row in rows_by_id(fresh, catalog):
        if row.id not in index:
            index.add(row)
        elif index.table.rows[index.table.pos_of[row.id]] != row:
            return False, catalog
    kept.newest = newest
    return True, catalog


def _regions_caught_up(kept: _Kept, read: _Changes) -> None:
    """Hand the changed actions to the region lookup; drop it when the regions changed."""
    if kept.regions is None:
        kept.regions_version = read.regions
        return
    if read.regions != kept.regions_version:
        kept.regions, kept.regions_version = None, read.regions
        return
    kept.regions.update(read.points)
    if len(kept.regions.changed) > FEW:  # the overlay is searched point by point: read again
        kept.regions = None


def current_index(today: date, *, leave_out: int | None = None, top_k: int = 5) -> MatchIndex:
    """An index of the published actions dated `today` or later, as the database holds them
    now. Without `MATCH_INDEX_CACHE`, a new one each time, without the action `leave_out`;
    with it and `MATCH_INDEX_PREPARE`, its stored lists of `top_k` are prepared beside."""
    if not current_app.config.get("MATCH_INDEX_CACHE"):
        rows = [row for row in published_rows(today) if row.id != leave_out]
        return MatchIndex(rows, today=today)
    with _lock:
        old = kept = current_app.extensions.get(KEY)
        if kept is None or kept.today != today or kept.newest is None:
            kept = _build(today, facility_catalog())  # (an empty index is built again: cheap)
        else:
            current, catalog = _catch_up(kept, kept.newest)
            if not current:
                kept = _build(today, catalog, (kept.regions, kept.regions_version))
        if old is not None and old is not kept:
            old.stop.set()
        if current_app.config.get("MATCH_INDEX_PREPARE") and _needs_preparing(kept):
            kept.preparing = _prepare_beside(kept, top_k)
        current_app.extensions[KEY] = kept
        return kept.index


#: Stored lists ranked per slice of the preparing thread, and its pause between slices.
PREPARE_SLICE = 2048
PREPARE_PAUSE_S = 0.01


def _needs_preparing(kept: _Kept) -> bool:
    """Whether to start a preparing thread: none yet, or the last one ended and the index's
    trees were rebuilt since (`MatchIndex.add` every `rebuild_after` adds: the kept lists went
    with them)."""
    thread = kept.preparing
    if thread is None:
        return True
    return not thread.is_alive() and kept.prepared_for is not kept.index.candidates


def _prepare_beside(kept: _Kept, top_k: int) -> threading.Thread:
    """Start the thread that keeps every stored list of `kept`'s index for `top_k`, a slice at
    a time, until none is left or the index is dropped (`kept.stop`)."""

    def run() -> None:
        left = None
        while not kept.stop.is_set():
            now = kept.index.prepare_some(top_k, PREPARE_SLICE)
            if now == 0 or now == left:  # done (or nothing more it can keep)
                return
            left = now
            kept.stop.wait(PREPARE_PAUSE_S)

    kept.prepared_for = kept.index.candidates
    thread = threading.Thread(target=run, name="match-index-prepare", daemon=True)
    thread.start()
    return thread


def nearest_region(action_id: int, lat: float, lon: float, eps_km: float) -> Any:
    """The region of the nearest other action with one within `eps_km`, from the kept
    index's lookup (read now if it has none); `UNSURE` when the lookup cannot tell or no
    index is kept (then the database answers)."""
    if not current_app.config.get("MATCH_INDEX_CACHE"):
        return UNSURE
    with _lock:
        kept = current_app.extensions.get(KEY)
        if kept is None:
            return UNSURE
        if kept.regions is None:  # the regions were rewritten since it was read
            kept.regions = NearestRegions.read()
        return kept.regions.nearest(action_id, lat, lon, eps_km)


def forget_index() -> None:
    """Drop the kept index (the next use builds it again)."""
    kept = current_app.extensions.pop(KEY, None)
    if kept is not None:
        kept.stop.set()
