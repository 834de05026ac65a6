"""Organizations, recognized again by a normalized key across actions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from sqlalchemy import select

from matcher.extensions import db
from matcher.models import Organization


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
            found[key] = Organization(name=name, key=key)
            db.session.add(found[key])
    return [found[key] for key in wanted]
