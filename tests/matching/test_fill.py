"""Spare places: in a group of equally tied actions larger than the quota, the fill reaches
below each list's top k (MatchSettings.fill_depth), so fewer actions are left short, and the
quota still holds."""

from __future__ import annotations

import dataclasses
import datetime
import random
from collections import Counter

from matcher.matching import DEFAULT_SETTINGS, ActionRow, suggest


def _group(n: int, seed: int) -> list[ActionRow]:
    """n actions across the country, all at one facility's target, target introductions only."""
    rnd = random.Random(seed)
    return [
        ActionRow(
            id=k + 1,
            latitude=rnd.uniform(30, 47),
            longitude=rnd.uniform(-120, -75),
            date=datetime.date(2027, 10, 12),
            target_type="detention_center",
            target="Adelanto ICE Processing Center",
            organizations=(),
            contact_email=f"person{k}@example.org",
            intro_region=False,
            intro_target=True,
        )
        for k in range(n)
    ]


def _short(depth: int) -> int:
    """Actions with fewer than 5 partners over 20 groups of 14, the fill alone (no swaps)."""
    settings = dataclasses.replace(DEFAULT_SETTINGS, fill_depth=depth, augment=False)
    short = 0
    for seed in range(20):
        rows = _group(14, seed)
        partners: Counter = Counter()
        for found in suggest(rows, top_k=5, settings=settings):
            partners[found.a] += 1
            partners[found.b] += 1
        assert max(partners.values()) <= 5  # the quota holds
        short += sum(1 for row in rows if partners[row.id] < 5)
    return short


def test_a_deeper_fill_leaves_fewer_actions_short_of_their_quota():
    assert DEFAULT_SETTINGS.fill_depth >= 2
    only_top_k, deeper = _short(1), _short(DEFAULT_SETTINGS.fill_depth)
    assert deeper < only_top_k / 2, (deeper, only_top_k)  # 44 vs 96 of 280 when written
