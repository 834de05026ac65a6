"""Parsing mail that reached the service: replies, bounces (RFC 3464) and auto-replies.

Pure: raw RFC 5322 bytes in, a `ParsedEmail` out (stdlib `email` package only, no app).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage, Message
from email.utils import getaddresses, parseaddr
from html.parser import HTMLParser
from typing import ClassVar

REPLY, BOUNCE, AUTO_REPLY, DELAY = "reply", "bounce", "auto_reply", "delay"

_MSG_ID = re.compile(r"<[^<>\s]+>")
_AUTO_SUBJECT = re.compile(
    r"^\s*(out of (the )?office|automatic reply|auto(matic)?[- ]?(reply|response)|autoreply"
    r"|auto:|away from|respuesta autom[aá]tica|fuera de la oficina|ausente|abwesenheit"
    r"|r[ée]ponse automatique|absence)",
    re.IGNORECASE,
)
_AUTO_PRECEDENCE = {"auto_reply", "bulk", "junk", "list"}
# Where the quoted message starts in the usual clients' replies.
_QUOTE_STARTS = [
    re.compile(r"^On .{4,300}wrote:\s*$", re.DOTALL),  # Gmail, Apple Mail, Thunderbird
    re.compile(r"^El .{4,300}escribi[óo]:\s*$", re.DOTALL),  # Gmail/Apple in Spanish
    re.compile(r"^Le .{4,300}a [ée]crit\s*:\s*$", re.DOTALL),
    re.compile(r"^-{2,}\s*Original Message\s*-{2,}", re.IGNORECASE),  # Outlook
    re.compile(r"^-{2,}\s*Mensaje original\s*-{2,}", re.IGNORECASE),
    re.compile(r"^_{10,}\s*$"),  # Outlook's separator line before From:/Sent:
    re.compile(r"^(From|De):\s.+$"),  # Outlook header block (From: ... Sent: ...)
    re.compile(r"^Begin forwarded message:", re.IGNORECASE),
]


@dataclass(frozen=True)
class ParsedEmail:
    """What the service needs from an inbound message."""

    kind: str  # reply, bounce, delay (a delivery delay report), auto_reply
    message_id: str | None
    in_reply_to: str | None
    references: tuple[str, ...]
    sender: str | None
    recipients: tuple[str, ...]  # To, Cc, Delivered-To, X-Original-To addresses
    subject: str
    text: str  # the new text, without the quoted message
    bounced: tuple[str, ...] = field(default_factory=tuple)  # failed recipients of a DSN
    original_message_id: str | None = None  # the bounced message's Message-ID

    @property
    def thread_ids(self) -> tuple[str, ...]:
        """Every Message-ID this message points back to, nearest first."""
        ids = [self.in_reply_to] if self.in_reply_to else []
        ids += [ref for ref in reversed(self.references) if ref not in ids]
        if self.original_message_id and self.original_message_id not in ids:
            ids.append(self.original_message_id)
        return tuple(ids)


class _TextOfHtml(HTMLParser):
    """Visible text of an HTML part, with line breaks at block ends; quotes dropped."""

    BLOCKS: ClassVar[frozenset[str]] = frozenset(
        {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "blockquote"}
    )

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if tag in ("style", "script", "blockquote") or "gmail_quote" in classes:
            self.skip += 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "blockquote") and self.skip:
            self.skip -= 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def _header(message: Message, name: str, default: str = "") -> str:
    """A header's value; the raw text when the parser chokes on a malformed one."""
    try:
        value = message.get(name)
    except Exception:  # malformed header values raise while being parsed
        value = next((raw for key, raw in message.raw_items() if key.lower() == name.lower()), None)
    return default if value is None else str(value)


def _header_all(message: Message, name: str) -> list[str]:
    try:
        return [str(value) for value in message.get_all(name) or []]
    except Exception:  # see _header
        return [raw for key, raw in message.raw_items() if key.lower() == name.lower()]


def _ids(value: str | None) -> list[str]:
    return _MSG_ID.findall(str(value or ""))


def _addresses(message: Message, *names: str) -> list[str]:
    values = [value for name in names for value in _header_all(message, name)]
    try:
        pairs = getaddresses(values)
    except Exception:  # addresses too broken to read
        return []
    return [addr.lower() for _name, addr in pairs if addr]


def strip_quote(text: str) -> str:
    """The new part of a reply: stops at the quoted message and drops `>` lines."""
    lines = text.replace("\r\n", "\n").split("\n")
    kept: list[str] = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        joined = " ".join(part.strip() for part in lines[index : index + 3])
        if stripped and any(
            pattern.match(stripped) or pattern.match(joined) for pattern in _QUOTE_STARTS
        ):
            break
        if stripped.startswith(">"):
            continue
        kept.append(line.rstrip())
    return "\n".join(kept).strip()


def _body_text(message: EmailMessage) -> str:
    try:
        return _decoded_body(message)
    except Exception:  # a body too broken to decode: keep the raw message only
        return ""


def _decoded_body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeError):
        content = part.get_payload(decode=True).decode("utf-8", "replace")
    if part.get_content_type() == "text/html":
        parser = _TextOfHtml()
        parser.feed(content)
        content = re.sub(r"\n\s*\n+", "\n\n", "".join(parser.parts))
    return content


def _sender(message: Message) -> str | None:
    try:
        return parseaddr(_header(message, "From"))[1].lower() or None
    except Exception:  # see _header
        return None


def _is_auto_reply(message: Message, subject: str) -> bool:
    auto_submitted = _header(message, "Auto-Submitted", "no").strip().lower()
    if auto_submitted and auto_submitted != "no":
        return True
    if any(_header(message, name) for name in ("X-Autoreply", "X-Autorespond", "X-Auto-Reply")):
        return True
    if _header(message, "Precedence").strip().lower() in _AUTO_PRECEDENCE:
        return True
    if _header(message, "X-Auto-Response-Suppress").strip() and _AUTO_SUBJECT.match(subject):
        return True
    return bool(_AUTO_SUBJECT.match(subject))


def _delivery_status(message: EmailMessage) -> tuple[list[str], list[str], str | None]:
    """(failed recipients, delayed recipients, original Message-ID) of a DSN."""
    failed: list[str] = []
    delayed: list[str] = []
    original: str | None = None
    for part in message.walk():
        content_type = part.get_content_type()
        if content_type == "message/delivery-status":
            for block in part.get_payload():
                action = _header(block, "Action").strip().lower()
                recipient = _header(block, "Final-Recipient") or _header(
                    block, "Original-Recipient"
                )
                address = recipient.split(";", 1)[-1].strip().strip("<>").lower()
                if "@" not in address:
                    continue
                if action == "failed":
                    failed.append(address)
                elif action == "delayed":
                    delayed.append(address)
        elif content_type in ("message/rfc822", "text/rfc822-headers") and original is None:
            payload = part.get_payload()
            if isinstance(payload, list) and payload:
                found = _ids(_header(payload[0], "Message-ID"))
            else:
                headers = message_from_bytes(
                    part.get_payload(decode=True) or str(payload).encode(), policy=policy.default
                )
                found = _ids(_header(headers, "Message-ID"))
            original = found[0] if found else None
    return failed, delayed, original


def parse(raw: bytes) -> ParsedEmail:
    """Parse one inbound message."""
    message = message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    subject = " ".join(_header(message, "Subject").split())
    in_reply_to = _ids(_header(message, "In-Reply-To"))
    common = {
        "message_id": (_ids(_header(message, "Message-ID")) or [None])[0],
        "in_reply_to": in_reply_to[0] if in_reply_to else None,
        "references": tuple(_ids(_header(message, "References"))),
        "sender": _sender(message),
        "recipients": tuple(
            _addresses(message, "To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To")
        ),
        "subject": subject[:300],
    }
    try:
        report_type = str(message.get_param("report-type", "")).lower()
    except Exception:  # see _header
        report_type = ""
    is_report = (
        message.get_content_type() == "multipart/report" and report_type == "delivery-status"
    )
    if is_report:
        failed, _delayed, original = _delivery_status(message)
        return ParsedEmail(
            kind=BOUNCE if failed else DELAY,
            text=_body_text(message).strip(),
            bounced=tuple(failed),
            original_message_id=original,
            **common,
        )
    text = strip_quote(_body_text(message))
    kind = AUTO_REPLY if _is_auto_reply(message, subject) else REPLY
    return ParsedEmail(kind=kind, text=text, **common)
