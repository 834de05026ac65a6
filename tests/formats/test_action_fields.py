"""The shared validation of an action's fields (no app needed)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from matcher.formats.action_fields import parse_yes_no, split_organizations, validate_action

FUTURE = (date.today() + timedelta(days=10)).isoformat()


def valid(**overrides):
    data = {
        "title": "  Vigil   at   the camp ",
        "date": FUTURE,
        "location": "Fort Worth TX",
        "target_type": "local_government",
        "contact_name": "Cy",
        "contact_email": "Cy@Example.ORG",
    }
    data.update(overrides)
    return data


def test_normalizes_valid_input():
    action, errors = validate_action(valid(organizations="DSA; RAICES;dsa;  ", target="a\nb"))
    assert errors == {}
    assert action.title == "Vigil at the camp"
    assert action.target == "a b"  # one line: whitespace, newlines included, collapses
    assert action.organizations == ("DSA", "RAICES")
    assert action.contact_email == "Cy@example.org"
    assert (action.public, action.intro_region, action.intro_target) == (True, False, False)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("date", "2027-1-5", "YYYY-MM-DD"),
        ("date", "2019-10-12", "passed"),
        ("title", "x" * 201, "200"),
        ("location", "bad\x00byte", "control"),
        ("latitude", "95", "between"),
        ("longitude", "nan", "between"),
        ("language", "de", "en or es"),
        ("public", "sometimes", "yes or no"),
        ("ref", "has space", "letters"),
    ],
)
def test_each_bad_value_names_its_field(field, value, message):
    extra = {"longitude": "1"} if field == "latitude" else {}
    if field == "longitude":
        extra = {"latitude": "1"}
    action, errors = validate_action(valid(**{field: value}, **extra))
    assert action is None
    assert message in errors[field]


def test_past_dates_allowed_where_asked():
    action, errors = validate_action(valid(date="2019-10-12"), allow_past_dates=True)
    assert errors == {}
    assert action.date == date(2019, 10, 12)


def test_yes_no_parsing():
    assert parse_yes_no("Sí", False) is True
    assert parse_yes_no(" ", True) is True
    assert parse_yes_no(None, False) is False
    with pytest.raises(ValueError):
        parse_yes_no("maybe", False)


def test_split_organizations_accepts_lists_and_lines():
    assert split_organizations(["A", " a ", "B"]) == ("A", "B")
    assert split_organizations("A\nB;C") == ("A", "B", "C")
    assert split_organizations(None) == ()
