"""Admins manage coordinator accounts."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import Coordinator
from matcher.operations import OperationError
from matcher.operations.coordinators import create_coordinator, parse_states, set_active
from matcher.operations.submissions import link
from matcher.security.auth import admin_required, set_password_token
from matcher.web.coordinate import bp
from matcher.web.coordinate.forms import ConfirmForm, CoordinatorForm


def _page(form: CoordinatorForm, new_link: str | None = None, status: int = 200):  # type: ignore[no-untyped-def]
    coordinators = db.session.scalars(select(Coordinator).order_by(Coordinator.email)).all()
    return render_template(
        "coordinate/coordinators.html",
        coordinators=coordinators,
        form=form,
        confirm=ConfirmForm(),
        new_link=new_link,
    ), status


@bp.route("/coordinators", methods=["GET", "POST"])
@admin_required
def coordinators():  # type: ignore[no-untyped-def]
    """List accounts; create one (its set-password link is shown once)."""
    form = CoordinatorForm()
    if not form.validate_on_submit():
        return _page(form, status=422 if form.is_submitted() else 200)
    try:
        created = create_coordinator(
            form.email.data,
            admin=form.admin.data,
            states=parse_states(form.states.data or ""),
            created_by=current_user,
        )
    except OperationError as exc:
        db.rollback()
        for name, message in exc.errors.items():
            getattr(form, name).errors = [message]
        return _page(form, status=422)
    db.commit()
    return _page(
        CoordinatorForm(formdata=None),
        link(url_for("coordinate.set_password", token=set_password_token(created))),
    )


@bp.post("/coordinators/<int:coordinator_id>/active")
@admin_required
def toggle_active(coordinator_id: int) -> Response:
    """Deactivate or reactivate an account (not your own)."""
    account = db.session.get(Coordinator, coordinator_id)
    if account is None:
        abort(404)
    if not ConfirmForm().validate_on_submit() or account.id == current_user.id:
        abort(400)
    set_active(account, request.form.get("active") == "1", by=current_user)
    db.commit()
    flash(_("Saved."))
    return redirect(url_for("coordinate.coordinators"))  # type: ignore[return-value]
