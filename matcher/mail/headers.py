"""Header values for introduction mail: one-click unsubscribe (RFC 8058), threading (RFC 5322),
the per-introduction reply address (plus-addressing), each message's own return path (VERP),
so a bounce can be tied to the one message it answers, and `Auto-Submitted` (RFC 3834)."""

from __future__ import annotations

import hashlib
import hmac
import re

from flask import current_app

from matcher.mail.mime import ascii_address

ANSWERED_BY_PEOPLE = frozenset({"introduction"})
REPLY_LOCAL_PART = "reply"
BOUNCE_LOCAL_PART = "bounce"
_REPLY_ADDRESS = re.compile(r"\breply\+([0-9a-f]{16,40})@([A-Za-z0-9.\-]+)", re.IGNORECASE)
_SPECIALS = re.compile(r'[][\\()<>@,:;".]')
_BOUNCE_ADDRESS = re.compile(r"\bbounce\+(\d{1,18})\.([0-9a-f]{20})@([A-Za-z0-9.\-]+)", re.I)


def _verp_signature(email_id: int) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"matcher-verp:{email_id}".encode(), hashlib.sha256).hexdigest()[:20]


def bounce_address(email_id: int) -> str:
    """The envelope sender of outbox message `email_id`: `bounce+ID.SIGNATURE@SERVER_NAME_FOR_MAIL`
    (the signature makes it unguessable for any other message)."""
    domain = current_app.config["SERVER_NAME_FOR_MAIL"]
    return f"{BOUNCE_LOCAL_PART}+{email_id}.{_verp_signature(email_id)}@{domain}"


def bounced_email_ids(addresses: list[str], domain: str) -> list[int]:
    """Outbox ids named by genuine return paths on `domain` among `addresses`."""
    found = []
    for address in addresses:
        for ident, signature, host in _BOUNCE_ADDRESS.findall(address or ""):
            genuine = hmac.compare_digest(signature.lower(), _verp_signature(int(ident)))
            if host.lower() == domain.lower() and genuine:
                found.append(int(ident))
    return found


def automatic_headers(kind: str) -> dict[str, str]:
    """`Auto-Submitted: auto-generated` (RFC 3834) on every kind of message but the
    introduction itself, which people are meant to answer: vacation responders and other
    robots then stay silent (and Exchange's out-of-office, through its own header; delivery
    reports are still wanted, so only OOF and AutoReply are suppressed)."""
    if kind in ANSWERED_BY_PEOPLE:
        return {}
    return {"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "OOF, AutoReply"}


def unsubscribe_headers(url: str) -> dict[str, str]:
    """`List-Unsubscribe` with the one-click POST marker of RFC 8058."""
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def thread_headers(parent_id: str | None, references: list[str]) -> dict[str, str]:
    """In-Reply-To the parent; References: the thread's ancestors, then the parent."""
    headers: dict[str, str] = {}
    ids = [ref for ref in references if ref]
    if parent_id:
        headers["In-Reply-To"] = parent_id
        ids = [ref for ref in ids if ref != parent_id] + [parent_id]
    if ids:
        headers["References"] = " ".join(ids)
    return headers


def reply_address(token: str) -> str:
    """The introduction's own reply address, `reply+TOKEN@SERVER_NAME_FOR_MAIL`."""
    return f"{REPLY_LOCAL_PART}+{token}@{current_app.config['SERVER_NAME_FOR_MAIL']}"


def reply_tokens(addresses: list[str], domain: str) -> list[str]:
    """Tokens of reply addresses on `domain` among `addresses` (lower case)."""
    found = []
    for address in addresses:
        for token, host in _REPLY_ADDRESS.findall(address or ""):
            if host.lower() == domain.lower():
                found.append(token.lower())
    return found


def mailbox(name: str, address: str) -> str:
    """`Name <address>`, the name quoted when it holds specials and the domain in IDNA; a
    name that is not ASCII is encoded when the message is written (matcher.mail.mime)."""
    address = ascii_address(address)
    name = " ".join((name or "").split())
    if not name:
        return address
    if _SPECIALS.search(name):
        name = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{name} <{address}>"
