"""Log in, log out, set a password from an emailed or printed link."""

from __future__ import annotations

import time

from flask import Response, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from matcher.extensions import db, limiter
from matcher.operations import OperationError
from matcher.operations.coordinators import end_session, set_password, start_session
from matcher.security.auth import authenticate, coordinator_for_password_token
from matcher.web.coordinate import SEEN_KEY, bp
from matcher.web.coordinate.forms import ConfirmForm, LoginForm, SetPasswordForm
from matcher.web.limits import address_key
from matcher.web.redirects import coordinator_path


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _email_key() -> str:
    return address_key("login", request.form.get("email"))


def _safe_next(target: str | None) -> str:
    return coordinator_path(target) or url_for("coordinate.dashboard")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_login_limit, methods=["POST"], key_func=_email_key)
def login() -> str | Response:
    """The login form (fields Email and Password, button Log in)."""
    form = LoginForm()
    if form.validate_on_submit():
        coordinator = authenticate(form.email.data, form.password.data)
        if coordinator is not None:
            session.clear()  # a new session at login
            start_session(coordinator)
            db.commit()
            login_user(coordinator)
            session[SEEN_KEY] = time.time()
            return redirect(_safe_next(request.args.get("next")))  # type: ignore[return-value]
        db.commit()
        form.password.errors = [_("Wrong email or password.")]
    status = 401 if form.is_submitted() else 200
    return render_template("coordinate/login.html", form=form), status  # type: ignore[return-value]


@bp.post("/logout")
def logout() -> Response:
    """End the session here and on the server (the session version changes)."""
    if ConfirmForm().validate_on_submit():
        end_session(current_user._get_current_object())  # type: ignore[attr-defined]
        db.commit()
        logout_user()
        session.clear()
    return redirect(url_for("coordinate.login"))  # type: ignore[return-value]


@bp.route("/set-password/<token>", methods=["GET", "POST"], endpoint="set_password")
@limiter.limit(_login_limit, methods=["POST"])
def set_password_view(token: str) -> str | Response:
    """Choose a password from a one-time link."""
    coordinator = coordinator_for_password_token(token)
    if coordinator is None:
        return render_template("organizers/link_invalid.html", reason="invalid"), 410  # type: ignore[return-value]
    form = SetPasswordForm()
    if form.validate_on_submit():
        if form.password.data != form.confirm.data:
            form.confirm.errors = [_("The two passwords differ.")]
        else:
            try:
                set_password(coordinator, form.password.data)
            except OperationError as exc:
                db.rollback()
                form.password.errors = [exc.errors["password"]]
            else:
                db.commit()
                flash(_("Your password is set. Log in with it."))
                return redirect(url_for("coordinate.login"))  # type: ignore[return-value]
    return render_template("coordinate/set_password.html", form=form)
