"""`matcher inbound-smtp`: an SMTP receiver (aiosmtpd) for the mail server to hand replies and
bounces to. It accepts mail only for the service's own domain (`SERVER_NAME_FOR_MAIL`)."""

from __future__ import annotations

import logging
import time
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

log = logging.getLogger(__name__)


class InboundHandler:
    """aiosmtpd handler: refuses other domains, stores each message through `receive`."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.domain = app.config["SERVER_NAME_FOR_MAIL"].lower()

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        """Accept recipients on our domain only (no relaying)."""
        if address.rpartition("@")[2].lower() != self.domain:
            return "550 5.7.1 relaying denied"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        """Store the message; a failure answers 451 so the sending server retries later."""
        return self.store(envelope.original_content or envelope.content, envelope.rcpt_tos)

    def store(self, raw: bytes, rcpt_tos: list[str]) -> str:
        """Receive one message in its own unit of work; an SMTP reply line."""
        from matcher.extensions import db
        from matcher.operations.inbound import receive

        with self.app.app_context():
            try:
                receive(raw, envelope_to=list(rcpt_tos))
                db.commit()
            except Exception:
                db.rollback()
                log.exception("storing an inbound message failed")
                return "451 4.3.0 please try again later"
        return "250 OK: stored"


def make_controller(app: Flask, host: str, port: int) -> Any:
    """An aiosmtpd Controller (not started) serving `InboundHandler`."""
    from aiosmtpd.controller import Controller

    return Controller(
        InboundHandler(app), hostname=host, port=port, data_size_limit=10 * 1024 * 1024
    )


@click.command("inbound-smtp")
@click.option("--host", default=None, help="Address to listen on (INBOUND_SMTP_HOST).")
@click.option("--port", default=None, type=int, help="Port to listen on (INBOUND_SMTP_PORT).")
@with_appcontext
def inbound_smtp_command(host: str | None, port: int | None) -> None:
    """Receive replies and bounces over SMTP from the mail server (runs until stopped)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    host = host or app.config["INBOUND_SMTP_HOST"]
    port = port or app.config["INBOUND_SMTP_PORT"]
    controller = make_controller(app, host, port)
    controller.start()
    domain = app.config["SERVER_NAME_FOR_MAIL"]
    click.echo(f"inbound-smtp: listening on {host}:{port} for @{domain}")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()
