"""Helpers available in every template."""

from __future__ import annotations

from flask import Flask, request, url_for
from flask_babel import format_date, get_locale


def current_locale() -> str:
    """The language of this request ("en" or "es")."""
    locale = get_locale()
    return locale.language if locale else "en"


def page_url(number: int) -> str:
    """This page's URL with the same query string but another page number."""
    args = request.args.to_dict()
    args["page"] = str(number)
    return url_for(request.endpoint or "public.index", **(request.view_args or {}), **args)


def init_app(app: Flask) -> None:
    """Register the template globals."""
    app.jinja_env.globals.update(
        current_locale=current_locale, page_url=page_url, format_date=format_date
    )
