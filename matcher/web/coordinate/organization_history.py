"""A coordinator's page of one organization: its actions, introductions and replies, in scope."""

from __future__ import annotations

from flask import abort, render_template
from flask_login import current_user

from matcher.extensions import db
from matcher.models import Organization
from matcher.operations.moderation import record_contact_view
from matcher.queries.introduction_timeline import introduction_rows_for
from matcher.queries.organization_history import organization_history
from matcher.web.coordinate import bp


@bp.get("/organizations/<int:organization_id>")
def organization(organization_id: int) -> str:
    """One organization's history across actions (404 when none of it is readable)."""
    found = db.session.get(Organization, organization_id)
    if found is None:
        abort(404)
    history = organization_history(current_user, found)
    if history is None:
        abort(404)
    if history.contact_action_ids:
        record_contact_view(
            "organization", found.id, current_user, actions=history.contact_action_ids
        )
        db.commit()
    return render_template(
        "coordinate/organization.html",
        history=history,
        introductions=introduction_rows_for(current_user, history.introductions),
    )
