"""The DKIM key from the settings, and the DNS record `matcher dkim-record` prints for it: a
message signed with the key verifies against the record as printed."""

from __future__ import annotations

import re

import dkim
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from matcher.mail.dkim_signing import sign
from matcher.mail.mime import render_message
from matcher.security.dkim_keys import DkimKeyError, dkim_key


@pytest.fixture(scope="module")
def pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@pytest.fixture
def dkim_settings(app, pem):
    settings = {"DKIM_DOMAIN": "Actions.Example.org.", "DKIM_SELECTOR": "m2027"}
    settings["DKIM_PRIVATE_KEY"] = pem.replace("\n", "\\n")  # one line, as env files hold it
    saved = {name: app.config[name] for name in settings}
    app.config.update(settings)
    yield
    app.config.update(saved)


def test_the_printed_record_verifies_what_the_key_signs(app, runner, dkim_settings):
    done = runner.invoke(args=["dkim-record"])
    assert done.exit_code == 0, done.output
    line = done.output.strip()
    name, rest = line.split(" IN TXT ", 1)
    assert name == "m2027._domainkey.actions.example.org."
    strings = re.findall(r'"([^"]*)"', rest)
    assert all(len(part) <= 255 for part in strings) and len(strings) >= 2  # 2048 bits
    record = "".join(strings)
    assert record.startswith("v=DKIM1; k=rsa; p=")

    with app.app_context():
        key = dkim_key(app.config)
    data = render_message(
        sender="Close the Camps <no-reply@actions.example.org>",
        to=["Ana <ana@example.org>"],
        subject="Confirma tu acción",
        text="Hola\n",
        html="<p>Hola</p>\n",
        message_id="<1@actions.example.org>",
    )

    def dnsfunc(asked: bytes, timeout: int = 5) -> bytes | None:
        return record.encode() if asked.decode() == name else None

    assert dkim.verify(sign(data, key), dnsfunc=dnsfunc)


def test_without_a_domain_signing_is_off_and_the_command_says_so(runner):
    done = runner.invoke(args=["dkim-record"])
    assert done.exit_code == 1 and "not signed" in done.output


def test_a_half_set_up_key_is_refused_by_name(app, runner, dkim_settings):
    app.config["DKIM_PRIVATE_KEY"] = ""
    with pytest.raises(DkimKeyError, match=r"^DKIM_PRIVATE_KEY"):
        dkim_key(app.config)
    done = runner.invoke(args=["dkim-record"])
    assert done.exit_code == 1 and "DKIM_PRIVATE_KEY" in done.output
