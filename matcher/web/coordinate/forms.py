"""Coordinators' forms (Flask-WTF, CSRF on every one)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from matcher.formats.action_fields import no_control_characters


class LoginForm(FlaskForm):
    """Email and password; the button is "Log in"."""

    email = EmailField(
        _l("Email"), validators=[InputRequired(), Length(max=254), no_control_characters]
    )
    password = PasswordField(_l("Password"), validators=[InputRequired(), Length(max=1000)])


class SetPasswordForm(FlaskForm):
    """A new password, typed twice."""

    password = PasswordField(_l("New password"), validators=[InputRequired(), Length(max=1000)])
    confirm = PasswordField(_l("Repeat the password"), validators=[InputRequired()])


class ApproveForm(FlaskForm):
    """Approve one suggestion, with the note for the introduction email."""

    note = TextAreaField(
        _l("Note for the introduction"), validators=[Length(max=2000), no_control_characters]
    )


class RejectForm(FlaskForm):
    """Reject one suggestion, with an optional reason."""

    reason = StringField(
        _l("Reason (optional)"), validators=[Optional(), Length(max=500), no_control_characters]
    )


class BulkForm(FlaskForm):
    """Approve or reject the selected rows (ids come as repeated `ids` values)."""

    reason = StringField(
        _l("Reason for rejecting (optional)"),
        validators=[Optional(), Length(max=500), no_control_characters],
    )


class LocationForm(FlaskForm):
    """Fix an action's location: a new text to geocode, or coordinates."""

    location = StringField(
        _l("City or place"), validators=[Optional(), Length(max=300), no_control_characters]
    )
    latitude = StringField(_l("Latitude"), validators=[Optional(), Length(max=30)])
    longitude = StringField(_l("Longitude"), validators=[Optional(), Length(max=30)])


class ConfirmForm(FlaskForm):
    """A bare POST with its CSRF token."""


class CoordinatorForm(FlaskForm):
    """An admin creates an account; the new coordinator gets a set-password link."""

    email = EmailField(
        _l("Email"), validators=[InputRequired(), Length(max=254), no_control_characters]
    )
    states = StringField(
        _l("States (e.g. CA, OR)"), validators=[Optional(), Length(max=200), no_control_characters]
    )
    admin = BooleanField(_l("Administrator (all states, manages coordinators)"))


class CatalogEntryForm(FlaskForm):
    """A new site or office for the facility catalog, or more names for a known one."""

    extends = StringField(
        _l("Catalog id of a known entry (to add names to it)"),
        validators=[Optional(), Length(max=120), no_control_characters],
    )
    name = StringField(_l("Name"), validators=[Optional(), Length(max=200), no_control_characters])
    aliases = TextAreaField(
        _l("Other names and nicknames (one per line)"),
        validators=[Optional(), Length(max=4000), no_control_characters],
    )
    kind = StringField(_l("Kind"), validators=[Optional(), Length(max=32)])
    operator = StringField(
        _l("Operator (e.g. geo_group, corecivic, state)"),
        validators=[Optional(), Length(max=80), no_control_characters],
    )
    city = StringField(_l("Town"), validators=[Optional(), Length(max=100), no_control_characters])
    state = StringField(_l("State (two letters)"), validators=[Optional(), Length(max=2)])
    latitude = StringField(_l("Latitude"), validators=[Optional(), Length(max=30)])
    longitude = StringField(_l("Longitude"), validators=[Optional(), Length(max=30)])
    source = StringField(
        _l("Source (a link to where the facts come from)"),
        validators=[Optional(), Length(max=2000), no_control_characters],
    )


class SaveFilterForm(FlaskForm):
    """Save the queue's current filters under a name."""

    name = StringField(
        _l("Name of this filter"),
        validators=[InputRequired(), Length(max=80), no_control_characters],
    )
