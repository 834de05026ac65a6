"""The benchmark's bound (bench/matching/bound.py): the most must pairs any choice with at
most K partners per action keeps."""

from __future__ import annotations

from itertools import combinations

from bench.matching.bound import best_kept


def test_a_triangle_keeps_one_pair_with_one_place_each() -> None:
    assert best_kept([("a", "b"), ("b", "c"), ("a", "c")], 1) == 1


def test_four_actions_with_two_places_keep_a_cycle() -> None:
    edges = list(combinations("abcd", 2))  # six pairs, but two places each: a 4-cycle
    assert best_kept(edges, 2) == 4
    assert best_kept(edges, 3) == 6


def test_a_star_keeps_its_centre_quota() -> None:
    assert best_kept([("hub", leaf) for leaf in "abcdefg"], 5) == 5
    assert best_kept([], 5) == 0
