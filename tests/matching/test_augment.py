"""Swaps after the fill (augment.py): a remote action in a large group of equally tied actions
gets its quota, nobody loses a partner or a tie, and the quota holds."""

from __future__ import annotations

import dataclasses
import datetime
import random
from collections import defaultdict

import numpy as np
import pytest

from matcher.matching import DEFAULT_SETTINGS, ActionRow, suggest
from matcher.matching.mutual import tier_floors
from tests.matching.test_fill import _group

OFF = dataclasses.replace(DEFAULT_SETTINGS, augment=False)


def _partners(found) -> dict[int, list[float]]:
    """Each action's partners' queue scores, best first."""
    out: dict[int, list[float]] = defaultdict(list)
    for s in found:
        out[s.a].append(s.score)
        out[s.b].append(s.score)
    return {a: sorted(v, reverse=True) for a, v in out.items()}


@pytest.mark.parametrize("seed", range(12))
def test_no_one_in_an_equally_tied_group_is_left_short(seed) -> None:
    rows = _group(14, seed)
    with_swaps = _partners(suggest(rows, top_k=5))
    assert all(len(with_swaps.get(r.id, [])) == 5 for r in rows)


def test_without_the_swaps_some_are_short() -> None:
    """The groups above do leave actions short without the swaps (so the test can fail)."""
    short = 0
    for seed in range(12):
        rows = _group(14, seed)
        got = _partners(suggest(rows, top_k=5, settings=OFF))
        short += sum(1 for r in rows if len(got.get(r.id, [])) < 5)
    assert short >= 10


def _counts(found) -> dict[tuple[int, str], int]:
    """Partners per (action, kind)."""
    out: dict[tuple[int, str], int] = defaultdict(int)
    for s in found:
        for kind in s.kinds:
            out[s.a, kind] += 1
            out[s.b, kind] += 1
    return out


@pytest.mark.parametrize("seed", range(8))
def test_swaps_cost_no_one_a_partner(seed, make_row) -> None:
    """Mixed ties and places: with the swaps, each action has at least as many partners of
    each kind as without, never more than the quota, and some have more."""
    rnd = random.Random(seed)
    targets = [
        ("detention_center", "Adelanto ICE Processing Center"),
        ("detention_center", "Otay Mesa Detention Center"),
        ("federal_agency", "ICE field office"),
        ("federal_agency", "ICE"),
        ("corporate_profiteer", "GEO Group"),
    ]
    rows = [
        make_row(
            None,
            latitude=rnd.uniform(32, 42),
            longitude=rnd.uniform(-122, -110),
            target_type=kind,
            target=text,
            intro_region=rnd.random() < 0.7,
            intro_target=rnd.random() < 0.8,
        )
        for kind, text in (rnd.choice(targets) for _ in range(80))
    ]
    off, on = _counts(suggest(rows, top_k=3, settings=OFF)), _counts(suggest(rows, top_k=3))
    assert max(on.values()) <= 3
    assert all(on.get(key, 0) >= count for key, count in off.items())
    assert sum(on.values()) > sum(off.values())


def _office_group(make_row) -> tuple[list, list]:
    """Eleven ICE field offices (six in the east, five in the west) and five rallies against
    ICE in general in the west, each within reach of a western office."""
    east = ["New York, NY", "New York, NY", "Newark, NJ", "Hartford, CT", "Washington, DC"]
    west = ["Seattle, WA", "Portland, OR", "San Francisco, CA", "Los Angeles, CA", "San Diego, CA"]
    offices = [
        make_row(place, target_type="federal_agency", target=f"ICE field office {n}")
        for n, place in enumerate([*east, "Burlington, VT", *west])
    ]
    rallies = [
        make_row(place, target_type="federal_agency", target="ICE raids")
        for place in (
            "Sacramento, CA",
            "Seattle, WA",
            "Los Angeles, CA",
            "Denver, CO",
            "Lincoln, NE",
        )
    ]
    return offices, rallies


def test_agency_only_partners_wait_for_the_specific_ones(make_row) -> None:
    """Eleven offices with five places each can all have five office partners; the rallies
    against ICE in general take only the places the offices leave (here: none of theirs)."""
    offices, rallies = _office_group(make_row)
    found = suggest([*offices, *rallies], top_k=5)
    office_ids = {r.id for r in offices}
    specific: dict[int, int] = defaultdict(int)
    for s in found:
        if "target" in s.kinds and {s.a, s.b} <= office_ids:
            specific[s.a] += 1
            specific[s.b] += 1
    # 11 offices, 5 places each: 27 pairs, so one office may lack one
    assert sorted(specific[r.id] for r in offices)[1:] == [5] * 10
    assert sum(specific.values()) == 54


def test_the_action_no_one_listed_gets_local_partners(make_row) -> None:
    """Six actions downtown list each other (five places each); a seventh 5 km out is on no
    one's list. A swap may give two of them a partner 5 km further away, so the seventh gets
    local partners; with no such slack it gets none."""
    downtown = [make_row("San Diego, CA", target=f"rally {n}") for n in range(6)]
    lat, lon = downtown[0].latitude, downtown[0].longitude
    out = make_row("San Diego, CA", latitude=lat + 0.045, longitude=lon, target="vigil")
    rows = [*downtown, out]

    def region_partners(settings) -> int:
        found = suggest(rows, top_k=5, settings=settings)
        return sum(1 for s in found if "region" in s.kinds and out.id in (s.a, s.b))

    assert region_partners(DEFAULT_SETTINGS) >= 4
    assert region_partners(dataclasses.replace(DEFAULT_SETTINGS, region_swap_km=0.0)) == 0
    counts = _counts(suggest(rows, top_k=5))
    assert max(counts.values()) <= 5


def _agency_row(ident: int, lat: float, lon: float, target: str) -> ActionRow:
    return ActionRow(
        id=ident,
        latitude=lat,
        longitude=lon,
        date=datetime.date(2027, 10, 12),
        target_type="federal_agency",
        target=target,
        organizations=(),
        contact_email=f"person{ident}@example.org",
        intro_region=False,
        intro_target=True,
    )


def test_a_tier_is_placed_before_a_weaker_one_takes_the_places() -> None:
    """Eight rallies against ICE in general (one tie, "both target ICE"), six in the Midwest
    and two far away (Boston, Jacksonville), each with an ICE field office nearby ("an agency
    and its office", a weaker tie). With five places each all eight can have five rally
    partners: the far two must not take the offices before the swaps give them rallies."""
    midwest = [(41.26, -95.94), (41.2, -96.0), (41.3, -95.9), (43.07, -89.4), (43.04, -87.9)]
    far = [(42.36, -71.06), (30.33, -81.66)]
    places = [*midwest, (35.15, -90.05), *far]
    rallies = [_agency_row(n + 1, lat, lon, "ICE raids") for n, (lat, lon) in enumerate(places)]
    offices = [
        _agency_row(100 + n, lat + 0.05, lon, "ICE field office")
        for n, (lat, lon) in enumerate(far)
    ]
    # every place open to the weak ties (the default quota of them is tested in test_weak_quota)
    whole = dataclasses.replace(DEFAULT_SETTINGS, weak_quota=5)
    found = suggest([*rallies, *offices], top_k=5, settings=whole)
    ids = {r.id for r in rallies}
    among = defaultdict(int)
    for s in found:
        if {s.a, s.b} <= ids:
            among[s.a] += 1
            among[s.b] += 1
    assert [among[r.id] for r in rallies] == [5] * 8
    assert max(_counts(found).values()) <= 5


def test_tier_floors_split_only_where_entries_are() -> None:
    s = DEFAULT_SETTINGS
    scores = np.array([1.0, 0.85, 0.85, 0.55, 0.5])
    floors = tier_floors(s, scores)
    assert floors[-1] < 0.5
    assert [int((scores > f).sum()) for f in floors] == [1, 3, 4, 5]
    # above exact_below only the agency-only ties wait
    assert [int((scores > f).sum()) for f in tier_floors(s, scores, every=False)] == [3, 5]
    assert tier_floors(s, np.array([0.55, 0.55])) == [-1.0]
