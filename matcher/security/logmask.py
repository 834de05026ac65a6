"""Logs never carry contact data or link tokens: a logging filter masks email addresses (the
domain too: a small organization's domain says who), phone numbers and the secret part of
private links (/verify/, /manage/, /introductions/, /unsubscribe/, /set-password/) in every
record that passes the app's handlers. Imports only the patterns of `lookalikes`."""

from __future__ import annotations

import logging
import re

from matcher.security.lookalikes import EMAIL, PHONE

TOKEN_PATH = re.compile(
    r"(/(?:verify|manage|introductions|unsubscribe|coordinate/set-password)/)[\w.\-=%]+"
)
LOGGERS = ("", "werkzeug", "gunicorn.access", "gunicorn.error", "celery", "matcher")


def mask(text: str) -> str:
    """`text` with addresses as `[email]`, phone numbers as `[phone]`, link tokens as `…`."""
    text = TOKEN_PATH.sub(r"\1…", text)
    return PHONE.sub("[phone]", EMAIL.sub("[email]", text))


class MaskingFilter(logging.Filter):
    """Rewrites each record's message with `mask` (arguments are merged first)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def install() -> None:
    """Add the filter to the handlers of the root and the servers' loggers (idempotent)."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO)
    for name in LOGGERS:
        for handler in logging.getLogger(name).handlers:
            if not any(isinstance(f, MaskingFilter) for f in handler.filters):
                handler.addFilter(MaskingFilter())
