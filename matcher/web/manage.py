"""The organizer's private manage pages: edit the details, change each consent, answer the
place question, withdraw, re-list, delete. Every page is private (never cached)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for

from matcher.extensions import db, limiter
from matcher.models import Action
from matcher.operations import OperationError
from matcher.operations.coalition import request_introduction
from matcher.operations.manage import (
    action_for_manage_link,
    confirm_place,
    delete_action,
    republish_action,
    update_action,
    update_consents,
    withdraw_action,
)
from matcher.operations.organization_tags import propose_tags
from matcher.queries.organization_tags import pending_changes_of
from matcher.queries.organizations import coalition_suggestions, shown_tags
from matcher.security.tokens import TokenError
from matcher.web.forms import ConfirmForm, ConsentForm, ManageForm, zone_choices
from matcher.web.limits import coalition_request_limit
from matcher.web.organization_forms import (
    CoalitionRequestForm,
    OrganizerTagsForm,
    organization_choices,
)
from matcher.web.organizers import link_invalid
from matcher.web.security_headers import private_page

bp = Blueprint("manage", __name__, url_prefix="/manage")


def _managed(token: str) -> Action:
    try:
        return action_for_manage_link(token)
    except TokenError as exc:
        abort(link_invalid(exc.reason, "manage"))


def _details(action: Action) -> dict[str, Any]:
    return {
        "title": action.title,
        "description": action.description,
        "date": action.date.isoformat(),
        "start_time": action.start_time.strftime("%H:%M") if action.start_time else "",
        "end_time": action.end_time.strftime("%H:%M") if action.end_time else "",
        "timezone": "" if action.timezone_from_place else action.timezone,
        "location": action.location_text,
        "meeting_point": action.meeting_point,
        "venue": action.venue,
        "address_public": action.address_public,
        "event_url": action.event_url,
        "target_type": action.target_type.value,
        "target": action.target,
        "organizations": "\n".join(org.name for org in action.organizations),
        "contact_name": action.contact_name,
        "contact_phone": action.contact_phone,
        "language": action.language,
    }


def _consents(action: Action) -> dict[str, bool]:
    return {
        "public": action.listed_publicly,
        "intro_region": action.intro_region,
        "intro_target": action.intro_target,
        "accepts_messages": action.accepts_messages,
    }


def _page(
    action: Action,
    token: str,
    *,
    form: ManageForm | None = None,
    consents: ConsentForm | None = None,
    notice: str | None = None,
    status: int = 200,
    coalition_errors: dict[str, str] | None = None,
    tags_form: OrganizerTagsForm | None = None,
) -> Response:
    if form is None:
        form = ManageForm(formdata=None, data=_details(action))
    form.timezone.choices = zone_choices(action.timezone)
    html = render_template(
        "organizers/manage.html",
        form=form,
        consents=consents or ConsentForm(formdata=None, data=_consents(action)),
        action=action,
        token=token,
        notice=notice,
        confirm=ConfirmForm(formdata=None),
        **_coalition(action, coalition_errors, tags_form),
    )
    return private_page(html, status)


def _tags_form(action: Action, formdata: object = None) -> OrganizerTagsForm:
    form = (
        OrganizerTagsForm(formdata=formdata)
        if formdata is not None
        else OrganizerTagsForm(formdata=None)
    )
    form.organization.choices = organization_choices(action.organizations)
    return form


def _coalition(
    action: Action,
    errors: dict[str, str] | None = None,
    tags_form: OrganizerTagsForm | None = None,
) -> dict[str, Any]:
    """The coalition suggestions and the organization tags of the manage page."""
    own = [organization.id for organization in action.organizations]
    return {
        "coalition": coalition_suggestions(action),
        "coalition_form": CoalitionRequestForm(formdata=None),
        "coalition_errors": errors or {},
        "tags_form": tags_form or _tags_form(action),
        "own_tags": shown_tags(own),
        "pending_tags": pending_changes_of(action),
    }


@bp.get("/<token>")
def manage(token: str) -> Response:
    """The manage page."""
    action = _managed(token)
    return _page(action, token, notice=request.args.get("saved"))


@bp.post("/<token>")
def save(token: str) -> Response:
    """Save the details (every editable field; the verified email stays)."""
    action = _managed(token)
    form = ManageForm()
    form.timezone.choices = zone_choices(action.timezone)
    form.allow_past_dates = True
    if not form.validate_on_submit():
        return _page(action, token, form=form, status=422)
    update_action(action, form.to_input())
    db.commit()
    return _saved(token, "details")


def _saved(token: str, what: str) -> Response:
    # Post/redirect/get: a reload shows what is stored, and does not post again.
    return redirect(url_for("manage.manage", token=token, saved=what, _anchor="top"))  # type: ignore[return-value]


@bp.post("/<token>/consents")
def consents(token: str) -> Response:
    """Save the consents; each change is recorded on its own."""
    action = _managed(token)
    form = ConsentForm()
    if not form.validate_on_submit():
        return _page(action, token, consents=form, status=400)
    update_consents(
        action,
        {
            "listed_publicly": form.public.data,
            "intro_region": form.intro_region.data,
            "intro_target": form.intro_target.data,
            "accepts_messages": form.accepts_messages.data,
        },
    )
    db.commit()
    return _saved(token, "consents")


@bp.post("/<token>/coalition")
@limiter.limit(coalition_request_limit)
def coalition(token: str) -> Response:
    """Ask a coordinator to introduce the organizers to an organization near them."""
    action = _managed(token)
    form = CoalitionRequestForm()
    if not form.validate_on_submit():
        errors = {name: messages[0] for name, messages in form.errors.items()}
        return _page(action, token, coalition_errors=errors, status=422)
    chosen = form.organization.data or ""
    organization_id = (
        int(chosen) if chosen.isascii() and chosen.isdigit() and len(chosen) < 10 else -1
    )
    try:
        request_introduction(action, organization_id, form.message.data or "")
    except OperationError as exc:
        db.rollback()
        return _page(action, token, coalition_errors=exc.errors, status=422)
    db.commit()
    return redirect(url_for("manage.manage", token=token, saved="coalition", _anchor="coalition"))  # type: ignore[return-value]


@bp.post("/<token>/tags")
def tags(token: str) -> Response:
    """Describe the organizer's own organization; a coordinator reviews it."""
    action = _managed(token)
    form = _tags_form(action, request.form)
    if not form.validate_on_submit():
        return _page(action, token, tags_form=form, status=422)
    try:
        propose_tags(action, int(form.organization.data), form.chosen_tags())
    except OperationError as exc:
        db.rollback()
        form.organization.errors = [exc.errors["organization"]]
        return _page(action, token, tags_form=form, status=422)
    db.commit()
    return redirect(url_for("manage.manage", token=token, saved="tags", _anchor="describe"))  # type: ignore[return-value]


@bp.post("/<token>/place")
def place(token: str) -> Response:
    """One click answers "we placed this at X: is that right?": yes, or another place."""
    action = _managed(token)
    if ConfirmForm().validate_on_submit():
        choice = request.form.get("choice", "yes")
        confirm_place(action, None if choice == "yes" else _index(choice))
        db.commit()
    return _saved(token, "place")


def _index(value: str) -> int:
    return int(value) if value.isdigit() else -1


@bp.post("/<token>/withdraw")
def withdraw(token: str) -> Response:
    """Take the action off the public page."""
    action = _managed(token)
    if ConfirmForm().validate_on_submit():
        withdraw_action(action)
        db.commit()
    return _saved(token, "withdrawn")


@bp.post("/<token>/republish")
def republish(token: str) -> Response:
    """Put a withdrawn action back on the public page."""
    action = _managed(token)
    if ConfirmForm().validate_on_submit():
        republish_action(action)
        db.commit()
    return _saved(token, "relisted")


@bp.route("/<token>/delete", methods=["GET", "POST"])
def delete(token: str) -> Response:
    """Confirm, then delete the action and its contact data for good."""
    action = _managed(token)
    form = ConfirmForm()
    if form.validate_on_submit():
        delete_action(action)
        db.commit()
        return private_page(render_template("organizers/deleted.html"))
    return private_page(
        render_template("organizers/delete.html", action=action, form=form, token=token)
    )
