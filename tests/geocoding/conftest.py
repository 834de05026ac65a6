"""Fixtures for the geocoding tests: the shared gazetteer and a local Nominatim look-alike."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from matcher.geocoding import GazetteerGeocoder, get_gazetteer

#: What the fake server knows: query -> (lat, lon, display name, addresstype).
KNOWN_PLACES = {
    "1600 pennsylvania ave nw, washington": (
        38.8976633,
        -77.0365739,
        "White House, 1600, Pennsylvania Avenue Northwest, "
        "Washington, District of Columbia, 20500, United States",
        "building",
    ),
    "duluth, mn": (
        46.7729322,
        -92.1251218,
        "Duluth, Saint Louis County, Minnesota, United States",
        "city",
    ),
}


@dataclass
class FakeNominatim:
    """A tiny HTTP server speaking Nominatim's /search and /reverse JSON protocol."""

    mode: str = "ok"  # "ok", "error" (HTTP 500) or "slow" (answers after ``delay``)
    delay: float = 2.0
    requests: list[dict] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def domain(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"{host}:{port}"


def _handler(fake: FakeNominatim) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            params = {k: v[0] for k, v in parse_qs(url.query).items()}
            fake.requests.append(
                {"path": url.path, "params": params, "user_agent": self.headers.get("User-Agent")}
            )
            if fake.mode == "error":
                self._send(500, {"error": "internal"})
                return
            if fake.mode == "slow":
                time.sleep(fake.delay)
            if url.path == "/search":
                known = KNOWN_PLACES.get(params.get("q", "").lower())
                body = (
                    []
                    if known is None
                    else [
                        {
                            "place_id": 1,
                            "lat": str(known[0]),
                            "lon": str(known[1]),
                            "display_name": known[2],
                            "addresstype": known[3],
                            "type": known[3],
                            "class": "place",
                            "importance": 0.5,
                        }
                    ]
                )
                self._send(200, body)
            elif url.path == "/reverse":
                self._send(
                    200,
                    {
                        "place_id": 2,
                        "lat": params["lat"],
                        "lon": params["lon"],
                        "display_name": "Somewhere, Minnesota, United States",
                        "addresstype": "city",
                    },
                )
            else:
                self._send(404, {"error": "not found"})

        def _send(self, status: int, body: object) -> None:
            data = json.dumps(body).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
                pass

    return Handler


@pytest.fixture(scope="session")
def gazetteer() -> GazetteerGeocoder:
    """The process-wide offline geocoder."""
    return get_gazetteer()


@pytest.fixture
def fake_nominatim() -> Iterator[FakeNominatim]:
    """A running :class:`FakeNominatim` on 127.0.0.1 and a random port."""
    fake = FakeNominatim()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads = True
    fake.server = server
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
