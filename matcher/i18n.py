"""Language choice: an explicit `?lang=` switch, then the remembered cookie, then the browser."""

from __future__ import annotations

from flask import current_app, has_request_context, request

LANGUAGE_COOKIE = "lang"


def select_locale() -> str | None:
    """The locale Flask-Babel uses for this request."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return None
    for candidate in (request.args.get("lang"), request.cookies.get(LANGUAGE_COOKIE)):
        if candidate in languages:
            return candidate
    return request.accept_languages.best_match(languages)
