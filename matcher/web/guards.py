"""Request guards that protect every view: NUL bytes never reach the database.

PostgreSQL text cannot hold NUL (0x00). A NUL in the path or in a query parameter is answered
with 400 naming the parameter, before any view runs; form and JSON fields are checked by their
own validators, which name the field.
"""

from __future__ import annotations

from flask import Flask, request
from flask_babel import gettext as _

from matcher.web.errors import render_error


def refuse_nul_bytes() -> tuple[object, int] | None:
    """Answer 400 when the path or a query parameter carries a NUL byte."""
    if "\x00" in request.path:
        return render_error(400, _("The address contains a NUL byte."), "path")
    for key, value in request.args.items(multi=True):
        if "\x00" in key or "\x00" in value:
            name = key.replace("\x00", "")[:50] or "query"
            return render_error(400, _("Contains a NUL byte."), name)
    return None


def init_app(app: Flask) -> None:
    """Register the guard."""
    app.before_request(refuse_nul_bytes)
