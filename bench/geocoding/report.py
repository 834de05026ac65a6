"""The Markdown of ``bench/geocoding/RESULTS.md`` from the benchmark's figures (for
``run.py``): the table of measures and targets, the notes under it, the real-world sets'
tables (``real.py``) and the misses of ``cases.csv``."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from query_sets import SEED, real_queries  # noqa: E402

__all__ = ["real_world_lines", "report"]


def real_world_lines() -> list[str]:
    """The real-world sets' figures (bench/geocoding/real.py) as Markdown lines."""
    import real  # bench/geocoding/real.py, beside this file

    lines = [
        "",
        "## Real-world sets (strings copied from public event pages and news, labelled by hand)",
        "",
        "`dev.csv`, `dev2.csv`, `dev3.csv` and `dev4.csv` are for tuning the rules; "
        "`eval.csv` is held out (its misses were never looked at). `from_string=yes` marks "
        "the strings that name their place at all (a hand label; e.g. 'marched along "
        "Congress Street' does not). Confidently wrong: city precision or finer, not flagged "
        "for the organizer to confirm, "
        "more than 100 km off.",
        "",
        "| set | rows | sources | right | right where the string names its place "
        "| Spanish | confidently wrong |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    details = []
    for name in real.SETS:
        result = real.score(name)
        named = result.share(lambda o: o.row.get("from_string", "yes") == "yes")
        spanish = result.share(lambda o: o.row["language"] == "es")
        wrong = len(result.confident_wrong)
        lines.append(
            f"| {name} | {len(result.outcomes)} | {result.sources} | {real._pct(result.share())} "
            f"| {real._pct(named)} | {real._pct(spanish)} "
            f"| {wrong} ({100 * wrong / len(result.outcomes):.1f}%) |"
        )
        kinds = ", ".join(f"{k} {real._pct(v)}" for k, v in result.by("kind").items())
        details.append(f"- {name} by kind: {kinds}.")
    lines += [
        "",
        *details,
        "",
        "| target set | rows | right | known entities found "
        "| less specific (its operator or agency) | wrong entity named |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name in [n for n in real.SETS if (real.REAL / f"targets_{n}.csv").exists()]:
        outcomes = real.score_targets(name)
        known = [o for o in outcomes if o.wanted]
        lines.append(
            f"| targets_{name} | {len(outcomes)} | "
            f"{real._pct((sum(o.right for o in outcomes), len(outcomes)))} | "
            f"{real._pct((sum(o.right for o in known), len(known)))} | "
            f"{sum(o.less_specific for o in outcomes)} | {sum(o.wrong_entity for o in outcomes)} |"
        )
    return lines


def report(
    acc: dict[str, Any],
    typos: dict[str, Any],
    places: dict[str, Any],
    rates: dict[str, float],
    cold: dict[str, tuple[float, float]],
    memory: float,
) -> str:
    """RESULTS.md from the figures of ``accuracy``, ``typo_robustness``, ``random_places``,
    ``speed``, ``cold_start`` and ``peak_memory``."""
    lines = [
        "# Offline geocoding benchmark",
        "",
        f"Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC. "
        f"Python {sys.version.split()[0]}, one core.",
        "Reproduce: `.venv/bin/python bench/geocoding/run.py --write` (add `-v` for misses).",
        "",
        "| measure | result | target |",
        "| --- | --- | --- |",
        f"| accuracy on cases.csv ({acc['cases']} cases, {acc['states']} states/DC/PR) "
        f"| {acc['share']:.1%} ({acc['right']}/{acc['cases']}) | >= 97% |",
        f"| random GeoNames places (500+ people) in random formats ({places['samples']}, "
        f"e.g. 'Name ST', 'NAME, Ap.', 'Name, State, USA') | {places['share']:.1%} "
        f"({places['ambiguous']} ambiguous: a larger same-named place in the state) | - |",
        f"| one-letter typos, place >= 20,000 people, state given ({typos['samples']} samples, "
        f"seed {SEED}) | {typos['share']:.1%} | >= 98% |",
        f"| exact names ('City, ST'), warm, each read (memo emptied), one core "
        f"| {rates['exact']:,.0f} lookups/s | >= 50,000/s |",
        f"| same, repeated names answered from the memo | {rates['exact_memoised']:,.0f} "
        "lookups/s | - |",
        f"| fuzzy with state (typo'd names), warm, each read | "
        f"{rates['fuzzy_with_state']:,.0f} lookups/s | >= 10,000/s |",
        f"| realistic mix: every real-world string (dev, dev2, eval; {len(real_queries())} "
        f"distinct), each read | {rates['real_mix_distinct']:,.0f} lookups/s | >= 10,000/s |",
        "| realistic import: 20,000 real strings drawn with repetition (Zipf), memoised | "
        f"{rates['import_stream_memoised']:,.0f} lookups/s | >= 10,000/s |",
        f"| ZIP codes, warm | {rates['zip']:,.0f} lookups/s | - |",
        f"| reverse (nearest place), warm | {rates['reverse']:,.0f} lookups/s | - |",
        f"| place_name_for, 5,000 points | {rates['place_name_for_5000_points_s'] * 1000:.0f} ms "
        "| - |",
    ]
    for name, (seconds, cpu) in cold.items():
        lines.append(
            f"| cold start, `{name.replace('_', ' ')}` one query | {seconds:.2f} s wall "
            f"({cpu:.2f} s CPU) | < 1 s |"
        )
    lines += [
        f"| peak memory (RSS) after load and every kind of lookup | {memory:.0f} MB | < 200 MB |",
        "",
        "Accuracy by kind (right/total): "
        + ", ".join(f"{k} {a}/{b}" for k, (a, b) in acc["by_kind"].items())
        + ".",
        "",
        "Tolerances: 15 km (city, postcode), 25 km (region nicknames), 40 km (counties: the "
        "gazetteer places a county at the mean of its ZIP centroids, the case at its main "
        "city); states are right when the state matches; junk is right when nothing is found.",
        "Speed figures are medians of 5 repeats measured in CPU time of the process "
        "(`time.process_time`, so other jobs on the machine do not count); cold start is the "
        "median wall time (and CPU time) of 5 processes.",
        "cases.csv was assembled while the rules were written, so its score flatters; the "
        "random-place and typo rows are drawn from GeoNames with a fixed seed (the typo run "
        "was used to set the fuzzy cutoffs; no rule names a sampled place).",
        f"Machine load average while running: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs.",
    ]
    lines += real_world_lines()
    if acc["failures"]:
        lines += ["", "Misses of cases.csv:", ""] + [
            f"- `{q}`: expected {e}, got {g}" for q, e, g in acc["failures"]
        ]
    return "\n".join(lines) + "\n"
