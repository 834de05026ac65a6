"""Delivering one message: through SMTP (Flask-Mail) or, with no server, as an .eml file."""

from __future__ import annotations

import json
import re
import ssl
from pathlib import Path

from flask import current_app
from flask_mail import Connection, Message

from matcher.models import OutboundEmail

_HEADER_NAME = re.compile(r"^[A-Za-z0-9-]+$")


class UnsafeHeader(ValueError):
    """A header name or value that could inject other headers."""


def _check_header(name: str, value: str) -> None:
    if not _HEADER_NAME.match(name) or "\r" in value or "\n" in value:
        raise UnsafeHeader(name)


def build_message(email: OutboundEmail) -> Message:
    """A Flask-Mail message with our own Message-ID, both parts and checked headers."""
    extra = json.loads(email.headers or "{}")
    for name, value in {"To": email.recipient, "Subject": email.subject, **extra}.items():
        _check_header(name, value)
    message = Message(
        subject=email.subject,
        recipients=[email.recipient],
        body=email.body_text,
        html=email.body_html,
        extra_headers=extra or None,
    )
    message.msgId = email.message_id
    return message


def _write_eml(message: Message, email: OutboundEmail) -> Path:
    outbox = Path(current_app.config["MAIL_OUTBOX_DIR"])
    outbox.mkdir(parents=True, exist_ok=True)
    stamp = email.created_at.strftime("%Y%m%dT%H%M%S")
    path = outbox / f"{stamp}-{email.id:06d}-{email.kind}.eml"
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(message.as_bytes())
    tmp.replace(path)
    return path


class VerifiedConnection(Connection):
    """Flask-Mail's connection, but TLS verifies the server certificate and host name, and
    the server settings are read from the current configuration."""

    def configure_host(self):  # type: ignore[no-untyped-def]
        """Open SMTP, with a default (verifying) SSL context for SSL and STARTTLS."""
        import smtplib

        config = current_app.config
        server, port = config["MAIL_SERVER"], config["MAIL_PORT"]
        context = ssl.create_default_context()
        if config["MAIL_USE_SSL"]:
            host = smtplib.SMTP_SSL(server, port, context=context, timeout=30)
        else:
            host = smtplib.SMTP(server, port, timeout=30)
        if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
            host.starttls(context=context)
        if config["MAIL_USERNAME"] and config["MAIL_PASSWORD"]:
            host.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        return host


def deliver(email: OutboundEmail) -> str:
    """Send one message; returns where it went (an SMTP host or a file path)."""
    message = build_message(email)
    if not current_app.config["MAIL_SERVER"]:
        return str(_write_eml(message, email))
    state = current_app.extensions["mail"]
    message.sender = message.sender or state.default_sender
    with VerifiedConnection(state) as connection:
        connection.send(message)
    return current_app.config["MAIL_SERVER"]
