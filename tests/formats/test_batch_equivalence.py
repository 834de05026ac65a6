"""The batch validator says exactly what today's validator (WTForms, one row at a time) said:
the same errors, messages, fields and order, and the same actions, for the API's JSON values and
for CSV files. The oracle is a verbatim copy of today's code (tests/formats/legacy_*.py)."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.formats.action_csv import parse_actions_csv
from matcher.formats.action_fields import EXTRA_FIELDS, FIELDS, validate_action
from tests.formats import legacy_action_csv, legacy_action_fields

TODAY = date.today()
POOL = {
    "ref": ["", " ", "a-1", "x y", "é.1:/#-_", "a" * 101, " r2 ", "\x00"],
    "title": ["", "   ", "Vigil", "a\x01b", "t" * 201, " Two\tspaced  words ", "x\x1c y"],
    "date": [
        "",
        " ",
        "2027-10-12",
        (TODAY + timedelta(days=3)).isoformat(),
        (TODAY - timedelta(days=3)).isoformat(),
        (TODAY + timedelta(days=900)).isoformat(),
        "2027-13-01",
        "20271012",
        " 2027-10-12 ",
        "12/10/2027",
    ],
    "location": ["", "Denver CO", " ", "l" * 301, "San Diego,\nCA", "a\x7fb"],
    "latitude": ["", " ", "40.1", "-91", "abc", "nan", "inf", "1_0", "89.9"],
    "longitude": ["", "-105", "181", "x", " -73.9 ", "-180"],
    "target_type": ["", "other", " detention_center ", "church", "Other"],
    "target": ["", "Otay Mesa", "   ", "t" * 201, "a\x02"],
    "organizations": ["", "A;B;a", "x" * 5001, "A\nB", "bad\x03", ";;"],
    "contact_name": ["", "Ana", "  ", "n" * 201],
    "contact_email": [
        "",
        "ana@example.org",
        "Ana@Example.ORG",
        "bad",
        "a@b",
        " ana@example.org ",
        "x@localhost",
        "e" * 250 + "@example.org",
        "ü@exämple.org",
    ],
    "contact_phone": ["", "555-1234", "p" * 41],
    "language": ["", "en", "ES", "fr", " es "],
    "intro_region": ["", "yes", "no", "perhaps", "Sí", "1"],
    "intro_target": ["", "true", "off", "maybe"],
    "public": ["", "no", "y", "x"],
    "description": ["", " text ", "d" * 5001, "a\x00"],
    "venue": ["", "12 Main St", "v" * 301],
    "address_public": ["", "yes", "nah"],
    "start_time": ["", "18:30", "25:00", "7:05:09", "noon"],
    "end_time": ["", "19:00", "06:00", "18:30", "99"],
    "timezone": ["", "America/Chicago", "Mars/Olympus", " America/Denver "],
    "meeting_point": ["", "the park", "m" * 301],
    "event_url": ["", "https://example.org/e", "ftp://x.org", "http://nodot", "u" * 501],
    "accepts_messages": ["", "yes", "nope"],
}
NAMES = list(FIELDS) + list(EXTRA_FIELDS)


def _value(name: str) -> st.SearchStrategy:
    return st.one_of(st.sampled_from(POOL[name]), st.text(max_size=12))


records = st.fixed_dictionaries({}, optional={name: _value(name) for name in NAMES})
json_values = st.one_of(
    st.none(), st.booleans(), st.integers(-200, 200), st.floats(allow_nan=True), st.text(max_size=8)
)


def _same(new, old):
    action, errors = new
    old_action, old_errors = old
    assert errors == old_errors
    assert list(errors) == list(old_errors)  # the same order
    assert (action is None) == (old_action is None)
    if action is not None:
        assert asdict(action) == asdict(old_action)


@settings(max_examples=600, deadline=None)
@given(record=records, allow_past=st.booleans(), strict=st.booleans())
def test_one_action_gets_the_same_answer(record, allow_past, strict):
    _same(
        validate_action(record, allow_past_dates=allow_past, strict=strict),
        legacy_action_fields.validate_action(record, allow_past_dates=allow_past, strict=strict),
    )


@settings(max_examples=200, deadline=None)
@given(
    record=st.dictionaries(
        st.sampled_from([*NAMES, "unknown"]),
        st.one_of(json_values, st.lists(st.text(max_size=5), max_size=3)),
        max_size=8,
    )
)
def test_json_values_get_the_same_answer(record):
    _same(
        validate_action(record, strict=True),
        legacy_action_fields.validate_action(record, strict=True),
    )


def _csv(header: list[str], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    return out.getvalue()


@settings(max_examples=150, deadline=None)
@given(
    extra=st.lists(st.sampled_from(list(FIELDS)), max_size=6, unique=True),
    rows=st.lists(records, max_size=12),
    tail=st.sampled_from(["", "\n", "a,b\n", "\n\n", '"unclosed\n', "x," * 30 + "\n"]),
)
def test_csv_files_get_the_same_rows_and_errors(extra, rows, tail):
    header = [*legacy_action_csv.REQUIRED_COLUMNS, *extra]
    text = _csv(header, rows) + tail
    new_rows, new_errors = parse_actions_csv(text)
    old_rows, old_errors = legacy_action_csv.parse_actions_csv(text)
    assert [str(e) for e in new_errors] == [str(e) for e in old_errors]
    assert [(r.row, asdict(r.action)) for r in new_rows] == [
        (r.row, asdict(r.action)) for r in old_rows
    ]


def test_a_known_file_with_repeated_refs_and_blank_lines():
    text = (
        "title,date,location,target_type,contact_name,contact_email,ref,ref\n"
        "A,2027-10-12,Denver CO,other,N,n@example.org,x,r1\n"
        "\n"
        ",,,,,,,\n"
        "B,2027-10-12,Denver CO,other,N,m@example.org,y,r1\n"
        "C,2027-10-40,Denver CO,church,N,bad,z,r2,extra\n"
    )
    new_rows, new_errors = parse_actions_csv(text)
    old_rows, old_errors = legacy_action_csv.parse_actions_csv(text)
    assert [str(e) for e in new_errors] == [str(e) for e in old_errors]
    assert [str(e) for e in new_errors] == [
        "row 3 (line 4), column ref: same ref as row 1",
        "row 4 (line 5), column row: more cells than header columns",
    ]
    assert [r.ref for r in new_rows] == [r.ref for r in old_rows] == ["r1"]
