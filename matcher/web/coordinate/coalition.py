"""Coordinators' coalition pages: the review of organizers' introduction requests, and the
map of the movement."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matcher.extensions import db
from matcher.models import CoalitionRequest
from matcher.operations import OperationError, OutOfScope
from matcher.operations.coalition import approve_request, reject_request
from matcher.queries.movement import movement, pending_requests
from matcher.queries.organizations import shown_tags
from matcher.web.coordinate import bp
from matcher.web.organization_forms import DecisionForm


@bp.get("/introduction-requests")
def introduction_requests() -> str:
    """Organizers' requests to meet an organization, oldest first."""
    requests = pending_requests(current_user)
    return render_template(
        "coordinate/introduction_requests.html",
        requests=requests,
        tags=shown_tags(sorted({r.organization_id for r in requests})),
        form=DecisionForm(formdata=None),
    )


def _decide(request_id: int, approving: bool) -> Response:
    request = db.session.get(CoalitionRequest, request_id)
    if request is None:
        abort(404)
    form = DecisionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        if approving:
            approve_request(request, current_user, form.note.data or "")
        else:
            reject_request(request, current_user, form.reason.data or "")
    except OutOfScope:
        db.rollback()
        abort(403)
    except OperationError as exc:
        db.rollback()
        flash(next(iter(exc.errors.values())))
        return redirect(url_for("coordinate.introduction_requests"))  # type: ignore[return-value]
    db.commit()
    flash(_("Approved: the introduction is requested.") if approving else _("Rejected."))
    return redirect(url_for("coordinate.introduction_requests"))  # type: ignore[return-value]


@bp.post("/introduction-requests/<int:request_id>/approve")
def approve_introduction_request(request_id: int) -> Response:
    """Approve: both sides are asked (double opt-in)."""
    return _decide(request_id, approving=True)


@bp.post("/introduction-requests/<int:request_id>/reject")
def reject_introduction_request(request_id: int) -> Response:
    """Reject: nobody is asked."""
    return _decide(request_id, approving=False)


@bp.get("/movement")
def movement_map() -> str:
    """Organizations by region, regions missing immigrant-led or indigenous-led partners, and
    organizations in several regions."""
    return render_template("coordinate/movement.html", movement=movement(current_user))
