"""Where a labelled set's top-K target places go: each target suggestion counted by its label
(must, never, or unlabelled) and the engine's tie (the `tie` feature). Totals only, so it may
run on the held-out set: it prints no pair.

    PYTHONPATH=. .venv/bin/python -m bench.matching.unlabelled --set eval --top-k 10
"""

from __future__ import annotations

import argparse
from collections import Counter

from bench.matching.real import SETS, load_pairs, load_rows
from matcher.matching import suggest


def places_by_label(name: str, top_k: int) -> Counter:
    """(label, tie) -> target suggestions of the set at `top_k`."""
    labels = {
        frozenset((p["ref_a"], p["ref_b"])): p["label"]
        for p in load_pairs(name)
        if p["kind"] == "target"
    }
    counts: Counter = Counter()
    for s in suggest(load_rows(name), top_k=top_k):
        if "target" in s.kinds:
            label = labels.get(frozenset((s.a, s.b)), "unlabelled")
            counts[label, s.features.get("tie")] += 1
    return counts


def main() -> None:
    """Print the counts, most first."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--set", default="eval", choices=SETS)
    parser.add_argument("--top-k", type=int, default=10)
    args = parser.parse_args()
    counts = places_by_label(args.set, args.top_k)
    print(f"{args.set} top-{args.top_k}: {sum(counts.values())} target suggestions")
    for (label, tie), n in counts.most_common():
        print(f"   {n:4d}  {label:10s} {tie}")


if __name__ == "__main__":
    main()
