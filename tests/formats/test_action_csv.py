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
