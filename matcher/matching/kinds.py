"""`chosen_kinds`: the pairs chosen on the region list, the target list or both, one row each.

Both paths end with it: the batch's mutual selection (mutual.py) and one new action's
`choose` (index.MatchIndex.suggest_for).
"""

from __future__ import annotations

import numpy as np

from matcher.matching.scoring import PairScores, concat, final_scores, first_of_each
from matcher.matching.settings import MatchSettings


def chosen_kinds(settings: MatchSettings, n_rows: int, chosen: list[PairScores]) -> PairScores:
    """One row per pair chosen on the region list (`chosen[0]`), the target list
    (`chosen[1]`) or both; its `region` and `target` say which, and its score is the queue's
    (scoring.final_scores). `n_rows`: the table's length (positions are below it)."""
    n = np.int64(n_rows + 1)
    pairs = concat(chosen)
    # one sort of the order-free keys: a pair is on the region list when one of its rows
    # comes from `near` (the first part), on the target list when one comes from `far`
    keys = np.minimum(pairs.i, pairs.j) * n + np.maximum(pairs.i, pairs.j)
    order = np.argsort(keys, kind="stable")
    ranked = keys[order]
    start = np.r_[True, ranked[1:] != ranked[:-1]] if len(keys) else ranked.astype(bool)
    group = np.empty(len(keys), dtype=np.int64)
    group[order] = np.cumsum(start) - 1
    from_near = np.arange(len(keys)) < len(chosen[0])
    on_near = np.bincount(group[from_near], minlength=int(start.sum())) > 0
    on_far = np.bincount(group[~from_near], minlength=int(start.sum())) > 0
    if (pairs.i < pairs.j).all():  # the order-free keys are unique_pairs' own
        rows = np.sort(order[start])
    else:
        rows = np.sort(first_of_each(pairs.i * n + pairs.j))
    both = pairs.take(rows)
    both.region, both.target = on_near[group[rows]], on_far[group[rows]]
    both.score = final_scores(settings, both)
    return both
