"""Today's validator, kept verbatim as the equivalence oracle: its WTForms form (`ActionFields`,
one row at a time) and the form's own validators and fields."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from wtforms import Form, StringField, TextAreaField, ValidationError
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp

from matcher.domain.enums import TargetType
from tests.formats.legacy_action_input import (
    LANGUAGES,
    MAX_ORGANIZATION_LENGTH,
    MAX_ORGANIZATIONS,
    MAX_YEARS_AHEAD,
    ActionInput,
    parse_yes_no,
    split_organizations,
)
from tests.formats.legacy_event_fields import (
    end_after_start,
    iana_timezone,
    time_of_day,
    web_address,
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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
