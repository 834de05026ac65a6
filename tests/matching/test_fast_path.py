"""The fast path (candidate generation) against exact brute force on clustered random data."""

from __future__ import annotations

import datetime

import numpy as np
import pytest

from matcher.matching import DEFAULT_SETTINGS, ActionRow, MatchIndex, MatchSettings, normalize_email

TARGETS = [
    ("detention_center", "Adelanto ICE Processing Center"),
    ("detention_center", "Otay Mesa Detention Center"),
    ("detention_center", "Stewart Detention Center"),
    ("corporate_profiteer", "GEO Group"),
    ("corporate_profiteer", "CoreCivic"),
    ("corporate_profiteer", "Palantir Technologies"),
    ("federal_agency", "ICE field office"),
    ("federal_agency", "Immigration Court"),
    ("local_government", "{c} County Sheriff"),
    ("local_government", "{c} City Hall"),
    ("other", ""),
]
CENTERS = [("Los Angeles", 34.05, -118.24), ("Chicago", 41.88, -87.63), ("Houston", 29.76, -95.37)]


def _rows(n: int, seed: int) -> list[ActionRow]:
    rng = np.random.default_rng(seed)
    rows = []
    for k in range(n):
        name, lat, lon = CENTERS[int(rng.integers(0, len(CENTERS)))]
        ttype, target = TARGETS[int(rng.integers(0, len(TARGETS)))]
        rows.append(
            ActionRow(
                id=k + 1,
                latitude=float(lat + rng.normal(0, 0.3)),
                longitude=float(lon + rng.normal(0, 0.3)),
                date=datetime.date(2026, 10, 10),
                target_type=ttype,
                target=target.format(c=name),
                organizations=(),
                contact_email=f"p{int(rng.integers(0, n))}@example.org",
                intro_region=bool(rng.random() < 0.6),
                intro_target=bool(rng.random() < 0.6),
            )
        )
    return rows


@pytest.fixture(scope="module")
def fast_index() -> MatchIndex:
    return MatchIndex(_rows(3000, seed=5), settings=MatchSettings(exhaustive_below=0))


def test_fast_path_agrees_with_brute_force(fast_index: MatchIndex) -> None:
    exact = MatchIndex(fast_index.table.rows, settings=MatchSettings(exhaustive_below=10**9))
    qs = np.arange(0, 3000, 15)
    none = np.zeros(0, np.int64)
    fast_lists = fast_index.top_k(qs, 5, none)
    full_lists = exact.top_k(qs, 5, none)
    for fast, full, by in zip(fast_lists, full_lists, ("rscore", "tscore"), strict=True):
        same = sum(
            getattr(fast, by)[fast.i == q].tolist() == getattr(full, by)[full.i == q].tolist()
            for q in qs.tolist()
        )
        assert same / len(qs) >= 0.97, by


def test_fast_path_keeps_the_rules(fast_index: MatchIndex) -> None:
    result = fast_index.suggest_all(top_k=5)
    rows = {r.id: r for r in fast_index.table.rows}
    degree: dict = {}
    assert len(result) > 1000
    for s in result:
        a, b = rows[s.a], rows[s.b]
        assert normalize_email(a.contact_email) != normalize_email(b.contact_email)
        if "region" in s.kinds:
            assert (
                a.intro_region
                and b.intro_region
                and s.features["distance_km"] <= DEFAULT_SETTINGS.region_radius_km
            )
        if "target" in s.kinds:
            assert a.intro_target and b.intro_target
        for x in (s.a, s.b):
            for kind in s.kinds:  # at most five partners of each kind
                degree[x, kind] = degree.get((x, kind), 0) + 1
    assert max(degree.values()) <= 5


def test_fast_path_incremental_matches_batch(fast_index: MatchIndex) -> None:
    rows = fast_index.table.rows
    fast = MatchSettings(exhaustive_below=0)
    index = MatchIndex(rows[:-5], settings=fast)
    for new in rows[-5:]:
        batch = MatchIndex([*rows[:-5], new], settings=fast).suggest_all(top_k=5)
        got = {(s.a, s.b, s.score) for s in index.suggest_for(new)}
        assert got == {(s.a, s.b, s.score) for s in batch if new.id in (s.a, s.b)}


def test_fast_path_with_no_eligible_partner(make_row) -> None:
    fast = MatchSettings(exhaustive_below=0)
    rows = [
        make_row(
            "San Diego, CA",
            target_type="detention_center",
            target=name,
            contact_email="same@example.org",
        )
        for name in ("Otay Mesa", "Otay Mesa Detention", "Adelanto", "CoreCivic San Diego")
    ]
    index = MatchIndex(rows, settings=fast)
    assert index.suggest_all() == []
    new = make_row(
        "San Diego, CA",
        target_type="detention_center",
        target="Otay Mesa",
        contact_email=" SAME@example.org",
    )
    assert index.suggest_for(new) == []
