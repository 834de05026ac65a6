"""Actions management: pending and flagged actions, contact details (audited), fixes, spam."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matcher.extensions import db
from matcher.models import Action
from matcher.operations import OperationError
from matcher.operations.moderation import fix_location, record_contact_view, remove_action
from matcher.operations.suppressions import lift_bounce
from matcher.queries.coordination import (
    ACTION_VIEWS,
    action_list,
    bounce_suppression,
    duplicate_ids,
)
from matcher.queries.decisions import action_decisions
from matcher.queries.scope import may_read_action
from matcher.web.coordinate import bp
from matcher.web.coordinate.forms import ConfirmForm, LocationForm


@bp.get("/actions")
def actions() -> str:
    """Actions in scope: flagged (default), pending, published, withdrawn, removed."""
    view = request.args.get("view", "flagged")
    if view not in ACTION_VIEWS:
        view = "flagged"
    return render_template(
        "coordinate/actions.html",
        actions=action_list(current_user, view),
        view=view,
        views=ACTION_VIEWS,
        duplicates=duplicate_ids(),
    )


def _action(action_id: int) -> Action:
    action = db.session.get(Action, action_id)
    if action is None:
        abort(404)
    if not may_read_action(current_user, action):
        abort(403)
    return action


@bp.get("/actions/<int:action_id>")
def action(action_id: int) -> str:
    """One action with its contact details; the view is written to the audit log."""
    found = _action(action_id)
    record_contact_view("action", found.id, current_user)
    db.commit()
    form = LocationForm(data={"location": found.location_text})
    return render_template(
        "coordinate/action.html",
        action=found,
        location_form=form,
        confirm=ConfirmForm(),
        bounce=bounce_suppression(found),
        decisions=action_decisions(current_user, found),
    )


@bp.post("/actions/<int:action_id>/location")
def fix_action_location(action_id: int) -> Response | tuple[str, int]:
    """Fix where an action is."""
    found = _action(action_id)
    form = LocationForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        placed = fix_location(
            found,
            current_user,
            location=form.location.data or "",
            latitude=form.latitude.data or "",
            longitude=form.longitude.data or "",
        )
    except OperationError as exc:
        db.rollback()
        for name, message in exc.errors.items():
            getattr(form, name).errors = [message]
        return render_template(
            "coordinate/action.html",
            action=found,
            location_form=form,
            confirm=ConfirmForm(),
            bounce=bounce_suppression(found),
            decisions=action_decisions(current_user, found),
        ), 422
    db.commit()
    flash(
        _("Placed at %(place)s.", place=found.place)
        if placed
        else _("Still no place found: try coordinates.")
    )
    return redirect(url_for("coordinate.action", action_id=found.id))  # type: ignore[return-value]


@bp.post("/actions/<int:action_id>/remove")
def remove(action_id: int) -> Response:
    """Remove spam; `all=1` also removes the other actions sent from the same address."""
    found = _action(action_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    removed = remove_action(found, current_user, with_others=request.form.get("all") == "1")
    db.commit()
    flash(_("Removed %(n)d actions.", n=len(removed)))
    return redirect(url_for("coordinate.actions"))  # type: ignore[return-value]


@bp.post("/actions/<int:action_id>/suppression")
def lift_suppression(action_id: int) -> Response:
    """Send mail to an address that bounced again, before its pause is over (audited)."""
    found = _action(action_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    lifted = lift_bounce(found, current_user)
    db.commit()
    flash(_("Mail to this address is no longer paused.") if lifted else _("Nothing to lift."))
    return redirect(url_for("coordinate.action", action_id=found.id))  # type: ignore[return-value]
