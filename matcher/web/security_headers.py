"""Security headers on every response and the remembered language cookie."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, current_app, request

from matcher.i18n import LANGUAGE_COOKIE

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: {tiles}; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def content_security_policy(tile_url: str) -> str:
    """The policy, allowing images from the map tile server's origin only."""
    parts = urlsplit(tile_url)
    origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""
    return CSP.format(tiles=origin.replace("{", "").replace("}", "")).replace("  ", " ")


def _add_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault(
        "Content-Security-Policy", content_security_policy(current_app.config["MAP_TILE_URL"])
    )
    headers.setdefault("X-Content-Type-Options", "nosniff")
    # same-origin: other sites get no referrer (private links never leak), the app gets its own,
    # which Flask-WTF's CSRF check requires over HTTPS (no-referrer fails every form post).
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
    if current_app.config["HSTS_SECONDS"]:
        headers.setdefault(
            "Strict-Transport-Security", f"max-age={int(current_app.config['HSTS_SECONDS'])}"
        )
    lang = request.args.get("lang")
    if lang in current_app.config["LANGUAGES"]:
        response.set_cookie(
            LANGUAGE_COOKIE,
            lang,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=current_app.config["SESSION_COOKIE_SECURE"],
            httponly=True,
        )
    return response


def private_page(body: str, status: int = 200) -> Response:
    """A page with personal data or a private link in it: never stored by any cache."""
    response = Response(body, status=status)
    response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    """Register the after-request hook."""
    app.after_request(_add_headers)
