"""Request guards that protect every view before it runs.

- NUL bytes never reach the database: PostgreSQL text cannot hold NUL (0x00). A NUL in the path
  or in a query parameter is answered with 400 naming the parameter; form and JSON fields are
  checked by their own validators, which name the field.
- A JSON body is read once, safely (`request_json`): nested deeper than any of our documents
  (the parser would run out of stack), or holding a lone surrogate (`"\\ud800"`: not text, it
  cannot be stored or encrypted), it is answered with 400 naming the body or the member.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, request
from flask_babel import gettext as _

from matcher.web.errors import render_error

ENVIRON_KEY = "matcher.json"
MAX_JSON_DEPTH = 20  # our documents nest two levels (an object of lists of strings)
_OPENERS, _CLOSERS = frozenset(b"[{"), frozenset(b"]}")


def refuse_nul_bytes() -> tuple[object, int] | None:
    """Answer 400 when the path or a query parameter carries a NUL byte."""
    if "\x00" in request.path:
        return render_error(400, _("The address contains a NUL byte."), "path")
    for key, value in request.args.items(multi=True):
        if "\x00" in key or "\x00" in value:
            name = key.replace("\x00", "")[:50] or "query"
            return render_error(400, _("Contains a NUL byte."), name)
    return None


def json_depth(data: bytes) -> int:
    """How deep arrays and objects nest in a JSON text (strings skipped), without parsing."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in _OPENERS:
            depth += 1
            deepest = max(deepest, depth)
        elif byte in _CLOSERS:
            depth -= 1
    return deepest


def _surrogate_member(value: Any, member: str = "body") -> str | None:
    """The top-level member holding a string that is not text (a lone surrogate), if any."""
    if isinstance(value, str):
        return member if any(0xD800 <= ord(c) <= 0xDFFF for c in value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            name = member if member != "body" else str(key)[:100]
            found = _surrogate_member(key, name) or _surrogate_member(item, name)
            if found:
                return found
    if isinstance(value, list):
        for item in value:
            found = _surrogate_member(item, member)
            if found:
                return found
    return None


def request_json() -> tuple[Any, tuple[str, str] | None]:
    """The request's JSON body (None when it is not JSON or cannot be read) and, when it must
    be refused, (member, message). Read once per request."""
    if ENVIRON_KEY not in request.environ:
        data, problem = None, None
        if request.is_json:
            if json_depth(request.get_data(cache=True)) > MAX_JSON_DEPTH:
                problem = ("body", _("Nested too deeply: send a flat JSON object."))
            else:
                data = request.get_json(silent=True)
                member = _surrogate_member(data)
                if member is not None:
                    data, problem = None, (member, _("Contains characters that are not text."))
        request.environ[ENVIRON_KEY] = (data, problem)
    return request.environ[ENVIRON_KEY]


def refuse_unreadable_json() -> tuple[object, int] | None:
    """Answer 400 for a JSON body nested too deeply or holding text that is not text."""
    _data, problem = request_json()
    return None if problem is None else render_error(400, problem[1], problem[0])


def init_app(app: Flask) -> None:
    """Register the guards."""
    app.before_request(refuse_nul_bytes)
    app.before_request(refuse_unreadable_json)
