"""Feeds: iCalendar parsed back with icalendar, GeoJSON validated, OSDI fields, privacy."""

from __future__ import annotations

from datetime import date

import geojson
from icalendar import Calendar
from sqlalchemy import select

from matcher.models import Action
from matcher.operations.imports import demo_year, load_demo


def test_icalendar_feed_round_trips_with_all_day_dates(client, db):
    load_demo()
    db.commit()
    response = client.get("/feeds/actions.ics?state=CA")
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    events = calendar.walk("VEVENT")
    stored = db.session.scalars(select(Action).where(Action.state == "CA")).all()
    assert len(events) == len(stored) == 6
    by_uid = {str(e["UID"]).split("@")[0]: e for e in events}
    for action in stored:
        event = by_uid[action.slug]
        start = event.decoded("DTSTART")
        assert type(start) is date  # all-day: the same date in every time zone
        assert start == action.date
        assert event.decoded("DTEND") == date.fromordinal(action.date.toordinal() + 1)
        assert action.contact_email not in event.to_ical().decode()


def test_one_action_calendar_and_timed_event(client, db):
    load_demo()
    action = db.session.scalar(select(Action).where(Action.ref == "demo-denver-1012"))
    from datetime import time

    action.start_time, action.timezone = time(10, 30), "America/Denver"
    db.commit()
    calendar = Calendar.from_ical(client.get(f"/actions/{action.slug}.ics").data)
    [event] = calendar.walk("VEVENT")
    start = event.decoded("DTSTART")
    assert (start.hour, start.minute, str(start.tzinfo)) == (10, 30, "America/Denver")
    assert calendar.walk("VTIMEZONE")  # the zone travels with the event
    assert client.get("/actions/unknown.ics").status_code == 404


def test_geojson_is_valid_and_city_level(client, db):
    load_demo()
    san_diego = db.session.scalar(select(Action).where(Action.ref == "demo-san-diego-1012"))
    san_diego.venue = "446 Alta Road, San Diego, CA 92154"
    db.commit()
    data = geojson.loads(client.get("/feeds/actions.geojson").get_data(as_text=True))
    assert data.is_valid, data.errors()
    assert len(data["features"]) == 27
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= -60 and 15 <= lat <= 72
        assert round(lat, 2) == lat and round(lon, 2) == lon
    assert "Alta Road" not in client.get("/feeds/actions.geojson").get_data(as_text=True)


def test_geojson_filters_and_organizations_match_the_public_api(client, db):
    load_demo()
    db.commit()
    features = client.get("/feeds/actions.geojson?state=CA").get_json()["features"]
    listed = client.get("/api/v1/actions?state=CA&per_page=100").get_json()["actions"]
    assert len(features) == len(listed) == 6
    by_id = {action["id"]: action for action in listed}
    for feature in features:
        action = by_id[feature["id"]]
        properties = feature["properties"]
        assert sorted(properties["organizations"]) == sorted(action["organizations"])
        assert (properties["title"], properties["url"]) == (action["title"], action["url"])
        assert feature["geometry"]["coordinates"] == [action["longitude"], action["latitude"]]
    assert any(feature["properties"]["organizations"] for feature in features)


def test_osdi_events(client, db):
    load_demo()
    db.commit()
    body = client.get("/api/osdi/v1/events?target_type=corporate_profiteer").get_json()
    events = body["_embedded"]["osdi:events"]
    assert body["total_records"] == len(events) == 4
    assert {"self", "curies", "osdi:events"} <= set(body["_links"])
    for event in events:
        assert {"title", "start_date", "location", "identifiers", "modified_date"} <= set(event)
        assert event["status"] == "confirmed"
        assert event["_links"]["self"]["href"].startswith("http://localhost/api/osdi/v1/events/")
        assert set(event["location"]) >= {"locality", "region", "country", "location"}
        assert "address_lines" not in event["location"]  # no organizer published an address
        assert set(event["location"]["location"]) == {"latitude", "longitude", "accuracy"}
        if event["all_day"]:  # the spec's all-day form, local midnights: the same day everywhere
            assert event["start_date"].startswith(event["all_day_date"] + "T00:00:00")


def test_osdi_pages_link_to_each_other_and_filter_on_modified_date(client, db):
    load_demo()
    db.commit()
    first = client.get("/api/osdi/v1/events?per_page=5").get_json()
    assert first["page"] == 1 and "prev" not in first["_links"]
    second = client.get(first["_links"]["next"]["href"]).get_json()
    assert second["page"] == 2 and "page=1" in second["_links"]["prev"]["href"]
    later = client.get("/api/osdi/v1/events?filter=modified_date gt '2999-01-01T00:00:00Z'")
    assert later.get_json()["total_records"] == 0
    bad = client.get("/api/osdi/v1/events?filter=title eq 'x'")
    assert bad.status_code == 400 and "filter" in bad.get_json()["errors"]
    assert client.get("/api/osdi/v1/events?per_page=1000").status_code == 400
    assert client.get("/api/osdi/v1/events/no-such-event").status_code == 404


def test_the_calendar_feed_is_the_same_at_every_render(client, db):
    load_demo()
    db.commit()
    from matcher.web import public_cache

    first = client.get("/feeds/actions.ics")
    public_cache.clear()  # as another worker would: a render of its own
    second = client.get("/feeds/actions.ics")
    assert first.get_data() == second.get_data() and first.headers["ETag"] == second.headers["ETag"]


def test_bad_filters_name_the_field(client):
    response = client.get("/feeds/actions.ics?from=yesterday")
    assert response.status_code == 400
    assert "from" in response.get_json()["errors"]
    api = client.get("/api/v1/actions?radius=0&near=Denver")
    assert api.status_code == 400 and "radius" in api.get_json()["errors"]
    page = client.get("/?to=13/13/2027").get_data(as_text=True)
    assert "To: Not a date" in page


def test_filters_text_dates_and_near(client, db):
    load_demo()
    db.commit()

    def titles(query):
        return {a["title"] for a in client.get(f"/api/v1/actions?{query}").get_json()["actions"]}

    assert titles("q=palantir") == {"NYC: No Tech for ICE", "Bay Area: No Tech for ICE at Palantir"}
    assert titles("q=100%25") == set()  # % is a literal, not a wildcard
    year = demo_year(date.today())
    october_14 = titles(f"from={year}-10-14&to={year}-10-14")
    assert len(october_14) == 4
    near = titles("near=Oakland, CA&radius=150")
    assert "Bay Area: No Tech for ICE at Palantir" in near
    assert "Los Angeles march: close the camps" not in near


def test_region_filter_refuses_non_ascii_digits(client):
    response = client.get("/api/v1/actions", query_string={"region": "\u00b9"})
    assert response.status_code == 400
    assert "region" in response.get_json()["errors"]
