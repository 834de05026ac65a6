"""Scores the matcher on the hand-labelled real-action sets (bench/matching/real/).

    PYTHONPATH=. .venv/bin/python -m bench.matching.real --set eval --top-k 5,10
    PYTHONPATH=. .venv/bin/python -m bench.matching.real --set dev2 --top-k 5,10 --show 30
    PYTHONPATH=. .venv/bin/python -m bench.matching.real --set all --mode typed --show 50
    PYTHONPATH=. .venv/bin/python -m bench.matching.real --set eval --totals   # held out
    PYTHONPATH=. .venv/bin/python -m bench.matching.real --set dev6 --bound  # vs the best choice

Sets: `dev`, `dev2` to `dev5` and `dev7` are for tuning, `dev6` is dev..dev5's union run as
one (large same-tier cliques, like eval's), `eval` is held out (`all` runs the eight).

Modes: `exact` uses the hand-placed coordinates (precision from the set's `note`: a "state
centroid" is a state-precision place); `typed` geocodes `location` offline, as an import would,
with the geocoder's precision and its "please confirm" flag.

Recall is counted against what the quota allows: for each action and each kind, the must
partners it got (at most K) over min(K, its must partners of that kind). A pair counts for a
kind only when it is suggested with that kind. A never-pair counts when it is suggested with its
kind. `--show N` prints the first N suggestions of the review order (score) for reading.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
from collections import defaultdict
from pathlib import Path

from bench.matching.bound import bound
from matcher.matching import ActionRow, suggest

HERE = Path(__file__).parent / "real"
SETS = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "eval")
#: Sets run as the union of other sets' actions (real/derive_pairs.py derives their pairs).
UNIONS = {"dev6": ("dev", "dev2", "dev3", "dev4", "dev5")}


def _precision_from_note(note: str) -> str:
    note = note.lower()
    if "state centroid" in note:
        return "state"
    if "city centre" in note or "city center" in note:
        return "city"
    if "zip" in note:
        return "postcode"
    return "address"


def load_rows(name: str, mode: str = "exact") -> list[ActionRow]:
    """The actions of one set as the matcher sees them."""
    if name in UNIONS:
        return [row for member in UNIONS[name] for row in load_rows(member, mode)]
    geocoder = None
    if mode == "typed":
        from matcher.geocoding import get_gazetteer

        geocoder = get_gazetteer()
    rows = []
    with open(HERE / f"{name}_actions.csv", encoding="utf-8") as handle:
        for item in csv.DictReader(handle):
            flagged = False
            if mode == "typed":
                found = geocoder.geocode(item["location"], hint=f"{item['title']} {item['target']}")
                if found is None:
                    lat = lon = None
                    precision = None
                else:
                    lat, lon = found.latitude, found.longitude
                    precision = found.raw.get("precision")
                    flagged = bool(found.raw.get("confirm"))
            else:
                lat, lon = float(item["latitude"]), float(item["longitude"])
                precision = _precision_from_note(item["note"])
            rows.append(
                ActionRow(
                    id=item["ref"],
                    latitude=lat,
                    longitude=lon,
                    date=datetime.date.fromisoformat(item["date"]),
                    target_type=item["target_type"],
                    target=item["target"],
                    organizations=tuple(o for o in item["organizations"].split(";") if o),
                    contact_email=item["contact_email"],
                    intro_region=item["intro_region"] == "yes",
                    intro_target=item["intro_target"] == "yes",
                    title=item["title"],
                    place=item["location"],
                    precision=precision,
                    place_flagged=flagged,
                )
            )
    return rows


def load_pairs(name: str) -> list[dict]:
    """The labelled pairs of one set."""
    with open(HERE / f"{name}_pairs.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def score(rows: list[ActionRow], pairs: list[dict], top_k: int) -> dict:
    """Recall of must-pairs against the quota, never-pairs suggested, per kind and tie."""
    found = suggest(rows, top_k=top_k)
    kinds_of = {frozenset((s.a, s.b)): set(s.kinds) for s in found}
    must: dict[tuple[str, str], set[str]] = defaultdict(set)  # (action, kind) -> partners
    tie_of: dict[tuple[frozenset, str], str] = {}
    nevers = []
    for p in pairs:
        key = frozenset((p["ref_a"], p["ref_b"]))
        if p["label"] == "must":
            must[(p["ref_a"], p["kind"])].add(p["ref_b"])
            must[(p["ref_b"], p["kind"])].add(p["ref_a"])
            tie_of[(key, p["kind"])] = p["reason"].split(" (")[0].split(";")[0]
        else:
            nevers.append(p)
    out: dict = {"top_k": top_k, "suggestions": len(found)}
    for kind in ("region", "target", "all"):
        allowed = got = 0
        for (ref, k), partners in must.items():
            if kind != "all" and k != kind:
                continue
            hit = sum(1 for o in partners if k in kinds_of.get(frozenset((ref, o)), ()))
            allowed += min(top_k, len(partners))
            got += min(top_k, hit)
        out[f"{kind}_recall"] = got / allowed if allowed else None
        out[f"{kind}_allowed"] = allowed
    by_tie: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (key, kind), tie in tie_of.items():
        by_tie[f"{kind}: {tie}"][1] += 1
        by_tie[f"{kind}: {tie}"][0] += kind in kinds_of.get(key, ())
    out["pairs_by_tie"] = {t: f"{a}/{b}" for t, (a, b) in sorted(by_tie.items())}
    broken = [
        p for p in nevers if p["kind"] in kinds_of.get(frozenset((p["ref_a"], p["ref_b"])), ())
    ]
    out["never_suggested"] = len(broken)
    out["never_pairs"] = len(nevers)
    out["never_examples"] = [
        f"{p['ref_a']} ~ {p['ref_b']} ({p['kind']}): {p['reason']}" for p in broken[:10]
    ]
    return out


def show(rows: list[ActionRow], top_k: int, n: int) -> None:
    """The first n suggestions in review order, for reading."""
    by_id = {r.id: r for r in rows}
    for rank, s in enumerate(suggest(rows, top_k=top_k)[:n], 1):
        a, b = by_id[s.a], by_id[s.b]
        print(
            f"{rank:3d}. {s.score:.3f} {'+'.join(s.kinds):13s} "
            f"{a.target!r} ({a.place}) ~ {b.target!r} ({b.place})"
        )
        print("      " + "; ".join(s.reasons))


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="eval", choices=(*SETS, "all"))
    parser.add_argument("--mode", default="exact", choices=("exact", "typed"))
    parser.add_argument("--top-k", default="5,10")
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--bound",
        action="store_true",
        help="also the best recall any choice could reach given the engine's ties (bound.py)",
    )
    parser.add_argument(
        "--totals",
        action="store_true",
        help="recall and never-pair counts only: no pair, tie or example (for the held-out set)",
    )
    args = parser.parse_args()
    for name in SETS if args.set == "all" else (args.set,):
        rows = load_rows(name, args.mode)
        pairs = load_pairs(name)
        for k in (int(x) for x in args.top_k.split(",")):
            result = score(rows, pairs, k)
            if args.bound:
                result.update(bound(rows, pairs, k))
            if args.totals:
                for key in ("never_examples", "pairs_by_tie"):
                    result[key] = {} if key == "pairs_by_tie" else []
            if args.json:
                print(json.dumps({"set": name, "mode": args.mode, **result}))
                continue
            print(f"== {name} ({args.mode}), top-{k}: {result['suggestions']} suggestions")
            for kind in ("region", "target", "all"):
                r = result[f"{kind}_recall"]
                print(f"   {kind:6s} recall {r:.1%} of {result[f'{kind}_allowed']} allowed")
                if result.get(f"{kind}_bound") is not None:
                    print(
                        f"          bound {result[f'{kind}_bound']:.1%}"
                        f" (must pairs the engine ties: {result[f'{kind}_tied']})"
                    )
            print(
                f"   never-pairs suggested: {result['never_suggested']} of {result['never_pairs']}"
            )
            for line in result["never_examples"]:
                print("     ", line)
            for tie, frac in result["pairs_by_tie"].items():
                print(f"     {tie}: {frac}")
        if args.show:
            show(rows, 10, args.show)


if __name__ == "__main__":
    main()
