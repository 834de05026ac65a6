"""Web forms (Flask-WTF, with CSRF), built on the shared action fields."""

from __future__ import annotations

from typing import Any

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    SelectField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from matcher.domain.enums import TARGET_TYPE_LABELS
from matcher.formats.action_fields import ActionFields, no_control_characters
from matcher.formats.event_fields import end_after_start, iana_timezone, time_of_day
from matcher.geocoding.timezones import US_ZONES

ZONE_LABELS = {
    "Pacific/Honolulu": _l("Hawaii"),
    "America/Anchorage": _l("Alaska"),
    "America/Los_Angeles": _l("Pacific"),
    "America/Phoenix": _l("Arizona"),
    "America/Denver": _l("Mountain"),
    "America/Boise": _l("Mountain (Idaho)"),
    "America/Chicago": _l("Central"),
    "America/Indiana/Indianapolis": _l("Eastern (Indiana)"),
    "America/Detroit": _l("Eastern (Michigan)"),
    "America/New_York": _l("Eastern"),
    "America/Puerto_Rico": _l("Atlantic (Puerto Rico)"),
}


def zone_choices(current: str | None = None) -> list[SelectChoice]:
    """The time zones offered: "from the place", the US zones, and the current one if other."""
    zones = list(US_ZONES)
    if current and current not in zones:
        zones.append(current)
    return [SelectChoice("", _l("From the place"))] + [
        SelectChoice(zone, f"{ZONE_LABELS[zone]} ({zone})" if zone in ZONE_LABELS else zone)
        for zone in zones
    ]


class ActionForm(FlaskForm, ActionFields):
    """The organizer's submission and edit form: checkboxes for consents, a date picker."""

    date = StringField(
        _l("Date"),
        validators=[InputRequired(message=_l("Give the date."))],
        render_kw={"type": "date"},
    )
    target_type = SelectField(
        _l("Target type"),
        choices=[SelectChoice(kind.value, label) for kind, label in TARGET_TYPE_LABELS.items()],
    )
    language = SelectField(
        _l("Language for emails"),
        choices=[SelectChoice("en", "English"), SelectChoice("es", "Español")],
    )
    start_time = StringField(_l("Start time"), validators=[time_of_day], render_kw={"type": "time"})
    end_time = StringField(
        _l("End time"), validators=[time_of_day, end_after_start], render_kw={"type": "time"}
    )
    timezone = SelectField(
        _l("Time zone"), choices=zone_choices(), validators=[iana_timezone], validate_choice=False
    )
    public = BooleanField(_l("List my action on the public page"), default=True)
    intro_region = BooleanField(_l("Introduce me to other actions in my region"))
    intro_target = BooleanField(_l("Introduce me to actions with a similar target"))
    accepts_messages = BooleanField(
        _l("Let people write to us through the action page (your address stays hidden)"),
        default=True,
    )
    address_public = BooleanField(_l("Show the street address publicly"))
    # Shown only when a public field looks like it holds contact details (see
    # matcher.security.lookalikes): the organizer confirms it is meant to be public.
    publish_as_written = BooleanField(_l("Yes, publish these fields as written"))
    # Honeypot: hidden from people (CSS), filled by naive bots; a filled one stores nothing.
    website = StringField(
        _l("Leave this field empty"),
        render_kw={"autocomplete": "off", "tabindex": "-1"},
    )

    @property
    def is_bot(self) -> bool:
        """Whether the hidden honeypot field was filled."""
        return bool((self.website.data or "").strip())


class ManageForm(ActionForm):
    """The manage page's details form: the verified email is shown, not editable, and the
    consents have their own form."""

    contact_email = None
    website = None
    public = None
    intro_region = None
    intro_target = None
    accepts_messages = None


class ConsentForm(FlaskForm):
    """The manage page's consents, each saved and recorded on its own."""

    public = BooleanField(_l("List my action on the public page"))
    intro_region = BooleanField(_l("Introduce me to other actions in my region"))
    intro_target = BooleanField(_l("Introduce me to actions with a similar target"))
    accepts_messages = BooleanField(
        _l("Let people write to us through the action page (your address stays hidden)")
    )


class MessageForm(FlaskForm):
    """Write to an action's organizers (relayed by email; their address stays hidden)."""

    name = StringField(
        _l("Your name"),
        validators=[InputRequired(message=_l("Give your name.")), Length(max=100)],
        filters=[lambda v: " ".join(v.split()) if isinstance(v, str) else v],
    )
    email = EmailField(
        _l("Your email address"),
        validators=[
            InputRequired(message=_l("Give an email address the organizers can answer.")),
            Length(max=254),
            no_control_characters,
        ],
    )
    message = TextAreaField(
        _l("Your message"),
        validators=[InputRequired(message=_l("Write your message.")), Length(min=2, max=3000)],
        filters=[lambda v: v.strip() if isinstance(v, str) else v],
        render_kw={"rows": 5},
    )
    website = StringField(
        _l("Leave this field empty"), render_kw={"autocomplete": "off", "tabindex": "-1"}
    )

    def validate_email(self, field: Any) -> None:
        """A syntactically valid address (no DNS lookup)."""
        try:
            field.data = validate_email(field.data or "", check_deliverability=False).normalized
        except EmailNotValidError:
            raise ValidationError(_l("Not a valid email address.")) from None

    @property
    def is_bot(self) -> bool:
        """Whether the hidden honeypot field was filled."""
        return bool((self.website.data or "").strip())


class ResendForm(FlaskForm):
    """Ask for a new verification link."""

    email = EmailField(
        _l("Contact email"), validators=[InputRequired(), Length(max=254), no_control_characters]
    )


class ConfirmForm(FlaskForm):
    """A bare form for POST buttons (withdraw, delete): only the CSRF token."""
