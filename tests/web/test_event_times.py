"""Start and end times with the action's time zone, through every path: the form, the API, the
CSV import, the action page, the .ics (timed events with TZID) and OSDI."""

from __future__ import annotations

from datetime import time

from icalendar import Calendar
from sqlalchemy import select

from matcher.formats.action_csv import parse_actions_csv
from matcher.models import Action
from tests.support.forms import submit_action, submit_form
from tests.support.helpers import action_fields, links_in


def published(client, outbox, **fields):
    assert submit_action(client, **fields).status_code == 302
    submit_form(client, links_in(outbox.last_text())["verify"])


def test_form_times_take_the_zone_of_the_place(client, db, outbox):
    published(client, outbox, location="El Paso, TX", start_time="18:30", end_time="20:00")
    action = db.session.scalar(select(Action))
    assert (action.start_time, action.end_time) == (time(18, 30), time(20, 0))
    assert action.timezone == "America/Denver"  # El Paso keeps Mountain time, unlike Texas
    assert action.timezone_from_place

    page = client.get(f"/actions/{action.slug}").get_data(as_text=True)
    assert "6:30\u202fPM – 8:00\u202fPM MST" in page or "6:30 PM – 8:00 PM MST" in page

    calendar = Calendar.from_ical(client.get(f"/actions/{action.slug}.ics").data)
    [event] = calendar.walk("VEVENT")
    assert "TZID=America/Denver" in event.to_ical().decode()
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start.hour, start.minute, end.hour) == (18, 30, 20)
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["America/Denver"]

    [osdi] = client.get("/api/osdi/v1/events").get_json()["_embedded"]["osdi:events"]
    assert osdi["start_date"].startswith(f"{action.date.isoformat()}T18:30:00-0")
    assert osdi["end_date"].startswith(f"{action.date.isoformat()}T20:00:00-0")
    assert (osdi["all_day"], osdi["timezone_identifier"]) == (False, "America/Denver")

    [listed] = client.get("/api/v1/actions").get_json()["actions"]
    assert (listed["start_time"], listed["end_time"], listed["timezone"]) == (
        "18:30",
        "20:00",
        "America/Denver",
    )


def test_a_chosen_zone_wins_and_can_go_back_to_the_place(client, db, outbox):
    published(
        client, outbox, location="Chicago, IL", start_time="10:00", timezone="America/New_York"
    )
    action = db.session.scalar(select(Action))
    assert (action.timezone, action.timezone_from_place) == ("America/New_York", False)
    manage = links_in(outbox.messages()[0].get_body(preferencelist=("plain",)).get_content())[
        "manage"
    ]
    submit_form(client, manage, {"timezone": ""}, form="Save changes")
    db.session.refresh(action)
    assert (action.timezone, action.timezone_from_place) == ("America/Chicago", True)


def test_api_takes_times_and_names_bad_ones(client, db):
    fields = action_fields(start_time="07:00", end_time="06:00", timezone="Mars/Olympus")
    errors = client.post("/api/v1/actions", json=fields).get_json()["errors"]
    assert set(errors) == {"end_time", "timezone"}
    good = action_fields(start_time="07:00", timezone="America/Phoenix", public="yes")
    assert client.post("/api/v1/actions", json=good).status_code == 202
    action = db.session.scalar(select(Action))
    assert (action.start_time, action.timezone) == (time(7, 0), "America/Phoenix")


def test_untimed_actions_stay_all_day(client, db, outbox):
    published(client, outbox)
    action = db.session.scalar(select(Action))
    [osdi] = client.get("/api/osdi/v1/events").get_json()["_embedded"]["osdi:events"]
    assert osdi["all_day"] is True and osdi["all_day_date"] == action.date.isoformat()
    assert osdi["start_date"].startswith(f"{action.date.isoformat()}T00:00:00")  # local midnight


def test_csv_time_columns_are_optional_and_checked():
    header = (
        "title,date,location,target_type,contact_name,contact_email,start_time,end_time,timezone"
    )
    rows, errors = parse_actions_csv(
        f"{header}\n"
        "Vigil,2027-10-12,Austin TX,other,Ana,a@example.org,17:00,19:30,America/Chicago\n"
        "March,2027-10-12,Austin TX,other,Ana,a@example.org,,,\n"
        "Rally,2027-10-12,Austin TX,other,Ana,a@example.org,5pm,,\n"
    )
    assert [str(error) for error in errors] == [
        "row 3 (line 4), column start_time: Not a time of day: use HH:MM (24-hour, e.g. 18:30)."
    ]
    first, second = rows
    assert (first.action.start_time, first.action.end_time) == (time(17), time(19, 30))
    assert first.action.timezone == "America/Chicago"
    assert (second.action.start_time, second.action.timezone) == (None, None)
    old, _ = parse_actions_csv(
        "title,date,location,target_type,contact_name,contact_email\n"
        "Vigil,2027-10-12,Austin TX,other,Ana,a@example.org\n"
    )
    assert old[0].action.start_time is None  # files without the columns still import
