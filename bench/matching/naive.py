"""The naive baseline: every pair in pure Python (geopy distance, rules, token overlap).

It stands for what a first implementation would do; the runner times it on a small N and
extrapolates by the number of pairs.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from geopy.distance import great_circle

from matcher.matching import ActionRow


def naive_top_k(rows: Sequence[ActionRow], k: int = 5) -> tuple[dict[int, list], int]:
    """Top-k partners of every row by scoring all pairs in Python; returns (lists, pairs)."""
    tokens = [set(r.target.lower().split()) for r in rows]
    emails = [r.contact_email.strip().lower() for r in rows]
    best: dict[int, list] = {i: [] for i in range(len(rows))}
    pairs = 0
    for i, a in enumerate(rows):
        for j in range(i + 1, len(rows)):
            b = rows[j]
            pairs += 1
            if not (a.published and b.published) or emails[i] == emails[j]:
                continue
            score = 0.0
            if a.latitude is not None and b.latitude is not None:
                d = great_circle((a.latitude, a.longitude), (b.latitude, b.longitude)).km
                if d <= 100 and a.intro_region and b.intro_region:
                    score += 0.5 * (1 - d / 100)
            if a.intro_target and b.intro_target and tokens[i] and tokens[j]:
                jac = len(tokens[i] & tokens[j]) / len(tokens[i] | tokens[j])
                if jac >= 0.5 and a.target_type == b.target_type:
                    score += 0.5 * jac
            if score > 0:
                for x, y in ((i, j), (j, i)):
                    heap = best[x]
                    if len(heap) < k:
                        heapq.heappush(heap, (score, y))
                    elif score > heap[0][0]:
                        heapq.heapreplace(heap, (score, y))
    return best, pairs
