"""The jobs themselves, registered by name when the app is made (`register_handlers`).

Sending one email, placing one action, matching one action, and the sweeps that cron or
Celery beat run: `send_queued` (retry due email, recover interrupted sends, place actions whose
geocode job was lost), `send_reminders` (remind once, then expire, open introductions) and
`purge_contacts` (erase contact details past their retention, daily) and `refresh_regions`
(recompute the region clusters, hourly, and when an action is published far from every region).
"""

from __future__ import annotations

from matcher.extensions import db
from matcher.jobs.registry import register
from matcher.mail.sending import due_email_ids, recover_stale, send_email
from matcher.operations.coalition import send_coalition_suggestions_job
from matcher.operations.geocoding import geocode_action, unplaced_action_ids
from matcher.operations.introductions import remind_and_expire
from matcher.operations.links import send_manage_links_job
from matcher.operations.matching import match_action, refresh_regions_job
from matcher.operations.privacy import purge_contact_data
from matcher.operations.submissions import resend_verification_job


def send_queued() -> dict[str, int]:
    """The retry sweep: fail abandoned transmissions, send every due message, and place the
    actions whose geocode job was lost."""
    counts: dict[str, int] = {}
    if recovered := recover_stale():
        counts["interrupted"] = recovered
    for email_id in due_email_ids():
        status = send_email(email_id)
        key = status.value if status else "missing"
        counts[key] = counts.get(key, 0) + 1
    for action_id in unplaced_action_ids():  # geocode jobs lost with the broker
        placed = geocode_action(action_id)
        key = "placed" if placed else "needs location"
        counts[key] = counts.get(key, 0) + 1
    return counts


def send_reminders() -> dict[str, int]:
    """Remind once, then expire, open introduction requests (commits)."""
    counts = remind_and_expire()
    db.commit()
    return counts


def purge_contacts() -> int:
    """Erase contact details past their retention (daily; commits). Returns how many actions."""
    count = purge_contact_data()
    db.commit()
    return count


def register_handlers() -> None:
    """Register every job under its name (idempotent)."""
    register("send_email", send_email)
    register("geocode_action", geocode_action)
    register("match_action", match_action)
    register("send_queued", send_queued)
    register("send_reminders", send_reminders)
    register("purge_contacts", purge_contacts)
    register("refresh_regions", refresh_regions_job)
    register("resend_verification", resend_verification_job)
    register("send_manage_links", send_manage_links_job)
    register("send_coalition_suggestions", send_coalition_suggestions_job)
