"""Turning scored pairs into `Suggestion`s with features and reasons a coordinator can read.

Example reasons: "both target Palantir Technologies", "same region: Bay Area, 12 km apart",
"same coalition members: Twin Cities DSA", "both on Oct 10".
"""

from __future__ import annotations

import datetime
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from matcher.matching.entities import PARENT_CHILD, SAME, SIBLINGS
from matcher.matching.rows import Suggestion, id_key
from matcher.matching.scoring import PairScores

if TYPE_CHECKING:
    from matcher.matching.index import MatchIndex


_NO_INFO: dict = {}
_KINDS = {
    (True, True): ("region", "target"),
    (True, False): ("region",),
    (False, True): ("target",),
    (False, False): (),
}


@lru_cache(maxsize=4096)
def _day(d: datetime.date) -> str:
    return f"{d:%b} {d.day}"


def _km(d: float) -> str:
    return "under 1 km apart" if d < 1 else f"{d:.0f} km apart"


def _target_reason(index: MatchIndex, i: int, j: int, tsim: float, info: dict) -> str:
    ra, rb = index.table.rows[i], index.table.rows[j]
    catalog = index.targets.catalog
    if info.get("relation") == SAME:
        return f"both target {info['entity_a']}"
    if info.get("relation") == PARENT_CHILD:
        left, right = info["entity_a_id"], info["entity_b_id"]
        parent, child = (left, right) if left in catalog.ancestors(right) else (right, left)
        verb = "is run by" if catalog.entities[child].kind == "facility" else "is part of"
        return f"related targets: {catalog.name(child)} {verb} {catalog.name(parent)}"
    if info.get("relation") == SIBLINGS:
        parent = catalog.entities[info["entity_a_id"]].parent or ""
        what = "facilities" if catalog.entities[info["entity_a_id"]].kind == "facility" else "arms"
        return (
            f"both target {catalog.name(parent)} {what}: {info['entity_a']} and {info['entity_b']}"
        )
    if tsim >= 0.999 and ra.target.strip().casefold() == rb.target.strip().casefold():
        return f'both target "{ra.target.strip()}"'
    return f'similar targets: "{ra.target.strip()}" and "{rb.target.strip()}" ({tsim:.0%} alike)'


def build_suggestions(index: MatchIndex, pairs: PairScores) -> list[Suggestion]:
    """One `Suggestion` per pair (pairs given once each), best first."""
    if len(pairs) == 0:
        return []
    table = index.table
    lat, lon = table.col("lat"), table.col("lon")
    model = index.region_model()
    li = model.assign(lat[pairs.i], lon[pairs.i])
    lj = model.assign(lat[pairs.j], lon[pairs.j])
    cls_col = table.col("cls")
    cls_i, cls_j = cls_col[pairs.i].tolist(), cls_col[pairs.j].tolist()
    mask = table.col("org_mask")
    may_share = ((mask[pairs.i] & mask[pairs.j]) != 0).tolist()
    same_region = (li >= 0) & (li == lj)
    names = {int(label): model.name(int(label)) for label in np.unique(li[same_region])}
    region_of = [
        names[label] if ok else None
        for label, ok in zip(li.tolist(), same_region.tolist(), strict=True)
    ]
    ordinal = table.col("ordinal")
    days_apart = np.abs(ordinal[pairs.i] - ordinal[pairs.j]).tolist()
    dist_r = [None if d != d else d for d in np.round(pairs.dist_km, 1).tolist()]
    cols = (
        pairs.i.tolist(),
        pairs.j.tolist(),
        pairs.dist_km.tolist(),
        dist_r,
        pairs.tsim.tolist(),
        np.round(pairs.tsim, 3).tolist(),
        pairs.region.tolist(),
        pairs.target.tolist(),
        pairs.score.tolist(),
        region_of,
        days_apart,
        may_share,
    )
    describe = lru_cache(maxsize=65536)(lambda ci, cj: index.targets.describe(-1, -1, ci, cj))
    rows = table.rows
    out: list[Suggestion] = []
    for n, (
        i,
        j,
        dist,
        dist_km,
        tsim,
        tsim_r,
        region,
        target,
        score,
        region_name,
        days,
        may,
    ) in enumerate(zip(*cols, strict=True)):
        ra, rb = rows[i], rows[j]
        if id_key(rb.id) < id_key(ra.id):
            i, j, ra, rb = j, i, rb, ra
            ci, cj = cls_j[n], cls_i[n]
        else:
            ci, cj = cls_i[n], cls_j[n]
        info = describe(ci, cj) if target else _NO_INFO
        shared = table.shared_org_names(i, j) if may else []
        reasons: list[str] = []
        if target:
            reasons.append(_target_reason(index, i, j, tsim, info))
        if region:
            reasons.append(
                f"same region: {region_name}, {_km(dist)}"
                if region_name
                else f"near each other: {_km(dist)}"
            )
        if shared:
            more = f" and {len(shared) - 3} more" if len(shared) > 3 else ""
            reasons.append("same coalition members: " + ", ".join(shared[:3]) + more)
        if days == 0:
            reasons.append(f"both on {_day(ra.date)}")
        elif days <= 3:
            reasons.append(
                f"{days} day{'s' if days > 1 else ''} apart ({_day(ra.date)} and {_day(rb.date)})"
            )
        features = {
            "distance_km": dist_km,
            "target_similarity": tsim_r,
            "shared_entity": info["entity_a"] if info.get("relation") == SAME else None,
            "entity_relation": info.get("relation"),
            "entities": list(info.get("entities", ())),
            "shared_orgs": shared,
            "region": region_name,
            "same_target_type": ra.target_type == rb.target_type,
            "days_apart": days,
        }
        kinds = _KINDS[region, target]
        out.append(Suggestion(ra.id, rb.id, score, list(kinds), reasons, features))
    keys = {x: id_key(x) for x in {s.a for s in out} | {s.b for s in out}}
    out.sort(key=lambda s: (-s.score, keys[s.a], keys[s.b]))
    return out
