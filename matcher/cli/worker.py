"""`matcher worker` (a Celery worker, optionally with beat) and `matcher send-reminders`."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import with_appcontext


@click.command("worker")
@click.option("--concurrency", "-c", default=2, show_default=True, type=int)
@click.option("--beat", is_flag=True, help="Also run the periodic jobs (one worker only).")
@click.option("--loglevel", "-l", default="info", show_default=True)
@with_appcontext
def worker_command(concurrency: int, beat: bool, loglevel: str) -> None:
    """Run a Celery worker for the background jobs (needs CELERY_BROKER_URL)."""
    from matcher.jobs.celery_app import make_celery

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if not app.config["CELERY_BROKER_URL"]:
        click.echo("worker: set CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0)", err=True)
        sys.exit(2)
    celery = make_celery(app)
    argv = [
        "worker",
        f"--queues={app.config['CELERY_QUEUE']}",
        f"--concurrency={concurrency}",
        f"--loglevel={loglevel}",
    ]
    if beat:
        argv.append("--beat")
    celery.worker_main(argv)


@click.command("send-reminders")
@with_appcontext
def send_reminders_command() -> None:
    """Remind once and then expire open introduction requests (run from cron, e.g. hourly)."""
    from matcher.jobs.handlers import send_reminders

    counts = send_reminders()
    click.echo("send-reminders: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
