"""Turning scored pairs into `Suggestion`s with features and reasons a coordinator can read.

A reason is data: a code and its values (`{"code": "same_region", "region": "Bay Area", "km":
12.3}`), written as a sentence by `matcher.matching.sentences.render`. Reasons are built from
the columns of the action table, the region model and the target model, not from the index.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

import numpy as np

from matcher.matching.calibration import shipped_calibration
from matcher.matching.entities import (
    AGENCY,
    COMPANY,
    COMPONENT,
    FACILITY,
    ICE_SITES,
    OPERATOR,
    PARENT_CHILD,
    PLACE_KINDS,
    SAME,
    SIBLING,
)
from matcher.matching.metros import default_metros
from matcher.matching.regions import RegionModel
from matcher.matching.rows import Suggestion, fold, id_key
from matcher.matching.scoring import PairScores
from matcher.matching.sentences import Reason
from matcher.matching.table import ActionTable
from matcher.matching.targets import CATEGORIES, TargetModel, type_code

_TIE_OF_CODE = {
    "run_by": OPERATOR,
    "part_of": OPERATOR,
    "sibling_facilities": SIBLING,
    "sibling_arms": SIBLING,
    "same_component": COMPONENT,
    "same_category": "category",
    "same_agency": AGENCY,
    "same_target": "text",
    "similar_targets": "text",
}

_NO_INFO: dict = {}
_KINDS = {
    (True, True): ("region", "target"),
    (True, False): ("region",),
    (False, True): ("target",),
    (False, False): (),
}


def _region_reason(region_name: str | None, dist: float) -> Reason:
    if region_name:
        if dist < 1:
            return {"code": "same_region_close", "region": region_name}
        return {"code": "same_region", "region": region_name, "km": dist}
    return {"code": "near_close"} if dist < 1 else {"code": "near", "km": dist}


def _site_name(catalog: object, eid: str, target: str) -> str:
    """An office's catalog name; for the generic ICE component, the target as written."""
    return target.strip() if eid == ICE_SITES.id else catalog.name(eid)  # type: ignore[attr-defined]


def _target_reason(
    table: ActionTable, targets: TargetModel, i: int, j: int, tsim: float, info: dict
) -> Reason:
    """The real tie, most specific first: the facility, the company, the operator, the agency
    component, the kind of target; the agency alone is said to be the only tie."""
    ra, rb = table.rows[i], table.rows[j]
    catalog = targets.catalog
    tier = info.get("tier")
    left, right = info.get("entity_a_id", ""), info.get("entity_b_id", "")
    category = CATEGORIES.get(type_code(ra.target_type))
    if tier == AGENCY and category and ra.target_type == rb.target_type:
        tier = None  # two local governments: their kind of target is the truer tie
    if tier == COMPONENT and catalog.entities[left].kind in ("office", "facility", "component"):
        return {
            "code": "same_component",
            "parent": catalog.name(ICE_SITES.id),
            "a": _site_name(catalog, left, ra.target),
            "b": _site_name(catalog, right, rb.target),
        }
    if tier in (FACILITY, COMPANY, COMPONENT) and info.get("relation") == SAME:
        return {"code": "same_entity", "entity": info["entity_a"]}
    if tier == OPERATOR:
        parent, child = (left, right) if left in catalog.ancestors(right) else (right, left)
        code = "run_by" if catalog.entities[child].kind in PLACE_KINDS else "part_of"
        return {"code": code, "child": catalog.name(child), "parent": catalog.name(parent)}
    if tier in (SIBLING, COMPONENT):
        entity = catalog.entities[left]
        code = "sibling_arms"
        if tier == COMPONENT:
            code = "same_component"
        elif entity.kind in PLACE_KINDS:
            code = "sibling_facilities"
        return {
            "code": code,
            "parent": catalog.name(entity.parent or ""),
            "a": info["entity_a"],
            "b": info["entity_b"],
        }
    if category and ra.target_type == rb.target_type and tsim <= targets.settings.tier_category:
        return {"code": "same_category", "category": category}
    if tier == AGENCY:
        if info.get("relation") == SAME:
            agency = left
        elif info.get("relation") == PARENT_CHILD:
            agency = left if left in catalog.ancestors(right) else right
        else:
            agency = catalog.entities[left].parent or left
        return {"code": "same_agency", "agency": catalog.name(agency)}
    if tsim >= 0.949 and fold(ra.target) == fold(rb.target):
        return {"code": "same_target", "target": ra.target.strip()}
    return {
        "code": "similar_targets",
        "a": ra.target.strip(),
        "b": rb.target.strip(),
        "percent": round(tsim * 100),
    }


def _date_reason(days: int, day: datetime.date, other_day: datetime.date) -> Reason | None:
    if days == 0:
        return {"code": "same_day", "day": day.isoformat()}
    if days <= 3:
        code = "one_day_apart" if days == 1 else "days_apart"
        return {
            "code": code,
            "days": days,
            "day": day.isoformat(),
            "other_day": other_day.isoformat(),
        }
    return None


def build_suggestions(
    pairs: PairScores, table: ActionTable, model: RegionModel, targets: TargetModel
) -> list[Suggestion]:
    """One `Suggestion` per pair (pairs given once each, as rows of `table`), best first."""
    if len(pairs) == 0:
        return []
    lat, lon = table.col("lat"), table.col("lon")
    li = model.assign(lat[pairs.i], lon[pairs.i])
    lj = model.assign(lat[pairs.j], lon[pairs.j])
    cls_col = table.col("cls")
    cls_i, cls_j = cls_col[pairs.i].tolist(), cls_col[pairs.j].tolist()
    mask = table.col("org_mask")
    may_share = ((mask[pairs.i] & mask[pairs.j]) != 0).tolist()
    same_region = (li >= 0) & (li == lj)
    names = {int(label): model.name(int(label)) for label in np.unique(li[same_region])}
    metro_names = default_metros().pair_names(
        lat[pairs.i], lon[pairs.i], lat[pairs.j], lon[pairs.j]
    )
    region_of = [
        (metro or (names[label] if ok else None)) if chosen else None
        for metro, label, ok, chosen in zip(
            metro_names, li.tolist(), same_region.tolist(), pairs.region.tolist(), strict=True
        )
    ]
    consent = table.col("intro_target")
    tied = (
        consent[pairs.i] & consent[pairs.j] & (pairs.tsim >= targets.settings.min_target_similarity)
    )
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
        tied.tolist(),
    )
    describe = lru_cache(maxsize=65536)(lambda ci, cj: targets.describe(-1, -1, ci, cj))
    calibration = targets.settings.calibration or shipped_calibration()
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
        tie_ok,
    ) in enumerate(zip(*cols, strict=True)):
        ra, rb = rows[i], rows[j]
        if id_key(rb.id) < id_key(ra.id):
            i, j, ra, rb = j, i, rb, ra
            ci, cj = cls_j[n], cls_i[n]
        else:
            ci, cj = cls_i[n], cls_j[n]
        info = describe(ci, cj) if tie_ok else _NO_INFO
        shared = table.shared_org_names(i, j) if may else []
        why: list[Reason] = []
        tie = None
        if tie_ok:  # a region pair whose targets are tied says so too
            reason = _target_reason(table, targets, i, j, tsim, info)
            tie = _TIE_OF_CODE.get(reason["code"]) or info.get("tier")
            why.append(reason)
        if region:
            why.append(_region_reason(region_name, dist))
        if shared:
            names = ", ".join(shared[:3])
            if len(shared) > 3:
                why.append({"code": "shared_orgs_more", "names": names, "more": len(shared) - 3})
            else:
                why.append({"code": "shared_orgs", "names": names})
        if (when := _date_reason(days, ra.date, rb.date)) is not None:
            why.append(when)
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
            "tie": tie,
        }
        kinds = _KINDS[region, target]
        if calibration is not None:  # learned from coordinators' decisions (calibration.py)
            score = round(calibration.score(features, kinds), 6)
        out.append(Suggestion(ra.id, rb.id, score, list(kinds), why, features))
    keys = {x: id_key(x) for x in {s.a for s in out} | {s.b for s in out}}
    out.sort(key=lambda s: (-s.score, keys[s.a], keys[s.b]))
    return out
