"""Coordinators' review of organizations' tags, and setting them."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matcher.extensions import db
from matcher.models import Organization, TagChange
from matcher.operations import OperationError, OutOfScope
from matcher.operations.organization_tags import review_tag_change, set_tags
from matcher.queries.organization_tags import may_tag, pending_tag_changes, shown
from matcher.web.coordinate import bp
from matcher.web.coordinate.forms import ConfirmForm
from matcher.web.organization_forms import CoordinatorTagsForm


@bp.get("/tags")
def tag_changes() -> str:
    """Tags organizers proposed, waiting for review."""
    return render_template(
        "coordinate/tags.html", changes=pending_tag_changes(current_user), form=ConfirmForm()
    )


def _review(change_id: int, approve: bool) -> Response:
    change = db.session.get(TagChange, change_id)
    if change is None:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        review_tag_change(change, current_user, approve=approve)
    except OutOfScope:
        db.rollback()
        abort(403)
    except OperationError as exc:
        db.rollback()
        flash(next(iter(exc.errors.values())))
        return redirect(url_for("coordinate.tag_changes"))  # type: ignore[return-value]
    db.commit()
    flash(_("Approved: the tag is shown as asked.") if approve else _("Rejected."))
    return redirect(url_for("coordinate.tag_changes"))  # type: ignore[return-value]


@bp.post("/tags/changes/<int:change_id>/approve")
def approve_tag_change(change_id: int) -> Response:
    """Approve a proposed tag change."""
    return _review(change_id, True)


@bp.post("/tags/changes/<int:change_id>/reject")
def reject_tag_change(change_id: int) -> Response:
    """Reject a proposed tag change."""
    return _review(change_id, False)


@bp.route("/tags/<int:organization_id>", methods=["GET", "POST"])
def organization_tags(organization_id: int) -> Response | str:
    """Set an organization's tags (shown at once: a coordinator's own review)."""
    organization = (
        db.session.get(Organization, organization_id) if organization_id < 2**63 else None
    )
    if organization is None:
        abort(404)
    if not may_tag(current_user, organization.id):
        abort(403)
    form = CoordinatorTagsForm()
    if form.validate_on_submit():
        set_tags(current_user, organization, form.chosen_tags())
        db.commit()
        flash(_("The tags are saved."))
        return redirect(url_for("coordinate.organization_tags", organization_id=organization.id))  # type: ignore[return-value]
    if not form.is_submitted():
        form.tags.data = [tag.value for tag in shown(organization.id)]
    return render_template(
        "coordinate/organization_tags.html", organization=organization, form=form
    )
