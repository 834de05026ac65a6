"""The best recall any choice of pairs could reach on a labelled set, given the engine's ties.

Each kind's must pairs that the engine ties at all (it would suggest them with a quota large
enough) are edges of a graph; no action may have more than K of them, so the most must pairs
any selection can keep is a maximum b-matching of that graph (an integer program, scipy's
`milp`: the sets have a few thousand edges at most). Its recall, counted like real.py's
(each action: min(K, partners kept) over min(K, must partners)), separates what the engine
loses by choosing (recall below the bound) from what it loses by not seeing a tie (the bound
below 100%).

    PYTHONPATH=. .venv/bin/python -m bench.matching.real --set dev3 --bound
"""

from __future__ import annotations

import dataclasses
from collections import Counter

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from matcher.matching import DEFAULT_SETTINGS, ActionRow, suggest

#: Quota large enough that every tie the engine sees is suggested (the sets have < 300 actions).
EVERY = 400


def tied_pairs(rows: list[ActionRow]) -> dict[str, set[frozenset]]:
    """The pairs the engine ties, per kind, when the quota leaves every tie room (the weakest
    ties' own quota, `weak_quota`, too: the bound counts ties, not the quota's choice)."""
    out: dict[str, set[frozenset]] = {"region": set(), "target": set()}
    every = dataclasses.replace(DEFAULT_SETTINGS, weak_quota=EVERY)
    for s in suggest(rows, top_k=EVERY, settings=every):
        for kind in s.kinds:
            out[kind].add(frozenset((s.a, s.b)))
    return out


def best_kept(edges: list[tuple[str, str]], k: int) -> int:
    """The most edges a choice with at most k per node can keep (maximum b-matching)."""
    if not edges:
        return 0
    nodes = {v: n for n, v in enumerate(sorted({v for e in edges for v in e}))}
    incidence = np.zeros((len(nodes), len(edges)))
    for col, (a, b) in enumerate(edges):
        incidence[nodes[a], col] = incidence[nodes[b], col] = 1
    found = milp(
        -np.ones(len(edges)),
        constraints=LinearConstraint(incidence, 0, k),
        integrality=np.ones(len(edges)),
        bounds=Bounds(0, 1),
    )
    return round(-found.fun)


def bound(rows: list[ActionRow], pairs: list[dict], top_k: int) -> dict:
    """Per kind: the bound's recall, and how many must pairs the engine ties at all."""
    tied = tied_pairs(rows)
    out = {}
    for kind in ("region", "target"):
        must = [
            (p["ref_a"], p["ref_b"]) for p in pairs if p["label"] == "must" and p["kind"] == kind
        ]
        seen = [e for e in must if frozenset(e) in tied[kind]]
        partners = Counter(v for e in must for v in e)
        allowed = sum(min(top_k, n) for n in partners.values())
        # a maximum b-matching keeps at most k per action, so each kept edge counts twice
        out[f"{kind}_bound"] = 2 * best_kept(seen, top_k) / allowed if allowed else None
        out[f"{kind}_tied"] = f"{len(seen)}/{len(must)}"
    return out
