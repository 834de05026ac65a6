"""The Celery app, built from a Flask app made by the factory (never at import time).

Each task runs in an application context of that Flask app. Workers start with
`matcher worker`; `matcher.jobs.dispatch` sends jobs here when `CELERY_BROKER_URL` is set.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from celery import Celery, Task
from flask import Flask

from matcher.extensions import db
from matcher.jobs.tasks import register_tasks

# Periodic jobs run by `matcher worker --beat` (or a separate `celery beat`).
BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    "send-queued": {"task": "matcher.send_queued", "schedule": timedelta(minutes=1)},
    "send-reminders": {"task": "matcher.send_reminders", "schedule": timedelta(hours=1)},
    "purge-contacts": {"task": "matcher.purge_contacts", "schedule": timedelta(days=1)},
    "refresh-regions": {"task": "matcher.refresh_regions", "schedule": timedelta(hours=1)},
}


def make_celery(app: Flask) -> Celery:
    """A Celery app whose tasks run inside `app`'s context; kept in `app.extensions`."""
    existing = app.extensions.get("celery")
    if existing is not None:
        return existing

    class AppContextTask(Task):
        """A task run in an application context, rolling back what a failure left behind."""

        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            with app.app_context():
                try:
                    return self.run(*args, **kwargs)
                except Exception:
                    db.rollback()
                    raise

    config = app.config
    celery = Celery(app.import_name, task_cls=AppContextTask, set_as_current=False)
    celery.conf.update(
        broker_url=config["CELERY_BROKER_URL"],
        result_backend=config["CELERY_RESULT_BACKEND"] or None,
        task_ignore_result=not config["CELERY_RESULT_BACKEND"],
        task_default_queue=config["CELERY_QUEUE"],
        task_acks_late=True,  # a worker that dies mid-task leaves it for another (jobs are safe)
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
        accept_content=["json"],
        task_serializer="json",
        beat_schedule=BEAT_SCHEDULE,
        beat_schedule_filename=str(Path(app.instance_path) / "celerybeat-schedule"),
        timezone="UTC",
    )
    register_tasks(celery)
    app.extensions["celery"] = celery
    return celery
