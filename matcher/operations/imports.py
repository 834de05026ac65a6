"""Importing coordinators' spreadsheets (CSV) and the demo data set."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from matcher.cache.public_changes import changed_in_bulk
from matcher.extensions import db
from matcher.formats.action_csv import CsvRow, parse_actions_csv
from matcher.formats.action_input import ActionInput
from matcher.mail.outbox import queue_email
from matcher.matching import ActionRow
from matcher.models import Action, ActionStatus, utcnow
from matcher.operations import audit
from matcher.operations.geocoding import current_geocoder, locate
from matcher.operations.match_rows import located_rows
from matcher.operations.organizations import organization_ids_for, organization_key
from matcher.operations.region_store import region_ids_for
from matcher.operations.set_writes import analyze, bulk_writes, new_ids, temp_table, write_rows
from matcher.operations.submissions import CONSENT_KINDS, manage_link
from matcher.queries.organizations import coalition_suggestions
from matcher.security.crypto import blind_index, encrypt_texts

# What a long import reports as it goes: (step, done, total).
Progress = Callable[[str, int, int], None]
CONSENT_FIELDS = {
    "listed_publicly": "public",
    "intro_region": "intro_region",
    "intro_target": "intro_target",
    "accepts_messages": "accepts_messages",
}

DEMO_CSV = Path(__file__).resolve().parent.parent / "demo" / "actions.csv"


@dataclass
class ImportResult:
    """What an import did: ids of the created actions and skipped refs (already imported)."""

    created: list[int] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


class _Placement:
    """What `locate` reads and writes of an action, for one distinct location (or point)."""

    def __init__(self, action: ActionInput) -> None:
        self.id = None
        self.location_text = action.location
        self.title, self.target, self.venue = action.title, action.target, action.venue
        provided = action.latitude is not None
        self.latitude, self.longitude = action.latitude, action.longitude
        self.geocode_source = "provided" if provided else None
        self.precision = self.geocode_match = self.facility_id = self.place = None
        self.state = self.place_alternatives = self.timezone = None
        self.public_latitude = self.public_longitude = None
        self.needs_location = self.place_confirmed = False
        self.timezone_from_place = True

    def columns(self) -> dict[str, Any]:
        """The action's columns this placement sets."""
        return {
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geocode_source": self.geocode_source,
            "precision": self.precision,
            "geocode_match": self.geocode_match,
            "facility_id": self.facility_id,
            "place": self.place,
            "state": self.state,
            "place_alternatives": self.place_alternatives,
            "public_latitude": self.public_latitude,
            "public_longitude": self.public_longitude,
            "needs_location": self.needs_location,
            "place_confirmed": self.place_confirmed,
        }


class _Prefetched:
    """The configured geocoder, with the reverse geocodes of many points made at once when it
    can (the offline gazetteer: one tree query for every point)."""

    def __init__(self, geocoder: Any, points: list[tuple[float, float]]) -> None:
        self._geocoder = geocoder
        self._reversed: dict[tuple[float, float], Any] = {}
        if points and hasattr(geocoder, "reverse_many"):
            self._reversed = dict(zip(points, geocoder.reverse_many(points), strict=True))

    def reverse(self, query: Any, **options: Any) -> Any:
        """The prefetched answer for a point, else the geocoder's."""
        found = None if options else self._reversed.get(tuple(query))
        return found if found is not None else self._geocoder.reverse(query, **options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._geocoder, name)


def _placement_key(action: ActionInput) -> tuple[Any, ...]:
    if action.latitude is not None:
        return ("point", action.latitude, action.longitude)
    hint = " ".join(filter(None, (action.title, action.target, action.venue or "")))
    return ("text", action.location, hint)


def _known_refs(refs: list[str]) -> set[str]:
    """The refs already stored (through a temporary table: no IN list)."""
    if not refs:
        return set()
    with temp_table("tmp_refs", (("ref", "text"),), ((ref,) for ref in refs)):
        query = text("SELECT a.ref FROM actions a JOIN tmp_refs t ON t.ref = a.ref")
        return set(db.session.scalars(query))


def _organization_ids(names: list[str]) -> dict[str, int]:
    """The id of each organization key (spellings of one organization resolve to it, as a
    submission's do), inserting the organizations not seen before."""
    return organization_ids_for(names)


ENCRYPTED = ("location_text", "venue", "contact_name", "contact_email", "contact_phone")
CHUNK = 20_000


def import_rows(
    rows: list[CsvRow],
    *,
    notify: bool,
    source: str = "csv",
    progress: Progress | None = None,
) -> ImportResult:
    """Store valid rows as published and placed actions (the importing coordinator vouches for
    them); the caller runs a batch match after the commit.

    Set-based: refs are checked, organizations resolved once per distinct name, locations
    geocoded once per distinct text (and point), contact data encrypted as a batch, and the
    rows written with core inserts in batches; nothing is written row by row. A row whose `ref`
    is already stored is skipped, so importing the same file twice is safe. With `notify`,
    each organizer gets an email saying their action is listed, with their private manage link
    to edit, withdraw or delete it.
    """
    tick = progress or (lambda _step, _done, _total: None)
    db.session.flush()
    result = ImportResult()
    known = _known_refs([row.action.ref for row in rows if row.action.ref])
    fresh = []
    for row in rows:
        if row.action.ref in known:
            result.skipped.append(row.action.ref or str(row.row))
        else:
            fresh.append(row.action)
    placements: dict[tuple[Any, ...], dict[str, Any]] = {}
    points = list(dict.fromkeys((a.latitude, a.longitude) for a in fresh if a.latitude is not None))
    geocoder = _Prefetched(current_geocoder(), points)  # type: ignore[arg-type]
    for done, action in enumerate(fresh, start=1):
        place_key = _placement_key(action)
        if place_key not in placements:
            placement = _Placement(action)
            locate(placement, geocoder)  # type: ignore[arg-type]
            placements[place_key] = {"columns": placement.columns(), "zone": placement.timezone}
        if done % 1000 == 0:
            tick("place", done, len(fresh))
    orgs = _organization_ids([name for action in fresh for name in action.organizations])
    now = utcnow()
    all_ids = new_ids("actions", len(fresh))
    region_of = _regions_of(fresh, all_ids, placements)
    with bulk_writes():
        for start in range(0, len(fresh), CHUNK):
            chunk = fresh[start : start + CHUNK]
            ids = all_ids[start : start + len(chunk)]
            _insert_actions(chunk, ids, placements, region_of, now, source)
            result.created.extend(ids)
            _insert_links(chunk, ids, orgs, now, source)
            tick("write", start + len(chunk), len(fresh))
    if result.created:
        changed_in_bulk(db.session)
        # (the audit log too: the incremental matcher's catch-up reads its newest entries)
        analyze("actions", "action_organizations", "organizations", "audit_log")
    if notify:
        _notify(result.created)
    audit.record(
        "import",
        "actions",
        None,
        actor_kind="coordinator",
        source=source,
        created=len(result.created),
        skipped=len(result.skipped),
    )
    db.session.flush()
    return result


def _regions_of(
    fresh: list[ActionInput], ids: list[int], placements: dict[tuple[Any, ...], dict[str, Any]]
) -> dict[int, int]:
    """The region of each new action, from the clusters of the stored published, upcoming
    actions and the new ones together, as the match after the import computes them (the
    regions new to that clustering are inserted now). So the new actions are written with
    their regions, and the match finds them in place instead of rewriting every new row."""
    today = date.today()
    rows = located_rows(today)
    for action_id, action in zip(ids, fresh, strict=True):
        columns = placements[_placement_key(action)]["columns"]
        lat, lon = columns["latitude"], columns["longitude"]
        if lat is not None and lon is not None and action.date >= today:
            place = columns["place"] or ""
            rows.append(
                ActionRow(
                    action_id, lat, lon, action.date, "", "", (), "", False, False, place=place
                )
            )
    rows.sort(key=lambda row: row.id)  # in id order, as the match reads them
    return region_ids_for(rows).region_of


def _insert_actions(
    chunk: list[ActionInput],
    ids: list[int],
    placements: dict[tuple[Any, ...], dict[str, Any]],
    region_of: dict[int, int],
    now: Any,
    source: str,
) -> None:
    encrypted = {
        "location_text": encrypt_texts([a.location for a in chunk]),
        "venue": encrypt_texts([a.venue for a in chunk]),
        "contact_name": encrypt_texts([a.contact_name for a in chunk]),
        "contact_email": encrypt_texts([a.contact_email for a in chunk]),
        "contact_phone": encrypt_texts([a.contact_phone for a in chunk]),
    }
    values = []
    for i, (action_id, action) in enumerate(zip(ids, chunk, strict=True)):
        placed = placements[_placement_key(action)]
        row = dict(placed["columns"])
        row.update({name: encrypted[name][i] for name in ENCRYPTED})
        row.update(
            slug=secrets.token_urlsafe(8),
            ref=action.ref,
            title=action.title,
            description=action.description,
            date=action.date,
            start_time=action.start_time,
            end_time=action.end_time,
            timezone=action.timezone if action.timezone is not None else placed["zone"],
            timezone_from_place=action.timezone is None,
            address_public=action.address_public,
            meeting_point=action.meeting_point,
            event_url=action.event_url,
            accepts_messages=action.accepts_messages,
            region_id=region_of.get(action_id),
            target_type=action.target_type,
            target=action.target,
            contact_email_index=blind_index(action.contact_email),
            language=action.language,
            listed_publicly=action.public,
            intro_region=action.intro_region,
            intro_target=action.intro_target,
            status=ActionStatus.published,
            verified_at=now,
            published_at=now,
            created_at=now,
            updated_at=now,
        )
        row["id"] = action_id
        values.append(row)
    write_rows("actions", values)


def _insert_links(
    chunk: list[ActionInput], ids: list[int], orgs: dict[str, int], now: Any, source: str
) -> None:
    """Organizations, consent history and the publish entries of the audit log."""
    links = {
        (action_id, orgs[org_key])
        for action_id, action in zip(ids, chunk, strict=True)
        for org_key in map(organization_key, action.organizations)
        if org_key in orgs
    }
    if links:
        write_rows(
            "action_organizations",
            [{"action_id": a, "organization_id": o} for a, o in sorted(links)],
        )
    consents = [
        {
            "action_id": action_id,
            "kind": kind,
            "granted": bool(getattr(action, CONSENT_FIELDS[kind])),
            "source": source,
            "created_at": now,
        }
        for action_id, action in zip(ids, chunk, strict=True)
        for kind in CONSENT_KINDS
    ]
    if consents:
        write_rows("consent_events", consents)
    entries = [
        {
            "created_at": now,
            "actor_kind": "coordinator",
            "coordinator_id": None,
            "verb": "publish",
            "subject_type": "action",
            "subject_id": action_id,
            "details": {},
        }
        for action_id in ids
    ]
    if entries:
        write_rows("audit_log", entries)


def _notify(ids: list[int]) -> None:
    """The "listed" email to each imported action's organizer (a bounded page at a time)."""
    for start in range(0, len(ids), 500):
        page = ids[start : start + 500]
        query = select(Action).where(Action.id.in_(page)).order_by(Action.id)
        for action in db.session.scalars(query):
            queue_email(
                kind="listed",
                key=f"listed:{action.id}",
                recipient=action.contact_email,
                template="listed",
                language=action.language,
                action_id=action.id,
                action=action,
                manage_url=manage_link(action),
                # who organizes near it (among the actions stored so far)
                suggestions=coalition_suggestions(action, limit=10),
            )
        db.session.flush()


def demo_year(today: date) -> int:
    """The year of the coming October weekend of action (the call's dates moved forward)."""
    return today.year if today < date(today.year, 9, 1) else today.year + 1


def demo_rows(today: date | None = None) -> list[CsvRow]:
    """The demo actions from the call to action, moved to the coming autumn."""
    rows, errors = parse_actions_csv(DEMO_CSV.read_text(encoding="utf-8"))
    if errors:
        raise ValueError(f"demo data is invalid: {errors[0]}")
    year = demo_year(today or date.today())
    return [
        replace(row, action=replace(row.action, date=row.action.date.replace(year=year)))
        for row in rows
    ]


def load_demo(*, if_empty: bool = False) -> ImportResult | None:
    """Import the demo data (None when `if_empty` and there are already actions)."""
    if if_empty and db.session.scalar(select(Action.id).limit(1)) is not None:
        return None
    return import_rows(demo_rows(), notify=False, source="demo")
