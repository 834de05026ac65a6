"""Real clients of the feeds against the live server: a HAL client (restnavigator) syncs every
OSDI event page by page from the API entry point and learns of a withdrawn action."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from restnavigator import Navigator
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import Action, ActionStatus
from matcher.queries.listing import ActionFilter, public_query


def _walk(collection) -> list[dict]:
    """Every embedded event of every page, following `next` links."""
    events, page, pages = [], collection, 0
    while page is not None:
        state = page()
        events += [event.state for event in page.embedded()["osdi:events"]]
        pages += 1
        assert pages <= 100, "a loop in the next links"
        page = page.links().get("next")
    assert pages == state["total_pages"]
    return events


def _entry(live_server, query: str = "per_page=7"):
    root = Navigator.hal(f"{live_server.url}/api/osdi/v1/", default_curie="osdi")
    events = root["events"]
    return root, Navigator.hal(f"{events.uri}?{query}", default_curie="osdi")


def test_a_hal_client_syncs_every_event_and_sees_a_withdrawn_one_cancelled(live_server) -> None:
    root, collection = _entry(live_server)
    assert root()["osdi_version"] == "1.0"
    events = _walk(collection)
    with live_server.app.app_context():
        public = {a.slug for a in db.session.scalars(public_query(ActionFilter()))}
        action = db.session.scalar(public_query(ActionFilter()).order_by(Action.id.desc()))
        slug = action.slug
    seen = {event["identifiers"][0].removeprefix("matcher:") for event in events}
    assert seen == public and len(events) == len(public)
    assert all(e["status"] == "confirmed" and "T" in e["start_date"] for e in events)

    one = Navigator.hal(f"{live_server.url}/api/osdi/v1/events/{slug}", default_curie="osdi")
    assert one()["identifiers"] == [f"matcher:{slug}"]

    since = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    time.sleep(1.1)  # modified_date has whole seconds
    with live_server.app.app_context():
        withdrawn = db.session.scalar(select(Action).where(Action.slug == slug))
        previous = withdrawn.status
        withdrawn.status = ActionStatus.withdrawn
        db.session.commit()
    try:
        _, changed = _entry(live_server, f"filter=modified_date gt '{since}'")
        [cancelled] = [e for e in _walk(changed) if e["identifiers"] == [f"matcher:{slug}"]]
        assert cancelled["status"] == "cancelled"
        assert "title" not in cancelled and "location" not in cancelled
    finally:
        with live_server.app.app_context():
            restored = db.session.scalar(select(Action).where(Action.slug == slug))
            restored.status = previous
            db.session.commit()
