"""Storing the region clusters: the regions table and every action's region, set-based.

`store_regions` replaces the clusters of the published, upcoming actions (the batch match and
`matcher regions`). `region_ids_for` is its first half: the clusters of a set of rows, the
regions found again keeping their ids and the new ones inserted, with each clustered action's
region id; an import calls it to write its new actions with their regions, so that the match
after it finds them in place and rewrites none of them (at a million rows, that rewrite was
the match's longest wait on PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, insert, select, text

from matcher.cache.public_changes import changed_in_bulk
from matcher.extensions import db
from matcher.matching import ActionRow, regions
from matcher.models import Action, Region, utcnow
from matcher.operations.set_writes import dialect, temp_table

__all__ = ["RegionPlan", "expire", "region_ids_for", "store_regions"]


def expire(model: type, *attributes: str) -> None:
    """Forget what the session holds of `model` rows changed by set-based SQL."""
    for obj in list(db.session.identity_map.values()):
        if isinstance(obj, model):
            db.session.expire(obj, list(attributes) or None)


@dataclass
class RegionPlan:
    """The clusters of a set of rows: each clustered action's region id (`region_of`), the
    regions found again with their new figures (`kept`), the stored regions not found again
    (`gone`, name -> id) and how many clusters there are."""

    region_of: dict[int, int] = field(default_factory=dict)
    kept: list[dict[str, Any]] = field(default_factory=list)
    gone: dict[str, int] = field(default_factory=dict)
    count: int = 0


def region_ids_for(rows: Sequence[ActionRow]) -> RegionPlan:
    """Cluster `rows` (those with a point, in the order given) and insert the regions not
    stored yet: a region found again under the same name keeps its id (links and saved
    filters naming it go on working). The regions found again are not written here."""
    db.session.flush()
    located = [row for row in rows if row.latitude is not None and row.longitude is not None]
    previous: dict[str, int] = {
        name: id_ for id_, name in db.session.execute(select(Region.id, Region.name))
    }
    members: dict[int, list[ActionRow]] = {}
    names: dict[int, str] = {}
    if located:
        found = regions(located)
        names = found.names
        for row, label in zip(located, found.labels, strict=True):
            if label >= 0:
                members.setdefault(int(label), []).append(row)
    now = utcnow()
    plan = RegionPlan(count=len(members))
    label_region: dict[int, int] = {}
    fresh: list[tuple[int, dict[str, Any]]] = []
    for label, group in members.items():
        values = {
            "name": (names.get(label) or group[0].place or "?")[:200],
            "latitude": sum(r.latitude for r in group) / len(group),  # type: ignore[misc]
            "longitude": sum(r.longitude for r in group) / len(group),  # type: ignore[misc]
            "size": len(group),
            "computed_at": now,
        }
        if values["name"] in previous:
            label_region[label] = previous.pop(values["name"])
            plan.kept.append({"rid": label_region[label], **values})
        else:
            fresh.append((label, values))
    if fresh:
        table = Region.__table__
        inserted = db.session.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True),
            [values for _, values in fresh],
        )
        for (label, _), row in zip(fresh, inserted, strict=True):
            label_region[label] = row[0]
    plan.region_of = {
        int(row.id): label_region[label] for label, group in members.items() for row in group
    }
    plan.gone = previous
    return plan


def store_regions(rows: Sequence[ActionRow]) -> int:
    """Replace the region clusters and every action's region, set-based: the regions of
    `region_ids_for`, the kept ones' figures updated, actions pointed to theirs through a
    temporary table (only those whose region changed are written), the rest of the actions
    left without one, the regions not found again deleted. Returns how many regions."""
    plan = region_ids_for(rows)
    table = Region.__table__
    if plan.kept:
        db.session.execute(
            table.update()
            .where(table.c.id == bindparam("rid"))
            .values(
                latitude=bindparam("latitude"),
                longitude=bindparam("longitude"),
                size=bindparam("size"),
                computed_at=bindparam("computed_at"),
            ),
            [{k: v for k, v in row.items() if k != "name"} for row in plan.kept],
        )
    columns = (("action_id", "int"), ("region_id", "int"))
    with temp_table("tmp_regions", columns, plan.region_of.items(), index=("action_id",)):
        # Rows whose region did not change are not written (after an import, none changed).
        changed = "IS DISTINCT FROM" if dialect() == "postgresql" else "IS NOT"
        assign = (
            "UPDATE actions SET region_id = t.region_id FROM tmp_regions t "  # noqa: S608
            f"WHERE actions.id = t.action_id AND actions.region_id {changed} t.region_id"
        )
        db.session.execute(text(assign))
        db.session.execute(
            text(
                "UPDATE actions SET region_id = NULL WHERE region_id IS NOT NULL AND NOT EXISTS "
                "(SELECT 1 FROM tmp_regions t WHERE t.action_id = actions.id)"
            )
        )
    gone = ((id_,) for id_ in plan.gone.values())  # regions not found again
    with temp_table("tmp_gone_regions", (("region_id", "int"),), gone):
        db.session.execute(
            text("DELETE FROM regions WHERE id IN (SELECT region_id FROM tmp_gone_regions)")
        )
    changed_in_bulk(db.session)
    expire(Action, "region_id", "region")
    expire(Region)
    return plan.count
