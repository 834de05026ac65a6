"""The hand-labelled real-action sets (bench/matching/real/): dev2's pairs are the ones its
labels give, its sources are new, and its dates follow the weekday rule."""

from __future__ import annotations

import csv
import datetime
import importlib.util
import re
from pathlib import Path

REAL = Path(__file__).resolve().parents[2] / "bench" / "matching" / "real"
WEEKEND = {0: "2027-10-11", 5: "2027-10-09", 6: "2027-10-10"}  # else Friday 2027-10-08
URL = re.compile(r"https?://[^\s|]+")


def _derive_module():
    spec = importlib.util.spec_from_file_location("derive_pairs", REAL / "derive_pairs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _actions(name: str) -> list[dict]:
    with open(REAL / f"{name}_actions.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _urls(row: dict) -> set[str]:
    return {u.rstrip(",;)") for u in [row["source_url"], *URL.findall(row["note"])]}


def test_dev2_pairs_are_derived_from_the_labels() -> None:
    module = _derive_module()
    actions, traps = module.load("dev2")
    derived = module.derive(actions, traps)
    with open(REAL / "dev2_pairs.csv", encoding="utf-8") as handle:
        stored = list(csv.DictReader(handle))
    assert stored == derived
    musts = [p for p in stored if p["label"] == "must"]
    assert {p["kind"] for p in musts} == {"region", "target"}
    used = {(t["ref_a"], t["ref_b"]) for t in traps}
    assert used <= {(p["ref_a"], p["ref_b"]) for p in stored if p["label"] == "never"}


def test_dev2_sources_are_in_neither_other_set() -> None:
    known = {u for name in ("dev", "eval") for row in _actions(name) for u in _urls(row)}
    dev2 = _actions("dev2")
    assert 70 <= len(dev2) <= 100
    assert not {u for row in dev2 for u in _urls(row)} & known


def test_dev2_dates_follow_the_weekday_rule() -> None:
    for row in _actions("dev2"):
        original = datetime.date.fromisoformat(row["note"].split()[2])
        assert row["ref"].endswith(original.isoformat())
        assert row["date"] == WEEKEND.get(original.weekday(), "2027-10-08")
        assert not (row["intro_region"] == "no" and row["intro_target"] == "no")
