"""Replay evaluation of calibrated weights against the hand-set ones (calibration.py).

    PYTHONPATH=. .venv/bin/python -m bench.matching.replay [--split 2025-06-01] [--write]

No coordinator has decided anything yet, so decisions are simulated from the hand-labelled real
sets (bench/matching/real/, dev and eval together): every pair the hard rules allow is a
suggestion a coordinator looked at; a must-pair is approved, a never-pair and an unlabelled
pair are rejected (unlabelled judgement calls are left out). A decision is dated by the later
original date of its two actions' events. Weights are trained on the decisions before the
split and both scores rank the decisions after it. `--write` writes the calibrated weights to
matcher/matching/data/calibration.json only when they beat the hand-set score.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import re
from pathlib import Path

import numpy as np

from bench.matching.real import HERE, load_pairs, load_rows
from matcher.matching import MatchIndex
from matcher.matching.calibration import Decision, fit, replay
from matcher.matching.reasons import build_suggestions
from matcher.matching.scoring import score_pairs

OUT = Path(__file__).parents[2] / "matcher" / "matching" / "data" / "calibration.json"
JUDGEMENT = ("not labelled", "judgement")


def _original_dates() -> dict[str, datetime.date]:
    out = {}
    for name in ("dev", "eval"):
        with open(HERE / f"{name}_actions.csv", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                found = re.search(r"original date (\d{4}-\d{2}-\d{2})", row["note"])
                out[row["ref"]] = datetime.date.fromisoformat(found.group(1))
    return out


def decisions() -> list[Decision]:
    """Simulated decisions on every allowed pair of both real sets."""
    when = _original_dates()
    out = []
    for name in ("dev", "eval"):
        rows = load_rows(name)
        labels = {}
        for p in load_pairs(name):
            key = (frozenset((p["ref_a"], p["ref_b"])), p["kind"])
            labels[key] = p["label"]
        index = MatchIndex(rows)
        table = index.table
        n = len(table)
        ii, jj = np.triu_indices(n, 1)
        pairs = score_pairs(table, index.settings, ii, jj, np.zeros(0, np.int64))
        for s in build_suggestions(pairs, table, index.region_model(), index.targets):
            pair = frozenset((s.a, s.b))
            marks = [labels.get((pair, kind)) for kind in s.kinds]
            if "never" in marks:
                approved = False
            elif "must" in marks:
                approved = True
            else:
                approved = False  # allowed, not a tie the labels make
            day = max(when[s.a], when[s.b])
            moment = datetime.datetime.combine(day, datetime.time(12))
            out.append(Decision(s.features, tuple(s.kinds), approved, moment))
    return out


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="2025-06-01")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    found = decisions()
    split = datetime.datetime.fromisoformat(args.split)
    result = replay(found, split)
    approved = sum(d.approved for d in found)
    print(f"decisions: {len(found)} ({approved} approved), split {args.split}")
    print(f"train {result.n_train}, test {result.n_test}")
    print(f"ROC AUC  hand-set {result.auc_hand:.3f}  calibrated {result.auc_model:.3f}")
    print(f"avg prec hand-set {result.ap_hand:.3f}  calibrated {result.ap_model:.3f}")
    print("ship calibrated weights:", "yes" if result.model_wins else "no (hand-set kept)")
    if args.write and result.model_wins:
        OUT.write_text(fit([d for d in found if d.decided_at < split]).to_json() + "\n")
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
