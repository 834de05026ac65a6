"""Answering an introduction request: the emailed link opens a page, the decision is a POST.

Mail scanners that fetch links therefore decide nothing; the POST carries a CSRF token.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, render_template

from matcher.extensions import db, limiter
from matcher.operations.introductions import answer
from matcher.operations.optin import resolve_optin_token
from matcher.security.tokens import TokenError
from matcher.web.forms import ConfirmForm
from matcher.web.security_headers import private_page


def intro_link_limit() -> str:
    """Limit on answering introductions and unsubscribing, per client address."""
    return current_app.config["INTRO_LINK_RATE_LIMIT"]


bp = Blueprint("optin", __name__)
CHOICES = {"accept": True, "decline": False}


def _invalid(reason: str) -> Response:
    html = render_template("organizers/link_invalid.html", reason=reason, kind="introduction")
    return private_page(html, 410)


@bp.route("/introductions/<token>/<choice>", methods=["GET", "POST"])
@limiter.limit(intro_link_limit, methods=["POST"])
def respond(token: str, choice: str) -> Response:
    """Show the other action and one button; the POST records the answer."""
    if choice not in CHOICES:
        abort(404)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            result = answer(token, accept=CHOICES[choice])
        except TokenError as exc:
            db.rollback()
            return _invalid(exc.reason)
        db.commit()
        return private_page(render_template("optin/answered.html", result=result))
    try:
        found = resolve_optin_token(token)
    except TokenError as exc:
        return _invalid(exc.reason)
    html = render_template(
        "optin/confirm.html", other=found.other, me=found.action, choice=choice, form=form
    )
    return private_page(html, 400 if form.is_submitted() else 200)
