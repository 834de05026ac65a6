"""Targets as the public sees them: the same detention center or company named by several
actions is one target, recognized through the matching engine's catalog of known entities
(GEO Group, CoreCivic, their facilities, ICE offices, contractors) or by its folded name.

A known entity's page also lists the actions at the facilities it runs ("GEO Group" gathers
Adelanto, Aurora, Tacoma, ...). No contact data is read here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from matcher.extensions import db
from matcher.matching import default_catalog
from matcher.matching.financiers import about_the_financier
from matcher.matching.rows import fold
from matcher.models import Action
from matcher.queries.listing import ActionFilter, public_query


@dataclass
class Target:
    """One target and the public actions naming it (or naming what it runs)."""

    key: str
    name: str
    actions: list[Action] = field(default_factory=list)
    related: list[Action] = field(default_factory=list)


@lru_cache(maxsize=8192)
def target_keys(text: str, target_type: str | None = None) -> tuple[tuple[str, str], ...]:
    """`((key, display name), ...)` for a target text (of a target type): the main known
    entities as the matching engine reads them (a financier, not the operator it finances),
    else the text itself. Memoized: every action on every list page asks, and the
    catalog does not change."""
    if not text.strip():
        return ()
    catalog = default_catalog()
    found = catalog.recognize(text, target_type)
    entities = sorted(about_the_financier(catalog, fold(text), target_type, found))
    if entities:
        return tuple((f"e-{eid}", catalog.name(eid)) for eid in entities)
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:80]
    return ((f"t-{slug}", text.strip()),) if slug else ()


def _ancestors(key: str) -> list[str]:
    if not key.startswith("e-"):
        return []
    catalog = default_catalog()
    parents: list[str] = []
    parent = catalog.entities[key[2:]].parent
    while parent is not None and f"e-{parent}" not in parents:
        parents.append(f"e-{parent}")
        parent = catalog.entities[parent].parent
    return parents


def public_targets(include_past: bool = False) -> dict[str, Target]:
    """Every target named by a public action, by key."""
    targets: dict[str, Target] = {}
    actions = db.session.scalars(
        public_query(ActionFilter(include_past=include_past)).where(Action.target != "")
    )
    for action in actions:
        for key, name in target_keys(action.target, action.target_type.value):
            targets.setdefault(key, Target(key, name)).actions.append(action)
            for parent in _ancestors(key):
                parent_name = default_catalog().name(parent[2:])
                targets.setdefault(parent, Target(parent, parent_name)).related.append(action)
    return targets


def target_page(key: str) -> Target | None:
    """One target with its actions (past ones included), or None."""
    return public_targets(include_past=True).get(key)


__all__ = ["Target", "public_targets", "target_keys", "target_page"]
