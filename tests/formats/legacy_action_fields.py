"""Today's validator (WTForms, one row at a time), kept verbatim: the equivalence oracle's entry
points (`validate_action`, `validate_coordinates`); the form is in `legacy_action_form`, the
field names and `ActionInput` in `legacy_action_input`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from tests.formats.legacy_action_form import ActionFields, errors_of
from tests.formats.legacy_action_input import EXTRA_FIELDS, FIELDS, ActionInput


def _as_formdata(data: Mapping[str, Any]) -> MultiDict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in data.items():
        if value is None or (key == "organizations" and isinstance(value, list | tuple)):
            continue  # a list of organizations is given to the form as data (never joined)
        if isinstance(value, bool):
            value = "yes" if value else "no"
        elif isinstance(value, int | float):
            value = str(value)
        values[key] = value
    return MultiDict(values)


def validate_coordinates(
    latitude: str, longitude: str
) -> tuple[tuple[float, float] | None, dict[str, str]]:
    """Both coordinates as numbers in range (None when both are empty), and `{field: message}`
    for each that is not."""
    form = ActionFields(formdata=MultiDict({"latitude": latitude, "longitude": longitude}))
    form.latitude.validate(form)
    form.longitude.validate(form, [ActionFields.validate_longitude])
    errors = errors_of(form)
    if errors:
        return None, errors
    lat, lon = form.latitude.number, form.longitude.number
    return (None if lat is None else (lat, lon)), {}


def validate_action(
    data: Mapping[str, Any], *, allow_past_dates: bool = False, strict: bool = False
) -> tuple[ActionInput | None, dict[str, str]]:
    """Validate a mapping of field names to values (strings, or JSON values from the API).

    With `strict`, unknown field names are errors too (the API); otherwise they are ignored.
    """
    errors: dict[str, str] = {}
    for key, value in data.items():
        if strict and key not in FIELDS and key not in EXTRA_FIELDS:
            errors[str(key)[:100]] = str(_l("Unknown field."))
        elif (value is not None and not isinstance(value, str | bool | int | float | list)) or (
            isinstance(value, list)
            and (key != "organizations" or not all(isinstance(v, str) for v in value))
        ):
            errors[key] = str(_l("Must be text."))
    if errors:
        return None, errors
    listed = data.get("organizations")
    extra = {"organizations": list(listed)} if isinstance(listed, list | tuple) else {}
    form = ActionFields(formdata=_as_formdata(data), **extra)
    form.allow_past_dates = allow_past_dates
    if not form.validate():
        return None, errors_of(form)
    return form.to_input(), {}
