"""Contact data is encrypted at rest, found by blind index, and survives key rotation."""

from __future__ import annotations

from cryptography.fernet import Fernet
from sqlalchemy import select, text

from matcher.models import Action, OutboundEmail
from matcher.security import crypto
from tests.support.forms import submit_action


def raw(db, sql: str) -> list:
    return list(db.session.execute(text(sql)).one())


def test_contact_columns_hold_ciphertext_only(client, db):
    submit_action(client)
    name, email, phone, venue, location, index = raw(
        db,
        "SELECT contact_name, contact_email, contact_phone, venue, location_text, "
        "contact_email_index FROM actions",
    )
    for value in (name, email, phone, venue, location):
        assert value.startswith("enc1:")
    assert "rosa" not in (name + email + phone + venue + index).lower()
    recipient, subject, body = raw(db, "SELECT recipient, subject, body_text FROM outbound_emails")
    assert recipient is None  # a reference to the action, not a copy of the address
    assert subject.startswith("enc1:") and body.startswith("enc1:")
    action = db.session.scalar(select(Action))
    assert action.contact_email == "rosa.tester@example.org"  # the app reads plaintext
    assert action.location_text == "San Diego, CA"
    email = db.session.scalar(select(OutboundEmail))
    assert email.recipient_address == "rosa.tester@example.org"


def test_lookup_by_blind_index_is_case_insensitive(db, client):
    submit_action(client, contact_email="Mixed.Case@Example.org")
    found = db.session.scalar(
        select(Action).where(
            Action.contact_email_index == crypto.blind_index(" mixed.case@example.org ")
        )
    )
    assert found is not None


def test_rotation_re_encrypts_with_the_new_key(app, client, db, runner):
    submit_action(client)
    before = raw(db, "SELECT contact_email FROM actions")[0]
    old_keys = list(app.config["CONTACT_ENCRYPTION_KEYS"])
    new_key = Fernet.generate_key().decode()
    crypto.configure([new_key, *old_keys], app.config["CONTACT_INDEX_KEY"])
    try:
        result = runner.invoke(args=["rotate-keys"])
        assert result.exit_code == 0 and "re-encrypted" in result.output
        after = raw(db, "SELECT contact_email FROM actions")[0]
        assert after != before
        crypto.configure([new_key], app.config["CONTACT_INDEX_KEY"])  # old key dropped
        db.session.expire_all()
        assert db.session.scalar(select(Action)).contact_email == "rosa.tester@example.org"
    finally:
        crypto.configure(old_keys, app.config["CONTACT_INDEX_KEY"])
