"""No contact detail is ever written to the database in plain text, through a whole journey.

Two organizers submit through the form and verify; a coordinator approves their introduction;
both accept; one writes only to the service and the reply is relayed to the other, whose mail
server refuses it with a 550 that repeats her address and name; she replies to all; a member of
the public writes to her through her action page; then the first one's contact details pass
their retention and are purged. After each stage, the raw
bytes of the database (the SQLite file and its journal; on PostgreSQL every file of the
database, read by the server after a checkpoint) and every text column of every table are
searched for the people's names, addresses, phones and street addresses.
"""

from __future__ import annotations

import contextlib
import re
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, select, text, update

from matcher import create_app
from matcher.extensions import db
from matcher.migrations import alembic_config
from matcher.models import Action, Introduction, OutboundEmail, Suggestion, SuggestionStatus
from tests.support.app_context import forget_request_state
from tests.support.coordinators import log_in, make_coordinator
from tests.support.databases import own_database, sessions_on_own_app
from tests.support.forms import submit_form
from tests.support.helpers import action_fields, links_in
from tests.support.mail import answer_links, post_inbound, serve_smtp

SECRET = "webhook-secret-for-the-raw-scan"
MARIA = {
    "contact_name": "María José Peña",
    "contact_email": "maria.jose.pena@example.net",
    "contact_phone": "+1 213 555 0147",
    "venue": "45 Calle Secreta, back door, apt 3",
}
VISITOR = {  # a member of the public who writes to an organizer through the action page
    "name": "Valentina Vecina",
    "email": "valentina.vecina@example.com",
    "message": "Count me in. Text me at (415) 555-0199.",
}
BEATRIZ = {
    "contact_name": "Beatriz Oaklander",
    "contact_email": "beatriz.oak@example.org",
    "contact_phone": "(510) 555-0188",
    "location": "1200 Calle Escondida, Oakland, CA",
}


def _needles() -> list[str]:
    """Every form of the known strings a careless write could leave."""
    found: set[str] = set()
    for person in (MARIA, BEATRIZ):
        for value in person.values():
            found.add(value)
        local = person["contact_email"].split("@")[0]
        found.add(local)
        found.add(re.sub(r"\D", "", person["contact_phone"])[-10:])
    found.add("Calle Secreta")
    found.add("Calle Escondida")
    found.add("Maria Jose Pena")
    found.update((VISITOR["name"], VISITOR["email"], "valentina.vecina", "4155550199"))
    found.add("(415) 555-0199")
    found.discard("1200 Calle Escondida, Oakland, CA")  # "Oakland, CA" is public; the street is not
    return sorted(found)


def _forms(needle: str) -> list[bytes]:
    out = set()
    for value in (needle, needle.lower(), needle.upper()):
        for encoding in ("utf-8", "utf-16-le"):
            out.add(value.encode(encoding))
    return sorted(out)


def _raw_files(engine, sqlite_path: Path | None) -> dict[str, bytes]:
    """The bytes of every file of the database."""
    if sqlite_path is not None:
        return {
            path.name: path.read_bytes() for path in sqlite_path.parent.glob(sqlite_path.name + "*")
        }
    files: dict[str, bytes] = {}
    with engine.connect() as connection:
        connection.execute(text("CHECKPOINT"))
        oid = connection.scalar(
            text("SELECT oid FROM pg_database WHERE datname = current_database()")
        )
        for name in connection.scalars(text(f"SELECT pg_ls_dir('base/{oid}')")):
            path = f"base/{oid}/{name}"
            files[path] = bytes(connection.scalar(text(f"SELECT pg_read_binary_file('{path}')")))
    return files


def _text_columns(engine) -> dict[str, list[str]]:
    """Every value of every column of every table, as the database returns it (text)."""
    values: dict[str, list[str]] = {}
    with engine.connect() as connection:
        inspector = inspect(connection)
        for table in inspector.get_table_names():
            for column in inspector.get_columns(table):
                name = column["name"]
                rows = connection.execute(text(f'SELECT "{name}" FROM "{table}"')).scalars()  # noqa: S608
                values[f"{table}.{name}"] = [
                    bytes(v).decode("utf-8", "replace")
                    if isinstance(v, bytes | memoryview)
                    else str(v)
                    for v in rows
                    if v is not None
                ]
    return values


def _scan(engine, sqlite_path: Path | None, stage: str) -> None:
    needles = _needles()
    leaks = []
    files = _raw_files(engine, sqlite_path)
    assert any(b"Oakland march" in blob for blob in files.values())  # the scan reads the rows
    for where, blob in files.items():
        for needle in needles:
            if any(form in blob for form in _forms(needle)):
                leaks.append(f"{stage}: file {where} holds {needle!r}")
    for column, values in _text_columns(engine).items():
        for needle in needles:
            if any(needle.lower() in value.lower() for value in values):
                leaks.append(f"{stage}: column {column} holds {needle!r}")
    assert leaks == []


@pytest.fixture
def own_app(tmp_path, monkeypatch):
    """An app on a database of its own (a real file on SQLite), migrated, with real SMTP."""
    monkeypatch.setenv("MATCHER_INSTANCE_PATH", str(tmp_path / "instance"))
    with own_database(tmp_path) as url:
        app = create_app(
            {
                "TESTING": True,
                "DATABASE_URL": url,
                "INBOUND_WEBHOOK_SECRET": SECRET,
                "MAIL_OUTBOX_DIR": str(tmp_path / "outbox"),
            }
        )
        forget_request_state(app)
        engine = app.extensions["matcher.engine"]
        sqlite_path = tmp_path / "own.sqlite3" if url.startswith("sqlite") else None
        with app.app_context(), sessions_on_own_app():
            command.upgrade(alembic_config(), "head")
            with contextlib.contextmanager(serve_smtp)(app) as smtp:
                yield app, engine, sqlite_path, smtp
        engine.dispose()


def _mail_to(smtp, address: str) -> list[str]:
    return [item.text() for item in smtp.to(address)]


def _post_inbound(client, body: bytes) -> None:
    response = post_inbound(client, body, SECRET)
    assert response.status_code == 202, response.get_data(as_text=True)


def test_a_full_journey_leaves_no_contact_detail_in_the_database(own_app):
    app, engine, sqlite_path, smtp = own_app
    client = app.test_client()
    shared = {"target": "Otay Mesa Detention Center", "intro_target": "y"}
    for person, title in ((MARIA, "Vigil at Otay Mesa"), (BEATRIZ, "Oakland march")):
        fields = action_fields(title=title, accepts_messages=True, **shared, **person)
        response = submit_form(client, "/submit", fields)
        assert response.status_code == 302
        verify = links_in(_mail_to(smtp, person["contact_email"])[-1])["verify"]
        assert submit_form(client, verify).status_code == 200
    maria, beatriz = (
        db.session.scalar(select(Action).where(Action.title == title))
        for title in ("Vigil at Otay Mesa", "Oakland march")
    )
    suggestion = db.session.scalar(select(Suggestion))
    if suggestion is None:
        first, second = sorted((maria.id, beatriz.id))
        suggestion = Suggestion(action_a_id=first, action_b_id=second, kinds="target", score=0.9)
        db.session.add(suggestion)
    make_coordinator(db, "coordinator@example.org", admin=True)
    db.commit()
    assert suggestion.status == SuggestionStatus.pending
    coordinator = app.test_client()
    assert log_in(coordinator, "coordinator@example.org").status_code == 302
    approve = f"/coordinate/suggestions/{suggestion.id}/approve"
    approved = submit_form(coordinator, "/coordinate/suggestions", form=approve)
    assert approved.status_code == 302
    for person in (MARIA, BEATRIZ):
        [request] = [t for t in _mail_to(smtp, person["contact_email"]) if "/accept" in t]
        assert submit_form(client, answer_links(request)["accept"]).status_code == 200
    introduction = db.session.scalar(select(Introduction))
    assert introduction.status.value == "introduced"
    _scan(engine, sqlite_path, "introduced")

    smtp.reply = (
        f"550 5.1.1 <{BEATRIZ['contact_email']}>: {BEATRIZ['contact_name']} is unknown here"
    )
    _post_inbound(
        client,
        (
            f"From: {MARIA['contact_name']} <{MARIA['contact_email']}>\r\n"
            f"To: reply+{introduction.reply_token}@matcher.localhost\r\n"
            f"Subject: Re: Introduction\r\nMessage-ID: <{time.time_ns()}@mail.example.net>\r\n"
            f"In-Reply-To: {introduction.thread_message_id}\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            f"Beatriz, call me at {MARIA['contact_phone']}. {MARIA['contact_name']}\r\n"
        ).encode(),
    )
    relay = db.session.scalar(select(OutboundEmail).where(OutboundEmail.kind == "intro_relay"))
    db.session.refresh(relay)
    assert relay.status.value == "failed" and "550" in relay.last_error
    smtp.reply = "250 OK"
    _post_inbound(
        client,
        (
            f"From: {BEATRIZ['contact_name']} <{BEATRIZ['contact_email']}>\r\n"
            f"To: {MARIA['contact_name']} <{MARIA['contact_email']}>, "
            f"reply+{introduction.reply_token}@matcher.localhost\r\n"
            f"Subject: Re: Introduction\r\nMessage-ID: <{time.time_ns()}@mail.example.org>\r\n"
            f"In-Reply-To: {introduction.thread_message_id}\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            f"See you there! {BEATRIZ['contact_phone']}, {BEATRIZ['location']}\r\n"
        ).encode(),
    )
    _scan(engine, sqlite_path, "replied, relayed and refused")

    visitor = app.test_client()
    page = f"/actions/{beatriz.slug}"
    sent = submit_form(visitor, page, VISITOR, form="Send to the organizers")
    assert sent.status_code == 302
    [written] = [m for m in smtp.to(BEATRIZ["contact_email"]) if VISITOR["name"] in m.text()]
    assert written.message["Reply-To"] == VISITOR["email"]  # the organizer can answer
    _scan(engine, sqlite_path, "written to through the action page")

    past = date.today() - timedelta(days=app.config["CONTACT_RETENTION_DAYS"] + 1)
    db.session.execute(update(Action).where(Action.id == maria.id).values(date=past))
    db.commit()
    result = app.test_cli_runner().invoke(args=["purge-contacts"])
    assert "erased the contact details of 1 actions" in result.output, result.output
    _scan(engine, sqlite_path, "purged")
    db.session.expire_all()
    kept = db.session.get(Action, beatriz.id)
    assert kept.contact_email == BEATRIZ["contact_email"]  # the app still reads what it keeps
