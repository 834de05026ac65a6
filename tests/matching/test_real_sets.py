"""The hand-labelled real-action sets (bench/matching/real/): dev2's to dev7's pairs
are the ones their labels give (dev6: the union of the tuning sets), their sources are new,
and their dates follow the weekday rule."""

from __future__ import annotations

import csv
import datetime
import importlib.util
import re
from pathlib import Path

import pytest

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


@pytest.mark.parametrize("name", ["dev2", "dev3", "dev4", "dev5", "dev6", "dev7"])
def test_pairs_are_derived_from_the_labels(name: str) -> None:
    module = _derive_module()
    actions, traps = module.load(name)
    derived = module.derive(actions, traps)
    with open(REAL / f"{name}_pairs.csv", encoding="utf-8") as handle:
        stored = list(csv.DictReader(handle))
    assert stored == derived
    musts = [p for p in stored if p["label"] == "must"]
    assert {p["kind"] for p in musts} == {"region", "target"}
    used = {frozenset((t["ref_a"], t["ref_b"])) for t in traps}
    assert used <= {frozenset((p["ref_a"], p["ref_b"])) for p in stored if p["label"] == "never"}


@pytest.mark.parametrize(
    ("name", "earlier"),
    [
        ("dev2", ("dev", "eval")),
        ("dev3", ("dev", "dev2", "eval")),
        ("dev4", ("dev", "dev2", "dev3", "eval")),
        ("dev5", ("dev", "dev2", "dev3", "dev4", "eval")),
        ("dev7", ("dev", "dev2", "dev3", "dev4", "dev5", "eval")),
    ],
)
def test_sources_are_in_no_earlier_set(name: str, earlier: tuple[str, ...]) -> None:
    known = {u for other in earlier for row in _actions(other) for u in _urls(row)}
    rows = _actions(name)
    assert 30 <= len(rows) <= 100
    assert not {u for row in rows for u in _urls(row)} & known


@pytest.mark.parametrize("name", ["dev2", "dev3", "dev4", "dev5", "dev7"])
def test_dates_follow_the_weekday_rule(name: str) -> None:
    for row in _actions(name):
        original = datetime.date.fromisoformat(row["note"].split()[2])
        assert row["ref"].endswith(original.isoformat())
        assert row["date"] == WEEKEND.get(original.weekday(), "2027-10-08")
        assert not (row["intro_region"] == "no" and row["intro_target"] == "no")


def test_the_union_keeps_every_member_pair() -> None:
    """dev6 is dev..dev5 run as one: each member's labelled pairs keep their label there."""
    module = _derive_module()
    union = {
        (frozenset((p["ref_a"], p["ref_b"])), p["kind"]): p["label"]
        for p in module.derive(*module.load("dev6"))
    }
    members = module.UNIONS["dev6"]
    assert len(module.load("dev6")[0]) == sum(len(_actions(m)) for m in members)
    for member in members:
        with open(REAL / f"{member}_pairs.csv", encoding="utf-8") as handle:
            for p in csv.DictReader(handle):
                if p["kind"] == "target" or p["label"] == "must":
                    key = (frozenset((p["ref_a"], p["ref_b"])), p["kind"])
                    assert union.get(key) == p["label"], (member, p)
