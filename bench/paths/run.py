"""The product's own paths at scale, each beside the engine's time in the same run.

    PYTHONPATH=. .venv/bin/python -m bench.paths.run --sizes 10000,100000
    PYTHONPATH=. nohup .venv/bin/python -m bench.paths.run --sizes 1000000 --repeat 1 \\
        --skip sqlite > bench/paths/run-1m.log 2>&1 &

For each size N: a CSV of N synthetic actions (bench/matching/synth.py, seed 1, dated next
October, 99% with coordinates); the engine on the same rows in memory (`suggest`, the
baseline); `matcher suggest FILE.csv`; `matcher import --no-notify FILE.csv` (which ends with
the batch match) into a fresh SQLite file and a fresh PostgreSQL database; `matcher match` again
on PostgreSQL (every action already matched once); and the time from the commit of one newly
published action to its stored suggestions (the incremental job, in process) against the
database of N (`bench/paths/publish.py`, which runs alone on an existing database too). Every
command runs as a child process, timed by wall clock, with its peak RSS (`/usr/bin/time`).
Prints one JSON object per measurement and a summary at the end.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess  # the commands timed are our own, with fixed arguments
import sys
import tempfile
import time
from pathlib import Path

from matcher.formats.action_fields import FIELDS

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
PG = "postgresql+psycopg://postgres@127.0.0.1:5432"
HEADER = list(FIELDS[: FIELDS.index("public") + 1])  # the 15 columns of the pinned format


def _load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def write_csv(n: int, path: Path) -> None:
    """N synthetic actions as a coordinators' spreadsheet."""
    from bench.matching.synth import generate

    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for row in generate(n, seed=1, year=2027):
            writer.writerow(
                [
                    f"b-{row.id}",
                    row.title,
                    row.date.isoformat(),
                    row.place,
                    "" if row.latitude is None else f"{row.latitude:.5f}",
                    "" if row.longitude is None else f"{row.longitude:.5f}",
                    row.target_type,
                    row.target,
                    ";".join(row.organizations),
                    f"Organizer {row.id}",
                    row.contact_email,
                    "es" if row.id % 5 == 0 else "en",
                    "yes" if row.intro_region else "no",
                    "yes" if row.intro_target else "no",
                    "yes",
                ]
            )


def timed(args: list[str], env: dict[str, str], *, quiet: bool = True) -> dict:
    """Run a command; wall time, peak RSS (GB) and load average before it."""
    load = _load()
    start = time.perf_counter()
    done = subprocess.run(  # noqa: S603 (our own commands)
        ["/usr/bin/time", "-f", "%M %U %S", *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL if quiet else subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{args} failed: {done.stderr[-3000:]}")
    peak_kb, user, system = done.stderr.strip().splitlines()[-1].split()
    return {
        "seconds": round(seconds, 2),
        "cpu_s": round(float(user) + float(system), 2),
        "peak_gb": round(int(peak_kb) / 1024 / 1024, 2),
        "load": load,
        "summary": [line for line in done.stderr.splitlines()[:-1] if line][-3:],
    }


ENGINE = """
import json, time, resource
from bench.paths.run import engine_rows
from matcher.matching import suggest
rows = engine_rows({path!r})
start, cpu = time.perf_counter(), time.process_time()
found = suggest(rows, top_k=5)
print(json.dumps({{"engine_s": time.perf_counter() - start, "cpu_s": time.process_time() - cpu,
                  "pairs": len(found)}}))
"""


def engine_rows(path: str) -> list:
    """The rows the engine sees, from the CSV as `matcher suggest` would read them (no
    validation: the baseline is the engine alone)."""
    import datetime

    from matcher.matching import ActionRow

    out = []
    with open(path, newline="", encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            out.append(
                ActionRow(
                    id=r["ref"],
                    latitude=float(r["latitude"]) if r["latitude"] else None,
                    longitude=float(r["longitude"]) if r["longitude"] else None,
                    date=datetime.date.fromisoformat(r["date"]),
                    target_type=r["target_type"],
                    target=r["target"],
                    organizations=tuple(r["organizations"].split(";")),
                    contact_email=r["contact_email"],
                    intro_region=r["intro_region"] == "yes",
                    intro_target=r["intro_target"] == "yes",
                    title=r["title"],
                    place=r["location"],
                )
            )
    return out


def engine(path: Path, env: dict[str, str]) -> dict:
    """The engine's batch on the rows in memory (in a child, so memory is its own)."""
    load = _load()
    done = subprocess.run(  # noqa: S603 (our own commands)
        [str(BIN / "python"), "-c", ENGINE.format(path=str(path))],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    out = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "seconds": round(out["engine_s"], 2),
        "cpu_s": round(out["cpu_s"], 2),
        "pairs": out["pairs"],
        "load": load,
    }


def publish_latency(url: str, count: int, env: dict[str, str]) -> dict:
    """From the commit of a newly published action to its stored suggestions (in process, in a
    child: `python -m bench.paths.publish`, which also runs alone on an existing database)."""
    load = _load()
    done = subprocess.run(  # noqa: S603 (our own commands)
        [str(BIN / "python"), "-m", "bench.paths.publish", "--url", url, "--count", str(count)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    return {**json.loads(done.stdout.strip().splitlines()[-1]), "load": load}


def _pg_database(name: str) -> str:
    import psycopg

    with psycopg.connect(PG.replace("+psycopg", "") + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{PG}/{name}"


def run_size(n: int, args: argparse.Namespace, work: Path) -> dict:
    """Every measurement at one size."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    path = work / f"actions-{n}.csv"
    write_csv(n, path)
    matcher = str(BIN / "matcher")
    out: dict = {"n": n}
    repeat = args.repeat

    def med(key: str, runs: list[dict]) -> None:
        out[key] = {
            "median_s": statistics.median(r["seconds"] for r in runs),
            "runs": [r["seconds"] for r in runs],
            "peak_gb": max(r.get("peak_gb", 0) for r in runs),
            "cpu_s": [r.get("cpu_s") for r in runs],
            "load": [r["load"] for r in runs],
            "summary": runs[-1].get("summary"),
        }
        print(json.dumps({"n": n, key: out[key]}), flush=True)

    med("engine", [engine(path, env) for _ in range(repeat)])
    if "suggest" not in args.skip:
        med("suggest", [timed([matcher, "suggest", str(path)], env) for _ in range(repeat)])
    if "sqlite" not in args.skip:
        runs = []
        for k in range(repeat):
            db_path = work / f"bench-{n}-{k}.sqlite3"
            db_env = {**env, "DATABASE_URL": f"sqlite:///{db_path}"}
            timed([matcher, "db", "upgrade"], db_env)
            runs.append(timed([matcher, "import", "--no-notify", str(path)], db_env))
            db_path.unlink()
        med("import_sqlite", runs)
    if "postgres" not in args.skip:
        runs, url = [], ""
        for k in range(repeat):
            url = _pg_database(f"{args.database}_{n}")
            pg_env = {**env, "DATABASE_URL": url}
            timed([matcher, "db", "upgrade"], pg_env)
            runs.append(timed([matcher, "import", "--no-notify", str(path)], pg_env))
            del k
        med("import_postgres", runs)
        pg_env = {**env, "DATABASE_URL": url}
        med("match_postgres", [timed([matcher, "match"], pg_env) for _ in range(repeat)])
        if "publish" not in args.skip:
            out["publish_postgres"] = publish_latency(url, args.publish, env)
            print(json.dumps({"n": n, "publish_postgres": out["publish_postgres"]}), flush=True)
    engine_s = out["engine"]["median_s"]
    out["ratios"] = {
        key: round(out[key]["median_s"] / engine_s, 2)
        for key in ("suggest", "import_sqlite", "import_postgres", "match_postgres")
        if key in out
    }
    print(json.dumps({"n": n, "ratios": out["ratios"]}), flush=True)
    return out


def main() -> None:
    """Parse the options and run every size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--publish", type=int, default=20, help="published actions timed")
    parser.add_argument(
        "--database",
        default="bench_paths",
        help="PostgreSQL database name prefix (the database of N is PREFIX_N, dropped first)",
    )
    parser.add_argument(
        "--skip", default="", help="comma-separated: suggest, sqlite, postgres, publish"
    )
    args = parser.parse_args()
    args.skip = set(filter(None, args.skip.split(",")))
    print(json.dumps({"python": sys.version.split()[0], "cpus": os.cpu_count()}), flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-paths-") as tmp:
        results = [run_size(int(n), args, Path(tmp)) for n in args.sizes.split(",")]
    print(json.dumps({"results": results}), flush=True)


if __name__ == "__main__":
    main()
