"""Organizations, recognized again across actions under their different spellings.

Each spelling is an alias row with the keys of matcher.formats.organization_names; a new
spelling that resolves to a known organization becomes one more alias of it ("MIRAC" and
"Minnesota Immigrant Rights Action Committee (MIRAC)" are one organization), any other one a new
organization.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from matcher.extensions import db
from matcher.formats.organization_names import NameIndex, NameKeys, name_keys
from matcher.models import Organization, OrganizationAlias


@lru_cache(maxsize=1 << 16)
def organization_key(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key ("Unión del Barrio" == "union del barrio")."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())[:200]


def _index() -> NameIndex:
    """Every stored alias's keys, oldest first (an older organization keeps a shared key)."""
    index = NameIndex()
    rows = db.session.execute(
        select(
            OrganizationAlias.canonical,
            OrganizationAlias.acronym,
            OrganizationAlias.compact,
            OrganizationAlias.organization_id,
        ).order_by(OrganizationAlias.id)
    )
    for row in rows:
        index.add(NameKeys(row.canonical, row.acronym, row.compact), row.organization_id)
    return index


def organizations_for(names: Iterable[str]) -> list[Organization]:
    """The organizations with these names (each once), creating the ones not seen before."""
    wanted: dict[str, str] = {}
    for name in names:
        key = organization_key(name)
        if key and key not in wanted:
            wanted[key] = name.strip()[:200]
    if not wanted:
        return []
    known = dict(
        db.session.execute(
            select(OrganizationAlias.key, OrganizationAlias.organization_id).where(
                OrganizationAlias.key.in_(wanted)
            )
        ).all()
    )
    index: NameIndex | None = None
    result: list[Organization] = []
    for key, name in wanted.items():
        organization_id = known.get(key)
        if organization_id is None:
            index = index or _index()
            organization = _resolve(name, key, index)
        else:
            organization = db.session.get(Organization, organization_id)
        if organization is not None and organization not in result:
            result.append(organization)
    return result


def organization_ids_for(names: Iterable[str]) -> dict[str, int]:
    """For a bulk import: the organization id of each distinct spelling's key, resolved as
    `organizations_for` resolves one (known spellings by one read of every alias, new ones
    against the index built once), creating the organizations not seen before."""
    wanted: dict[str, str] = {}
    for name in names:
        key = organization_key(name)
        if key and key not in wanted:
            wanted[key] = name.strip()[:200]
    if not wanted:
        return {}
    known = {
        key: organization_id
        for key, organization_id in db.session.execute(
            select(OrganizationAlias.key, OrganizationAlias.organization_id)
        )
        if key in wanted
    }
    index: NameIndex | None = None
    for key, name in wanted.items():
        if key not in known:
            index = index or _index()
            organization = _resolve(name, key, index)
            if organization is not None:
                db.session.flush()
                known[key] = organization.id
    return {key: known[key] for key in wanted if key in known}


def _resolve(name: str, key: str, index: NameIndex) -> Organization | None:
    """The organization a new spelling names (a new one when none), with its alias stored."""
    keys = name_keys(name)
    found = index.find(keys) if keys.canonical else None
    organization = db.session.get(Organization, found) if found is not None else None
    if organization is None:
        organization = _insert_or_find(name, key)
    alias = OrganizationAlias(
        organization_id=organization.id,
        name=name,
        key=key,
        canonical=keys.canonical,
        acronym=keys.acronym,
        compact=keys.compact,
    )
    try:
        with db.session.begin_nested():
            db.session.add(alias)
    except IntegrityError:  # a concurrent request stored this spelling first
        owner = db.session.scalar(
            select(OrganizationAlias.organization_id).where(OrganizationAlias.key == key)
        )
        return db.session.get(Organization, owner) if owner is not None else organization
    index.add(keys, organization.id)
    return organization


def _insert_or_find(name: str, key: str) -> Organization:
    """Insert a new organization; when a concurrent request inserted it first, use theirs."""
    organization = Organization(name=name, key=key)
    try:
        with db.session.begin_nested():
            db.session.add(organization)
    except IntegrityError:
        existing = db.session.scalar(select(Organization).where(Organization.key == key))
        if existing is None:
            raise
        return existing
    return organization
