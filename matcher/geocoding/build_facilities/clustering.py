"""Grouping the entries of ICE's lists into sites.

Entries are joined when they share a DETLOC code, a name and state, or a street address
(number, street word, ZIP and state); an entry without a state joins one with the same name
and city. Two different names that appear in the same list are never joined, so separate
facilities ICE lists side by side (the three Folkston rows) stay apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from matcher.geocoding.build_facilities.ice_lists import Record

__all__ = ["cluster"]


class _Groups:
    """Union-find over record indexes that refuses a join putting two names of one list together."""

    def __init__(self, records: list[Record]) -> None:
        self.parent = list(range(len(records)))
        self.names: dict[int, dict[str, set[str]]] = {r.idx: {r.src: {r.nn}} for r in records}

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        names_a, names_b = self.names[ra], self.names[rb]
        for src in names_a.keys() & names_b.keys():
            if len(names_a[src] | names_b[src]) > 1:
                return False
        for src, names in names_b.items():
            names_a.setdefault(src, set()).update(names)
        self.parent[rb] = ra
        del self.names[rb]
        return True


def _join_all(groups: _Groups, buckets: Iterable[list[int]]) -> None:
    for ids in buckets:
        for i in ids[1:]:
            groups.join(ids[0], i)


def cluster(records: list[Record]) -> list[list[Record]]:
    """The records grouped by site, in the order of each group's first record."""
    groups = _Groups(records)
    by_detloc: dict[str, list[int]] = defaultdict(list)
    by_name: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_address: dict[str, list[int]] = defaultdict(list)
    by_city: dict[tuple[str, str], list[int]] = defaultdict(list)
    for r in records:
        if r.detloc:
            by_detloc[r.detloc].append(r.idx)
        if r.state:
            by_name[(r.nn, r.state)].append(r.idx)
        if r.ak:
            by_address[r.ak].append(r.idx)
        by_city[(r.nn, r.city.upper())].append(r.idx)
    for buckets in (by_detloc, by_name, by_address):
        _join_all(groups, buckets.values())
    for ids in by_city.values():
        for i in (i for i in ids if not records[i].state):
            other = next((j for j in ids if j != i), None)
            if other is not None:
                groups.join(other, i)
    out: dict[int, list[Record]] = defaultdict(list)
    for r in records:
        out[groups.find(r.idx)].append(r)
    return list(out.values())
