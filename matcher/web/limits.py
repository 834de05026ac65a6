"""Rate limits read from configuration at request time, and the keys they count by.

Limits per email address count by mailbox (matcher.security.mailbox: `rosa+1@gmail.com` and
`r.o.s.a@gmail.com` are one) and by its blind index (matcher.security.crypto), so the limit store,
Redis in production, never holds an address.
"""

from __future__ import annotations

from flask import current_app, request
from flask_limiter.util import get_remote_address

from matcher.extensions import limiter
from matcher.security.crypto import blind_index
from matcher.security.mailbox import normalized_mailbox
from matcher.web.guards import request_json


def submit_limit() -> str:
    """Limit on public submissions (form and API), per client address."""
    return current_app.config["SUBMIT_RATE_LIMIT"]


def submit_address_limit() -> str:
    """Limit on public submissions (form and API), per contact email address."""
    return current_app.config["SUBMIT_ADDRESS_RATE_LIMIT"]


def resend_limit() -> str:
    """Limit on verification resends, per client address and per email address."""
    return current_app.config["RESEND_RATE_LIMIT"]


def inbound_limit() -> str:
    """Limit on the inbound mail webhook, per client address."""
    return current_app.config["INBOUND_RATE_LIMIT"]


def message_limit() -> str:
    """Limit on messages to organizers, per client address."""
    return current_app.config["MESSAGE_RATE_LIMIT"]


def message_action_limit() -> str:
    """Limit on messages to organizers, per action."""
    return current_app.config["MESSAGE_ACTION_RATE_LIMIT"]


def coalition_request_limit() -> str:
    """Limit on organizers' requests for coalition introductions, per client address."""
    return current_app.config["COALITION_REQUEST_RATE_LIMIT"]


def message_action_key() -> str:
    """Rate-limit key: the action written to."""
    return f"message:{(request.view_args or {}).get('slug', '')[:40]}"


def address_key(kind: str, address: object) -> str:
    """Key of an email address for `kind` of limit: a keyed hash, never the address itself.

    Requests without an address count by client address instead, so they share no bucket.
    """
    digest = blind_index(normalized_mailbox(address[:254])) if isinstance(address, str) else ""
    return f"{kind}:{digest[:32]}" if digest else f"{kind}:none:{get_remote_address()}"


def resend_key() -> str:
    """Rate-limit key: the email address asked about."""
    return address_key("resend", request.form.get("email"))


def submit_address_key() -> str:
    """Rate-limit key: the contact email of the submission (form field or JSON member)."""
    if request.is_json:
        data, _problem = request_json()
        address = data.get("contact_email") if isinstance(data, dict) else None
    else:
        address = request.form.get("contact_email")
    return address_key("submit", address)


# Submissions through the form and through the API count together (a limit is per route
# otherwise): per client address, and per contact email address.
limit_submissions = limiter.shared_limit(submit_limit, scope="submit", methods=["POST"])
limit_submissions_per_address = limiter.shared_limit(
    submit_address_limit, scope="submit-address", key_func=submit_address_key, methods=["POST"]
)
