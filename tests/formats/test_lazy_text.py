"""`matcher.domain.lazy_text`: messages translated when shown, as Flask-Babel's lazy_gettext."""

from __future__ import annotations

import flask_babel
from flask import Flask

from matcher.domain.lazy_text import lazy_gettext
from matcher.formats.text_rules import length_message

MESSAGES = [
    ("Must be yes or no.", {}),
    ("Field cannot be longer than %(max)d characters.", {"max": 200}),
    ("Must be between %(low)s and %(high)s.", {"low": -90, "high": 90}),
]


def test_reads_as_flask_babels_lazy_string_outside_a_request() -> None:
    for text, variables in MESSAGES:
        mine, theirs = lazy_gettext(text, **variables), flask_babel.lazy_gettext(text, **variables)
        expected = text % variables if variables else text
        assert str(mine) == str(theirs) == expected
        assert mine == theirs and mine == expected and mine != "other"
        assert hash(mine) == hash(theirs)
        assert repr(mine) == repr(theirs)
        assert mine.__html__() == theirs.__html__()
        assert len(mine) == len(theirs) and list(mine) == list(theirs) and mine[:4] == theirs[:4]
        assert "be" in mine and mine + "!" == theirs + "!" and "!" + mine == "!" + theirs
        assert mine.upper() == theirs.upper()  # string methods
        assert mine.source == text
    assert str(lazy_gettext("%(n)s rows") % {"n": 3}) == "3 rows"


def test_translated_in_the_locale_when_shown(app: Flask) -> None:
    message = length_message(200)  # a rule's message, made at import
    with app.test_request_context(), flask_babel.force_locale("es"):
        spanish = str(message)
        expected = str(
            flask_babel.lazy_gettext("Field cannot be longer than %(max)d characters.", max=200)
        )
    assert spanish == expected
    assert spanish != str(message)  # English again outside
