"""Turning scored pairs into `Suggestion`s with features and reasons a coordinator can read.

A reason is data: a code and its values (`{"code": "same_region", "region": "Bay Area", "km":
12.3}`), written as a sentence by `matcher.matching.sentences.render`. Reasons are built from
the columns of the action table, the region model and the target model, not from the index.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import numpy as np

from matcher.matching.calibration import shipped_calibration
from matcher.matching.court_ties import court_reason
from matcher.matching.distinct import float_bits, groups, organization_lists, target_texts
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
from matcher.matching.gcpause import paused_gc
from matcher.matching.heap import trim
from matcher.matching.pair_regions import region_names
from matcher.matching.position_values import FULL_FROM, PositionValues, per_position
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
    "agency_office": AGENCY,
    "court_and_ice": AGENCY,
    "same_target": "text",
    "similar_targets": "text",
}

_NO_INFO: dict = {}
_TRIM_FROM = 50_000  # pairs: from here the heap is trimmed first (heap.py)
_SLICE = 65_536  # pairs whose columns are Python lists at a time
#: a pair's kinds by its code, region * 2 + target
_KIND_NAMES = ((), ("target",), ("region",), ("region", "target"))


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
        court = court_reason(catalog.entities, catalog.name, left, right)
        if court is not None:
            return court  # say what each is, never "both target ICE"
        if info.get("relation") == SAME:
            agency = left
        elif info.get("relation") == PARENT_CHILD:
            # an agency and one of its offices: the office is named, not the agency alone
            agency, office = (left, right) if left in catalog.ancestors(right) else (right, left)
            target = (ra if office == left else rb).target
            return {
                "code": "agency_office",
                "office": _site_name(catalog, office, target),
                "agency": catalog.name(agency),
            }
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


def _id_ranks(table: ActionTable, positions: np.ndarray) -> np.ndarray | PositionValues:
    """Rank of each row's id in `id_key` order among the given sorted, unique positions
    (other rows: 0)."""
    rows = table.rows
    ids = [rows[p].id for p in positions.tolist()]
    if all(type(x) is int and -(2**63) <= x < 2**63 for x in ids):
        order = np.argsort(np.array(ids, dtype=np.int64), kind="stable")
    else:
        order = np.asarray(sorted(range(len(ids)), key=lambda n: id_key(ids[n])), dtype=np.int64)
    ranks = np.empty(len(order), dtype=np.int64)
    ranks[order] = np.arange(len(order))
    return per_position(len(rows), positions, ranks, 0)


class _Memo:
    """Reasons and strings computed once per distinct input, not once per pair."""

    def __init__(self, table: ActionTable, targets: TargetModel) -> None:
        self.table, self.targets = table, targets
        self._days: dict[datetime.date, str] = {}
        self._ties: dict[tuple[int, int], dict] = {}

    def target_tie(self, i: int, j: int, ci: int, cj: int, tsim: float) -> tuple:
        """For pairs of rows with these targets: `_target_reason`, the tie it names, the
        shared entity, the entities' relation and their names (features)."""
        info = self._ties.get((ci, cj))
        if info is None:
            info = self._ties[ci, cj] = self.targets.describe(-1, -1, ci, cj)
        reason = _target_reason(self.table, self.targets, i, j, tsim, info)
        tie = _TIE_OF_CODE.get(reason["code"]) or info.get("tier")
        relation = info.get("relation")
        shared = info["entity_a"] if relation == SAME else None
        return reason, tie, shared, relation, tuple(info.get("entities", ()))

    def shared_orgs(self, i: int, j: int) -> tuple[list[str], Reason | None]:
        """The organizations two rows share (display names) and the reason naming them."""
        shared = self.table.shared_org_names(i, j)
        if not shared:
            return shared, None
        names = ", ".join(shared[:3])
        if len(shared) > 3:
            return shared, {"code": "shared_orgs_more", "names": names, "more": len(shared) - 3}
        return shared, {"code": "shared_orgs", "names": names}

    def day(self, day: datetime.date) -> str:
        """`day.isoformat()`, once per date."""
        text = self._days.get(day)
        if text is None:
            text = self._days[day] = day.isoformat()
        return text

    def date_reason(self, days: int, day: datetime.date, other_day: datetime.date) -> Reason:
        """The reason of two dates at most 3 days apart."""
        if days == 0:
            return {"code": "same_day", "day": self.day(day)}
        return {
            "code": "one_day_apart" if days == 1 else "days_apart",
            "days": days,
            "day": self.day(day),
            "other_day": self.day(other_day),
        }


def build_suggestions(
    pairs: PairScores, table: ActionTable, model: RegionModel, targets: TargetModel
) -> list[Suggestion]:
    """One `Suggestion` per pair (pairs given once each, as rows of `table`), best first."""
    if len(pairs) == 0:
        return []
    if len(pairs) >= _TRIM_FROM:  # a batch: the ranking's freed memory goes back first
        trim()
    with paused_gc():
        return _build(pairs, table, model, targets)


def _build(
    pairs: PairScores, table: ActionTable, model: RegionModel, targets: TargetModel
) -> list[Suggestion]:
    # each pair as (a, b) in id order: a is the row whose names and dates are said first
    ranks = _id_ranks(table, np.unique(np.r_[pairs.i, pairs.j]))
    swap = ranks[pairs.j] < ranks[pairs.i]
    first, second = np.where(swap, pairs.j, pairs.i), np.where(swap, pairs.i, pairs.j)
    shares = table.shared_org_counts(first, second) > 0
    region_of = region_names(pairs, table, model)
    ordinal = table.col("ordinal")
    days_apart = np.abs(ordinal[pairs.i] - ordinal[pairs.j])
    memo = _Memo(table, targets)
    # the target ties, the pairs of dates and of organization lists: one reason per distinct
    # one (distinct.py), each pair its number in a list (-1: none); the helpers' temporary
    # columns are gone before the Suggestions are built
    same_type, tie_at, ties = _ties(memo, pairs, first, second)
    date_at, dates = _dates(memo, first, second, days_apart)
    org_at, coalitions = _coalitions(memo, first, second, shares)
    del swap, shares
    km_1, tsim_3 = np.round(pairs.dist_km, 1), np.round(pairs.tsim, 3)
    kind = pairs.region.astype(np.int8) * 2 + pairs.target.astype(np.int8)
    arrays = (first, second, pairs.dist_km, km_1, tsim_3, kind)
    arrays += (pairs.score, same_type, tie_at, date_at, days_apart, org_at)
    calibration = targets.settings.calibration or shipped_calibration()
    order = None
    if calibration is None:
        # the queue's order is known before the Suggestions exist: they are built in it
        order = np.lexsort((ranks[second], ranks[first], -pairs.score))
        arrays = tuple(np.take(a, order) for a in arrays)
        region_of = [region_of[n] for n in order.tolist()]
    ties.append((None, None, None, None, ()))  # index -1: no tie
    dates.append(None)
    coalitions.append(([], None))
    ids = _ids(table, first, second)
    cols = _columns(arrays, region_of)
    out, scores = _suggestions(cols, ids, ties, dates, coalitions, calibration)
    if order is not None:
        return out
    order = np.lexsort((ranks[second], ranks[first], -np.asarray(scores, dtype=float)))
    return [out[n] for n in order.tolist()]


def _ids(table: ActionTable, first: np.ndarray, second: np.ndarray) -> list | dict[int, object]:
    """Each row's id by its position, for the rows of the pairs: a list over the whole table
    for a batch, a dict of the few rows one new action's pairs hold (a list of the table's
    length would cost a new action more than its reasons; see position_values.py)."""
    rows = table.rows
    if len(first) >= FULL_FROM * len(rows):
        return [row.id for row in rows]
    return {p: rows[p].id for p in np.union1d(first, second).tolist()}


def _columns(arrays: tuple[np.ndarray, ...], region_of: list[str | None]) -> Iterator[tuple]:
    """Per pair, its values in `arrays` and its region name, as Python objects (the arrays
    a slice at a time: a batch's millions of Python numbers never all exist at once)."""
    for lo in range(0, len(region_of), _SLICE):
        hi = lo + _SLICE
        head = [a[lo:hi].tolist() for a in arrays]
        head[3] = [None if d != d else d for d in head[3]]  # an unknown distance: None
        yield from zip(*head, region_of[lo:hi], strict=True)


def _suggestions(
    cols: Iterator[tuple],
    ids: list | dict[int, object],
    ties: list[tuple],
    dates: list[Reason | None],
    coalitions: list[tuple],
    calibration: object | None,
) -> tuple[list[Suggestion], list[float]]:
    """One `Suggestion` per pair of `cols` (`_columns`), in their order, and their scores."""
    out: list[Suggestion] = []
    scores: list[float] = []
    append = out.append
    for i, j, dist, dist_km, tsim_r, kind, score, same, t, d, days, o, region_name in cols:
        reason, tie, shared_entity, relation, entities = ties[t]
        # a region pair whose targets are tied says so too
        why: list[Reason] = [] if reason is None else [reason]  # shared reason (rows.Suggestion)
        if kind >= 2:  # a region pair
            if region_name:
                if dist < 1:
                    why.append({"code": "same_region_close", "region": region_name})
                else:
                    why.append({"code": "same_region", "region": region_name, "km": dist})
            else:
                why.append({"code": "near_close"} if dist < 1 else {"code": "near", "km": dist})
        shared, coalition = coalitions[o]
        if coalition is not None:
            why.append(coalition)
        if d >= 0:
            why.append(dates[d])
        features = {
            "distance_km": dist_km,
            "target_similarity": tsim_r,
            "shared_entity": shared_entity,
            "entity_relation": relation,
            "entities": list(entities),
            "shared_orgs": list(shared),
            "region": region_name,
            "same_target_type": same,
            "days_apart": days,
            "tie": tie,
        }
        kinds = _KIND_NAMES[kind]
        if calibration is not None:  # learned from coordinators' decisions (calibration.py)
            score = round(calibration.score(features, kinds), 6)  # type: ignore[attr-defined]
            scores.append(score)
        append(Suggestion(ids[i], ids[j], score, list(kinds), why, features))
    return out, scores


def _rows(mask: np.ndarray) -> np.ndarray:
    return np.flatnonzero(mask)


def _spread(number: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Per pair, its group's number where `mask` holds, else -1."""
    out = np.full(len(mask), -1, dtype=np.int32)
    out[mask] = number
    return out


def _ties(
    memo: _Memo, pairs: PairScores, first: np.ndarray, second: np.ndarray
) -> tuple[np.ndarray, np.ndarray, list[tuple]]:
    """Whether each pair's two target types are the same (as written), and per tied pair the
    number of its tie in the list of `_Memo.target_tie`'s answers."""
    table, targets = memo.table, memo.targets
    consent, cls_col = table.col("intro_target"), table.col("cls")
    tied = (
        consent[pairs.i] & consent[pairs.j] & (pairs.tsim >= targets.settings.min_target_similarity)
    )
    texts, kind_of = target_texts(table, np.unique(np.r_[first, second]))
    same_type = kind_of[texts[first]] == kind_of[texts[second]]
    tie_of, reps = groups((texts[first], texts[second], float_bits(pairs.tsim)), _rows(tied))
    ties = [
        memo.target_tie(i, j, ci, cj, t)
        for i, j, ci, cj, t in zip(
            first[reps].tolist(),
            second[reps].tolist(),
            cls_col[first[reps]].tolist(),
            cls_col[second[reps]].tolist(),
            pairs.tsim[reps].tolist(),
            strict=True,
        )
    ]
    return same_type, _spread(tie_of, tied), ties


def _dates(
    memo: _Memo, first: np.ndarray, second: np.ndarray, days_apart: np.ndarray
) -> tuple[np.ndarray, list[Reason]]:
    """Per pair at most 3 days apart, the number of its dates' reason in the list."""
    ordinal, rows = memo.table.col("ordinal"), memo.table.rows
    close = days_apart <= 3
    date_of, reps = groups((ordinal[first], ordinal[second]), _rows(close))
    dates = [
        memo.date_reason(d, rows[i].date, rows[j].date)
        for d, i, j in zip(
            days_apart[reps].tolist(), first[reps].tolist(), second[reps].tolist(), strict=True
        )
    ]
    return _spread(date_of, close), dates


def _coalitions(
    memo: _Memo, first: np.ndarray, second: np.ndarray, shares: np.ndarray
) -> tuple[np.ndarray, list[tuple]]:
    """Per pair sharing organizations, the number of its (names, reason) in the list."""
    orgs = organization_lists(memo.table, np.unique(np.r_[first[shares], second[shares]]))
    org_of, reps = groups((orgs[first], orgs[second]), _rows(shares))
    found = [
        memo.shared_orgs(i, j)
        for i, j in zip(first[reps].tolist(), second[reps].tolist(), strict=True)
    ]
    return _spread(org_of, shares), found
