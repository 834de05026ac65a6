"""Background jobs by name. Run in-process right after the commit that queued them.

Each job opens its own unit of work and commits it; a failing job is logged and leaves its
data for the retry path (`matcher send-queued`), never losing what was stored before.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)


def _registry() -> dict[str, Callable[..., Any]]:
    from matcher.mail.sending import send_email
    from matcher.operations.geocoding import geocode_action

    return {"send_email": send_email, "geocode_action": geocode_action}


def dispatch(name: str, *args: Any) -> None:
    """Run job `name` now, in this process (Celery takes over when a broker is configured)."""
    from matcher.extensions import db

    job = _registry()[name]
    try:
        job(*args)
    except Exception:
        db.rollback()
        log.exception("job %s failed; its data stays stored for a retry", name)
