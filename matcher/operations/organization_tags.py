"""Organizations' self-described tags: proposed by an organization's organizer through their
action's manage link, set by a coordinator, shown only once a coordinator reviewed them.

Tags are never guessed from names. Every change is a `TagChange` row (who asked, what, who
decided) and an audit entry. Operations flush and never commit.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete

from matcher.extensions import db
from matcher.models import (
    Action,
    ActionStatus,
    Coordinator,
    Organization,
    OrganizationTag,
    OrganizationTagKind,
    ReviewStatus,
    TagChange,
    utcnow,
)
from matcher.operations import OperationError, OutOfScope, audit
from matcher.queries.organization_tags import may_tag, shown


def _apply(organization_id: int, tag: OrganizationTagKind, added: bool) -> None:
    exists = db.session.get(OrganizationTag, (organization_id, tag))
    if added and exists is None:
        db.session.add(OrganizationTag(organization_id=organization_id, tag=tag))
    elif not added and exists is not None:
        db.session.delete(exists)
    db.session.flush()


def propose_tags(
    action: Action, organization_id: int, tags: Iterable[OrganizationTagKind]
) -> list[TagChange]:
    """The organizer of `action` describes one organization of its coalition with `tags` (the
    whole set): each difference from what is shown waits for a coordinator's review; their own
    earlier proposals still waiting are replaced."""
    if action.verified_at is None or action.status == ActionStatus.removed:
        raise OperationError({"organization": str(_l("Confirm your action first."))})
    if organization_id not in {organization.id for organization in action.organizations}:
        raise OperationError(
            {"organization": str(_l("Choose an organization of your action's coalition."))}
        )
    wanted = set(tags)
    current = shown(organization_id)
    db.session.execute(
        delete(TagChange).where(
            TagChange.organization_id == organization_id,
            TagChange.action_id == action.id,
            TagChange.status == ReviewStatus.pending,
        )
    )
    changes = [
        TagChange(
            organization_id=organization_id, tag=tag, added=tag in wanted, action_id=action.id
        )
        for tag in OrganizationTagKind
        if (tag in wanted) != (tag in current)
    ]
    db.session.add_all(changes)
    db.session.flush()
    audit.record(
        "propose_tags",
        "organization",
        organization_id,
        actor_kind="organizer",
        action_id=action.id,
        changes=[f"{'+' if c.added else '-'}{c.tag.value}" for c in changes],
    )
    return changes


def set_tags(
    by: Coordinator, organization: Organization, tags: Iterable[OrganizationTagKind]
) -> int:
    """A coordinator sets an organization's tags (the whole set); as a coordinator's own review,
    the change shows at once. Returns how many tags changed."""
    if not may_tag(by, organization.id):
        raise OutOfScope(organization.id)
    wanted = set(tags)
    current = shown(organization.id)
    now = utcnow()
    changed = 0
    for tag in OrganizationTagKind:
        if (tag in wanted) == (tag in current):
            continue
        db.session.add(
            TagChange(
                organization_id=organization.id,
                tag=tag,
                added=tag in wanted,
                proposed_by_id=by.id,
                status=ReviewStatus.approved,
                reviewed_by_id=by.id,
                reviewed_at=now,
            )
        )
        _apply(organization.id, tag, tag in wanted)
        changed += 1
    audit.record(
        "set_tags",
        "organization",
        organization.id,
        actor_kind="coordinator",
        coordinator_id=by.id,
        tags=sorted(tag.value for tag in wanted),
    )
    return changed


def review_tag_change(change: TagChange, by: Coordinator, *, approve: bool) -> None:
    """Approve (the tag shows, or stops showing) or reject a proposed change."""
    if not may_tag(by, change.organization_id, change.action):
        raise OutOfScope(change.id)
    if change.status != ReviewStatus.pending:
        raise OperationError({"change": str(_l("This change was already decided."))})
    change.status = ReviewStatus.approved if approve else ReviewStatus.rejected
    change.reviewed_by_id = by.id
    change.reviewed_at = utcnow()
    if approve:
        _apply(change.organization_id, change.tag, change.added)
    audit.record(
        "approve_tag" if approve else "reject_tag",
        "organization",
        change.organization_id,
        actor_kind="coordinator",
        coordinator_id=by.id,
        change_id=change.id,
        tag=change.tag.value,
        added=change.added,
    )
