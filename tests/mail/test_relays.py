"""Every kind of message the service sends survives a relay: DKIM still verifies after the
message went through real SMTP servers (aiosmtpd on loopback) and a relay that downgraded it
for a next hop without 8BITMIME and refolded its headers; each says Auto-Submitted but the
introduction itself.

The DKIM key is generated here and its DNS record is answered by the `dnsfunc` hook of dkimpy
(its documented way of supplying the TXT record), so no DNS server is asked.
"""

from __future__ import annotations

import email
import email.policy
import io
import re
import smtplib
from datetime import timedelta
from email import encoders
from email.generator import BytesGenerator
from email.parser import BytesParser
from email.utils import formatdate
from pathlib import Path

import dkim
import pytest
from aiosmtpd.controller import Controller
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from flask_mail import Message
from sqlalchemy import select

from matcher.formats.action_csv import parse_actions_csv
from matcher.mail.dkim_signing import sign
from matcher.models import Action, OutboundEmail, utcnow
from matcher.operations.coalition import send_coalition_suggestions
from matcher.operations.imports import import_rows
from matcher.operations.inbound import receive
from matcher.operations.introductions import remind_and_expire
from matcher.operations.submissions import resend_verification
from matcher.operations.suppressions import record_bounce
from matcher.security.dkim_keys import dkim_key
from tests.support.forms import submit_action, submit_form
from tests.support.helpers import links_in, make_action
from tests.support.mail import (
    SmtpSink,
    answer_links,
    free_port,
    make_introduction,
    reply_message,
    serve_smtp,
)

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "email"
SELECTOR = "relaytest"
DOMAIN = "matcher.localhost"
TITLE = "Vigilia y marcha por el cierre del Centro de Procesamiento de ICE de Mesa Verde, ¡ya!"
ORGANIZER = "rosa.tester@example.org"

smtp = pytest.fixture(serve_smtp)


@pytest.fixture(scope="module")
def key_file(tmp_path_factory) -> Path:
    """A 2048-bit RSA key in PKCS#8 PEM, as `openssl genpkey` writes it."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path = tmp_path_factory.mktemp("dkim") / "dkim.pem"
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return path


@pytest.fixture
def signing(app, key_file):
    """DKIM on, by the settings; yields dkimpy's `dnsfunc` answering the key's TXT record."""
    settings = {
        "DKIM_DOMAIN": DOMAIN,
        "DKIM_SELECTOR": SELECTOR,
        "DKIM_PRIVATE_KEY_FILE": str(key_file),
    }
    saved = {name: app.config[name] for name in settings}
    app.config.update(settings)
    key = dkim_key(app.config)
    assert key is not None and key.dns_name == f"{SELECTOR}._domainkey.{DOMAIN}"

    def dnsfunc(name: bytes, timeout: int = 5) -> bytes | None:
        if name.decode().rstrip(".") == key.dns_name:
            return key.dns_text.encode()
        return None

    yield dnsfunc
    app.config.update(saved)


@pytest.fixture
def next_hop():
    """A second real SMTP server: where the relay hands the message on."""
    sink = SmtpSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield sink, controller.port
    controller.stop()


def downgraded(data: bytes) -> bytes:
    """What a relay writes when the next hop does not offer 8BITMIME (RFC 6152 section 3):
    every 8-bit part re-encoded as quoted-printable, every header refolded to its own width,
    and its Received line on top."""
    message = BytesParser(policy=email.policy.compat32).parsebytes(data)
    for part in message.walk():
        cte = (part.get("Content-Transfer-Encoding") or "7bit").lower()
        if not part.is_multipart() and cte == "8bit":
            payload = part.get_payload(decode=True)
            del part["Content-Transfer-Encoding"]
            part.set_payload(payload)
            encoders.encode_quopri(part)
    out = io.BytesIO()
    policy = email.policy.compat32.clone(linesep="\r\n", max_line_length=60, cte_type="7bit")
    BytesGenerator(out, policy=policy).flatten(message)
    received = f"Received: from matcher.localhost by relay.example.net; {formatdate()}\r\n"
    return received.encode() + out.getvalue()


def relayed(data: bytes, port: int, sink: SmtpSink, mail_from: str, rcpt: str) -> bytes:
    """Hand `data`, downgraded and refolded, to the next hop over SMTP; what arrived there."""
    before = len(sink.received)
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as relay:
        relay.sendmail(mail_from, [rcpt], downgraded(data))
    [arrived] = sink.received[before:]
    return arrived.data


def _new(smtp, start: int):
    return smtp.received[start:]


def _kind(db, item) -> str:
    message_id = item.message["Message-ID"]
    return db.session.scalar(
        select(OutboundEmail.kind).where(OutboundEmail.message_id == message_id)
    )


def _every_template(client, app, db, smtp) -> dict[str, list]:
    """Drive the service through each flow that sends mail; the messages each one sent, by the
    template it was written from."""
    sent: dict[str, list] = {}

    def step(template: str, run) -> None:
        start = len(smtp.received)
        run()
        sent[template] = _new(smtp, start)
        assert sent[template], f"{template}: nothing was sent"

    step(
        "verify",
        lambda: submit_action(
            client, title=TITLE, contact_name="José Núñez Peña", language="es", location="Oregon"
        ),
    )
    sent["place_question"] = [m for m in sent["verify"] if "Oregon" in m.message["Subject"]]
    sent["verify"] = [m for m in sent["verify"] if m not in sent["place_question"]]
    links = links_in(sent["verify"][0].text())
    submit_form(client, links["verify"])
    action = db.session.scalar(select(Action).where(Action.title == TITLE))
    action.accepts_messages = True
    db.commit()

    step(
        "public_message",
        lambda: submit_form(
            app.test_client(),
            f"/actions/{action.slug}",
            {"name": "Luis Ávila", "email": "luis@example.net", "message": "¿Llevamos la manta?"},
            form="Send to the organizers",
        ),
    )
    step("manage_links", lambda: submit_form(client, "/manage/lost", {"email": ORGANIZER}).close())

    def reconfirm() -> None:
        record_bounce(action.contact_email_index)
        db.commit()
        resend_verification(ORGANIZER)
        db.commit()

    step("reconfirm", reconfirm)
    assert sent["reconfirm"][0].message["Subject"] != sent["verify"][0].message["Subject"]

    def listed() -> None:
        csv_text = (
            "title,date,location,target_type,contact_name,contact_email,language\n"
            f"Marcha a la corte,{(utcnow().date() + timedelta(days=20)).isoformat()},"
            "Adelanto CA,federal_agency,Beatriz Ortega,beatriz@example.net,es\n"
        )
        rows, errors = parse_actions_csv(csv_text)
        assert errors == []
        import_rows(rows, notify=True)
        db.commit()

    step("listed", listed)

    def coalition() -> None:
        make_action(
            db, place="Adelanto, CA", title="Vigil at Adelanto", organizations="Inland Coalition"
        )
        fresh = make_action(
            db, place="Victorville, CA", title="Marcha en Victorville", language="es"
        )
        db.commit()
        assert send_coalition_suggestions(fresh)
        db.commit()

    step("coalition", coalition)

    introduction = None

    def optin_request() -> None:
        nonlocal introduction
        introduction = make_introduction()
        db.commit()

    step("optin_request", optin_request)
    requests = {item.rcpt_tos[0]: item for item in sent["optin_request"]}

    def reminder() -> None:
        remind_and_expire(utcnow() + timedelta(days=app.config["INTRO_REMINDER_DAYS"], hours=1))
        db.commit()

    step("optin_reminder", reminder)

    def introduce() -> None:
        for item in requests.values():
            submit_form(client, answer_links(item.text())["accept"])

    step("introduction", introduce)

    def relay_reply() -> None:
        receive(reply_message(introduction, "ana@example.org", "¡Nos vemos el sábado!"))
        db.commit()

    step("intro_relay", relay_reply)

    def closed() -> None:
        make_introduction()
        db.commit()
        later = utcnow() + timedelta(days=app.config["INTRO_EXPIRY_DAYS"], hours=1)
        remind_and_expire(later)
        db.commit()

    start = len(smtp.received)
    closed()
    sent["intro_closed"] = [m for m in _new(smtp, start) if _kind(db, m) == "intro_closed"]
    assert sent["intro_closed"]
    return sent


def test_every_message_verifies_after_relays_and_says_auto_submitted(
    app, client, db, smtp, signing, next_hop
):
    sent = _every_template(client, app, db, smtp)
    on_disk = {path.stem for path in TEMPLATES.glob("*.txt") if not path.name.startswith("_")}
    assert set(sent) == on_disk  # a new kind of message gets a step above

    sink, port = next_hop
    for template, items in sent.items():
        for item in items:
            data = item.data
            assert data.isascii(), template  # 7-bit: nothing to re-encode, no BODY=8BITMIME
            assert not any(o.upper().startswith("BODY=") for o in item.mail_options), template
            assert max(len(line) for line in data.split(b"\r\n")) <= 998, template
            assert dkim.verify(data, dnsfunc=signing), template  # as sent
            arrived = relayed(data, port, sink, item.mail_from, item.rcpt_tos[0])
            assert arrived != data  # the relay did change it
            assert dkim.verify(arrived, dnsfunc=signing), template  # and it still verifies
            message = email.message_from_bytes(arrived, policy=email.policy.default)
            signature = re.sub(r"\s+", "", str(message["DKIM-Signature"]))
            covered = signature.split(";h=")[1].split(";")[0].lower().split(":")
            for header in ("from", "to", "subject", "date", "message-id"):
                assert covered.count(header) == 2, (template, header)  # present, and oversigned
            if message["List-Unsubscribe"]:
                assert "list-unsubscribe" in covered and "list-unsubscribe-post" in covered
            expected = None if template == "introduction" else "auto-generated"
            assert message["Auto-Submitted"] == expected, template
            assert [part.get_content_type() for part in message.walk()] == [
                "multipart/alternative",
                "text/plain",
                "text/html",
            ], template


def test_a_long_spanish_subject_decodes_exactly(app, client, db, smtp):
    submit_action(client, title=TITLE, contact_name="José Núñez Peña", language="es")
    [verify] = [item for item in smtp.received if _kind(db, item) == "verify"]
    header_lines = verify.data.split(b"\r\n\r\n")[0].decode("ascii")
    assert re.search(r"^Subject: =\?utf-8\?q\?", header_lines, re.M)  # encoded, then folded
    subject = db.session.scalar(select(OutboundEmail.subject).where(OutboundEmail.kind == "verify"))
    assert TITLE in subject
    assert str(verify.message["Subject"]) == subject  # no space lost or doubled at the folds
    assert "  " not in str(verify.message["Subject"])
    body = verify.data.split(b"\r\n\r\n", 1)[1]
    assert b"quoted-printable" in body and "Núñez".encode() not in body
    assert "José Núñez Peña" in verify.text()


def test_the_relay_breaks_what_was_sent_8bit_and_tampering_shows(app, db, signing, key_file):
    """The checks can fail: a message written the old way (Flask-Mail, 8bit parts) verifies as
    sent but not after the downgrade; a changed List-Unsubscribe or a second From fails."""
    key = dkim_key(app.config)
    old = Message(
        subject="Confirma tu acción",
        sender="Close the Camps matcher <no-reply@matcher.localhost>",
        recipients=[ORGANIZER],
        body="Hola José, confirma tu acción.\n",
        html="<p>Hola José, confirma tu acción.</p>\n",
        extra_headers={"List-Unsubscribe": "<http://localhost/unsubscribe/x>"},
    )
    signed_old = sign(old.as_bytes(), key)
    assert b"8bit" in signed_old
    assert dkim.verify(signed_old, dnsfunc=signing)
    assert not dkim.verify(downgraded(signed_old), dnsfunc=signing)

    tampered = signed_old.replace(b"unsubscribe/x", b"unsubscribe/y")
    assert not dkim.verify(tampered, dnsfunc=signing)
    head, body = signed_old.split(b"\r\n\r\n", 1)
    second_from = head + b"\r\nFrom: someone@elsewhere.example\r\n\r\n" + body
    assert not dkim.verify(second_from, dnsfunc=signing)
