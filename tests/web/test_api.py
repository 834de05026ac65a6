"""The JSON API: published actions out, submissions in, errors by field."""

from __future__ import annotations

import jsonschema_rs
from sqlalchemy import func, select

from matcher.formats.action_fields import validate_action
from matcher.models import Action, ActionStatus
from tests.support.forms import submit_form
from tests.support.helpers import action_fields, links_in


def api_fields(**overrides):
    data = action_fields(
        public="yes", intro_region="yes", intro_target="no", organizations=["A", "B"]
    )
    data.update(overrides)
    return data


def test_submit_by_api_then_verify(client, db, outbox):
    response = client.post("/api/v1/actions", json=api_fields())
    assert response.status_code == 202
    body = response.get_json()
    assert body["status"] == "pending"
    assert client.get("/api/v1/actions").get_json()["total"] == 0
    submit_form(client, links_in(outbox.last_text())["verify"])
    listing = client.get("/api/v1/actions").get_json()
    assert listing["total"] == 1
    [item] = listing["actions"]
    assert item["id"] == body["id"]
    assert item["organizations"] == ["A", "B"]
    assert client.get(f"/api/v1/actions/{body['id']}").get_json()["title"] == item["title"]


def test_json_booleans_and_defaults(client, db):
    data = api_fields(intro_region=True, intro_target=False)
    del data["public"]
    assert client.post("/api/v1/actions", json=data).status_code == 202
    action = db.session.scalar(select(Action))
    assert (action.listed_publicly, action.intro_region, action.intro_target) == (True, True, False)
    assert {(c.kind, c.granted) for c in action.consents} == {
        ("listed_publicly", True),
        ("intro_region", True),
        ("intro_target", False),
        ("accepts_messages", False),  # never assumed: the API asks for it by name
    }


def test_bad_fields_are_named_with_422(client, db):
    cases = {
        "date": "2027-02-30",
        "target_type": "bank",
        "contact_email": "x@",
        "intro_region": "maybe",
        "latitude": "north",
        "language": "fr",
        "title": "",
    }
    for field, value in cases.items():
        response = client.post("/api/v1/actions", json=api_fields(**{field: value}))
        assert response.status_code == 422, field
        assert field in response.get_json()["errors"], field
    assert db.session.scalar(select(func.count(Action.id))) == 0


def test_missing_required_fields_are_all_reported(client):
    response = client.post("/api/v1/actions", json={})
    errors = response.get_json()["errors"]
    assert response.status_code == 422
    for field in ("title", "date", "location", "target_type", "contact_name", "contact_email"):
        assert field in errors


def test_unknown_and_wrongly_typed_fields(client):
    errors = client.post("/api/v1/actions", json=api_fields(colour="red")).get_json()["errors"]
    assert errors == {"colour": "Unknown field."}
    errors = client.post("/api/v1/actions", json=api_fields(title={"x": 1})).get_json()["errors"]
    assert "title" in errors


def test_latitude_without_longitude(client):
    response = client.post("/api/v1/actions", json=api_fields(latitude=32.7))
    assert response.status_code == 422
    assert "longitude" in response.get_json()["errors"]


def test_body_that_is_not_a_json_object(client):
    for body, kind in (("not json", "text/plain"), ("[1, 2]", "application/json")):
        response = client.post("/api/v1/actions", data=body, content_type=kind)
        assert response.status_code == 400
        assert "body" in response.get_json()["errors"]


def test_duplicate_ref_is_a_field_error(client, db):
    assert client.post("/api/v1/actions", json=api_fields(ref="sd-1")).status_code == 202
    response = client.post("/api/v1/actions", json=api_fields(ref="sd-1"))
    assert response.status_code == 422
    assert "ref" in response.get_json()["errors"]
    assert db.session.scalar(select(func.count(Action.id))) == 1


def test_unknown_action_and_pending_action_are_404(client, db):
    client.post("/api/v1/actions", json=api_fields())
    slug = db.session.scalar(select(Action.slug))
    assert db.session.scalar(select(Action.status)) == ActionStatus.pending
    assert client.get(f"/api/v1/actions/{slug}").status_code == 404
    response = client.get("/api/v1/actions/nope")
    assert response.status_code == 404
    assert "errors" in response.get_json()


def test_huge_body_is_refused_cleanly(client):
    response = client.post(
        "/api/v1/actions", data="x" * (3 * 1024 * 1024), content_type="application/json"
    )
    assert response.status_code == 413


def test_a_method_not_allowed_says_which_are(client):
    response = client.delete("/api/v1/actions")
    assert response.status_code == 405
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "POST"}
    assert "request" in response.get_json()["errors"]


def _input_schema(client):
    document = client.get("/api/openapi.json").get_json()
    schema = document["components"]["schemas"]["ActionInput"]
    return schema, jsonschema_rs.Draft202012Validator(schema, validate_formats=True)


def test_what_the_schema_requires_the_api_refuses_with_the_validators_field_error(client, db):
    schema, validator = _input_schema(client)
    required_texts = [
        name for name in schema["required"] if schema["properties"][name].get("type") == "string"
    ]
    assert {"title", "location", "contact_name", "contact_email", "date"} <= set(required_texts)
    for name in required_texts:
        for blank in ("", "   "):
            body = api_fields(**{name: blank})
            assert not validator.is_valid(body), (name, blank)  # the schema refuses it ...
            _action, expected = validate_action(body, strict=True)
            response = client.post("/api/v1/actions", json=body)
            assert response.status_code == 422  # ... and so does the API, naming the field
            assert response.get_json()["errors"] == {name: expected[name]}, (name, blank)
    assert validator.is_valid(api_fields()) and validator.is_valid(api_fields(contact_name="A"))
    assert db.session.scalar(select(func.count(Action.id))) == 0  # nothing half-written


def test_organizations_as_a_json_array_are_kept_as_given(client, db):
    names = ["Pueblo Unido; San Diego", "Unión del Barrio", "unión del barrio"]
    assert client.post("/api/v1/actions", json=api_fields(organizations=names)).status_code == 202
    assert (
        client.post("/api/v1/actions", json=api_fields(organizations=names[0])).status_code == 202
    )
    from_array, from_text = db.session.scalars(select(Action).order_by(Action.id)).all()
    assert [o.name for o in from_array.organizations] == [
        "Pueblo Unido; San Diego",
        "Unión del Barrio",
    ]
    assert [o.name for o in from_text.organizations] == ["Pueblo Unido", "San Diego"]


def test_organization_names_have_a_length_and_a_count(client, db):
    _schema, validator = _input_schema(client)
    too_long = "Coalición " * 25
    cases = {
        "array item": api_fields(organizations=["Pueblo Unido", too_long]),
        "text": api_fields(organizations=f"Pueblo Unido; {too_long}"),
        "count": api_fields(organizations=[f"Group {n}" for n in range(51)]),
        "control": api_fields(organizations=["Pueblo\x00Unido"]),
    }
    for case, body in cases.items():
        response = client.post("/api/v1/actions", json=body)
        assert response.status_code == 422, case
        assert set(response.get_json()["errors"]) == {"organizations"}, case
        if case in ("array item", "count"):  # (no schema word for names within a text)
            assert not validator.is_valid(body), case
    text = client.post("/api/v1/actions", json=cases["text"]).get_json()["errors"]
    assert "200 characters" in text["organizations"] and "semicolon" in text["organizations"]
    assert db.session.scalar(select(func.count(Action.id))) == 0
