"""Delivering one message: through SMTP (Flask-Mail's connection, verifying TLS) or, with no
server, as an .eml file."""

from __future__ import annotations

import json
import re
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from flask import current_app
from flask_mail import Connection

from matcher.mail.dkim_signing import sign_if_configured
from matcher.mail.headers import automatic_headers, bounce_address
from matcher.mail.mime import ascii_address, render_message
from matcher.mail.recipients import shown_recipients
from matcher.models import OutboundEmail

_HEADER_NAME = re.compile(r"^[A-Za-z0-9-]+$")


class UnsafeHeader(ValueError):
    """A header name or value that could inject other headers."""


class NoRecipient(ValueError):
    """The message's organizer is gone (action deleted or contact details erased)."""


def _check_header(name: str, value: str) -> None:
    if not _HEADER_NAME.match(name) or "\r" in value or "\n" in value:
        raise UnsafeHeader(name)


@dataclass(frozen=True)
class Outgoing:
    """A message ready to hand over: its bytes and its envelope recipients (RCPT TO)."""

    envelope_to: list[str]
    data: bytes


def build_message(email: OutboundEmail, *, date: datetime | None = None) -> Outgoing:
    """The message as it goes out: our own Message-ID, both parts, checked headers,
    `Auto-Submitted` unless it is the introduction itself, 7-bit (matcher.mail.mime) and
    DKIM-signed when a key is set (matcher.mail.dkim_signing).

    The recipient and the displayed `To` are read now (matcher.mail.recipients), never stored
    with the message; the envelope goes to the message's own recipient only, whatever `To`
    shows (an introduction shows both people, but each copy is delivered to one of them).
    """
    extra = {k: v for k, v in json.loads(email.headers or "{}").items() if k.lower() != "to"}
    recipient = email.recipient_address
    if recipient is None:
        raise NoRecipient(email.id)
    shown = shown_recipients(email, recipient)
    headers = {**extra, **automatic_headers(email.kind)}
    for name, value in {"To": ", ".join(shown), "Subject": email.subject, **headers}.items():
        _check_header(name, value)
    data = render_message(
        sender=current_app.config["MAIL_DEFAULT_SENDER"],
        to=shown,
        subject=email.subject,
        text=email.body_text,
        html=email.body_html,
        message_id=email.message_id,
        headers=headers,
        date=date,
    )
    return Outgoing([ascii_address(recipient)], sign_if_configured(data, current_app.config))


def _write_eml(
    message: Outgoing, email: OutboundEmail, before_data: Callable[[], None] | None = None
) -> Path:
    """Write the message atomically; `before_data` runs right before the final rename."""
    outbox = Path(current_app.config["MAIL_OUTBOX_DIR"])
    outbox.mkdir(parents=True, exist_ok=True)
    stamp = email.created_at.strftime("%Y%m%dT%H%M%S")
    path = outbox / f"{stamp}-{email.id:06d}-{email.kind}.eml"
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(message.data)
    if before_data is not None:
        before_data()
    tmp.replace(path)
    return path


class _HookedData:
    """Calls `before_data` right before the DATA command (after MAIL FROM and RCPT TO)."""

    before_data: Callable[[], None] | None = None

    def data(self, msg: Any) -> tuple[int, bytes]:
        if self.before_data is not None:
            self.before_data()
        return super().data(msg)  # type: ignore[misc]


class _SMTP(_HookedData, smtplib.SMTP):
    pass


class _SMTPSSL(_HookedData, smtplib.SMTP_SSL):
    pass


class VerifiedConnection(Connection):
    """Flask-Mail's connection, but TLS verifies the server certificate and host name, and
    the server settings are read from the current configuration."""

    before_data: Callable[[], None] | None = None

    def configure_host(self):  # type: ignore[no-untyped-def]
        """Open SMTP, with a default (verifying) SSL context for SSL and STARTTLS."""
        config = current_app.config
        server, port = config["MAIL_SERVER"], config["MAIL_PORT"]
        context = ssl.create_default_context()
        host: _SMTP | _SMTPSSL
        if config["MAIL_USE_SSL"]:
            host = _SMTPSSL(server, port, context=context, timeout=30)
        else:
            host = _SMTP(server, port, timeout=30)
        host.before_data = self.before_data
        if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
            host.starttls(context=context)
        if config["MAIL_USERNAME"] and config["MAIL_PASSWORD"]:
            host.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        return host


def deliver(email: OutboundEmail, before_data: Callable[[], None] | None = None) -> str:
    """Send one message; returns where it went (an SMTP host or a file path). Over SMTP the
    envelope sender is the message's own return path (matcher.mail.headers.bounce_address).

    `before_data` runs right before the message itself is handed over (the SMTP DATA
    command, or the rename that publishes the file): from then on the outcome of a crash is
    unknown.
    """
    message = build_message(email)
    if not current_app.config["MAIL_SERVER"]:
        return str(_write_eml(message, email, before_data))
    connection = VerifiedConnection(current_app.extensions["mail"])
    connection.before_data = before_data
    with connection:
        connection.host.sendmail(bounce_address(email.id), message.envelope_to, message.data)
    return current_app.config["MAIL_SERVER"]
