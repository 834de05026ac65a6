"""The review queue: scope, decisions, bulk, audit, exports and actions management."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import func, select

from matcher.models import (
    Action,
    ActionStatus,
    AuditEntry,
    Introduction,
    IntroductionStatus,
    Suggestion,
    SuggestionStatus,
)
from matcher.operations.review import decide_many
from matcher.security.crypto import blind_index
from tests.support.coordinators import log_in, make_coordinator
from tests.support.forms import forged_post, read_form, submit_form
from tests.support.helpers import make_action, make_suggestion

QUEUE = "/coordinate/suggestions"


@pytest.fixture
def pairs(db):
    """A California pair, an Oregon pair and a CA-OR pair."""
    sd1 = make_action(db, place="San Diego, CA", title="San Diego vigil")
    sd2 = make_action(db, place="San Diego, CA", title="San Diego march")
    pdx1 = make_action(db, place="Portland, OR", title="Portland rally")
    pdx2 = make_action(db, place="Portland, OR", title="Portland vigil")
    sac = make_action(db, place="Sacramento, CA", title="Sacramento vigil")
    pairs = {
        "ca": make_suggestion(db, sd1, sd2, score=0.9),
        "or": make_suggestion(db, pdx1, pdx2, score=0.8),
        "mixed": make_suggestion(db, sac, pdx1, score=0.5, kinds="target"),
    }
    make_coordinator(db, "ca@example.org", states="CA")
    make_coordinator(db, "admin@example.org", admin=True)
    db.commit()
    return {name: s.id for name, s in pairs.items()}


def titles(html: str) -> set[str]:
    names = ("San Diego vigil", "Portland vigil", "Sacramento vigil")
    return {name for name in names if name in html}


def test_california_coordinator_sees_only_california_related(app, pairs):
    client = app.test_client()
    log_in(client, "ca@example.org")
    html = client.get("/coordinate/suggestions").get_data(as_text=True)
    assert titles(html) == {"San Diego vigil", "Sacramento vigil"}
    admin = app.test_client()
    log_in(admin, "admin@example.org")
    assert titles(admin.get("/coordinate/suggestions").get_data(as_text=True)) == {
        "San Diego vigil",
        "Portland vigil",
        "Sacramento vigil",
    }
    approve_or = f"/coordinate/suggestions/{pairs['or']}/approve"
    assert forged_post(client, QUEUE, approve_or).status_code == 403


def test_queue_filters(app, pairs):
    client = app.test_client()
    log_in(client, "admin@example.org")
    assert titles(client.get("/coordinate/suggestions?kind=target").get_data(as_text=True)) == {
        "Sacramento vigil"
    }
    assert titles(client.get("/coordinate/suggestions?state=OR").get_data(as_text=True)) == {
        "Portland vigil",
        "Sacramento vigil",
    }


def test_approve_and_reject_are_recorded(app, db, pairs):
    client = app.test_client()
    log_in(client, "ca@example.org")
    approve_ca = f"/coordinate/suggestions/{pairs['ca']}/approve"
    reject_ca = read_form(client, QUEUE, f"/coordinate/suggestions/{pairs['ca']}/reject")
    submit_form(client, QUEUE, {"note": "Say hi!"}, form=approve_ca)
    reject_mixed = f"/coordinate/suggestions/{pairs['mixed']}/reject"
    submit_form(client, QUEUE, {"reason": "too far"}, form=reject_mixed)
    approved = db.session.get(Suggestion, pairs["ca"])
    db.session.refresh(approved)
    assert approved.status == SuggestionStatus.approved
    intro = db.session.scalar(select(Introduction).where(Introduction.suggestion_id == approved.id))
    assert intro.note == "Say hi!"
    assert intro.status in (IntroductionStatus.requested,)
    rejected = db.session.get(Suggestion, pairs["mixed"])
    db.session.refresh(rejected)
    assert (rejected.status, rejected.decision_reason) == (SuggestionStatus.rejected, "too far")
    verbs = set(
        db.session.scalars(select(AuditEntry.verb).where(AuditEntry.coordinator_id.is_not(None)))
    )
    assert {"login", "approve", "reject"} <= verbs
    again = reject_ca.submit(client, follow_redirects=True)  # a tab left open
    assert "already decided" in again.get_data(as_text=True)


def test_bulk_reject_many_rows(app, db):
    anchor = make_action(db, place="Chicago, IL", title="Chicago hub")
    others = [make_action(db, place="Chicago, IL", title=f"Chicago {i}") for i in range(40)]
    for i, other in enumerate(others):
        make_suggestion(db, anchor, other, score=i / 100)
    make_coordinator(db, "il@example.org", states="IL")
    db.commit()
    client = app.test_client()
    log_in(client, "il@example.org")
    bulk = read_form(client, QUEUE, "/coordinate/suggestions/bulk")
    shown = [c.value for c in bulk.controls if c.name == "ids"]
    assert len(shown) == 25  # one page of the queue
    bulk.fill({"ids": shown, "reason": "batch"})
    decided_meanwhile = db.session.get(Suggestion, int(shown[0]))
    decided_meanwhile.status = SuggestionStatus.rejected  # by another coordinator
    db.commit()
    response = bulk.submit(client, "Reject selected", follow_redirects=True)
    assert "24 decided, 1 skipped" in response.get_data(as_text=True)
    picked = [int(value) for value in shown]
    statuses = db.session.scalars(select(Suggestion.status).where(Suggestion.id.in_(picked))).all()
    assert set(statuses) == {SuggestionStatus.rejected}


def test_queue_pages_by_cursor(app, db):
    anchor = make_action(db, place="Denver, CO", title="Denver hub")
    for i in range(30):
        make_suggestion(
            db, anchor, make_action(db, place="Denver, CO", title=f"D{i:02d}"), score=0.5 + i / 100
        )
    make_coordinator(db, "co@example.org", states="CO")
    db.commit()
    client = app.test_client()
    log_in(client, "co@example.org")
    first = client.get("/coordinate/suggestions").get_data(as_text=True)
    assert first.count('class="suggestion"') == 25
    assert "D29" in first and "D04" not in first
    after = first.split("after=")[1].split('"')[0].replace("%3A", ":")
    second = client.get(f"/coordinate/suggestions?after={after}").get_data(as_text=True)
    assert second.count('class="suggestion"') == 5
    assert "D04" in second and "D29" not in second


def test_contact_view_is_audited_and_export_respects_scope(app, db, pairs):
    client = app.test_client()
    log_in(client, "ca@example.org")
    action = db.session.scalar(select(Action).where(Action.title == "San Diego vigil"))
    page = client.get(f"/coordinate/actions/{action.id}").get_data(as_text=True)
    assert action.contact_email in page
    seen = db.session.scalar(
        select(func.count(AuditEntry.id)).where(
            AuditEntry.verb == "view_contact", AuditEntry.subject_id == action.id
        )
    )
    assert seen == 1
    submit_form(client, QUEUE, form=f"/coordinate/suggestions/{pairs['mixed']}/approve")

    def exported() -> dict[str, str]:
        text = client.get("/coordinate/introductions.csv").get_data(as_text=True)
        header, row = list(csv.reader(io.StringIO(text)))
        return dict(zip(header, row, strict=True))

    record = exported()
    assert record["contact_a"] == record["contact_b"] == ""  # nobody has accepted yet
    introduction = db.session.scalar(select(Introduction))
    introduction.status = IntroductionStatus.introduced
    db.commit()
    record = exported()
    contacts = {record["contact_a"], record["contact_b"]}
    assert "" in contacts  # the Oregon side's contact is not in a CA coordinator's role
    assert any("sacramento.vigil@example.org" in c for c in contacts)


def test_remove_spam_with_the_senders_other_actions(app, db):
    spam = [
        make_action(db, place="Austin, TX", title=f"Buy now {i}", email="spam@example.org")
        for i in range(3)
    ]
    make_coordinator(db, "tx@example.org", states="TX")
    db.commit()
    client = app.test_client()
    log_in(client, "tx@example.org")
    page = f"/coordinate/actions/{spam[0].id}"
    submit_form(client, page, {"all": True}, form=f"/coordinate/actions/{spam[0].id}/remove")
    statuses = db.session.scalars(
        select(Action.status).where(Action.contact_email_index == blind_index("spam@example.org"))
    ).all()
    assert statuses == [ActionStatus.removed] * 3


def test_fix_location_and_flags(app, db):
    lost = make_action(db, place="San Antonio, TX", title="Lost one")
    lost.location_text, lost.needs_location = "Online", True  # as a failed geocode leaves it
    make_coordinator(db, "tx@example.org", states="TX")
    db.commit()
    client = app.test_client()
    log_in(client, "tx@example.org")
    db.session.refresh(lost)
    assert lost.needs_location
    assert "Lost one" in client.get("/coordinate/actions").get_data(as_text=True)
    page, fix = f"/coordinate/actions/{lost.id}", f"/coordinate/actions/{lost.id}/location"
    bad = submit_form(client, page, {"latitude": "200", "longitude": "1"}, form=fix)
    assert bad.status_code == 422
    submit_form(client, page, {"location": "ZIP 78205", "latitude": "", "longitude": ""}, form=fix)
    db.session.refresh(lost)
    assert (lost.needs_location, lost.state) == (False, "TX")


def test_a_suggestion_with_a_withdrawn_action_cannot_be_approved(app, db, outbox):
    a = make_action(db, place="Fresno, CA", title="Fresno vigil")
    b = make_action(db, place="Fresno, CA", title="Fresno march")
    suggestion = make_suggestion(db, a, b)
    coordinator = make_coordinator(db, "fresno@example.org", states="CA")
    db.commit()
    client = app.test_client()
    log_in(client, "fresno@example.org")
    approve = read_form(client, QUEUE, f"/coordinate/suggestions/{suggestion.id}/approve")
    b.status = ActionStatus.withdrawn  # withdrawn while the queue is open in a tab
    db.commit()
    assert "Fresno march" not in client.get(QUEUE).get_data(as_text=True)
    response = approve.submit(client)
    assert response.status_code == 302
    db.session.refresh(suggestion)
    assert suggestion.status == SuggestionStatus.pending
    assert db.session.scalar(select(Introduction)) is None and outbox.messages() == []
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "no longer published" in page
    result = decide_many([suggestion.id], "approve", coordinator)
    assert result.decided == 0 and result.skipped == [suggestion.id]
