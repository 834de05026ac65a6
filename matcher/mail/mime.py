"""One outgoing message as the bytes handed to the SMTP server: what relays pass on unchanged.

- 7-bit clean: a part that is all ASCII (lines of at most 998 characters) is sent `7bit`,
  any other `quoted-printable`, so no relay ever has to re-encode a body (re-encoding is what
  breaks a DKIM signature on the way) and no `BODY=8BITMIME` is needed.
- One `multipart/alternative` (plain text, then HTML) and nothing around it.
- Non-ASCII header text (a Subject, a display name) is written as RFC 2047 encoded words of the
  whole value, split between characters, spaces encoded inside the words: decoded, it is
  exactly the text given, however the line is folded. (The folding of `email.policy.default`
  drops the space between two encoded words when a fold falls there, so long Spanish subjects
  came out as "señalNiñez".)
- Address headers: non-ASCII display names encoded the same way, domains in IDNA.
"""

from __future__ import annotations

import email.policy
from collections.abc import Mapping
from datetime import UTC, datetime
from email.charset import QP, Charset
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from email.utils import format_datetime, formataddr, getaddresses

POLICY = email.policy.compat32.clone(linesep="\r\n", max_line_length=78)
ADDRESS_HEADERS = frozenset({"from", "to", "cc", "reply-to"})
TEXT_HEADERS = frozenset({"subject"})
MAX_LINE = 998  # RFC 5322 section 2.1.1, without the CRLF
# RFC 2047 allows 75; 66 leaves room for "Reply-To: " on the line an encoded word starts.
MAX_ENCODED_WORD = 66
_HEADER_CHARSET = Charset("utf-8")
_HEADER_CHARSET.header_encoding = QP


class NotSevenBit(ValueError):
    """A header value that cannot be written in 7-bit (an address whose local part is not
    ASCII would need SMTPUTF8)."""


def _seven_bit(text: str) -> bool:
    return text.isascii() and all(len(line) <= MAX_LINE for line in text.splitlines())


def _text_part(text: str, subtype: str) -> MIMENonMultipart:
    part = MIMENonMultipart("text", subtype)
    charset = Charset("utf-8")
    # Instance settings, whatever the global registry says (Flask-Mail registers utf-8 bodies
    # as 8bit when it is imported).
    charset.body_encoding = None if _seven_bit(text) else QP
    part.set_payload(text, charset)
    del part["MIME-Version"]  # once, at the top
    return part


def ascii_address(address: str) -> str:
    """`address` with its domain in IDNA (`ana@xn--bcher-kva.example`); raises `NotSevenBit`
    when the local part is not ASCII."""
    local, at, domain = address.rpartition("@")
    if not local.isascii():
        raise NotSevenBit(address)
    if at and not domain.isascii():
        domain = domain.encode("idna").decode("ascii")
    return f"{local}{at}{domain}" if at else address


def encoded_words(text: str) -> str:
    """`text` as RFC 2047 "Q" encoded words separated by spaces (which decoders drop between
    encoded words), each short enough to fit on a folded line, split between characters."""
    words: list[str] = []
    chunk = ""
    for char in text:
        if chunk and len(_HEADER_CHARSET.header_encode(chunk + char)) > MAX_ENCODED_WORD:
            words.append(_HEADER_CHARSET.header_encode(chunk))
            chunk = char
        else:
            chunk += char
    if chunk:
        words.append(_HEADER_CHARSET.header_encode(chunk))
    return " ".join(words)


def _needs_encoding(text: str) -> bool:
    return not text.isascii() or "=?" in text


def _address_header(value: str) -> str:
    if not _needs_encoding(value):
        return value
    mailboxes = []
    for display, address in getaddresses([value]):
        address = ascii_address(address)
        if _needs_encoding(display):
            mailboxes.append(f"{encoded_words(display)} <{address}>")
        else:
            mailboxes.append(formataddr((display, address)))
    return ", ".join(mailboxes)


def _folds_cleanly(name: str, value: str) -> bool:
    """Whether folding at spaces keeps every line within the limit (else a fold would land
    right after the colon and the value would decode with a leading space)."""
    words = value.split(" ")
    return len(name) + 2 + len(words[0]) <= POLICY.max_line_length and all(
        len(word) < POLICY.max_line_length for word in words
    )


def _text_header(name: str, value: str) -> str:
    if _needs_encoding(value) or not _folds_cleanly(name, value):
        return encoded_words(value)
    return value


def render_message(
    *,
    sender: str,
    to: list[str],
    subject: str,
    text: str,
    html: str,
    message_id: str,
    headers: Mapping[str, str] | None = None,
    date: datetime | None = None,
) -> bytes:
    """The message as bytes (CRLF line ends, 7-bit), ready for DKIM signing and SMTP."""
    message = MIMEMultipart("alternative")
    fields = {
        "From": sender,
        "To": ", ".join(to),
        "Subject": subject,
        "Date": format_datetime(date or datetime.now(UTC)),
        "Message-ID": message_id,
        **(headers or {}),
    }
    for name, value in fields.items():
        if name.lower() in ADDRESS_HEADERS:
            message[name] = _address_header(value)
        elif name.lower() in TEXT_HEADERS:
            message[name] = _text_header(name, value)
        else:  # structured (Message-ID, References, List-Unsubscribe, ...): ASCII as given
            message[name] = value
    message.attach(_text_part(text, "plain"))
    message.attach(_text_part(html, "html"))
    data = message.as_bytes(policy=POLICY)
    if not data.isascii():
        raise NotSevenBit("message")
    return data
