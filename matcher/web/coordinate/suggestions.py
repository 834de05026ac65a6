"""The review queue: pending suggestions in scope, approve or reject one or many."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import Region, Suggestion, SuggestionStatus, TargetType
from matcher.models.enums import TARGET_TYPE_LABELS
from matcher.operations import OperationError
from matcher.operations.review import approve, decide_many, reject
from matcher.queries.review_queue import Cursor, QueueFilter, in_scope, queue_page
from matcher.web.coordinate import bp
from matcher.web.coordinate.forms import ApproveForm, BulkForm, RejectForm
from matcher.web.minimap import two_places
from matcher.web.redirects import coordinator_path


def _region(value: str | None) -> int | None:
    """A region id from the query string (digits that fit an id), else no region filter."""
    text = (value or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None


def _filters() -> QueueFilter:
    args = request.args
    try:
        target_type = TargetType(args.get("target_type", ""))
    except ValueError:
        target_type = None
    try:
        status = SuggestionStatus(args.get("status", "pending"))
    except ValueError:
        status = SuggestionStatus.pending
    return QueueFilter(
        state=(args.get("state") or "").strip().upper()[:2] or None,
        region_id=_region(args.get("region")),
        target_type=target_type,
        kind=args.get("kind") if args.get("kind") in ("region", "target") else None,
        status=status,
    )


def _back() -> Response:
    back = coordinator_path(request.form.get("back")) or url_for("coordinate.suggestions")
    return redirect(back)  # type: ignore[return-value]


@bp.get("/suggestions")
def suggestions() -> str:
    """The queue, best score first, filterable, paged by cursor."""
    filters = _filters()
    page = queue_page(current_user, filters, Cursor.parse(request.args.get("after")))
    regions = db.session.scalars(select(Region).order_by(Region.name)).all()
    return render_template(
        "coordinate/suggestions.html",
        page=page,
        filters=filters,
        regions=regions,
        target_types=TARGET_TYPE_LABELS,
        approve_form=ApproveForm(),
        reject_form=RejectForm(),
        bulk_form=BulkForm(),
        minimap=two_places,
    )


def _suggestion(suggestion_id: int) -> Suggestion:
    suggestion = db.session.get(Suggestion, suggestion_id)
    if suggestion is None:
        abort(404)
    if not in_scope(current_user, suggestion):
        abort(403)
    return suggestion


def _decide(suggestion_id: int, form: ApproveForm | RejectForm, decide, done: str) -> Response:  # type: ignore[no-untyped-def]
    """Run one decision on a suggestion in scope and come back to the queue."""
    suggestion = _suggestion(suggestion_id)
    if not form.validate_on_submit():
        abort(400)
    try:
        decide(suggestion)
    except OperationError as exc:
        db.rollback()
        flash(exc.errors["suggestion"])
        return _back()
    db.commit()
    flash(done)
    return _back()


@bp.post("/suggestions/<int:suggestion_id>/approve")
def approve_suggestion(suggestion_id: int) -> Response:
    """Approve one: the introduction starts."""
    form = ApproveForm()
    return _decide(
        suggestion_id,
        form,
        lambda s: approve(s, current_user, form.note.data or ""),
        _("Approved: the introduction is requested."),
    )


@bp.post("/suggestions/<int:suggestion_id>/reject")
def reject_suggestion(suggestion_id: int) -> Response:
    """Reject one: that pair is never suggested again."""
    form = RejectForm()
    return _decide(
        suggestion_id,
        form,
        lambda s: reject(s, current_user, form.reason.data or ""),
        _("Rejected."),
    )


@bp.post("/suggestions/bulk")
def bulk() -> Response:
    """Approve or reject the selected rows."""
    form = BulkForm()
    decision = request.form.get("decision")
    if not form.validate_on_submit() or decision not in ("approve", "reject"):
        abort(400)
    try:
        ids = [int(value) for value in request.form.getlist("ids")][:1000]
    except ValueError:
        abort(400)
    result = decide_many(ids, decision, current_user, reason=form.reason.data or "")
    db.commit()
    flash(_("%(n)d decided, %(m)d skipped.", n=result.decided, m=len(result.skipped)))
    return _back()
