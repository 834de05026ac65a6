"""Web forms (Flask-WTF, with CSRF), built on the shared action fields."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from matcher.formats.action_fields import ActionFields, no_control_characters
from matcher.models.enums import TARGET_TYPE_LABELS


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
    public = BooleanField(_l("List my action on the public page"), default=True)
    intro_region = BooleanField(_l("Introduce me to other actions in my region"))
    intro_target = BooleanField(_l("Introduce me to actions with a similar target"))
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


class ResendForm(FlaskForm):
    """Ask for a new verification link."""

    email = EmailField(
        _l("Contact email"), validators=[InputRequired(), Length(max=254), no_control_characters]
    )


class ConfirmForm(FlaskForm):
    """A bare form for POST buttons (withdraw, delete): only the CSRF token."""
