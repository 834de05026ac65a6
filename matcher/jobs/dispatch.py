"""Running named jobs: sent to Celery when `CELERY_BROKER_URL` is set, otherwise run in-process
right after the commit that queued them.

Each job opens its own unit of work and commits it; a failing job is logged and leaves its
data for the retry path (`matcher send-queued`, or the Celery beat sweep), never losing what was
stored before. A broker that cannot be reached is handled the same way: the job is logged as
not dispatched and the sweep picks its data up later.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Response, after_this_request, current_app

from matcher.extensions import db
from matcher.jobs.celery_app import make_celery
from matcher.jobs.registry import JOBS, run_job

log = logging.getLogger(__name__)


def dispatch(name: str, *args: Any) -> None:
    """Hand job `name` to Celery when a broker is configured, else run it now, in-process."""
    if name not in JOBS:
        raise KeyError(name)
    if current_app.config["CELERY_BROKER_URL"]:
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


def dispatch_after_commit(name: str, *args: Any) -> None:
    """Dispatch job `name` once the current transaction has committed (never if rolled back)."""
    db.on_commit(lambda: dispatch(name, *args))


def dispatch_after_response(name: str, *args: Any) -> None:
    """Dispatch job `name` so that the answer to this request does not wait for it, whatever
    the job finds to do: to Celery after the commit, or (no broker) in-process once the server
    has sent the response (`call_on_close`), in an application context of its own."""
    if current_app.config["CELERY_BROKER_URL"]:
        dispatch_after_commit(name, *args)
        return
    app = current_app._get_current_object()  # type: ignore[attr-defined]

    def run_when_sent(response: Response) -> Response:
        def run() -> None:
            with app.app_context():
                dispatch(name, *args)

        response.call_on_close(run)
        return response

    db.on_commit(lambda: after_this_request(run_when_sent))
