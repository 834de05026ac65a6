"""Reverse geocoding and naming a group of points after its largest place."""

from __future__ import annotations

from geopy.location import Location
from geopy.point import Point

from matcher.geocoding import place_name_for


def test_reverse_returns_nearest_significant_place(gazetteer):
    location = gazetteer.reverse((44.98, -93.27))
    assert isinstance(location, Location)
    assert location.raw["state"] == "MN"
    assert location.raw["match"] == "nearest"
    assert location.raw["distance_km"] < 5
    assert (location.raw["population"] or 0) >= 1000


def test_reverse_accepts_points_and_strings(gazetteer):
    a = gazetteer.reverse(Point(29.4241, -98.4936))
    b = gazetteer.reverse("29.4241, -98.4936")
    assert a.address == b.address
    assert a.raw["state"] == "TX"


def test_reverse_many(gazetteer):
    locations = gazetteer.reverse((47.6062, -122.3321), exactly_one=False)
    assert len(locations) == 5
    distances = [loc.raw["distance_km"] for loc in locations]
    assert distances == sorted(distances)


def test_reverse_in_puerto_rico(gazetteer):
    assert gazetteer.reverse((18.4655, -66.1057)).raw["state"] == "PR"


def test_place_name_for_bay_area_points():
    points = [
        (37.8044, -122.2712),
        (37.8716, -122.2727),
        (37.7749, -122.4194),
        (37.5630, -122.3255),
        (37.6879, -122.4702),
    ]
    assert place_name_for(points) == "San Francisco, CA"


def test_place_name_for_twin_cities_suburbs():
    points = [(44.9778, -93.2650), (44.8408, -93.2983), (45.0105, -93.4555)]
    assert place_name_for(points) == "Minneapolis, MN"


def test_place_name_for_single_point_and_empty():
    assert place_name_for([(35.0844, -106.6504)]) == "Albuquerque, NM"
    assert place_name_for([]) is None


def test_place_name_for_los_angeles_suburbs_is_los_angeles():
    # Pasadena, Glendale, Inglewood, Burbank: LA's own point is none's nearest place.
    points = [
        (34.1478, -118.1445),
        (34.1425, -118.2551),
        (33.9617, -118.3531),
        (34.1808, -118.3090),
    ]
    assert place_name_for(points) == "Los Angeles, CA"


def test_place_name_for_many_points_is_fast():
    import time

    points = [(30 + i % 15 + 0.01 * i % 1, -120 + i % 45) for i in range(5000)]
    start = time.perf_counter()
    assert place_name_for(points)
    assert time.perf_counter() - start < 2


def test_reverse_many_answers_as_reverse_one_point_at_a_time():
    import random

    from matcher.geocoding import get_gazetteer

    gazetteer = get_gazetteer()
    rng = random.Random(3)
    points = [(rng.uniform(18, 64), rng.uniform(-160, -66)) for _ in range(300)]
    points += points[:20]  # repeated points too
    many = gazetteer.reverse_many(points)
    one = [gazetteer.reverse(point) for point in points]
    assert [(m.address, m.point, m.raw) for m in many] == [(o.address, o.point, o.raw) for o in one]
