"""Redis (the Celery broker) stops for a while: submissions are stored and the organizer is told
so, the jobs that could not be handed over are logged, and once Redis is back the sweep (the
beat task `matcher.send_queued`, run by a real worker) delivers each verification email
exactly once; jobs dispatched after the recovery reach the worker again."""

from __future__ import annotations

import logging
import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun

from matcher.jobs.dispatch import dispatch
from matcher.models import EmailStatus
from tests.faults.checks import actions, outbox, statuses, submit, sweep
from tests.faults.services import wait_until
from tests.faults.sinks import smtp_settings

pytestmark = pytest.mark.faults

DURING = ["ana@example.org", "beto@example.net", "cleo@example.com"]


def test_submissions_while_redis_is_down_are_stored_and_swept_once(
    make_app, redis_up, smtp, caplog
):
    app = make_app(
        CELERY_BROKER_URL=redis_up.url,
        CELERY_QUEUE=f"faults-{uuid.uuid4().hex}",
        **smtp_settings(smtp),
    )
    redis_up.stop()
    caplog.set_level(logging.ERROR, logger="matcher.jobs")
    for person in DURING:
        started = time.monotonic()
        response = submit(app, person)
        assert response.status_code == 302 and response.location == "/submitted"
        assert time.monotonic() - started < 10  # the broker's retries are bounded

    assert sorted(actions(app)) == sorted(DURING)  # stored
    assert statuses(app) == dict.fromkeys(DURING, EmailStatus.queued)  # waiting for the sweep
    not_dispatched = [r.getMessage() for r in caplog.records if "not dispatched" in r.message]
    assert len(not_dispatched) == 2 * len(DURING)  # geocode and send, for each submission
    assert smtp.received == []

    redis_up.start()
    celery = app.extensions["celery"]  # the same app process, reconnecting to the broker
    finished: dict[str, object] = {}

    def remember(task_id=None, retval=None, **_kwargs) -> None:  # type: ignore[no-untyped-def]
        finished[task_id] = retval

    task_postrun.connect(remember, weak=False)
    try:
        with start_worker(celery, perform_ping_check=False, shutdown_timeout=20):
            first = celery.send_task("matcher.send_queued").id  # what beat sends every minute
            wait_until(lambda: first in finished, 20, "the sweep on the worker")
            # the sweep sends what was queued and places what the lost geocode jobs did not
            assert finished[first] == {"sent": len(DURING), "placed": len(DURING)}
            submit(app, "after@example.org")  # dispatched to the worker again
            wait_until(lambda: len(smtp.received) == len(DURING) + 1, 20, "the new delivery")
            again = [
                celery.send_task("matcher.send_queued").id,  # a second sweep
                celery.send_task("matcher.send_email", args=[outbox(app)[DURING[0]].id]).id,
            ]  # a duplicate job, as a redelivery would be
            wait_until(lambda: all(i in finished for i in again), 20, "the duplicate jobs")
            assert [finished[i] for i in again] == [{}, "sent"]  # nothing sent again
    finally:
        task_postrun.disconnect(remember)
    assert sweep(app) == "send-queued: nothing due"

    rows = outbox(app)
    assert sorted(smtp.message_ids()) == sorted(row.message_id for row in rows.values())
    assert sorted(item.rcpt_tos[0] for item in smtp.received) == sorted(
        [*DURING, "after@example.org"]
    )  # each exactly once
    assert set(statuses(app).values()) == {EmailStatus.sent}


def test_celery_apps_built_by_dispatch_run_their_tasks_in_their_own_app(make_app, redis_up):
    """Regression: dispatch built the Celery app around the `current_app` proxy, so its tasks
    failed ("Working outside of application context") wherever that app ran them; and tasks
    were shared, so each later Celery app of the process registered them twice."""
    apps = [
        make_app(CELERY_BROKER_URL=redis_up.url, CELERY_QUEUE=f"faults-{uuid.uuid4().hex}")
        for _ in range(2)
    ]
    for app in apps:
        with app.test_request_context():
            dispatch("send_queued")  # builds and keeps the app's Celery app
    for app in apps:
        task = app.extensions["celery"].tasks["matcher.send_queued"]
        assert task() == {}  # run here, outside any context: in its own app's context
