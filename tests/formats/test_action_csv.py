"""Reading the pinned CSV format (no app needed), including hostile input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.formats.action_csv import parse_actions_csv

HEADER = "ref,title,date,location,target_type,contact_name,contact_email\n"


def test_rows_with_bom_blank_lines_and_row_refs():
    text = "\ufeff" + HEADER + ",A,2027-10-12,Denver CO,other,N,n@example.org\n,,,,,,\n"
    rows, errors = parse_actions_csv(text.encode("utf-8"))
    assert errors == []
    assert [row.ref for row in rows] == ["1"]


def test_extra_cells_and_empty_file():
    rows, errors = parse_actions_csv(HEADER + "a,b,c,d,e,f,g,h\n")
    assert rows == []
    assert [str(e) for e in errors] == [
        "row 1 (line 2), column row: more cells than header columns"
    ]
    rows, errors = parse_actions_csv("")
    assert rows == []
    assert "empty file" in str(errors[0])


def test_every_field_of_an_action_is_a_column():
    header = HEADER.strip() + ",description,contact_phone,venue,address_public,meeting_point,"
    header += "event_url,accepts_messages,start_time,end_time,timezone\n"
    row = (
        "r1,Vigil,2027-10-12,Denver CO,other,Ana,ana@example.org,Candles at the gate.,"
        "+1 303 555 0100,1961 Stout St,yes,The fountain,https://example.org/vigil,yes,"
        "17:30,19:00,America/Denver\n"
    )
    [parsed], errors = parse_actions_csv(header + row)
    assert errors == []
    action = parsed.action
    assert (action.description, action.contact_phone, action.venue) == (
        "Candles at the gate.",
        "+1 303 555 0100",
        "1961 Stout St",
    )
    assert action.address_public and action.accepts_messages
    assert (action.meeting_point, action.event_url) == ("The fountain", "https://example.org/vigil")
    assert (str(action.start_time), str(action.end_time), action.timezone) == (
        "17:30:00",
        "19:00:00",
        "America/Denver",
    )


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_rows_or_errors_never_an_exception(text):
    rows, errors = parse_actions_csv(HEADER + text)
    assert all(row.action.title for row in rows)
    assert all(error.column for error in errors)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_never_raise(data):
    rows, errors = parse_actions_csv(HEADER.encode() + data)
    assert isinstance(rows, list) and isinstance(errors, list)
