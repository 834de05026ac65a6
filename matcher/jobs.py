"""Background jobs by name: sent to Celery when `CELERY_BROKER_URL` is set, otherwise run
in-process right after the commit that queued them.

Each job opens its own unit of work and commits it; a failing job is logged and leaves its
data for the retry path (`matcher send-queued`, or the Celery beat sweep), never losing what was
stored before. A broker that cannot be reached is handled the same way: the job is logged as
not dispatched and the sweep picks its data up later.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from flask import current_app

log = logging.getLogger(__name__)


def send_queued() -> dict[str, int]:
    """The retry sweep: fail abandoned transmissions, send every due message, and place the
    actions whose geocode job was lost."""
    from matcher.mail.sending import due_email_ids, recover_stale, send_email

    counts: dict[str, int] = {}
    if recovered := recover_stale():
        counts["interrupted"] = recovered
    for email_id in due_email_ids():
        status = send_email(email_id)
        key = status.value if status else "missing"
        counts[key] = counts.get(key, 0) + 1
    from matcher.operations.geocoding import geocode_action, unplaced_action_ids

    for action_id in unplaced_action_ids():  # geocode jobs lost with the broker
        placed = geocode_action(action_id)
        key = "placed" if placed else "needs location"
        counts[key] = counts.get(key, 0) + 1
    return counts


def send_reminders() -> dict[str, int]:
    """Remind once, then expire, open introduction requests (commits)."""
    from matcher.extensions import db
    from matcher.operations.introductions import remind_and_expire

    counts = remind_and_expire()
    db.commit()
    return counts


def _registry() -> dict[str, Callable[..., Any]]:
    from matcher.mail.sending import send_email
    from matcher.operations.geocoding import geocode_action
    from matcher.operations.matching import match_action

    return {
        "send_email": send_email,
        "geocode_action": geocode_action,
        "match_action": match_action,
        "send_queued": send_queued,
        "send_reminders": send_reminders,
    }


def run_job(name: str, *args: Any) -> Any:
    """Run job `name` in this process and return its result (exceptions propagate)."""
    return _registry()[name](*args)


def dispatch(name: str, *args: Any) -> None:
    """Hand job `name` to Celery when a broker is configured, else run it now, in-process."""
    from matcher.extensions import db

    if name not in _registry():
        raise KeyError(name)
    if current_app.config["CELERY_BROKER_URL"]:
        from matcher.celery_app import make_celery

        try:
            app = current_app._get_current_object()  # type: ignore[attr-defined]
            make_celery(app).send_task(f"matcher.{name}", args=list(args))
        except Exception:
            log.exception("job %s not dispatched; the retry sweep will pick its data up", name)
        return
    try:
        run_job(name, *args)
    except Exception:
        db.rollback()
        log.exception("job %s failed; its data stays stored for a retry", name)
