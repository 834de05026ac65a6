"""Forms of the organization directory on organizers' and coordinators' pages (Flask-WTF,
CSRF on every one)."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from matcher.domain.enums import ORGANIZATION_TAG_LABELS, OrganizationTagKind
from matcher.formats.action_fields import no_control_characters
from matcher.models import Organization


def _tag_choices() -> list[SelectChoice]:
    return [SelectChoice(tag.value, ORGANIZATION_TAG_LABELS[tag]) for tag in OrganizationTagKind]


def organization_choices(organizations: Iterable[Organization]) -> list[SelectChoice]:
    """The choices of an organization select: none yet, then each organization."""
    return [SelectChoice("", ""), *(SelectChoice(str(o.id), o.name) for o in organizations)]


class TagsField(SelectMultipleField):
    """The tags, as checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class CoalitionRequestForm(FlaskForm):
    """Ask a coordinator to introduce you to an organization's organizers."""

    organization = HiddenField(validators=[InputRequired()])
    message = TextAreaField(
        _l("Why you would like to meet them (for the coordinator; optional)"),
        validators=[Optional(), Length(max=2000), no_control_characters],
        render_kw={"rows": 2},
    )


class OrganizerTagsForm(FlaskForm):
    """An organizer describes their own organization (a coordinator reviews it)."""

    organization = SelectField(
        _l("Your organization"),
        coerce=str,
        validators=[InputRequired(message=_l("Choose your organization."))],
    )
    tags = TagsField(_l("It is"), choices=_tag_choices(), validate_choice=True)

    def chosen_tags(self) -> list[OrganizationTagKind]:
        """The checked tags."""
        return [OrganizationTagKind(value) for value in self.tags.data or []]


class CoordinatorTagsForm(FlaskForm):
    """A coordinator sets an organization's tags."""

    tags = TagsField(_l("Tags"), choices=_tag_choices(), validate_choice=True)

    def chosen_tags(self) -> list[OrganizationTagKind]:
        """The checked tags."""
        return [OrganizationTagKind(value) for value in self.tags.data or []]


class DecisionForm(FlaskForm):
    """Approve (with a note for the introduction) or reject (with a reason) a request."""

    note = TextAreaField(
        _l("Note for the introduction"),
        validators=[Optional(), Length(max=2000), no_control_characters],
        render_kw={"rows": 2},
    )
    reason = StringField(
        _l("Reason (optional)"), validators=[Optional(), Length(max=500), no_control_characters]
    )
