"""Organizers' pages: submit an action, confirm the email, recover a lost link.

The manage pages (edit, consents, withdraw, delete) are in `matcher.web.manage`.
"""

from __future__ import annotations

from flask import Blueprint, Response, redirect, render_template, url_for
from flask_babel import get_locale

from matcher.extensions import db, limiter
from matcher.operations import OperationError
from matcher.operations.links import request_manage_links
from matcher.operations.submissions import (
    action_to_verify,
    request_resend,
    submit_action,
    verify_action,
)
from matcher.queries.nearby import nearby_actions
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


def apply_errors(form: ActionForm, errors: dict[str, str]) -> None:
    """Show an operation's `{field: message}` errors on the form's fields."""
    for name, message in errors.items():
        field = getattr(form, name, None)
        if field is not None:
            field.errors = [*field.errors, message]


def link_invalid(reason: str, kind: str) -> Response:
    """The page of a link that no longer works, offering what helps for this `kind` of link
    (verify, manage, introduction)."""
    html = render_template("organizers/link_invalid.html", reason=reason, kind=kind)
    return private_page(html, 410)


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
            apply_errors(form, exc.errors)
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


@bp.route("/manage/lost", methods=["GET", "POST"])
@limiter.limit(resend_limit, methods=["POST"])
@limiter.limit(resend_limit, methods=["POST"], key_func=resend_key)
def lost_link() -> Response:
    """Fresh manage links by email for every action of an address (the same answer, in the
    same time, for addresses we do not know: the lookup and the mail run after it is sent)."""
    form = ResendForm()
    if form.validate_on_submit():
        request_manage_links(form.email.data)
        db.commit()
        return private_page(render_template("organizers/lost_sent.html"))
    return private_page(render_template("organizers/lost.html", form=form))


@bp.route("/verify/<token>", methods=["GET", "POST"])
def verify(token: str) -> Response:
    """The emailed link opens a page whose button publishes the action: a GET (or HEAD) from
    a mail scanner or a link preview changes nothing."""
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            action = verify_action(token)
        except TokenError as exc:
            db.rollback()
            return link_invalid(exc.reason, "verify")
        db.commit()
        html = render_template(
            "organizers/verified.html", action=action, nearby=nearby_actions(action)
        )
        return private_page(html)
    try:
        action = action_to_verify(token)
    except TokenError as exc:
        return link_invalid(exc.reason, "verify")
    html = render_template("organizers/verify.html", action=action, form=form, token=token)
    return private_page(html, 400 if form.is_submitted() else 200)
