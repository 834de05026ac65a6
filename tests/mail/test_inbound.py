"""The inbound parser on real-world shaped replies, bounces (RFC 3464) and auto-replies."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.mail.inbound import AUTO_REPLY, BOUNCE, DELAY, REPLY, parse, strip_quote

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "mail"
PARENT = "<PARENT-ID@matcher.localhost>"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_gmail_reply_keeps_only_the_new_text():
    parsed = parse(fixture("gmail_reply.eml"))
    assert parsed.kind == REPLY
    assert parsed.in_reply_to == PARENT
    assert parsed.references == ("<THREAD-ROOT@matcher.localhost>", PARENT)
    assert parsed.thread_ids[0] == PARENT
    assert parsed.sender == "ana@example.org"
    assert parsed.message_id == "<CAJx8Z0b1gmail4qUu=reply1@mail.gmail.com>"
    assert parsed.text.startswith("Hi Beto! So glad to meet you.")
    assert parsed.text.endswith("Ana")
    assert "wrote" not in parsed.text and "You both accepted" not in parsed.text
    assert "reply+replytoken@matcher.localhost" in parsed.recipients


def test_outlook_reply_without_threading_headers():
    parsed = parse(fixture("outlook_reply.eml"))
    assert parsed.kind == REPLY
    assert parsed.in_reply_to is None and parsed.references == ()
    assert parsed.text == (
        "Hola Ana, ¡gracias! Nos encantaría recibir los volantes.\n"
        "Podemos hablar el martes.\n\nBeto"
    )
    assert "reply+replytoken@matcher.localhost" in parsed.recipients


def test_apple_mail_reply_with_folded_references():
    parsed = parse(fixture("apple_mail_reply.eml"))
    assert parsed.kind == REPLY
    assert parsed.references == ("<THREAD-ROOT@matcher.localhost>", PARENT)
    assert parsed.text == "Tuesday works for us. Call me after 6."


def test_postfix_bounce_names_the_failed_recipient_and_the_original_message():
    parsed = parse(fixture("bounce_postfix.eml"))
    assert parsed.kind == BOUNCE
    assert parsed.bounced == ("beto@example.net",)
    assert parsed.original_message_id == PARENT
    assert PARENT in parsed.thread_ids


def test_a_delay_report_is_not_a_bounce():
    parsed = parse(fixture("delay_gmail.eml"))
    assert parsed.kind == DELAY
    assert parsed.bounced == ()
    assert parsed.original_message_id == PARENT


@pytest.mark.parametrize(
    "name", ["autoreply_outlook.eml", "autoreply_vacation.eml", "autoreply_subject_only.eml"]
)
def test_auto_replies_are_recognized(name):
    parsed = parse(fixture(name))
    assert parsed.kind == AUTO_REPLY
    assert parsed.in_reply_to == PARENT


def test_a_reply_whose_subject_mentions_the_office_is_still_a_reply():
    raw = (
        b"From: a@example.org\r\nSubject: Re: office hours for the vigil\r\n"
        b"Message-ID: <x@example.org>\r\n\r\nSee you there.\r\n"
    )
    assert parse(raw).kind == REPLY


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Yes!\n\nEl dom, 29 nov 2026 a las 9:58, Matcher (<x@y>) escribió:\n> hola", "Yes!"),
        ("Sure\n-----Original Message-----\nFrom: x", "Sure"),
        ("Ok\n> quoted\nmore", "Ok\nmore"),
    ],
)
def test_strip_quote(text, expected):
    assert strip_quote(text) == expected


def test_garbage_does_not_crash():
    parsed = parse(b"\x00\xff not an email at all")
    assert parsed.kind == REPLY and parsed.message_id is None


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_parse_without_crashing(raw):
    parsed = parse(raw)
    assert parsed.kind in (REPLY, AUTO_REPLY, BOUNCE, DELAY)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["In-Reply-To", "References", "Subject", "From"]))
def test_any_header_value_parses_without_crashing(value, header):
    raw = f"{header}: {value}\r\nMessage-ID: <a@b>\r\n\r\nbody\r\n".encode("utf-8", "replace")
    assert parse(raw).message_id == "<a@b>" or "\n" in value or "\r" in value


@pytest.mark.parametrize("header", ["From: 0@", "To: <@>, ,@", "Content-Type: multipart/report; x"])
def test_malformed_headers_found_by_fuzzing(header):
    parsed = parse(f"{header}\r\nMessage-ID: <a@b>\r\n\r\nHello\r\n".encode())
    assert parsed.message_id == "<a@b>" and parsed.kind == REPLY
