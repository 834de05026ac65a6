"""Today's validator (WTForms, one row at a time), kept verbatim: the equivalence oracle."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict
from wtforms import Form, StringField, TextAreaField, ValidationError
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp

from matcher.domain.enums import TargetType
from tests.formats.legacy_event_fields import (
    end_after_start,
    iana_timezone,
    time_of_day,
    web_address,
)

FIELDS = (
    "ref",
    "title",
    "date",
    "location",
    "latitude",
    "longitude",
    "target_type",
    "target",
    "organizations",
    "contact_name",
    "contact_email",
    "language",
    "intro_region",
    "intro_target",
    "public",
    "start_time",
    "end_time",
    "timezone",
)
EXTRA_FIELDS = (
    "description",
    "contact_phone",
    "venue",
    "address_public",
    "meeting_point",
    "event_url",
    "accepts_messages",
)
MAX_YEARS_AHEAD = 2
MAX_ORGANIZATIONS = 50
MAX_ORGANIZATION_LENGTH = 200  # the length of an organization's name in the directory
LANGUAGES = ("en", "es")
_YES = {"yes", "y", "true", "1", "on", "si", "sí"}
_NO = {"no", "n", "false", "0", "off", ""}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class ActionInput:
    """A validated, normalized action as an organizer or a spreadsheet gave it."""

    title: str
    date: date
    location: str
    target_type: TargetType
    contact_name: str
    contact_email: str
    ref: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    target: str = ""
    organizations: tuple[str, ...] = ()
    language: str = "en"
    intro_region: bool = False
    intro_target: bool = False
    public: bool = True
    description: str = ""
    contact_phone: str | None = None
    venue: str | None = None
    address_public: bool = False
    start_time: time | None = None
    end_time: time | None = None
    timezone: str | None = None  # None: derived from the place
    meeting_point: str | None = None
    event_url: str | None = None
    accepts_messages: bool = False


def split_organizations(value: str | list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """Organizations from a `;`-separated string (or lines), or a list whose items are kept as
    given (a name may hold a `;`); trimmed, de-duplicated."""
    if value is None:
        return ()
    parts = value if isinstance(value, list | tuple) else re.split(r"[;\n]", value)
    seen: dict[str, str] = {}
    for part in parts:
        name = " ".join(str(part).split())
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return tuple(seen.values())


def parse_yes_no(value: Any, default: bool) -> bool:
    """`yes`/`no` (also true/false, 1/0, on/off, sí); None means the default."""
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text == "":
        return default
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(text)


def no_control_characters(_form: Form, field: Any) -> None:
    """WTForms validator: no control characters (NUL included) in the value."""
    if isinstance(field.data, str) and _CONTROL.search(field.data):
        raise ValidationError(_l("Contains control characters."))


class YesNoField(StringField):
    """`yes` or `no` with a default when left empty."""

    def __init__(self, *args: Any, default_value: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.default_value = default_value
        self.value: bool = default_value

    def pre_validate(self, form: Form) -> None:
        try:
            self.value = parse_yes_no(self.data, self.default_value)
        except ValueError:
            raise ValidationError(_l("Must be yes or no.")) from None


def _required(message: Any) -> DataRequired:
    """A value must be given, and more than spaces (checked after the spaces are folded)."""
    return DataRequired(message=message)


def _text(label: Any, *validators: Any, max_length: int) -> StringField:
    return StringField(
        label,
        validators=[*validators, Length(max=max_length), no_control_characters],
        filters=[lambda v: " ".join(v.split()) if isinstance(v, str) else v],
    )


def _coordinate(low: float, high: float, name: Any) -> Any:
    def check(_form: Form, field: Any) -> None:
        if field.data in (None, ""):
            field.number = None
            return
        try:
            number = float(str(field.data).strip())
        except ValueError:
            raise ValidationError(_l("Must be a number.")) from None
        if not low <= number <= high or number != number:
            raise ValidationError(_l("Must be between %(low)s and %(high)s.", low=low, high=high))
        field.number = number

    check.__name__ = f"check_{name}"
    return check


class ActionFields(Form):
    """Every field of an action, as named in the CSV format."""

    ref = StringField(
        _l("Reference"),
        validators=[
            Optional(),
            Length(max=100),
            Regexp(r"^[\w.:/#-]+$", message=_l("Use letters, digits and . : / # - _ only.")),
        ],
        filters=[lambda v: v.strip() if isinstance(v, str) else v],
    )
    title = _text(_l("Title"), _required(_l("Give your action a title.")), max_length=200)
    date = StringField(_l("Date"), validators=[InputRequired(message=_l("Give the date."))])
    location = _text(
        _l("City or place"),
        _required(_l("Say where the action happens (city and state).")),
        max_length=300,
    )
    latitude = StringField(_l("Latitude"), validators=[_coordinate(-90, 90, "latitude")])
    longitude = StringField(_l("Longitude"), validators=[_coordinate(-180, 180, "longitude")])
    target_type = StringField(
        _l("Target type"), validators=[InputRequired(message=_l("Choose a target type."))]
    )
    target = _text(_l("Target"), Optional(), max_length=200)
    organizations = TextAreaField(
        _l("Organizations"), validators=[Length(max=5000), no_control_characters]
    )
    contact_name = _text(_l("Contact name"), _required(_l("Give a contact name.")), max_length=200)
    contact_email = _text(
        _l("Contact email"),
        _required(_l("Give an email address we can reach you at.")),
        max_length=254,
    )
    contact_phone = _text(_l("Phone"), Optional(), max_length=40)
    language = StringField(_l("Language"))
    intro_region = YesNoField(_l("Introductions in my region"), default_value=False)
    intro_target = YesNoField(_l("Introductions with similar targets"), default_value=False)
    public = YesNoField(_l("List publicly"), default_value=True)
    description = TextAreaField(
        _l("Description"), validators=[Length(max=5000), no_control_characters]
    )
    venue = _text(_l("Venue or street address"), Optional(), max_length=300)
    address_public = YesNoField(_l("Publish the street address"), default_value=False)
    start_time = StringField(_l("Start time"), validators=[time_of_day])
    end_time = StringField(_l("End time"), validators=[time_of_day, end_after_start])
    timezone = StringField(_l("Time zone"), validators=[iana_timezone])
    meeting_point = _text(_l("Public meeting point"), Optional(), max_length=300)
    event_url = StringField(
        _l("Event link"),
        validators=[Length(max=500), no_control_characters, web_address],
        filters=[lambda v: v.strip() if isinstance(v, str) else v],
    )
    accepts_messages = YesNoField(_l("Let the public write to us"), default_value=False)

    allow_past_dates = False

    def validate_date(self, field: Any) -> None:
        """YYYY-MM-DD, and not in the past unless the path allows it."""
        text = field.data.strip() if isinstance(field.data, str) else field.data
        try:
            value = text if isinstance(text, date) else date.fromisoformat(text)
            if isinstance(text, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                raise ValueError(text)
        except (TypeError, ValueError):
            raise ValidationError(_l("Not a date: use YYYY-MM-DD.")) from None
        if not self.allow_past_dates and value < date.today():
            raise ValidationError(_l("The date has passed."))
        today = date.today()
        if value > today.replace(year=today.year + MAX_YEARS_AHEAD, day=min(today.day, 28)):
            raise ValidationError(
                _l("The date is more than %(years)d years away: check the year.", years=2)
            )
        field.value = value

    def validate_organizations(self, field: Any) -> None:
        """At most MAX_ORGANIZATIONS names, each at most MAX_ORGANIZATION_LENGTH characters (a
        list from the API is checked item by item: its items are not split)."""
        if isinstance(field.data, list | tuple) and any(map(_CONTROL.search, field.data)):
            raise ValidationError(_l("Contains control characters."))
        names = split_organizations(field.data)
        if len(names) > MAX_ORGANIZATIONS:
            raise ValidationError(
                _l("Name at most %(count)d organizations.", count=MAX_ORGANIZATIONS)
            )
        if any(len(name) > MAX_ORGANIZATION_LENGTH for name in names):
            if isinstance(field.data, str):
                raise ValidationError(
                    _l(
                        "Each organization name can have at most %(length)d characters; "
                        "separate names with a semicolon.",
                        length=MAX_ORGANIZATION_LENGTH,
                    )
                )
            raise ValidationError(
                _l(
                    "Each organization name can have at most %(length)d characters.",
                    length=MAX_ORGANIZATION_LENGTH,
                )
            )

    def validate_target_type(self, field: Any) -> None:
        """One of the target types of the call."""
        try:
            field.value = TargetType(str(field.data).strip())
        except ValueError:
            raise ValidationError(
                _l("Must be one of: %(choices)s.", choices=", ".join(t.value for t in TargetType))
            ) from None

    def validate_contact_email(self, field: Any) -> None:
        """A syntactically valid address (no DNS lookup)."""
        try:
            info = validate_email(field.data or "", check_deliverability=False)
        except EmailNotValidError:
            raise ValidationError(_l("Not a valid email address.")) from None
        field.value = info.normalized

    def validate_language(self, field: Any) -> None:
        """`en` or `es` (default `en`)."""
        value = (field.data or "en").strip().lower()
        if value not in LANGUAGES:
            raise ValidationError(_l("Must be en or es."))
        field.value = value

    def validate_longitude(self, field: Any) -> None:
        """Latitude and longitude come together or not at all."""
        lat = getattr(self.latitude, "number", None)
        lon = getattr(field, "number", None)
        if (lat is None) != (lon is None) and not self.latitude.errors:
            raise ValidationError(_l("Give both latitude and longitude, or neither."))

    def to_input(self) -> ActionInput:
        """The validated values (call after `validate()` returned True)."""
        return ActionInput(
            ref=self.ref.data or None,
            title=self.title.data,
            date=self.date.value,
            location=self.location.data,
            latitude=self.latitude.number,
            longitude=self.longitude.number,
            target_type=self.target_type.value,
            target=self.target.data or "",
            organizations=split_organizations(self.organizations.data),
            contact_name=self.contact_name.data,
            contact_email=self.contact_email.value if self.contact_email is not None else "",
            contact_phone=self.contact_phone.data or None,
            language=self.language.value,
            intro_region=self._flag(self.intro_region),
            intro_target=self._flag(self.intro_target),
            public=self._flag(self.public),
            description=(self.description.data or "").strip(),
            venue=self.venue.data or None,
            address_public=self._flag(self.address_public),
            start_time=self.start_time.value,
            end_time=self.end_time.value,
            timezone=self.timezone.value,
            meeting_point=self.meeting_point.data or None,
            event_url=self.event_url.value,
            accepts_messages=self._flag(self.accepts_messages),
        )

    @staticmethod
    def _flag(field: Any) -> bool:
        if field is None:  # a form without this field (the manage page's details)
            return False
        return field.value if isinstance(field, YesNoField) else bool(field.data)


def errors_of(form: Form) -> dict[str, str]:
    """`{field: first message}` for every field that failed."""
    return {name: str(messages[0]) for name, messages in form.errors.items() if messages}


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
