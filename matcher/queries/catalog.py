"""The facility catalog as this instance knows it: the packaged entries plus those
coordinators added (new or temporary sites, more names for known ones)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import current_app
from sqlalchemy import func, select

from matcher.extensions import db
from matcher.geocoding.facilities import Facility, FacilityCatalog, default_facilities
from matcher.models import CatalogEntry

_KEY = "matcher.facility_catalog"


def version_columns() -> tuple[Any, Any]:
    """The columns of the added entries' fingerprint: their count and last change (a select
    of them reads `catalog_entries` alone; `as_version` makes the fingerprint of a row)."""
    return func.count(CatalogEntry.id), func.max(CatalogEntry.updated_at)


def as_version(count: int | None, last: Any) -> tuple[int, str]:
    """The fingerprint from the count and last change read by `version_columns`."""
    return int(count or 0), str(last or "")


def catalog_version() -> tuple[int, str]:
    """A cheap fingerprint of the added entries (count and last change)."""
    return as_version(*db.session.execute(select(*version_columns())).one())


def added_entries(include_inactive: bool = False) -> list[CatalogEntry]:
    """The entries coordinators added, newest change first."""
    query = select(CatalogEntry).order_by(CatalogEntry.updated_at.desc())
    if not include_inactive:
        query = query.where(CatalogEntry.active.is_(True))
    return list(db.session.scalars(query))


def as_facility(entry: CatalogEntry, packaged: FacilityCatalog) -> Facility:
    """An added entry as a catalog facility; for a packaged id, that entry with more names."""
    aliases = tuple(a.strip() for a in entry.aliases.split(";") if a.strip())
    known = packaged.get(entry.id)
    if known is not None:
        return replace(known, aliases=(*known.aliases, *aliases))
    return Facility(
        id=entry.id,
        name=entry.name,
        kind=entry.kind,
        city=entry.city,
        state=entry.state,
        lat=entry.latitude,
        lon=entry.longitude,
        aliases=aliases,
        operator=entry.operator or None,
    )


def facility_catalog(version: tuple[int, str] | None = None) -> FacilityCatalog:
    """The packaged catalog with the active added entries (rebuilt when they change); the
    entries' `version` when the caller has just read it (`catalog_version` otherwise)."""
    version = version or catalog_version()
    cached = current_app.extensions.get(_KEY)
    if cached is not None and cached[0] == version:
        return cached[1]
    packaged = default_facilities()
    entries = added_entries()
    catalog = (
        FacilityCatalog([*packaged.by_id.values(), *(as_facility(e, packaged) for e in entries)])
        if entries
        else packaged
    )
    current_app.extensions[_KEY] = (version, catalog)
    return catalog
