"""Migration 0009 moves contact data already stored out of plain text."""

from __future__ import annotations

import json

from alembic import command
from sqlalchemy import select, text

from matcher import create_app
from matcher.extensions import db
from matcher.migrations import alembic_config
from matcher.models import Action, OutboundEmail
from tests.support.databases import own_database, sessions_on_own_app

ROWS = [
    "INSERT INTO actions (id, slug, title, description, date, location_text, address_public,"
    " needs_location, target_type, target, contact_name, contact_email, contact_email_index,"
    " language, listed_publicly, intro_region, intro_target, status, created_at, updated_at)"
    " VALUES (1, 's1', 'Vigil', '', '2027-10-10', '45 Calle Secreta, apt 3', false, false,"
    " 'other', '', 'enc1:x', 'enc1:x', 'idx', 'en', true, true, true, 'published',"
    " '2027-01-01 00:00:00+00', '2027-01-01 00:00:00+00')",
    "INSERT INTO outbound_emails (id, kind, idempotency_key, message_id, recipient,"
    " recipient_index, subject, body_text, headers, status, attempts, last_error, action_id,"
    " created_at, updated_at) VALUES (1, 'intro_relay', 'k1', '<m1@x>', 'enc1:x', 'idx',"
    " 'María José Peña replied to your introduction', 'enc1:x',"
    ' \'{"To": "Mar\\u00eda <maria@example.org>", "Reply-To": "reply+t@x"}\', \'failed\', 1,'
    " 'SMTPRecipientsRefused: maria@example.org 550', 1,"
    " '2027-01-01 00:00:00+00', '2027-01-01 00:00:00+00')",
    "INSERT INTO inbound_emails (id, kind, subject, raw, sender_index, received_at) VALUES"
    " (1, 'reply', 'Re: María José Peña replied', 'enc1:x', '', '2027-01-01 00:00:00+00')",
    "INSERT INTO suppressions (id, email, reason, created_at) VALUES"
    " (1, 'idx', 'bounced', '2027-01-01 00:00:00+00')",
    "INSERT INTO geocode_cache (key, value, created_at) VALUES"
    " ('geocode:nominatim:45 calle secreta', '{}', '2027-01-01 00:00:00+00')",
]


def test_plain_contact_data_is_encrypted_or_dropped(tmp_path, monkeypatch):
    monkeypatch.setenv("MATCHER_INSTANCE_PATH", str(tmp_path))
    with own_database(tmp_path) as url:
        app = create_app({"TESTING": True, "DATABASE_URL": url})
        engine = app.extensions["matcher.engine"]
        with app.app_context():
            command.upgrade(alembic_config(), "0006")
            with engine.begin() as connection:
                for row in ROWS:
                    connection.execute(text(row.replace("\\u00eda", "\u00eda")))
            command.upgrade(alembic_config(), "0009")
            with engine.connect() as connection:
                location = connection.scalar(text("SELECT location_text FROM actions"))
                email = connection.execute(text("SELECT * FROM outbound_emails")).mappings().one()
                inbound = connection.scalar(text("SELECT subject FROM inbound_emails"))
                expires = connection.scalar(text("SELECT expires_at FROM suppressions"))
                cached = connection.scalar(text("SELECT count(*) FROM geocode_cache"))
            with sessions_on_own_app():
                typed = db.session.scalar(select(Action.location_text))
                subject = db.session.scalar(select(OutboundEmail.subject))
                headers = db.session.scalar(select(OutboundEmail.headers))
                assert typed == "45 Calle Secreta, apt 3"  # the app reads the plain text
                assert subject == "María José Peña replied to your introduction"
        engine.dispose()
    for value in (location, email["subject"], email["headers"], email["last_error"], inbound):
        assert value.startswith("enc1:")
    assert email["recipient"] is None  # read from the action at send time
    assert email["action_id"] == 1  # rebuilding `actions` on SQLite kept what points at it
    assert json.loads(headers) == {"Reply-To": "reply+t@x"}  # no `To`; the rest is kept
    assert expires is not None
    assert cached == 0
