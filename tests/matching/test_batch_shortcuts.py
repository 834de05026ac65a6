"""The batch's shortcuts change no answer: reasons grouped per distinct tie, the collector's
objects moved after a pause, organizations coded once per list (bench/matching/same_answers.py
compares whole checkouts)."""

from __future__ import annotations

import dataclasses
import gc
import weakref

import numpy as np
import pytest

from bench.matching.synth import generate
from matcher.matching import DEFAULT_SETTINGS, MatchIndex, default_catalog
from matcher.matching.distinct import groups
from matcher.matching.gcpause import paused_gc
from matcher.matching.reasons import _target_reason
from matcher.matching.table import ActionTable
from matcher.matching.targets import TargetModel


def test_groups_number_equal_keys_and_keep_the_first() -> None:
    a = np.array([5, 1, 5, 1, 5, 7])
    b = np.array([0, 2, 0, 2, 1, 0])
    number, first = groups((a, b), np.array([0, 1, 2, 3, 4]))
    # (5, 0) twice, (1, 2) twice, (5, 1) once; row 5 is not asked for
    assert number[0] == number[2] and number[1] == number[3]
    assert len(set(number.tolist())) == 3
    assert sorted(first.tolist()) == [0, 1, 4]
    assert first[number].tolist() == [0, 1, 0, 1, 4]


def test_a_pause_moves_its_objects_to_the_oldest_generation() -> None:
    gc.collect()
    with paused_gc():
        built = [[n] for n in range(20_000)]
    # nothing left in the young generations for the next collection to walk
    assert gc.get_count()[0] < 1000
    assert gc.is_tracked(built[0])
    assert gc.isenabled()


def test_a_cycle_built_during_a_pause_is_still_collected() -> None:
    class Node:
        pass

    gc.collect()
    with paused_gc():
        node = Node()
        node.me = node  # a cycle
    alive = weakref.ref(node)
    del node
    assert alive() is not None  # only the collector frees a cycle
    gc.collect()
    assert alive() is None


def test_a_pause_leaves_frozen_objects_frozen() -> None:
    gc.collect()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with paused_gc():
            built = [[n] for n in range(100)]
        # Still frozen (an unfreeze would empty the permanent generation), and nothing built
        # joined them; the count may fall by a frozen object freed meanwhile by its refcount.
        assert 0 < gc.get_freeze_count() <= frozen
        assert gc.is_tracked(built[0])
    finally:
        gc.unfreeze()


_TARGET_CODES = {
    "same_component",
    "same_entity",
    "run_by",
    "part_of",
    "sibling_facilities",
    "sibling_arms",
    "same_category",
    "same_agency",
    "agency_office",
    "same_target",
    "similar_targets",
}


def test_batch_reasons_match_one_pair_at_a_time() -> None:
    """Every tied pair's target reason (written once per distinct tie) equals the one written
    for that pair alone."""
    index = MatchIndex(generate(3000, seed=5))
    table, targets = index.table, index.targets
    ttype, group, cls = table.col("ttype"), table.col("group"), table.col("cls")
    checked = 0
    for s in index.suggest_all(5):
        if not s.why or s.why[0]["code"] not in _TARGET_CODES:
            continue
        i, j = np.array([table.pos_of[s.a]]), np.array([table.pos_of[s.b]])
        tsim = targets.similarity(
            ttype[i], ttype[j], group[i], group[j], cls[i], cls[j], np.array([True])
        )
        info = targets.describe(-1, -1, int(cls[i][0]), int(cls[j][0]))
        alone = _target_reason(table, targets, int(i[0]), int(j[0]), float(tsim[0]), info)
        assert s.why[0] == alone
        checked += 1
    assert checked > 500


@pytest.mark.parametrize("as_list", [False, True])
def test_organizations_coded_once_per_list_as_one_by_one(as_list: bool) -> None:
    rows = generate(2000, seed=7)
    if as_list:  # a list in place of the tuple codes the same
        rows = [dataclasses.replace(r, organizations=list(r.organizations)) for r in rows]
    whole = ActionTable(TargetModel(default_catalog(), DEFAULT_SETTINGS), None)
    whole.extend(rows)
    single = ActionTable(TargetModel(default_catalog(), DEFAULT_SETTINGS), None)
    for row in rows:
        single.extend([row])
    assert len({tuple(r.organizations) for r in rows}) < 1800  # lists repeat
    for name in ("org_ptr", "org_mask"):
        assert whole.col(name).tolist() == single.col(name).tolist()
    assert whole._org_codes.view().tolist() == single._org_codes.view().tolist()
    assert whole.org_label == single.org_label and whole.org_keys == single.org_keys
