"""The send job on a real Celery worker against the real Redis (skipped only when Redis does
not answer; with REQUIRE_REDIS=1, as in CI, that is a failure)."""

from __future__ import annotations

import threading
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import after_task_publish, task_postrun
from sqlalchemy import select

from matcher.jobs.celery_app import make_celery
from matcher.models import EmailStatus, OutboundEmail
from tests.support.helpers import REDIS_URL, require_redis
from tests.support.mail import make_introduction, serve_smtp

smtp = pytest.fixture(serve_smtp)


@pytest.fixture
def celery_app(app):
    """A Celery app on Redis with a queue of its own, so parallel runs never collide."""
    require_redis()
    queue = f"matcher-test-{uuid.uuid4().hex}"
    saved = {k: app.config[k] for k in ("CELERY_BROKER_URL", "CELERY_QUEUE")}
    app.config.update(CELERY_BROKER_URL=REDIS_URL, CELERY_QUEUE=queue)
    app.extensions.pop("celery", None)
    celery = make_celery(app)
    try:
        yield celery
    finally:
        app.config.update(saved)
        app.extensions.pop("celery", None)
        with celery.connection_for_write() as connection:
            client = connection.default_channel.client
            client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
        celery.close()


def test_send_job_runs_on_a_celery_worker(db, smtp, celery_app):
    published: list[str] = []
    finished: dict[str, object] = {}
    both_done = threading.Event()

    def remember_published(sender=None, headers=None, **_kwargs):
        published.append(headers["id"])

    def remember_finished(sender=None, task_id=None, retval=None, **_kwargs):
        finished[task_id] = retval  # after the task returned, so after its commit
        if len(finished) == 2:
            both_done.set()

    after_task_publish.connect(remember_published, weak=False)
    task_postrun.connect(remember_finished, weak=False)
    try:
        with start_worker(celery_app, perform_ping_check=False, shutdown_timeout=20):
            make_introduction()
            db.commit()  # dispatch() hands both send jobs to Redis after the commit
            assert len(published) == 2
            assert both_done.wait(timeout=20)
    finally:
        after_task_publish.disconnect(remember_published)
        task_postrun.disconnect(remember_finished)
    assert sorted(finished) == sorted(published)
    assert list(finished.values()) == ["sent", "sent"]
    assert sorted(item.rcpt_tos[0] for item in smtp.received) == [
        "ana@example.org",
        "beto@example.net",
    ]
    assert db.session.scalars(select(OutboundEmail.status)).all() == [EmailStatus.sent] * 2
