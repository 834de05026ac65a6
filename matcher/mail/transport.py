"""Delivering one message: through SMTP (Flask-Mail) or, with no server, as an .eml file."""

from __future__ import annotations

import json
import re
import smtplib
import ssl
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import current_app
from flask_mail import Connection, Message

from matcher.mail.headers import bounce_address
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


class EnvelopeMessage(Message):
    """A message whose envelope goes only to `envelope_to`, whatever its To header shows
    (an introduction shows both people in To, but each copy is delivered to one of them)."""

    envelope_to: list[str] | None = None

    @property
    def send_to(self) -> set[Any]:
        """The envelope recipients (RCPT TO)."""
        return set(self.envelope_to) if self.envelope_to else super().send_to


def build_message(email: OutboundEmail) -> Message:
    """A Flask-Mail message with our own Message-ID, both parts and checked headers.

    The recipient and the displayed `To` are read now (matcher.mail.recipients), never stored
    with the message; the envelope goes to the message's own recipient only.
    """
    extra = {k: v for k, v in json.loads(email.headers or "{}").items() if k.lower() != "to"}
    recipient = email.recipient_address
    if recipient is None:
        raise NoRecipient(email.id)
    shown = shown_recipients(email, recipient)
    for name, value in {"To": ", ".join(shown), "Subject": email.subject, **extra}.items():
        _check_header(name, value)
    message = EnvelopeMessage(
        subject=email.subject,
        recipients=shown,
        body=email.body_text,
        html=email.body_html,
        extra_headers=extra or None,
    )
    message.msgId = email.message_id
    message.envelope_to = [recipient]
    return message


def _write_eml(
    message: Message, email: OutboundEmail, before_data: Callable[[], None] | None = None
) -> Path:
    """Write the message atomically; `before_data` runs right before the final rename."""
    outbox = Path(current_app.config["MAIL_OUTBOX_DIR"])
    outbox.mkdir(parents=True, exist_ok=True)
    stamp = email.created_at.strftime("%Y%m%dT%H%M%S")
    path = outbox / f"{stamp}-{email.id:06d}-{email.kind}.eml"
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(message.as_bytes())
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
    state = current_app.extensions["mail"]
    message.sender = message.sender or state.default_sender
    connection = VerifiedConnection(state)
    connection.before_data = before_data
    with connection:
        connection.send(message, envelope_from=bounce_address(email.id))
    return current_app.config["MAIL_SERVER"]
