"""A real Celery worker (`matcher worker`, on the private Redis) is killed (SIGKILL, the whole
process group) while it is sending a verification email, then the sweep recovers per the rules
of matcher/mail/sending.py:

- killed before the message was handed over (stalled at RCPT TO): once the lease runs out the
  row is claimable again and the sweep delivers it, exactly once;
- killed after the server took the message but before its answer arrived (stalled in DATA):
  the worker could not know, so the row becomes failed ("delivery outcome unknown", listed for
  coordinators) and is never resent: the one copy the server has is the only one (at most
  once per row, as sending.py promises).

The submission itself is stored in both cases.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from matcher.jobs.registry import run_job
from matcher.mail.sending import UNKNOWN_OUTCOME
from matcher.models import EmailStatus, utcnow
from tests.faults.checks import actions, outbox, submit, sweep
from tests.faults.services import wait_until
from tests.faults.sinks import smtp_settings

pytestmark = pytest.mark.faults

LEASE_SECONDS = 2
PROJECT_ROOT = Path(__file__).resolve().parents[2]
PERSON = "ana@example.org"


class Worker:
    """`matcher worker` as a subprocess in a process group of its own."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.log = log
        with log.open("wb") as output:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    "from matcher.cli import main; main()",
                    "worker",
                    "--concurrency=1",
                    "--loglevel=warning",
                ],
                env=env,
                cwd=PROJECT_ROOT,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def kill(self) -> None:
        """SIGKILL the worker and its pool processes, as a crash or the OOM killer would."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def output(self) -> str:
        """The end of what the worker printed (for failure messages)."""
        return self.log.read_text(errors="replace")[-3000:]


@pytest.fixture
def start_worker(tmp_path: Path) -> Iterator[Callable[[dict[str, str]], Worker]]:
    """Start workers with extra environment; every one still running is killed afterwards."""
    workers: list[Worker] = []

    def start(settings: dict[str, str]) -> Worker:
        env = {
            **os.environ,
            "MATCHER_CONFIG": "testing",
            "MATCHER_INSTANCE_PATH": str(tmp_path / "worker-instance"),
            **settings,
        }
        worker = Worker(env, tmp_path / f"worker-{len(workers)}.log")
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.kill()


@pytest.mark.parametrize("stall_in", ["RCPT", "DATA"])
def test_worker_killed_mid_send_never_loses_or_doubles_the_email(
    make_app, redis_up, smtp, start_worker, fault_database_url, stall_in
):
    settings = {
        "CELERY_BROKER_URL": redis_up.url,
        "CELERY_QUEUE": f"faults-{uuid.uuid4().hex}",
        "MAIL_SEND_LEASE_SECONDS": LEASE_SECONDS,
        **smtp_settings(smtp),
    }
    app = make_app(**settings)
    worker = start_worker(
        {"DATABASE_URL": fault_database_url, **{k: str(v) for k, v in settings.items()}}
    )
    smtp.stall_in = stall_in
    assert submit(app, PERSON).status_code == 302

    try:
        wait_until(smtp.stalled.is_set, 60, f"the worker to stall in {stall_in}")
    except AssertionError as exc:
        raise AssertionError(f"{exc}\n--- worker output ---\n{worker.output()}") from None
    worker.kill()
    smtp.release.set()
    row = outbox(app)[PERSON]
    assert row.status == EmailStatus.sending and row.attempts == 1  # claimed, never finished
    assert (row.transmit_started_at is not None) == (stall_in == "DATA")
    # In DATA the server took the message; the worker died before hearing so.
    assert len(smtp.received) == (1 if stall_in == "DATA" else 0)

    wait_until(lambda: outbox(app)[PERSON].lease_expires_at < utcnow(), 10, "the lease to end")
    if stall_in == "RCPT":  # nothing was handed over: send it again, once
        assert sweep(app) == "send-queued: 1 sent"
        assert outbox(app)[PERSON].status == EmailStatus.sent
    else:  # the outcome is unknown: give up visibly, never resend
        assert sweep(app) == "send-queued: 1 interrupted"
        failed = outbox(app)[PERSON]
        assert failed.status == EmailStatus.failed and failed.last_error == UNKNOWN_OUTCOME
    assert sweep(app) == "send-queued: nothing due"
    with app.app_context():  # a redelivered send job (acks_late) finds nothing to do
        assert run_job("send_email", row.id) == outbox(app)[PERSON].status

    assert list(actions(app)) == [PERSON]  # the submission is stored
    assert smtp.message_ids() == [row.message_id]  # exactly one delivery
