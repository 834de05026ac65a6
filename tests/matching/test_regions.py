"""Region behaviour on the call's local actions: who is "in your region" and region names."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from matcher.matching import MatchIndex, RegionModel, regions, suggest


def _partners(result, action_id, kind):
    return {
        (s.b if s.a == action_id else s.a)
        for s in result
        if action_id in (s.a, s.b) and kind in s.kinds
    }


def test_anchorage_has_no_region_partner(demo_rows) -> None:
    result = suggest(demo_rows, top_k=5)
    assert _partners(result, 4, "region") == set()
    # ... but it still meets other ICE actions around the country by target
    assert _partners(result, 4, "target") >= {6, 16, 22}


def test_san_diego_actions_are_paired_by_region(demo_rows) -> None:
    result = suggest(demo_rows, top_k=5)
    pair = next(s for s in result if (s.a, s.b) == (13, 17))
    assert "region" in pair.kinds
    assert pair.features["distance_km"] == 0.0


def test_bay_area_and_sacramento_are_two_metros(demo_rows) -> None:
    result = suggest(demo_rows, top_k=5)
    assert 24 in _partners(result, 23, "region")  # Sacramento's two actions
    # San Francisco to Sacramento is ~120 km: within the radius, but two separate metros.
    assert not _partners(result, 20, "region") & {23, 24}
    pair = next(s for s in result if {s.a, s.b} == {23, 24})
    assert "same region: Sacramento area, under 1 km apart" in pair.reasons


def test_new_haven_and_new_york_are_two_metros(make_row) -> None:
    """110 km apart: a distance rule would join them; a coordinator would not."""
    new_haven = make_row(None, latitude=41.308, longitude=-72.928)
    manhattan = make_row("New York, NY")
    newark = make_row("Newark, NJ")
    result = suggest([new_haven, manhattan, newark])
    assert {(s.a, s.b) for s in result if "region" in s.kinds} == {(manhattan.id, newark.id)}


def test_an_outlying_town_of_a_metro_meets_its_actions(make_row) -> None:
    """A town outside the metro's disc but in its commuting county (Mason, Tipton County, 57 km
    from downtown Memphis; dev2's Estancia, 65 km from Albuquerque) is in the Memphis region;
    a town 85 km out (Brownsville, TN) is not, though it is a rural partner of Mason."""
    downtown = make_row(None, latitude=35.130, longitude=-90.060)
    mason = make_row(None, latitude=35.411, longitude=-89.532)
    brownsville = make_row(None, latitude=35.594, longitude=-89.262)
    result = suggest([downtown, mason, brownsville])
    assert _partners(result, downtown.id, "region") == {mason.id}
    assert _partners(result, mason.id, "region") == {downtown.id, brownsville.id}


def test_region_names_as_people_say_them(make_row) -> None:
    newark = [make_row("Newark, NJ"), make_row(None, latitude=40.664, longitude=-74.211)]
    bay = [make_row("San Francisco, CA"), make_row(None, latitude=37.804, longitude=-122.271)]
    twin = [make_row("Minneapolis, MN"), make_row(None, latitude=44.954, longitude=-93.09)]
    riverside = [
        make_row(None, latitude=33.953, longitude=-117.396),
        make_row(None, latitude=34.108, longitude=-117.289),
    ]
    for rows, name in (
        (newark, "North Jersey"),
        (bay, "Bay Area"),
        (twin, "Twin Cities"),
        (riverside, "Inland Empire"),
    ):
        [pair] = suggest(rows)
        assert any(r.startswith(f"same region: {name},") for r in pair.reasons), pair.reasons


def test_a_place_known_only_to_its_state_carries_no_distance(make_row) -> None:
    """A hotel in New York City and a town 80 km away, both placed at the state's centre."""
    a = make_row(None, latitude=42.9, longitude=-75.5, precision="state")
    b = make_row(None, latitude=42.9, longitude=-75.5, precision="state")
    c = make_row("New York, NY", place_flagged=True)
    d = make_row("New York, NY")
    result = suggest([a, b, c, d])
    assert all("region" not in s.kinds for s in result)
    assert all("km" not in reason for s in result for reason in s.reasons)


def test_minneapolis_pair_and_clearbrook(demo_rows) -> None:
    result = suggest(demo_rows, top_k=5)
    assert 27 in _partners(result, 3, "region")
    assert _partners(result, 21, "region") == set()  # Clearbrook is ~320 km north


def test_region_partner_needs_both_consents(demo_rows) -> None:
    rows = list(demo_rows)
    rows[12] = replace(rows[12], intro_region=False)
    result = suggest(rows, top_k=5)
    assert all("region" not in s.kinds for s in result if 13 in (s.a, s.b))


def test_regions_labels_and_names(demo_rows, city_namer) -> None:
    rows = demo_rows
    found = regions(rows, namer=city_namer)
    label = {r.id: found.labels[k] for k, r in enumerate(rows)}
    assert label[13] == label[17] >= 0
    assert found.names[label[13]] == "San Diego area"  # metros.csv before the namer
    assert label[3] == label[27] >= 0 and label[3] != label[13]
    assert label[4] == -1  # Anchorage alone is no region
    assert label[21] == -1  # nor Clearbrook
    assert label[20] != label[23]  # Bay Area and Sacramento are different regions


def test_region_names_fall_back_when_namer_fails(demo_rows) -> None:
    rows = demo_rows

    def broken(points):
        raise RuntimeError("no gazetteer")

    found = regions(rows, namer=broken)
    names = set(found.names.values())
    assert names and all(names)
    # either the geocoding package named it, or the members' display place did
    sd = found.names[found.labels[12]]
    assert "San Diego" in sd


def test_region_reason_names_the_region(demo_rows) -> None:
    index = MatchIndex(demo_rows, namer=lambda pts: "Twin Cities")
    got = index.suggest_for(demo_rows[2], top_k=5)
    pair = next(s for s in got if {s.a, s.b} == {3, 27})
    assert "same region: Twin Cities, under 1 km apart" in pair.reasons
    assert pair.features["region"] == "Twin Cities"


def test_sampled_clusters_keep_metros_apart(cities) -> None:
    CITY = cities
    rng = np.random.default_rng(3)
    centers = [CITY["New York, NY"], CITY["Los Angeles, CA"], CITY["Chicago, IL"]]
    lat = np.concatenate([c[0] + rng.normal(0, 0.08, 4000) for c in centers])
    lon = np.concatenate([c[1] + rng.normal(0, 0.08, 4000) for c in centers])
    lat = np.append(lat, CITY["Anchorage, AK"][0])
    lon = np.append(lon, CITY["Anchorage, AK"][1])
    model = RegionModel.fit(lat, lon, order_key=rng.permutation(len(lat)))
    labels = model.assign(lat, lon)
    metro = [labels[k * 4000 : (k + 1) * 4000] for k in range(3)]
    majors = [np.bincount(m[m >= 0]).argmax() for m in metro]
    assert len(set(majors)) == 3
    assert all((m == major).mean() > 0.95 for m, major in zip(metro, majors, strict=True))
    assert labels[-1] == -1
