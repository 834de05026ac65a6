"""Benchmark runner for the matching engine.

    python -m bench.matching.run --sizes 10000,100000          # what CI may run
    nohup python -m bench.matching.run --sizes 1000000 > bench/matching/run-1m.log 2>&1 &

Each size runs in its own child process (so peak memory is per size) and reports: batch
top-5 for all actions (median of --repeat runs, build included), peak RSS, one new action
against the index (median / p95 of --incremental queries), agreement of the fast path with
exact brute force on --quality-sample actions (top-5 score lists identical), and agreement of
incremental with batch for the new actions. The naive pure-Python baseline is timed once on
--baseline-n actions and extrapolated by pair count.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time

import numpy as np

from bench.matching.naive import naive_top_k
from bench.matching.synth import generate


def _peak_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def _exact_top_scores(index, q: int, k: int) -> tuple[list[float], list[float]]:
    """The exact region and target lists' scores of one action (every pair scored)."""
    from matcher.matching.scoring import rank_lists, score_pairs

    active = np.flatnonzero(index.table.col("active"))
    pairs = score_pairs(
        index.table, index.settings, np.full(len(active), q), active, np.zeros(0, np.int64)
    )
    near, far = rank_lists(index.table, pairs, k)
    return near.rscore.tolist(), far.tscore.tolist()


def run_one(
    n: int, *, repeat: int, sample: int, incremental: int, seed: int, batch: bool = True
) -> dict:
    """Measure one size (in this process); without `batch`, only the index measurements."""
    from matcher.matching import MatchIndex, suggest

    rows = generate(n, seed=seed)
    out: dict = {"n": n, "rows_rss_gb": _peak_gb()}
    times, result = [], []
    for _ in range(repeat if batch else 0):
        result = []
        start = time.perf_counter()
        result = suggest(rows, top_k=5)
        times.append(time.perf_counter() - start)
    out["batch_peak_rss_gb"] = _peak_gb()
    degree: dict = {}
    for s in result:
        for kind in s.kinds:  # the cap holds per kind
            degree[s.a, kind] = degree.get((s.a, kind), 0) + 1
            degree[s.b, kind] = degree.get((s.b, kind), 0) + 1
    active = sum(1 for r in rows if r.published)
    out.update(
        batch_s=[round(t, 2) for t in times],
        batch_median_s=statistics.median(times) if times else None,
        pairs=len(result),
        active_actions=active,
        actions_with_partner=len({x for x, _ in degree}),
        max_partners=max(degree.values(), default=0),
    )
    del result

    # incremental: index over all but the last m rows, then each new row against it
    m = min(incremental, n // 10)
    base, new_rows = rows[: n - m], rows[n - m :]
    start = time.perf_counter()
    index = MatchIndex(base)
    out["index_build_s"] = time.perf_counter() - start
    latencies, incr = [], {}
    for row in new_rows:
        t0 = time.perf_counter()
        got = index.suggest_for(row, top_k=5)
        latencies.append((time.perf_counter() - t0) * 1000)
        incr[row.id] = {(s.a, s.b, s.score) for s in got}
    out["incremental_queries"] = len(latencies)
    out["incremental_ms_median"] = statistics.median(latencies)
    out["incremental_ms_p95"] = float(np.percentile(latencies, 95))

    # batch over base + one new row must give that row the same pairs as suggest_for
    checked = new_rows[: (3 if n <= 100_000 else 1) if batch else 0]
    agree = 0
    for row in checked:
        batch = suggest([*base, row], top_k=5)
        agree += {(s.a, s.b, s.score) for s in batch if row.id in (s.a, s.b)} == incr[row.id]
        del batch
    out["batch_vs_incremental"] = f"{agree}/{len(checked)}"

    # fast path vs exact brute force on sampled actions of the index
    rng = np.random.default_rng(seed + 7)
    active_pos = np.flatnonzero(index.table.col("active"))
    qs = rng.choice(active_pos, size=min(sample, len(active_pos)), replace=False)
    near, far = index.top_k(qs, 5, np.zeros(0, np.int64))
    same = slots = slot_ok = 0
    for q in qs.tolist():
        exact = _exact_top_scores(index, q, 5)
        fast = (near.rscore[near.i == q].tolist(), far.tscore[far.i == q].tolist())
        same += fast == exact  # both lists identical
        for f, e in zip(fast, exact, strict=True):
            slots += len(e)
            slot_ok += sum(1 for a, b in zip(f, e, strict=False) if a == b)
    out["quality_sample"] = len(qs)
    out["top5_identical"] = same / max(len(qs), 1)
    out["top5_slots_identical"] = slot_ok / max(slots, 1)
    out["peak_rss_gb"] = _peak_gb()
    return out


def baseline(n: int, seed: int) -> dict:
    """Naive pure-Python pairwise baseline on n rows."""
    rows = generate(n, seed=seed)
    start = time.perf_counter()
    _, pairs = naive_top_k(rows, 5)
    elapsed = time.perf_counter() - start
    return {"n": n, "seconds": elapsed, "pairs": pairs, "us_per_pair": elapsed / pairs * 1e6}


def main(argv: list[str] | None = None) -> None:
    """Parse arguments; run each size in a child process; print JSON lines and a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quality-sample", type=int, default=300)
    parser.add_argument("--incremental", type=int, default=200)
    parser.add_argument("--baseline-n", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--no-batch", action="store_true", help="only the index: incremental and quality"
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        result = run_one(
            args.one,
            repeat=args.repeat,
            sample=args.quality_sample,
            incremental=args.incremental,
            seed=args.seed,
            batch=not args.no_batch,
        )
        print(json.dumps(result), flush=True)
        return
    base = baseline(args.baseline_n, args.seed) if args.baseline_n else None
    if base:
        print(json.dumps({"baseline": base}), flush=True)
    for size in [int(s) for s in args.sizes.split(",") if s]:
        cmd = [
            sys.executable,
            "-m",
            "bench.matching.run",
            "--one",
            str(size),
            "--repeat",
            str(args.repeat),
            "--quality-sample",
            str(args.quality_sample),
            "--incremental",
            str(args.incremental),
            "--seed",
            str(args.seed),
            *(["--no-batch"] if args.no_batch else []),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)  # noqa: S603
        if proc.returncode:
            print(proc.stderr, file=sys.stderr)
            continue
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        if base and result.get("batch_median_s"):
            naive_s = base["us_per_pair"] * 1e-6 * size * (size - 1) / 2
            result["naive_extrapolated_s"] = naive_s
            result["speedup_vs_naive"] = naive_s / result["batch_median_s"]
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
