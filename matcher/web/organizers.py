"""Organizers' pages: submit an action, verify the email, manage it through a private link."""

from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, render_template, url_for
from flask_babel import get_locale

from matcher.extensions import db, limiter
from matcher.operations import OperationError
from matcher.operations.manage import (
    action_for_manage_link,
    delete_action,
    republish_action,
    update_action,
    withdraw_action,
)
from matcher.operations.submissions import request_resend, submit_action, verify_action
from matcher.security.lookalikes import public_field_warnings
from matcher.security.tokens import TokenError
from matcher.web.forms import ActionForm, ConfirmForm, ResendForm
from matcher.web.limits import (
    limit_submissions,
    limit_submissions_per_address,
    resend_key,
    resend_limit,
)
from matcher.web.security_headers import private_page

bp = Blueprint("organizers", __name__)


def _apply_errors(form: ActionForm, errors: dict[str, str]) -> None:
    for name, message in errors.items():
        field = getattr(form, name, None)
        if field is not None:
            field.errors = [*field.errors, message]


@bp.route("/submit", methods=["GET", "POST"])
@limit_submissions
@limit_submissions_per_address
def submit() -> str | Response:
    """The submission form."""
    form = ActionForm()
    if not form.is_submitted():
        locale = get_locale()
        form.language.data = locale.language if locale else "en"
    if form.is_submitted() and form.is_bot:
        return redirect(url_for("organizers.submitted"))  # looks accepted, stores nothing
    valid = form.validate_on_submit()
    warnings = public_field_warnings(form.data) if valid else {}  # lengths checked by then
    if warnings and not form.publish_as_written.data:
        return render_template("organizers/submit.html", form=form, public_warnings=warnings)
    if valid:
        try:
            submit_action(form.to_input(), source="form")
        except OperationError as exc:
            db.rollback()
            _apply_errors(form, exc.errors)
        else:
            db.commit()
            return redirect(url_for("organizers.submitted"))
    status = 422 if form.is_submitted() else 200
    return render_template("organizers/submit.html", form=form), status  # type: ignore[return-value]


@bp.get("/submitted")
def submitted() -> str:
    """Thank you: check your email."""
    return render_template("organizers/submitted.html")


@bp.route("/verify/resend", methods=["GET", "POST"])
@limiter.limit(resend_limit, methods=["POST"])
@limiter.limit(resend_limit, methods=["POST"], key_func=resend_key)
def resend() -> str | Response:
    """Ask for a new verification link; the answer is the same for every address, and so is
    the work done before it (the lookup and the mail run after it is sent)."""
    form = ResendForm()
    if form.validate_on_submit():
        request_resend(form.email.data)
        db.commit()
        return render_template("organizers/resent.html")
    return render_template("organizers/resend.html", form=form)


@bp.get("/verify/<token>")
def verify(token: str) -> str | tuple[str, int]:
    """Follow the verification link: publishes the action."""
    try:
        action = verify_action(token)
    except TokenError as exc:
        db.rollback()
        return render_template("organizers/link_invalid.html", reason=exc.reason), 410
    db.commit()
    return render_template("organizers/verified.html", action=action)


def _managed(token: str):  # type: ignore[no-untyped-def]
    try:
        return action_for_manage_link(token)
    except TokenError as exc:
        abort(private_page(render_template("organizers/link_invalid.html", reason=exc.reason), 410))


def _form_data(action) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {
        "title": action.title,
        "description": action.description,
        "date": action.date.isoformat(),
        "location": action.location_text,
        "venue": action.venue,
        "address_public": action.address_public,
        "target_type": action.target_type.value,
        "target": action.target,
        "organizations": "\n".join(org.name for org in action.organizations),
        "contact_name": action.contact_name,
        "contact_email": action.contact_email,
        "contact_phone": action.contact_phone,
        "language": action.language,
        "public": action.listed_publicly,
        "intro_region": action.intro_region,
        "intro_target": action.intro_target,
    }


@bp.route("/manage/<token>", methods=["GET", "POST"])
def manage(token: str) -> Response:
    """Edit the action (the contact email stays the verified one)."""
    action = _managed(token)
    form = ActionForm(data=_form_data(action))
    form.allow_past_dates = True
    form.contact_email.data = action.contact_email
    saved = False
    if form.validate_on_submit():
        update_action(action, form.to_input())
        db.commit()
        saved = True
    html = render_template(
        "organizers/manage.html",
        form=form,
        action=action,
        token=token,
        saved=saved,
        confirm=ConfirmForm(),
    )
    return private_page(html, 422 if form.errors else 200)


@bp.post("/manage/<token>/withdraw")
def withdraw(token: str) -> Response:
    """Take the action off the public page."""
    action = _managed(token)
    if ConfirmForm().validate_on_submit():
        withdraw_action(action)
        db.commit()
    return redirect(url_for("organizers.manage", token=token))  # type: ignore[return-value]


@bp.post("/manage/<token>/republish")
def republish(token: str) -> Response:
    """Put a withdrawn action back on the public page."""
    action = _managed(token)
    if ConfirmForm().validate_on_submit():
        republish_action(action)
        db.commit()
    return redirect(url_for("organizers.manage", token=token))  # type: ignore[return-value]


@bp.route("/manage/<token>/delete", methods=["GET", "POST"])
def delete(token: str) -> Response:
    """Confirm, then delete the action and its contact data for good."""
    action = _managed(token)
    form = ConfirmForm()
    if form.validate_on_submit():
        delete_action(action)
        db.commit()
        return private_page(render_template("organizers/deleted.html"))
    return private_page(
        render_template("organizers/delete.html", action=action, form=form, token=token)
    )
