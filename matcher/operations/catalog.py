"""Coordinators keep the facility catalog current: a new or temporary site (a state-run camp,
a military base, a repurposed prison) or a popular nickname of a known one, in minutes and
without a release. Every change is audited; an entry is deactivated, never deleted."""

from __future__ import annotations

import re
import unicodedata

from flask_babel import lazy_gettext as _l

from matcher.extensions import db
from matcher.formats.action_fields import validate_coordinates
from matcher.geocoding.facilities import DETENTION_KINDS, OFFICE_KINDS, default_facilities
from matcher.models import CatalogEntry, Coordinator
from matcher.operations import OperationError, audit
from matcher.operations.coordinators import STATE_CODES
from matcher.queries.scope import may_read_state

KINDS = tuple(sorted(DETENTION_KINDS | OFFICE_KINDS | {"operator_hq"}))
_SLUG = re.compile(r"[^a-z0-9]+")


def _slug(name: str, state: str) -> str:
    text = unicodedata.normalize("NFKD", f"{name} {state}").encode("ascii", "ignore").decode()
    return _SLUG.sub("-", text.lower()).strip("-")[:120]


def _aliases(text: str) -> str:
    names = [a.strip() for a in re.split(r"[;\n]", text or "") if a.strip()]
    if any(len(a) > 200 for a in names):
        raise OperationError({"aliases": str(_l("Each name may have at most 200 characters."))})
    return ";".join(dict.fromkeys(names))


def save_entry(
    *,
    by: Coordinator,
    extends: str = "",
    name: str,
    aliases: str,
    kind: str,
    operator: str,
    city: str,
    state: str,
    latitude: str,
    longitude: str,
    source: str,
) -> CatalogEntry:
    """Add an entry, or more names for a packaged one (`extends` is its id); flushes."""
    errors: dict[str, str] = {}
    packaged = default_facilities().get(extends) if extends else None
    if extends and packaged is None:
        errors["extends"] = str(_l("No such entry in the catalog."))
    name = (name or "").strip() or (packaged.name if packaged else "")
    state = (state or "").strip().upper() or (packaged.state if packaged else "")
    kind = (kind or "").strip() or (packaged.kind if packaged else "")
    if not name or len(name) > 200:
        errors["name"] = str(_l("Give the name (at most 200 characters)."))
    if state not in STATE_CODES:
        errors["state"] = str(_l("Give a two-letter state code."))
    elif not may_read_state(by, state):
        errors["state"] = str(_l("That state is outside your scope."))
    if kind not in KINDS:
        errors["kind"] = str(_l("Choose a kind of place."))
    point, point_errors = validate_coordinates(latitude or "", longitude or "")
    errors.update(point_errors)
    if point is None and packaged is None and "latitude" not in errors:
        errors["latitude"] = str(_l("Give the coordinates of a new place."))
    try:
        names = _aliases(aliases)
    except OperationError as exc:
        errors.update(exc.errors)
        names = ""
    if not (source or "").strip():
        errors["source"] = str(_l("Say where these facts come from (a link)."))
    if errors:
        raise OperationError(errors)
    entry_id = packaged.id if packaged else _slug(name, state)
    entry = db.session.get(CatalogEntry, entry_id) or CatalogEntry(id=entry_id, created_by_id=by.id)
    entry.name, entry.aliases, entry.kind, entry.state = name, names, kind, state
    entry.operator = (operator or "").strip()[:80] or (packaged.operator if packaged else None)
    entry.city = (city or "").strip()[:100] or (packaged.city if packaged else "")
    entry.latitude, entry.longitude = point or (None, None)
    entry.source, entry.active = source.strip()[:2000], True
    db.session.add(entry)
    db.session.flush()
    audit.record(
        "catalog_save",
        "catalog_entry",
        None,
        actor_kind="coordinator",
        coordinator_id=by.id,
        entry=entry.id,
    )
    return entry


def set_entry_active(entry: CatalogEntry, active: bool, *, by: Coordinator) -> None:
    """Deactivate (or reactivate) an added entry; flushes."""
    if not may_read_state(by, entry.state):
        raise OperationError({"state": str(_l("That state is outside your scope."))})
    entry.active = active
    db.session.flush()
    audit.record(
        "catalog_active" if active else "catalog_inactive",
        "catalog_entry",
        None,
        actor_kind="coordinator",
        coordinator_id=by.id,
        entry=entry.id,
    )
