"""Whether two checkouts' engines give exactly the same answers on the same synthetic rows.

Each checkout runs in its own process (its own `matcher` package on the path) and writes what
it suggests: the batch (`suggest(rows, top_k)`) and, for a few new actions, `suggest_for`
against an index of the other rows. The two outputs are compared field by field (pairs, kinds,
scores, reasons, features).

PYTHONPATH=. .venv/bin/python -m bench.matching.same_answers 20000 --against /work/main
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _as_data(suggestions: list) -> list[dict]:
    return [
        {
            "a": s.a,
            "b": s.b,
            "score": s.score,
            "kinds": s.kinds,
            "why": s.why,
            "features": s.features,
        }
        for s in suggestions
    ]


def dump(rows_path: str, out_path: str, top_k: int, n_new: int, prepare: bool = False) -> None:
    """Run the engine on the pickled rows; write its answers as JSON (run in each checkout);
    `prepare`: the index ranks and keeps every stored list first, where it can."""
    from matcher.matching import MatchIndex, suggest

    with open(rows_path, "rb") as handle:
        rows = pickle.load(handle)  # noqa: S301 (written by main() just before)
    out: dict = {"batch": _as_data(suggest(rows, top_k=top_k))}
    if n_new:
        index = MatchIndex(rows[:-n_new])
        if prepare and hasattr(index, "prepare"):
            index.prepare(top_k)
        out["one"] = [_as_data(index.suggest_for(row, top_k)) for row in rows[-n_new:]]
    with open(out_path, "w") as handle:
        json.dump(out, handle, sort_keys=True, default=str)


def run_in(
    checkout: Path, rows_path: str, out_path: str, top_k: int, n_new: int, prepare: bool = False
) -> dict:
    """`dump` in a fresh process with `checkout`'s package and virtualenv."""
    python = checkout / ".venv" / "bin" / "python"
    env = dict(os.environ, PYTHONPATH=str(checkout))
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); "
        "from same_answers import dump; dump(sys.argv[2], sys.argv[3], int(sys.argv[4]), "
        "int(sys.argv[5]), sys.argv[6] == '1')"
    )
    here = str(Path(__file__).parent)
    subprocess.run(  # noqa: S603 (this checkout's or the given one's python, fixed code)
        [str(python), "-c", code, here, rows_path, out_path, str(top_k), str(n_new), str(+prepare)],
        check=True,
        cwd=checkout,
        env=env,
    )
    with open(out_path) as handle:
        return json.load(handle)


def differences(left: list[dict], right: list[dict], limit: int = 5) -> list[str]:
    """Human-readable differences between two answer lists (empty when identical)."""
    out = []
    if len(left) != len(right):
        out.append(f"{len(left)} suggestions vs {len(right)}")
    for n, (x, y) in enumerate(zip(left, right, strict=False)):
        if x != y:
            keys = [k for k in x if x.get(k) != y.get(k)]
            out.append(f"#{n} {x['a']}-{x['b']} vs {y['a']}-{y['b']}: {keys}")
            if len(out) >= limit:
                break
    return out


def main() -> None:
    """Compare this checkout with another on `n` synthetic rows (seed 1)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("--against", default="/work/main")
    parser.add_argument("--top-k", type=int, default=5)
    parser.add_argument("--new", type=int, default=20, help="new actions for suggest_for")
    parser.add_argument("--cache", help="reuse the other checkout's answers from this file")
    parser.add_argument(
        "--prepare", action="store_true", help="this checkout's index keeps every list first"
    )
    args = parser.parse_args()
    from bench.matching.synth import generate

    rows = generate(args.n, seed=1)
    with tempfile.TemporaryDirectory() as tmp:
        rows_path = os.path.join(tmp, "rows.pickle")
        with open(rows_path, "wb") as handle:
            pickle.dump(rows, handle)
        if args.cache and os.path.exists(args.cache):
            with open(args.cache) as handle:
                theirs = json.load(handle)
        else:
            out = args.cache or os.path.join(tmp, "theirs.json")
            theirs = run_in(Path(args.against), rows_path, out, args.top_k, args.new)
        mine = run_in(
            ROOT, rows_path, os.path.join(tmp, "mine.json"), args.top_k, args.new, args.prepare
        )
    bad = differences(theirs["batch"], mine["batch"])
    for n, (x, y) in enumerate(zip(theirs.get("one", []), mine.get("one", []), strict=True)):
        bad += [f"new action {n}: {d}" for d in differences(x, y, 2)]
    print(f"batch: {len(mine['batch'])} suggestions; new actions: {len(mine.get('one', []))}")
    print("\n".join(bad) if bad else "identical")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
