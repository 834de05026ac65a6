"""Organizations, recognized again by a normalized key across actions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from matcher.extensions import db
from matcher.models import Organization


@lru_cache(maxsize=1 << 16)
def organization_key(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key ("Unión del Barrio" == "union del barrio")."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())[:200]


def organizations_for(names: Iterable[str]) -> list[Organization]:
    """The organizations with these names, creating the ones not seen before."""
    wanted: dict[str, str] = {}
    for name in names:
        key = organization_key(name)
        if key and key not in wanted:
            wanted[key] = name[:200]
    if not wanted:
        return []
    found = {
        org.key: org
        for org in db.session.scalars(select(Organization).where(Organization.key.in_(wanted)))
    }
    for key, name in wanted.items():
        if key not in found:
            found[key] = _insert_or_find(name, key)
    return [found[key] for key in wanted]


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
