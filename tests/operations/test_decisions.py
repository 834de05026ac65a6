"""Decisions as first-class: the reason shown wherever a rejected pair appears, undo while no
email has gone out (audited), the pairs decided last, search and saved filters."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from matcher.models import (
    AuditEntry,
    Introduction,
    OutboundEmail,
    SavedFilter,
    Suggestion,
    SuggestionStatus,
)
from matcher.operations import OperationError
from matcher.operations.review import approve, undo_decision
from tests.support.coordinators import log_in, make_coordinator
from tests.support.forms import submit_form
from tests.support.helpers import make_action, make_suggestion
from tests.support.pages import visible_text

QUEUE = "/coordinate/suggestions"


@pytest.fixture
def pair(db):
    """A pending California pair (the first side with a coalition) and two coordinators."""
    first = make_action(
        db, place="San Diego, CA", title="San Diego vigil", organizations="Otay Mesa Coalition"
    )
    second = make_action(db, place="San Diego, CA", title="San Diego march")
    third = make_action(db, place="Fresno, CA", title="Fresno rally")
    suggestion = make_suggestion(db, first, second, score=0.9)
    make_suggestion(db, first, third, score=0.4)
    make_coordinator(db, "ca@example.org", states="CA")
    make_coordinator(db, "ny@example.org", states="NY")
    db.commit()
    return suggestion.id


def _reject(client, suggestion_id: int, reason: str):
    form = f"/suggestions/{suggestion_id}/reject"
    return submit_form(client, QUEUE, {"reason": reason}, form=form)


def test_a_rejection_shows_its_reason_everywhere_and_is_undone(app, db, pair):
    client = app.test_client()
    log_in(client, "ca@example.org")
    assert _reject(client, pair, "Same coalition already talks").status_code == 302
    rejected = client.get(QUEUE + "?status=rejected").get_data(as_text=True)
    assert "Same coalition already talks" in rejected and "Rejected by ca@example.org" in rejected
    suggestion = db.session.get(Suggestion, pair)
    action_page = client.get(f"/coordinate/actions/{suggestion.action_a_id}").get_data(as_text=True)
    assert "Same coalition already talks" in action_page
    decided = client.get("/coordinate/decisions").get_data(as_text=True)
    assert "Same coalition already talks" in decided and "ca@example.org" in decided

    undone = submit_form(client, "/coordinate/decisions", form=f"/suggestions/{pair}/undo")
    assert undone.status_code == 302
    db.session.expire_all()
    suggestion = db.session.get(Suggestion, pair)
    assert suggestion.status == SuggestionStatus.pending and suggestion.decision_reason is None
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.verb == "undo_reject"))
    assert entry.subject_id == pair and entry.details["reason"] == "Same coalition already talks"
    assert "San Diego march" in client.get(QUEUE).get_data(as_text=True)  # back in the queue


def test_an_approval_is_undone_only_while_no_email_went_out(app, db, pair):
    account = make_coordinator(db, "admin@example.org", admin=True)
    suggestion = db.session.get(Suggestion, pair)
    introduction = approve(suggestion, account, "note")
    queued = db.session.scalars(
        select(OutboundEmail).where(OutboundEmail.introduction_id == introduction.id)
    ).all()
    assert len(queued) == 2  # both opt-in requests, not sent before the commit
    undo_decision(suggestion, account)
    db.commit()  # the send jobs queued by the approval find nothing to send
    assert db.session.scalar(select(Introduction)) is None
    assert db.session.scalar(select(OutboundEmail)) is None
    assert suggestion.status == SuggestionStatus.pending

    introduction = approve(suggestion, account, "again")
    db.commit()  # in-process jobs: the requests go out now
    with pytest.raises(OperationError, match="already gone out"):
        undo_decision(suggestion, account)
    db.rollback()
    assert db.session.get(Suggestion, pair).status == SuggestionStatus.approved


def test_the_timeline_shows_the_pairs_decisions_with_their_reason(app, db, pair):
    client = app.test_client()
    log_in(client, "ca@example.org")
    _reject(client, pair, "Wrong weekend")
    submit_form(client, "/coordinate/decisions", form=f"/suggestions/{pair}/undo")
    submit_form(client, QUEUE, {"note": "Meet"}, form=f"/suggestions/{pair}/approve")
    introduction = db.session.scalar(select(Introduction))
    page = visible_text(
        client.get(f"/coordinate/introductions/{introduction.id}").get_data(as_text=True)
    )
    assert "rejected" in page and "Wrong weekend" in page and "rejection undone" in page
    assert "introduction_requested" not in page and "introduction requested" in page


def test_out_of_scope_coordinators_cannot_undo(app, db, pair):
    client = app.test_client()
    log_in(client, "ca@example.org")
    _reject(client, pair, "no")
    outsider = app.test_client()
    log_in(outsider, "ny@example.org")
    assert "San Diego march" not in outsider.get("/coordinate/decisions").get_data(as_text=True)


def test_search_and_saved_filters(app, db, pair):
    client = app.test_client()
    log_in(client, "ca@example.org")
    html = client.get(QUEUE + "?q=otay+mesa").get_data(as_text=True)
    assert "San Diego march" in html and "Fresno rally" in html  # both pairs have the coalition
    html = client.get(QUEUE + "?q=fresno").get_data(as_text=True)
    assert "Fresno rally" in html and "San Diego march" not in html
    assert "Nothing to review" in client.get(QUEUE + "?q=100%25").get_data(as_text=True)
    saved = submit_form(client, QUEUE + "?q=fresno", {"name": "Fresno"}, form="/filters")
    assert saved.status_code == 302 and saved.headers["Location"].endswith("?q=fresno")
    stored = db.session.scalar(select(SavedFilter))
    assert stored.name == "Fresno" and stored.query == "q=fresno"
    page = client.get(QUEUE).get_data(as_text=True)
    assert 'href="/coordinate/suggestions?q=fresno">Fresno</a>' in page
    empty = submit_form(client, QUEUE + "?q=fresno", {"name": "  "}, form="/filters")
    assert empty.status_code == 422
    deleted = submit_form(client, QUEUE, form=f"/filters/{stored.id}/delete")
    assert deleted.status_code == 302 and db.session.scalar(select(SavedFilter)) is None
