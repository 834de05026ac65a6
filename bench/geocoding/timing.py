"""Speed, cold start and memory of the offline geocoder (for ``run.py``): warm lookups per
second in CPU time, the wall and CPU time of fresh processes, the peak RSS of one that does
every kind of lookup."""

from __future__ import annotations

import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from query_sets import SEED, import_stream, real_queries, typo_samples  # noqa: E402

from matcher.geocoding import get_gazetteer, place_name_for  # noqa: E402

__all__ = ["REPEATS", "cold_start", "peak_memory", "speed"]

REPEATS = 5


def _rate(queries: list[str], memo: bool = False) -> float:
    """Lookups per second (CPU time, median of REPEATS). Without ``memo`` the memo of
    repeated strings is emptied before each repeat, so every query is really read."""
    gazetteer = get_gazetteer()
    geocode = gazetteer.geocode
    rates = []
    for _ in range(REPEATS):
        if not memo:
            gazetteer.reader.read.cache_clear()
        start = time.process_time()
        for query in queries:
            geocode(query)
        rates.append(len(queries) / (time.process_time() - start))
    return statistics.median(rates)


def speed() -> dict[str, float]:
    """Warm lookups per second on one core (median of REPEATS runs), reverse included."""
    data = get_gazetteer().data
    rng = random.Random(SEED)
    rows = [r for r in range(len(data.names)) if data.pop[r] >= 1000]
    exact = [data.display(r) for r in rng.sample(rows, 5000)]
    fuzzy = [query for _, query in typo_samples(2000)]
    zips = rng.sample(sorted(data.zips), 5000)
    for queries in (exact, fuzzy):  # warm up (first fuzzy scan per state builds its list)
        for query in queries:
            get_gazetteer().geocode(query)
    mix = real_queries()
    result = {
        "exact": _rate(exact),
        "fuzzy_with_state": _rate(fuzzy),
        "zip": _rate(zips),
        "real_mix_distinct": _rate(mix),
        "import_stream_memoised": _rate(import_stream(), memo=True),
        "exact_memoised": _rate(exact, memo=True),
    }
    gazetteer = get_gazetteer()
    points = [(rng.uniform(25, 49), rng.uniform(-124, -67)) for _ in range(5000)]
    gazetteer.reverse(points[0])  # builds the tree
    rates = []
    for _ in range(REPEATS):
        start = time.process_time()
        for point in points:
            gazetteer.reverse(point)
        rates.append(len(points) / (time.process_time() - start))
    result["reverse"] = statistics.median(rates)
    start = time.perf_counter()
    place_name_for(points)
    result["place_name_for_5000_points_s"] = time.perf_counter() - start
    return result


def _wall(command: list[str]) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of the child, in seconds."""
    times, cpu = [], []
    for _ in range(REPEATS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)  # noqa: S603
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times), statistics.median(cpu)


def cold_start() -> dict[str, tuple[float, float]]:
    """Wall time of a fresh process geocoding one query (median of REPEATS)."""
    python = sys.executable
    direct = [
        python,
        "-c",
        "from matcher.cli.geocode import geocode_command; geocode_command(['Bay Area, CA'])",
    ]
    result = {"geocode_command": _wall(direct)}
    result["python_-m_matcher.cli.geocode"] = _wall(
        [python, "-m", "matcher.cli.geocode", "Bay Area, CA"]
    )
    script = Path(python).with_name("matcher")
    if script.exists():
        result["matcher_geocode"] = _wall([str(script), "geocode", "Bay Area, CA"])
    return result


def peak_memory() -> float:
    """Peak RSS (MB) of a process that loads the gazetteer and does every kind of lookup."""
    code = (
        "import resource\n"
        "from matcher.geocoding import get_gazetteer, place_name_for\n"
        "g = get_gazetteer()\n"
        "for q in ['Bay Area, CA', 'Alburqurque, NM', 'ZIP 78205', 'Hennepin County',\n"
        "          'Chicgo', 'Sprngfield, IL', 'Online']:\n"
        "    g.geocode(q)\n"
        "g.reverse((44.98, -93.27))\n"
        "place_name_for([(37.8, -122.27), (37.77, -122.42)])\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return int(out.strip()) / 1024
