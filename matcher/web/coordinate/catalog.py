"""The facility catalog page: coordinators add new or temporary sites and nicknames."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matcher.extensions import db
from matcher.models import CatalogEntry
from matcher.operations import OperationError
from matcher.operations.catalog import KINDS, save_entry, set_entry_active
from matcher.queries.catalog import added_entries
from matcher.web.coordinate import bp
from matcher.web.coordinate.forms import CatalogEntryForm, ConfirmForm

_FIELDS = ("extends", "name", "aliases", "kind", "operator", "city", "state")


def _page(form: CatalogEntryForm, status: int = 200):  # type: ignore[no-untyped-def]
    return render_template(
        "coordinate/catalog.html",
        entries=added_entries(include_inactive=True),
        form=form,
        kinds=KINDS,
        confirm=ConfirmForm(),
    ), status


@bp.route("/catalog", methods=["GET", "POST"])
def catalog():  # type: ignore[no-untyped-def]
    """The entries coordinators added; add one (errors by field)."""
    form = CatalogEntryForm()
    if not form.validate_on_submit():
        return _page(form, status=422 if form.is_submitted() else 200)
    values = {name: getattr(form, name).data or "" for name in _FIELDS}
    try:
        save_entry(
            by=current_user,
            latitude=form.latitude.data or "",
            longitude=form.longitude.data or "",
            source=form.source.data or "",
            **values,
        )
    except OperationError as exc:
        db.rollback()
        for name, message in exc.errors.items():
            getattr(form, name).errors = [message]
        return _page(form, status=422)
    db.commit()
    flash(_("Saved. New submissions naming it are placed there from now on."))
    return redirect(url_for("coordinate.catalog"))  # type: ignore[return-value]


@bp.post("/catalog/<entry_id>/active")
def catalog_active(entry_id: str) -> Response:
    """Deactivate or reactivate an added entry."""
    entry = db.session.get(CatalogEntry, entry_id)
    if entry is None:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        set_entry_active(entry, request.form.get("active") == "1", by=current_user)
    except OperationError:
        abort(403)
    db.commit()
    flash(_("Saved."))
    return redirect(url_for("coordinate.catalog"))  # type: ignore[return-value]
