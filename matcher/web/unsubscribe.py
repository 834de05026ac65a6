"""One-click unsubscribe (RFC 8058): the POST needs no cookie or CSRF token; GET changes nothing."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from matcher.extensions import csrf, db, limiter
from matcher.operations.unsubscribe import action_for_unsubscribe, unsubscribe
from matcher.security.tokens import TokenError
from matcher.web.optin import intro_link_limit
from matcher.web.security_headers import private_page

bp = Blueprint("unsubscribe", __name__)


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt
@limiter.limit(intro_link_limit, methods=["POST"])
def unsubscribe_page(token: str) -> Response:
    """GET: a page with a button. POST (the button, or a mail provider's one-click POST with
    `List-Unsubscribe=One-Click`): stop all further introductions for the address."""
    try:
        action = action_for_unsubscribe(token)
    except TokenError:
        return private_page(render_template("unsubscribe/invalid.html"), 404)
    if request.method == "POST":
        unsubscribe(action)
        db.commit()
        return private_page(render_template("unsubscribe/done.html"))
    return private_page(render_template("unsubscribe/confirm.html"))
