"""Coalition introduction requests: the rules of asking, privacy export and purge."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text

from matcher.models import Action, CoalitionRequest, Organization
from matcher.operations import OperationError
from matcher.operations.coalition import request_introduction
from matcher.operations.imports import load_demo
from matcher.operations.matching import run_match
from matcher.operations.privacy import export_personal_data, purge_contact_data


@pytest.fixture
def demo(db):
    load_demo()
    run_match()
    db.session.flush()


def _action(db, ref):
    return db.session.scalar(select(Action).where(Action.ref == ref))


def _organization(db, name):
    return db.session.scalar(select(Organization).where(Organization.name == name))


def test_only_suggested_organizations_and_only_once(db, demo):
    march = _action(db, "demo-minneapolis-1010")
    far = _organization(db, "The Red Nation")
    with pytest.raises(OperationError) as error:
        request_introduction(march, far.id)
    assert set(error.value.errors) == {"organization"}
    unidos = _organization(db, "Unidos MN")
    request = request_introduction(march, unidos.id, "hello")
    assert request.target_action.ref == "demo-minneapolis-1025"
    with pytest.raises(OperationError, match="already asked"):
        request_introduction(march, unidos.id)
    with pytest.raises(OperationError):
        request_introduction(march, -1)


def test_the_same_address_is_never_its_own_introduction(db, demo):
    march, other = _action(db, "demo-minneapolis-1010"), _action(db, "demo-minneapolis-1025")
    other.contact_email = march.contact_email
    db.session.flush()
    with pytest.raises(OperationError, match="cannot be introduced"):
        request_introduction(march, _organization(db, "Unidos MN").id)


def test_the_message_is_exported_encrypted_at_rest_and_purged(db, demo):
    march = _action(db, "demo-minneapolis-1010")
    request_introduction(march, _organization(db, "Navigate MN").id, "call me at 555 0100")
    db.session.flush()
    stored = db.session.execute(text("SELECT message FROM coalition_requests")).scalar()
    assert "555 0100" not in stored
    data = export_personal_data(march.contact_email)
    assert [r["message"] for r in data["coalition_requests"]] == ["call me at 555 0100"]
    purge_contact_data(today=march.date + timedelta(days=400))
    db.session.expire_all()
    assert db.session.scalar(select(CoalitionRequest.message)) == ""


def test_the_listed_email_of_an_import_names_who_organizes_near_it(runner, db, tmp_path, outbox):
    header = (
        "ref,title,date,location,target_type,organizations,contact_name,contact_email,"
        "intro_region\n"
    )
    rows = (
        "a,March,2027-10-10,Minneapolis MN,other,Unidos MN;Navigate MN,Ana,ana@example.org,yes\n"
        "b,Vigil,2027-10-11,St. Paul MN,other,Navigate MN;CTUL,Bo,bo@example.org,yes\n"
    )
    path = tmp_path / "actions.csv"
    path.write_text(header + rows, encoding="utf-8")
    assert runner.invoke(args=["import", str(path)]).exit_code == 0
    to_bo = [m for m in outbox.messages() if m["To"] == "bo@example.org"]
    text = to_bo[0].get_body(preferencelist=("plain",)).get_content()
    assert "- Unidos MN: March" in text and "- Navigate MN" not in text
    assert "ana@example.org" not in text
