"""The rules of addresses: the contact's email address (syntax only, no DNS lookup) and the
event's web address."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email

from matcher.domain.lazy_text import lazy_gettext as _l
from matcher.formats.field_rule import RuleError
from matcher.formats.text_rules import (
    control_message,
    has_control_characters,
    length_message,
    text_rule,
)


def email_address(value: str) -> str:
    """A syntactically valid address (no DNS lookup), normalized, as `email_validator` says.

    A plain ASCII address (dot-atom local part of at most 64 characters, domain of letters,
    digits and hyphens) is valid exactly when its domain is, and normalizes to its local part
    and its domain's normalized form: `email_validator` judges that domain once (tested
    against `validate_email` on the whole address in tests/formats/test_field_rules.py)."""
    simple = _SIMPLE_ADDRESS.fullmatch(value or "")
    if simple is not None and len(simple.group(1)) <= 64:
        domain = _email_domain(simple.group(2))
        if domain is None:
            raise RuleError(_l("Not a valid email address."))
        return f"{simple.group(1)}@{domain}"
    try:
        return validate_email(value or "", check_deliverability=False).normalized
    except EmailNotValidError:
        raise RuleError(_l("Not a valid email address.")) from None


_SIMPLE_ADDRESS = re.compile(
    r"([A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)"
)


@lru_cache(maxsize=65536)
def _email_domain(domain: str) -> str | None:
    """The normalized domain of an address at `domain`, or None when no address there is
    valid."""
    try:
        return validate_email(f"a@{domain}", check_deliverability=False).domain
    except EmailNotValidError:
        return None


_EMAIL_TEXT = text_rule(
    "contact_email", 254, required=_l("Give an email address we can reach you at.")
)


def check_contact_email(raw: str | None) -> str:
    """Required, at most 254 characters, a valid address."""
    return email_address(_EMAIL_TEXT.check(raw))


def check_web_address(raw: Any) -> str | None:
    """The full http(s) address of a web page; empty is none."""
    text = raw.strip() if isinstance(raw, str) else ""
    if not text:
        return None
    parts = urlsplit(text)
    host = parts.hostname or ""
    if parts.scheme.lower() not in ("http", "https") or "." not in host or " " in text:
        raise RuleError(_l("Give the full address of the page, starting with https://"))
    return text


def check_event_url(raw: str | None) -> str | None:
    data = raw.strip() if isinstance(raw, str) else raw
    if data and len(data) > 500:
        raise RuleError(length_message(500))
    if has_control_characters(data):
        raise RuleError(control_message())
    return check_web_address(data)
