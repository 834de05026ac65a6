"""Builders and a real SMTP server (aiosmtpd) for the introduction and inbound mail tests.

A test module makes the server a fixture: `smtp = pytest.fixture(serve_smtp)`.
"""

from __future__ import annotations

import email
import email.policy
import re
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from email.message import EmailMessage

from aiosmtpd.controller import Controller

from matcher.extensions import db as database
from matcher.models import Action, ActionStatus, Introduction, Organization, TargetType
from matcher.operations.introductions import start_introduction

ANSWER_LINK = re.compile(
    r"http://localhost(/introductions/[\w.\-]+/(accept|decline)(?:\?lang=\w+)?)"
)
UNSUBSCRIBE_LINK = re.compile(r"http://localhost(/unsubscribe/[\w.\-]+(?:\?lang=\w+)?)")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Received:
    """One message as the SMTP server received it."""

    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    mail_options: list[str] = field(default_factory=list)  # e.g. BODY=8BITMIME, SMTPUTF8

    @property
    def message(self) -> EmailMessage:
        """The parsed message."""
        return email.message_from_bytes(self.data, policy=email.policy.default)

    def text(self) -> str:
        """The plain-text part."""
        return self.message.get_body(preferencelist=("plain",)).get_content()

    def html(self) -> str:
        """The HTML part."""
        return self.message.get_body(preferencelist=("html",)).get_content()


@dataclass
class SmtpSink:
    """aiosmtpd handler keeping what it accepts; `reply` can make it refuse DATA."""

    received: list[Received] = field(default_factory=list)
    reply: str = "250 OK"
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope) -> str:
        if not self.reply.startswith("250"):
            return self.reply
        with self.lock:
            self.received.append(
                Received(
                    envelope.mail_from,
                    list(envelope.rcpt_tos),
                    envelope.original_content,
                    list(envelope.mail_options),
                )
            )
        return self.reply

    def to(self, address: str) -> list[Received]:
        """Messages delivered to `address` (envelope)."""
        return [item for item in self.received if address in item.rcpt_tos]


def serve_smtp(app) -> Iterator[SmtpSink]:
    """A real SMTP server on 127.0.0.1 that the app sends to (plain SMTP, no TLS)."""
    sink = SmtpSink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    saved = {key: app.config[key] for key in ("MAIL_SERVER", "MAIL_PORT", "MAIL_USE_TLS")}
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USE_TLS=False)
    try:
        yield sink
    finally:
        app.config.update(saved)
        controller.stop()


def make_action(title: str, email_address: str, *, language: str = "en", **fields) -> Action:
    """A published action that consents to both kinds of introduction (added, flushed)."""
    values = {
        "slug": secrets.token_urlsafe(8),
        "title": title,
        "date": date.today() + timedelta(days=30),
        "location_text": "Oakland, CA",
        "place": "Oakland, CA",
        "state": "CA",
        "target_type": TargetType.detention_center,
        "target": "Mesa Verde ICE Processing Center",
        "contact_name": f"{title} organizer",
        "contact_email": email_address,
        "contact_phone": "+1 510 555 0199",
        "venue": "1 Secret Street",
        "language": language,
        "status": ActionStatus.published,
        "intro_region": True,
        "intro_target": True,
    }
    values.update(fields)
    action = Action(**values)
    database.session.add(action)
    database.session.flush()
    return action


def make_introduction(
    *, language_b: str = "es", note: str = "You both target GEO Group."
) -> Introduction:
    """Two published actions, an introduction between them, its requests queued (not committed)."""
    coalition = Organization(name="Bay Area Rapid Response", key=secrets.token_hex(6))
    a = make_action("Vigil at Mesa Verde", "ana@example.org", organizations=[coalition])
    b = make_action(
        "Marcha en Adelanto",
        "beto@example.net",
        language=language_b,
        contact_name="Beto Ejemplo",
        location_text="Adelanto, CA",
        place="Adelanto, CA",
    )
    introduction = Introduction(action_a_id=a.id, action_b_id=b.id, note=note)
    database.session.add(introduction)
    database.session.flush()
    start_introduction(introduction)
    return introduction


def answer_links(text: str) -> dict[str, str]:
    """The accept and decline paths in an opt-in email."""
    return {choice: path for path, choice in ANSWER_LINK.findall(text)}


def wait_for(predicate, timeout: float = 5.0) -> None:
    """Poll until `predicate()` is true."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.02)


def of_kind(outbox, kind: str) -> list[EmailMessage]:
    """The messages in the outbox directory whose outbox row has `kind`."""
    from sqlalchemy import select

    from matcher.models import OutboundEmail

    ids = set(
        database.session.scalars(select(OutboundEmail.message_id).where(OutboundEmail.kind == kind))
    )
    return [message for message in outbox.messages() if message["Message-ID"] in ids]


def post_inbound(
    client, body: bytes, secret: str, *, timestamp: int | None = None, signature: str | None = None
):
    """Post a raw message to the inbound webhook, signed with `secret` (now, unless a timestamp
    or a forged signature is given)."""
    from matcher.operations.inbound import signature_for

    stamp = str(int(time.time()) if timestamp is None else timestamp)
    return client.post(
        "/inbound/email",
        data=body,
        content_type="message/rfc822",
        headers={
            "X-Matcher-Timestamp": stamp,
            "X-Matcher-Signature": signature or signature_for(secret, stamp, body),
        },
    )


def reply_message(introduction, sender: str, text: str, *, to: str = "") -> bytes:
    """A plain reply to the introduction's thread from `sender`, to the service's reply address
    (and to `to` as well, a reply to all)."""
    return (
        f"From: {sender}\r\nTo: {to}{', ' if to else ''}"
        f"reply+{introduction.reply_token}@matcher.localhost\r\n"
        f"Subject: Re: Introduction\r\nMessage-ID: <{time.time_ns()}@mail.example>\r\n"
        f"In-Reply-To: {introduction.thread_message_id}\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n"
    ).encode()
