"""The hard rules, as properties over random consents, emails, dates and exclusions."""

from __future__ import annotations

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matcher.matching import (
    DEFAULT_SETTINGS,
    ActionRow,
    MatchIndex,
    id_key,
    is_active,
    normalize_email,
    suggest,
)
from matcher.matching.geometry import haversine_km
from matcher.matching.rows import carries_distance

PLACES = [
    (32.7157, -117.1611),  # San Diego
    (32.7300, -117.1000),  # San Diego, 6 km away
    (34.0522, -118.2437),  # Los Angeles
    (37.7749, -122.4194),  # San Francisco
    (38.5816, -121.4944),  # Sacramento
    (61.2181, -149.9003),  # Anchorage
    (None, None),  # not geocoded
]
TARGETS = [
    ("detention_center", "Otay Mesa Detention Center"),
    ("detention_center", "Adelanto ICE Processing Center"),
    ("corporate_profiteer", "GEO Group"),
    ("corporate_profiteer", "Palantir Technologies"),
    ("corporate_profiteer", "palantir technolgies"),
    ("federal_agency", "ICE field office"),
    ("local_government", "San Diego County Sheriff"),
    ("other", ""),
]
EMAILS = ["a@example.org", " A@Example.org ", "b@example.org", "c@example.org", ""]
TODAY = datetime.date(2026, 10, 10)


@st.composite
def action_rows(draw: st.DrawFn) -> list[ActionRow]:
    """Up to 16 rows with colliding places, targets and (case/space-variant) emails."""
    n = draw(st.integers(min_value=1, max_value=16))
    string_ids = draw(st.booleans())
    rows = []
    for k in range(n):
        lat, lon = draw(st.sampled_from(PLACES))
        ttype, target = draw(st.sampled_from(TARGETS))
        rows.append(
            ActionRow(
                id=f"x{k}" if string_ids else k + 1,
                latitude=lat,
                longitude=lon,
                date=TODAY + datetime.timedelta(days=draw(st.integers(-2, 3))),
                target_type=ttype,
                target=target,
                organizations=tuple(draw(st.sets(st.sampled_from(["DSA", "dsa ", "Cosecha"])))),
                contact_email=draw(st.sampled_from(EMAILS)) or f"own{k}@example.org",
                intro_region=draw(st.booleans()),
                intro_target=draw(st.booleans()),
                published=draw(st.booleans()) or draw(st.booleans()),
            )
        )
    return rows


def _pairs(rows: list[ActionRow], draw: st.DrawFn) -> set[tuple]:
    ids = [r.id for r in rows]
    if len(ids) < 2:
        return set()
    chosen = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=6))
    return {(a, b) for a, b in chosen if a != b}


def _key(s) -> tuple:
    return (s.a, s.b, s.score, tuple(s.kinds))


RULES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@RULES
@given(data=st.data(), rows=action_rows(), top_k=st.integers(1, 4))
def test_no_suggestion_breaks_a_hard_rule(data: st.DataObject, rows, top_k: int) -> None:
    exclude = _pairs(rows, data.draw)
    by_id = {r.id: r for r in rows}
    result = suggest(rows, top_k=top_k, today=TODAY, exclude=exclude)
    partners: dict = {}
    seen = set()
    for s in result:
        a, b = by_id[s.a], by_id[s.b]
        assert s.a != s.b
        assert id_key(s.a) < id_key(s.b)
        assert (s.a, s.b) not in seen
        seen.add((s.a, s.b))
        assert normalize_email(a.contact_email) != normalize_email(b.contact_email)
        assert (s.a, s.b) not in exclude and (s.b, s.a) not in exclude
        assert is_active(a, TODAY) and is_active(b, TODAY)
        assert s.kinds and set(s.kinds) <= {"region", "target"}
        if "region" in s.kinds:
            assert a.intro_region and b.intro_region
            assert carries_distance(a) and carries_distance(b)
            distance = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
            assert distance <= DEFAULT_SETTINGS.region_radius_km
        if "target" in s.kinds:
            assert a.intro_target and b.intro_target
            assert s.features["target_similarity"] >= 0.5
        assert s.reasons
        for x in (s.a, s.b):
            for kind in s.kinds:  # at most top_k partners of each kind
                partners[x, kind] = partners.get((x, kind), 0) + 1
    assert all(count <= top_k for count in partners.values())


@RULES
@given(data=st.data(), rows=action_rows(), top_k=st.integers(1, 4))
def test_batch_equals_incremental(data: st.DataObject, rows, top_k: int) -> None:
    exclude = _pairs(rows, data.draw)
    new = data.draw(st.sampled_from(rows))
    batch = suggest(rows, top_k=top_k, today=TODAY, exclude=exclude)
    expected = sorted(_key(s) for s in batch if new.id in (s.a, s.b))

    others = [r for r in rows if r.id != new.id]
    index = MatchIndex(others, today=TODAY)
    got = index.suggest_for(new, top_k=top_k, exclude=exclude)
    assert sorted(_key(s) for s in got) == expected
    assert len(index) == len(others)  # suggest_for does not add

    grown = MatchIndex(others[: len(others) // 2], today=TODAY)
    for row in others[len(others) // 2 :]:
        grown.add(row)
    grown.add(new)
    again = grown.suggest_for(new, top_k=top_k, exclude=exclude)
    assert sorted(_key(s) for s in again) == expected
    assert sorted(_key(s) for s in grown.suggest_all(top_k, exclude)) == sorted(
        _key(s) for s in batch
    )
