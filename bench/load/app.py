"""The benchmark's app: the production app plus `/bench/bare`, a baseline for the same server.

`/bench/bare` returns a tiny fixed response through the same workers and the same request hooks
(guards, security headers) but touches neither the database nor the cache, so the ratio of an
endpoint's throughput to it measures what the endpoint itself costs. It exists only here.

    gunicorn bench.load.app:app
"""

from __future__ import annotations

from flask import Response

from matcher import create_app

app = create_app()


@app.get("/bench/bare")
def bare() -> Response:
    """A fixed two-byte answer."""
    return Response("ok", mimetype="text/plain")
