"""The retry sweep also places actions whose geocode job was lost (a broker outage)."""

from __future__ import annotations

from sqlalchemy import select

from matcher.formats.action_fields import validate_action
from matcher.models import Action
from matcher.operations.submissions import build_action
from tests.support.helpers import action_fields


def test_sweep_places_actions_whose_geocode_job_was_lost(db, runner):
    data, errors = validate_action(action_fields(location="Fort Worth TX"))
    assert not errors
    build_action(data, source="test", geocode=False)  # as if the job never reached a worker
    db.commit()
    action = db.session.scalar(select(Action))
    assert action.latitude is None and not action.needs_location
    result = runner.invoke(args=["send-queued"])
    assert "1 placed" in result.output
    db.session.refresh(action)
    assert action.place == "Fort Worth, TX"
