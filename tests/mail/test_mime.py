"""Outgoing messages as bytes: 7-bit, one multipart/alternative, and header text that decodes
to exactly what was written (long Spanish subjects, names with accents and commas, IDN)."""

from __future__ import annotations

import email
import email.policy
import re
from email.header import decode_header, make_header
from email.utils import getaddresses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.mail.headers import mailbox
from matcher.mail.mime import NotSevenBit, render_message

SUBJECT = (
    "Confirma tu acción: Vigilia y marcha por el cierre del Centro de Procesamiento de ICE de "
    "Mesa Verde — «¡Cerremos los campos!», sábado 11 de octubre en Bakersfield, California"
)
WORDS = st.sampled_from(
    ["acción", "señal", "Niñez", "«Vigilia", "Verde»", "—", "¿Quieren", "x" * 40, "O'Brien",
     "Group,", "(GEO)", '"Cerrar', "a\\b", "=?utf-8?q?x?=", "😀", "ICE", "de", "y", "_"]
)  # fmt: skip
TEXTS = st.lists(WORDS, min_size=1, max_size=30).map(" ".join)


def _unfold(value: str) -> str:
    return re.sub(r"\r?\n(?=[ \t])", "", value)


def _decoded(value: str) -> str:
    """As RFC 2047 says (whitespace between encoded words dropped)."""
    return str(make_header(decode_header(_unfold(value))))


def _render(**fields) -> bytes:
    values = {
        "sender": "Cierren los campos – coordinación <no-reply@matcher.localhost>",
        "to": ["Ana <ana@example.org>"],
        "subject": "Hola",
        "text": "Hola\n",
        "html": "<p>Hola</p>\n",
        "message_id": "<1@matcher.localhost>",
    }
    values.update(fields)
    return render_message(**values)


def _head(data: bytes) -> str:
    return data.split(b"\r\n\r\n", 1)[0].decode("ascii")


def test_a_long_spanish_subject_folds_without_losing_or_doubling_a_space():
    data = _render(subject=SUBJECT)
    head = _head(data)
    subject_lines = re.search(r"^Subject:.*?(?=^\S)", head + "\r\nX", re.M | re.S)[0]
    assert subject_lines.count("\r\n") >= 3  # folded ...
    assert all(len(line) <= 78 for line in head.split("\r\n"))
    parsed = email.message_from_bytes(data, policy=email.policy.default)
    assert str(parsed["Subject"]) == SUBJECT  # ... and decodes exactly, by both parsers
    assert _decoded(email.message_from_bytes(data)["Subject"]) == SUBJECT


@settings(max_examples=300, deadline=None)
@given(subject=TEXTS, names=st.lists(TEXTS, min_size=1, max_size=3))
def test_any_subject_and_names_decode_to_what_was_written(subject, names):
    addresses = [f"p{number}@example.org" for number in range(len(names))]
    data = _render(
        subject=subject, to=[mailbox(n, a) for n, a in zip(names, addresses, strict=True)]
    )
    assert data.isascii()
    head = _head(data)
    assert all(len(word) <= 75 for word in re.findall(r"=\?[^?]+\?[qQbB]\?[^?]*\?=", head))
    legacy = email.message_from_bytes(data)
    assert _decoded(legacy["Subject"]) == subject
    found = [(_decoded(name), address) for name, address in getaddresses([_unfold(legacy["To"])])]
    assert found == list(zip(names, addresses, strict=True))


def test_bodies_are_7bit_and_quoted_printable_when_not_ascii():
    data = _render(text="Hola José, ¿nos vemos el sábado?\n", html="<p>" + "x" * 2000 + "</p>\n")
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert [part.get_content_type() for part in message.walk()] == [
        "multipart/alternative",
        "text/plain",
        "text/html",
    ]
    plain, html = list(message.walk())[1:]
    assert plain["Content-Transfer-Encoding"] == "quoted-printable"  # not ASCII
    assert html["Content-Transfer-Encoding"] == "quoted-printable"  # a line over 998
    assert plain.get_content().replace("\r\n", "\n") == "Hola José, ¿nos vemos el sábado?\n"
    assert max(len(line) for line in data.split(b"\r\n")) <= 78
    ascii_only = email.message_from_bytes(_render(), policy=email.policy.default)
    assert {part["Content-Transfer-Encoding"] for part in list(ascii_only.walk())[1:]} == {"7bit"}
    assert data.count(b"MIME-Version") == 1


def test_international_domains_go_as_idna_and_local_parts_must_be_ascii():
    data = _render(to=[mailbox("José", "jose@bücher.example")])
    assert "jose@xn--bcher-kva.example" in _head(data)
    with pytest.raises(NotSevenBit):
        mailbox("José", "josé@example.org")


def test_a_name_with_specials_is_quoted():
    assert mailbox("Smith, Ana", "ana@example.org") == '"Smith, Ana" <ana@example.org>'
    assert mailbox('Ana "La Jefa"', "ana@example.org") == '"Ana \\"La Jefa\\"" <ana@example.org>'
    assert mailbox("", "ana@example.org") == "ana@example.org"
