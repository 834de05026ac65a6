"""The inbound mail webhook: `POST /inbound/email` with the raw RFC 5322 message as the body.

Authenticated by `X-Matcher-Signature`, an HMAC-SHA256 (hex) with `INBOUND_WEBHOOK_SECRET`
over `X-Matcher-Timestamp` (Unix seconds), a dot and the body; stale timestamps (more than
`INBOUND_WEBHOOK_MAX_AGE_SECONDS`) and replays are refused. No CSRF: it is not a browser form.
Limited per client address (`INBOUND_RATE_LIMIT`), signed or not.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, request
from sqlalchemy.exc import IntegrityError

from matcher.extensions import csrf, db, limiter
from matcher.operations.inbound import WebhookRefused, receive, verify_webhook
from matcher.web.limits import inbound_limit

bp = Blueprint("inbound", __name__)


@bp.post("/inbound/email")
@csrf.exempt
@limiter.limit(inbound_limit)
def inbound_email():  # type: ignore[no-untyped-def]
    """Receive one message; 202 when stored, 401 when refused, 404 when not configured."""
    if not current_app.config["INBOUND_WEBHOOK_SECRET"]:
        abort(404)
    body = request.get_data(cache=False)
    try:
        verify_webhook(
            request.headers.get("X-Matcher-Timestamp"),
            request.headers.get("X-Matcher-Signature"),
            body,
        )
    except WebhookRefused as exc:
        db.rollback()
        return jsonify(error=str(exc)), 401
    except IntegrityError:  # the same signature arrived twice at once
        db.rollback()
        return jsonify(error="replay"), 401
    inbound = receive(body)
    db.commit()
    return jsonify(id=inbound.id, kind=inbound.kind), 202
