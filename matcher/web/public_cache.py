"""The public response cache: `@public_cache()` on views that show only public data.

A decorated view's 200 response is kept (body, type, ETag) under a key made of the full URL
(scheme, host, path and query: links in the body are absolute) and, for `localized` views, the
language the request resolved to (`?lang=`, the `lang` cookie, Accept-Language). It is served
while the public data version is unchanged (see `matcher.cache.public_changes`). Every
`PUBLIC_CACHE_TTL` seconds an entry is compared with the database's count of public changes,
one small query: when nothing changed it is served on (no rendering), otherwise rendered again.
That is how a change made by another process (another worker with its own cache in memory, a
CLI command) shows within the TTL, and why entries are rendered again only when the data
changed, not every TTL: rendering the feed of every action takes a worker away from its
clients for a while. Each check falls at a random moment in the last quarter of the TTL, so the
workers do not all render the same page at once after a change. Hits still pass through every
before/after-request hook (guards, rate limits, security headers), and answer `If-None-Match`
with 304.

Bodies of at least `GZIP_MIN_BYTES` are also kept gzip-compressed, compressed once when the
entry is made, and sent so (`Content-Encoding: gzip`, its own ETag, `Vary: Accept-Encoding`) to
clients that accept it: the feed of every action is 633 KB as JSON and about a tenth of that
compressed, and copying it was what made its tail latency (bench/load/RESULTS.md).

Never cached: anything but a 200, a response that sets a cookie, changed the session (a CSRF
token, a flash) or is marked `no-store`/`private`, and for `localized` views a request whose
session holds flashed messages (they are per-user). Pages with contact data (manage,
coordinate) and forms (`/submit`) are simply never decorated.
"""

from __future__ import annotations

import gzip
import hashlib
import random
import time
from collections.abc import Callable
from dataclasses import replace
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, Response, current_app, request, session
from flask_babel import get_locale

from matcher.cache import public_changes
from matcher.cache.stores import STORE_KEY, Entry, Store, make_store
from matcher.extensions import db

View = TypeVar("View", bound=Callable[..., Any])
KEPT_HEADERS = ("Content-Disposition",)
GZIP_MIN_BYTES = 1024
GZIP_LEVEL = 6
KEEP_SECONDS = 3600  # how long a store keeps an entry that nobody asks for
wall_clock = time.time  # entries are compared across processes: wall-clock seconds


def init_app(app: Flask) -> None:
    """Create the app's store (none when `PUBLIC_CACHE_TTL` is 0) and watch data changes."""
    ttl = app.config["PUBLIC_CACHE_TTL"]
    if ttl > 0:
        app.extensions[STORE_KEY] = make_store(
            app.config["PUBLIC_CACHE_URL"],
            max(ttl, KEEP_SECONDS),
            app.config["PUBLIC_CACHE_MAX_ENTRIES"],
        )
    public_changes.register()


def current_store() -> Store | None:
    """The current app's store, if caching is on."""
    return current_app.extensions.get(STORE_KEY)


def clear() -> None:
    """Forget every cached response of the current app (tests)."""
    store = current_store()
    if store is not None:
        store.clear()


def cache_key(localized: bool) -> str:
    """The full URL and, for localized views, the resolved language, hashed."""
    language = str(get_locale() or "") if localized else ""
    return hashlib.sha256(f"{request.url}\n{language}".encode()).hexdigest()


def storable(response: Response) -> bool:
    """Whether a fresh response may be kept and shared with other clients."""
    control = response.headers.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.is_streamed
        and "Set-Cookie" not in response.headers
        and not session.modified
        and "no-store" not in control
        and "private" not in control
    )


def _entry(response: Response, version: int, data_version: int) -> Entry:
    body = response.get_data()
    compressible = len(body) >= GZIP_MIN_BYTES and "Content-Encoding" not in response.headers
    return Entry(
        version=version,
        content_type=response.content_type or "",
        headers=tuple((k, response.headers[k]) for k in KEPT_HEADERS if k in response.headers),
        etag=hashlib.sha256(body).hexdigest()[:32],
        body=body,
        gzipped=gzip.compress(body, GZIP_LEVEL, mtime=0) if compressible else b"",
        data_version=data_version,
        checked_at=checked_now(),
    )


def checked_now() -> float:
    """The time to record as an entry's last check: now, less a random part of up to a quarter
    of the TTL. Every worker's copy of a page is then checked, and rendered again after a change,
    at its own moment over the last quarter of the TTL, not all at once on the shared cores."""
    jitter = random.uniform(0, current_app.config["PUBLIC_CACHE_TTL"] / 4)  # noqa: S311 (timing)
    return wall_clock() - jitter


def _current(store: Store, key: str, entry: Entry | None, version: int) -> Entry | None:
    """The entry if it may be served: of the current version and, once its TTL is over,
    still of the database's count of public changes (then kept for another TTL, less jitter)."""
    if entry is None or entry.version != version:
        return None
    if wall_clock() - entry.checked_at < current_app.config["PUBLIC_CACHE_TTL"]:
        return entry
    if entry.data_version != public_changes.public_data_version(db.session):
        return None
    entry = replace(entry, checked_at=checked_now())
    store.save(key, entry)
    return entry


def _response(entry: Entry, localized: bool) -> Response:
    """The entry as a response: gzip-compressed when it has that form and the client takes it."""
    headers = list(entry.headers)
    body, etag = entry.body, entry.etag
    if entry.gzipped and request.accept_encodings["gzip"]:
        body, etag = entry.gzipped, f"{entry.etag}-gzip"
        headers.append(("Content-Encoding", "gzip"))
    response = Response(body, 200, headers=headers, content_type=entry.content_type)
    # `?lang=` makes the after-request hook set the language cookie: not for shared caches.
    scope = "private" if "lang" in request.args else "public"
    response.headers["Cache-Control"] = f"{scope}, max-age={current_app.config['PUBLIC_CACHE_TTL']}"
    response.set_etag(etag)
    if entry.gzipped:
        response.vary.add("Accept-Encoding")
    if localized:
        response.vary.update(("Accept-Language", "Cookie"))
    return response


def public_cache(localized: bool = True) -> Callable[[View], View]:
    """Cache the decorated GET view's public response (see the module docstring)."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            store = current_store()
            if store is None or (localized and "_flashes" in session):
                return view(*args, **kwargs)
            key = cache_key(localized)
            version, entry = store.lookup(key)
            entry = _current(store, key, entry, version)
            if entry is None:
                data_version = public_changes.public_data_version(db.session)  # before rendering
                fresh = current_app.make_response(view(*args, **kwargs))
                if not storable(fresh):
                    return fresh
                entry = _entry(fresh, version, data_version)
                store.save(key, entry)
            return _response(entry, localized).make_conditional(request)

        return wrapper  # type: ignore[return-value]

    return decorate
