"""The fields of an action, validated the same way on every path: web form, JSON API and CSV.

`ActionFields` is the WTForms form behind the web form (its validators call the rules of
`field_rules`); `validate_action(mapping)` (the API, one action) and the CSV reader go through
the batch validator (`action_batch`), which calls the same rules. Either returns an
`ActionInput` or `{field: message}`. Field names are the CSV header names of the pinned format.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from wtforms import Form, StringField, TextAreaField, ValidationError
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp

from matcher.domain.lazy_text import lazy_gettext as _l
from matcher.formats.action_batch import validate_columns
from matcher.formats.action_input import ActionInput
from matcher.formats.address_rules import email_address
from matcher.formats.choice_rules import LANGUAGES, check_language, check_target_type, parse_yes_no
from matcher.formats.coordinate_rules import pair_problem
from matcher.formats.event_fields import end_after_start, iana_timezone, time_of_day, web_address
from matcher.formats.field_rule import Rule, RuleError
from matcher.formats.field_rules import RULE
from matcher.formats.organization_rules import (
    MAX_ORGANIZATION_LENGTH,
    MAX_ORGANIZATIONS,
    split_organizations,
)
from matcher.formats.text_rules import control_message, has_control_characters
from matcher.formats.time_rules import MAX_YEARS_AHEAD, date_window, read_date

__all__ = [
    "EXTRA_FIELDS",
    "FIELDS",
    "LANGUAGES",
    "MAX_ORGANIZATIONS",
    "MAX_ORGANIZATION_LENGTH",
    "MAX_YEARS_AHEAD",
    "ActionFields",
    "ActionInput",
    "parse_yes_no",
    "split_organizations",
    "validate_action",
    "validate_coordinates",
]

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


def no_control_characters(_form: Form, field: Any) -> None:
    """WTForms validator: no control characters (NUL included) in the value."""
    if has_control_characters(field.data):
        raise ValidationError(control_message())


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
            raise ValidationError(_l("Must be yes or no.")) from None  # as choice_rules says


def _text(label: Any, *validators: Any, max_length: int) -> StringField:
    return StringField(
        label,
        validators=[*validators, Length(max=max_length), no_control_characters],
        filters=[lambda v: " ".join(v.split()) if isinstance(v, str) else v],
    )


def _coordinate(rule: Rule) -> Any:
    def check(_form: Form, field: Any) -> None:
        try:
            field.number = rule.check(field.data)
        except RuleError as exc:
            raise ValidationError(exc.message) from None

    check.__name__ = f"check_{rule.name}"
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
    title = _text(
        _l("Title"), DataRequired(message=_l("Give your action a title.")), max_length=200
    )
    date = StringField(_l("Date"), validators=[InputRequired(message=_l("Give the date."))])
    location = _text(
        _l("City or place"),
        DataRequired(message=_l("Say where the action happens (city and state).")),
        max_length=300,
    )
    latitude = StringField(_l("Latitude"), validators=[_coordinate(RULE["latitude"])])
    longitude = StringField(_l("Longitude"), validators=[_coordinate(RULE["longitude"])])
    target_type = StringField(
        _l("Target type"), validators=[InputRequired(message=_l("Choose a target type."))]
    )
    target = _text(_l("Target"), Optional(), max_length=200)
    organizations = TextAreaField(
        _l("Organizations"), validators=[Length(max=5000), no_control_characters]
    )
    contact_name = _text(
        _l("Contact name"), DataRequired(message=_l("Give a contact name.")), max_length=200
    )
    contact_email = _text(
        _l("Contact email"),
        DataRequired(message=_l("Give an email address we can reach you at.")),
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
        value = field.data if isinstance(field.data, date) else None
        try:
            if value is None:
                value = read_date(field.data)
            date_window(value, allow_past=self.allow_past_dates)
        except RuleError as exc:
            raise ValidationError(exc.message) from None
        field.value = value

    def validate_organizations(self, field: Any) -> None:
        """At most MAX_ORGANIZATIONS names of at most MAX_ORGANIZATION_LENGTH characters (the
        rule of the batch validator)."""
        try:
            RULE["organizations"].check(field.data)
        except RuleError as exc:
            raise ValidationError(exc.message) from None

    def validate_target_type(self, field: Any) -> None:
        """One of the target types of the call."""
        try:
            field.value = check_target_type(field.data, required=False)
        except RuleError as exc:
            raise ValidationError(exc.message) from None

    def validate_contact_email(self, field: Any) -> None:
        """A syntactically valid address (no DNS lookup)."""
        try:
            field.value = email_address(field.data or "")
        except RuleError as exc:
            raise ValidationError(exc.message) from None

    def validate_language(self, field: Any) -> None:
        """`en` or `es` (default `en`)."""
        try:
            field.value = check_language(field.data)
        except RuleError as exc:
            raise ValidationError(exc.message) from None

    def validate_longitude(self, field: Any) -> None:
        """Latitude and longitude come together or not at all."""
        problem = pair_problem(
            getattr(self.latitude, "number", None), getattr(field, "number", None)
        )
        if problem is not None and not self.latitude.errors:
            raise ValidationError(problem)

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


def validate_coordinates(
    latitude: str, longitude: str
) -> tuple[tuple[float, float] | None, dict[str, str]]:
    """Both coordinates as numbers in range (None when both are empty), and `{field: message}`
    for each that is not."""
    errors: dict[str, str] = {}
    numbers: list[float | None] = []
    for name, raw in (("latitude", latitude), ("longitude", longitude)):
        try:
            numbers.append(RULE[name].check(raw))
        except RuleError as exc:
            errors[name] = str(exc.message)
            numbers.append(None)
    if not errors and (problem := pair_problem(*numbers)) is not None:
        errors["longitude"] = str(problem)
    if errors:
        return None, errors
    lat, lon = numbers
    return (None if lat is None else (lat, lon)), {}  # type: ignore[return-value]


def _raw_value(key: str, value: Any) -> str | None:
    """A JSON value as the text a form would have sent (None: not sent)."""
    if value is None:
        return None
    if key == "organizations" and isinstance(value, list | tuple):
        return tuple(str(v) for v in value)  # kept as given: a name may hold a ";"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return str(value)
    return value


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
    columns = {key: [_raw_value(key, value)] for key, value in data.items()}
    checked = validate_columns(columns, 1, allow_past_dates=allow_past_dates)
    return checked.actions[0], checked.problems[0]
