"""Celery tasks: thin wrappers around the named jobs (matcher.jobs.registry), one commit per task.

Every job is safe to run twice (Celery may redeliver with `acks_late`): the send job claims its
message, geocoding and reminders are idempotent.
"""

from __future__ import annotations

from typing import Any

from celery import Celery

from matcher.jobs.registry import run_job


def register_tasks(celery: Celery) -> None:
    """Define the tasks on `celery` (named `matcher.<job>`), on that app only: a shared task
    would be added again to every Celery app created later in the process."""

    @celery.task(name="matcher.send_email", shared=False)
    def send_email(email_id: int) -> str | None:
        """Deliver one outbox message. A failed attempt leaves the row queued with its next
        attempt time; the `send_queued` sweep (beat, every minute) retries it when due."""
        status = run_job("send_email", email_id)
        return status.value if status else None

    @celery.task(name="matcher.geocode_action", shared=False)
    def geocode_action(action_id: int) -> Any:
        """Place an action on the map."""
        return run_job("geocode_action", action_id)

    @celery.task(name="matcher.match_action", shared=False)
    def match_action(action_id: int) -> Any:
        """Match a newly published action (when the matching operation exists)."""
        return run_job("match_action", action_id)

    @celery.task(name="matcher.send_coalition_suggestions", shared=False)
    def send_coalition_suggestions(action_id: int) -> Any:
        """Tell a newly published action's organizers who organizes near them."""
        return run_job("send_coalition_suggestions", action_id)

    @celery.task(name="matcher.send_queued", shared=False)
    def send_queued() -> dict[str, int]:
        """Sweep: recover abandoned sends, send what is due (retries)."""
        return run_job("send_queued")

    @celery.task(name="matcher.send_reminders", shared=False)
    def send_reminders() -> dict[str, int]:
        """Remind and expire introduction requests."""
        return run_job("send_reminders")

    @celery.task(name="matcher.resend_verification", shared=False)
    def resend_verification(sealed: str) -> int:
        """New verification links for an address (encrypted in the message)."""
        return run_job("resend_verification", sealed)

    @celery.task(name="matcher.send_manage_links", shared=False)
    def send_manage_links(sealed: str) -> int:
        """Fresh manage links for an address (encrypted in the message)."""
        return run_job("send_manage_links", sealed)

    @celery.task(name="matcher.purge_contacts", shared=False)
    def purge_contacts() -> int:
        """Erase contact details past their retention (beat, daily)."""
        return run_job("purge_contacts")

    @celery.task(name="matcher.refresh_regions", shared=False)
    def refresh_regions() -> int:
        """Recompute the region clusters (beat, hourly; and after a far-away publication)."""
        return run_job("refresh_regions")
