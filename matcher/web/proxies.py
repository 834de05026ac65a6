"""Forwarded headers (`X-Forwarded-For`, `-Proto`, `-Host`, ...) believed only from the
configured proxies (`TRUSTED_PROXIES`, addresses or networks): from any other peer they are
dropped before the app (or the server's access log) sees them, so a client that reaches the app
directly cannot pick the address its rate limits count by."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import Any

from werkzeug.middleware.proxy_fix import ProxyFix

FORWARDED = ("HTTP_FORWARDED", "HTTP_X_FORWARDED_")


class TrustedProxies:
    """WSGI middleware: ProxyFix for requests from a trusted proxy; the others lose their
    forwarded headers."""

    def __init__(self, app: Any, *, trusted: Iterable[str], x_for: int, x_proto: int) -> None:
        self.app = app
        self.networks = [ipaddress.ip_network(item, strict=False) for item in trusted]
        self.fixed = ProxyFix(app, x_for=x_for, x_proto=x_proto)

    def trusts(self, address: str | None) -> bool:
        """Whether `address` is one of the configured proxies."""
        try:
            ip = ipaddress.ip_address((address or "").split("%", 1)[0])
        except ValueError:
            return False
        return any(ip in network for network in self.networks)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if self.trusts(environ.get("REMOTE_ADDR")):
            return self.fixed(environ, start_response)
        for key in [k for k in environ if k.startswith(FORWARDED)]:
            del environ[key]
        return self.app(environ, start_response)
