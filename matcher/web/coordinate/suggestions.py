"""The review queue: suggestions in scope, searched and filtered (filters can be saved), approve
or reject one or many, undo a decision; the pairs decided last."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from matcher.domain.enums import TARGET_TYPE_LABELS
from matcher.extensions import db
from matcher.models import (
    Region,
    SavedFilter,
    Suggestion,
    SuggestionStatus,
    TargetType,
)
from matcher.operations import OperationError, OutOfScope
from matcher.operations.review import approve, decide_many, reject, undo_decision
from matcher.operations.saved_filters import delete_filter, filter_query, save_filter
from matcher.queries.decisions import recent_decisions, undoable
from matcher.queries.review_queue import (
    Cursor,
    QueueFilter,
    in_scope,
    queue_page,
    saved_filters,
)
from matcher.web.coordinate import bp
from matcher.web.coordinate.forms import (
    ApproveForm,
    BulkForm,
    ConfirmForm,
    RejectForm,
    SaveFilterForm,
)
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
        text=" ".join((args.get("q") or "").split())[:100] or None,
    )


def _back() -> Response:
    back = coordinator_path(request.form.get("back")) or url_for("coordinate.suggestions")
    return redirect(back)  # type: ignore[return-value]


def _queue_page(save_form: SaveFilterForm | None = None, status: int = 200):  # type: ignore[no-untyped-def]
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
        confirm=ConfirmForm(),
        save_form=save_form or SaveFilterForm(formdata=None),
        saved=saved_filters(current_user),
        current_query=filter_query(request.args.to_dict()),
        undoable=undoable,
        minimap=two_places,
    ), status


@bp.get("/suggestions")
def suggestions():  # type: ignore[no-untyped-def]
    """The queue, best score first, searchable, filterable, paged by cursor."""
    return _queue_page()


@bp.post("/suggestions/filters")
def save_queue_filter():  # type: ignore[no-untyped-def]
    """Save the filters in the query string under a name (the form posts to this URL with the
    queue's query string)."""
    form = SaveFilterForm()
    if not form.validate_on_submit():
        return _queue_page(form, 422 if form.is_submitted() else 400)
    try:
        saved = save_filter(current_user, form.name.data or "", request.args.to_dict())
    except OperationError as exc:
        db.rollback()
        form.name.errors = [exc.errors["name"]]
        return _queue_page(form, 422)
    db.commit()
    flash(_("Filter saved: %(name)s.", name=saved.name))
    return redirect(url_for("coordinate.suggestions") + "?" + saved.query)  # type: ignore[return-value]


@bp.post("/suggestions/filters/<int:filter_id>/delete")
def delete_queue_filter(filter_id: int) -> Response:
    """Delete one of your saved filters."""
    saved = db.session.get(SavedFilter, filter_id)
    if saved is None or saved.coordinator_id != current_user.id:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    delete_filter(current_user, saved)
    db.commit()
    flash(_("Filter deleted."))
    return redirect(url_for("coordinate.suggestions"))  # type: ignore[return-value]


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


@bp.post("/suggestions/<int:suggestion_id>/undo")
def undo_suggestion(suggestion_id: int) -> Response:
    """Undo a rejection, or an approval whose emails have not gone out: the pair is pending
    again (audited)."""
    suggestion = _suggestion(suggestion_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        undo_decision(suggestion, current_user)
    except OutOfScope:
        abort(403)
    except OperationError as exc:
        db.rollback()
        flash(exc.errors["suggestion"])
        return _back()
    db.commit()
    flash(_("Undone: the pair is back in the queue."))
    return _back()


def _decider(value: str | None) -> int | None:
    text = (value or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None


@bp.get("/decisions")
def decisions() -> str:
    """The pairs decided last: who, when, why, with undo while it is possible."""
    decided_by = _decider(request.args.get("by"))
    everyone = recent_decisions(current_user)
    deciders = sorted({(d.decided_by_id, d.decided_by) for d in everyone if d.decided_by_id})
    return render_template(
        "coordinate/decisions.html",
        decisions=recent_decisions(current_user, decided_by=decided_by) if decided_by else everyone,
        deciders=deciders,
        decided_by=decided_by,
        confirm=ConfirmForm(),
    )
