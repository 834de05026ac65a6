"""The public organization directory: every organization of a public action, its other
spellings, where it organized, its reviewed tags, and its public actions. No contact details:
the way to reach an organization is the "write to the organizers" form of its actions."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from matcher.domain.enums import ORGANIZATION_TAG_LABELS
from matcher.models import OrganizationTagKind
from matcher.queries.organizations import public_directory, public_organization

bp = Blueprint("organizations", __name__, url_prefix="/organizations")


def _tag(value: str | None) -> OrganizationTagKind | None:
    try:
        return OrganizationTagKind(value or "")
    except ValueError:
        return None


@bp.get("")
def directory() -> str:
    """Organizations by name; `?tag=immigrant_led` and `?q=` narrow the list."""
    tag = _tag(request.args.get("tag"))
    text = (request.args.get("q") or "").strip()[:100]
    return render_template(
        "public/organizations.html",
        organizations=public_directory(tag, text),
        tag=tag,
        text=text,
        tag_labels=ORGANIZATION_TAG_LABELS,
    )


@bp.get("/<int:organization_id>")
def organization(organization_id: int) -> str:
    """One organization (404 when it took part in no public action)."""
    found = public_organization(organization_id) if organization_id < 2**63 else None
    if found is None:
        abort(404)
    return render_template("public/organization.html", organization=found)
