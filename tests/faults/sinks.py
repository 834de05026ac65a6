"""Misbehaving servers for the fault tests: an SMTP server (aiosmtpd) that can refuse or stall,
and an HTTP server that hangs like an overloaded geocoding service."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller

from tests.faults.services import free_port
from tests.support.mail import Received

STALL_LIMIT_SECONDS = 30.0


@dataclass
class FaultySmtp:
    """aiosmtpd handler: accepts (250) or refuses at DATA with `reply`, and stalls in `stall_in`
    ("RCPT": before the message is sent; "DATA": after it was taken, before the answer) until
    `release` is set; `stalled` is set once a client is stuck there."""

    reply: str = "250 OK"
    stall_in: str | None = None
    stalled: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    received: list[Received] = field(default_factory=list)
    refused: int = 0
    port: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def _stall(self, where: str) -> None:
        if self.stall_in != where:
            return
        self.stalled.set()
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, self.release.wait, STALL_LIMIT_SECONDS)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:  # type: ignore[no-untyped-def]
        await self._stall("RCPT")
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:  # type: ignore[no-untyped-def]
        with self.lock:
            if self.reply.startswith("250"):
                self.received.append(
                    Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
                )
            else:
                self.refused += 1
        await self._stall("DATA")  # the message is taken, the answer held back
        return self.reply

    def to(self, address: str) -> list[Received]:
        """Messages accepted for `address` (envelope)."""
        return [item for item in self.received if address in item.rcpt_tos]

    def message_ids(self) -> list[str]:
        """The Message-ID of every accepted message, in arrival order."""
        return [item.message["Message-ID"] for item in self.received]


def serve_faulty_smtp(port: int = 0) -> Iterator[FaultySmtp]:
    """Run a FaultySmtp on `port` (default: a free one) of 127.0.0.1 (plain SMTP) until the
    generator closes."""
    sink = FaultySmtp(port=port or free_port())
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    try:
        yield sink
    finally:
        sink.release.set()
        controller.stop()


def smtp_settings(sink: FaultySmtp) -> dict[str, Any]:
    """App settings that send to `sink`."""
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": sink.port, "MAIL_USE_TLS": False}


class _HangingHandler(BaseHTTPRequestHandler):
    """Waits (for the server's `release`, at most STALL_LIMIT_SECONDS), then answers `[]`."""

    server: HangingHttp

    def do_GET(self) -> None:
        self.server.requests += 1
        self.server.release.wait(STALL_LIMIT_SECONDS)
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b"[]")
        except OSError:
            pass  # the client gave up long ago

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


class HangingHttp(ThreadingHTTPServer):
    """An HTTP server on 127.0.0.1 whose every answer hangs until `release` is set."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _HangingHandler)
        self.release = threading.Event()
        self.requests = 0
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def domain(self) -> str:
        """host:port, as geopy's `domain` option takes it."""
        host, port = self.server_address[:2]
        return f"{host}:{port}"

    def __enter__(self) -> HangingHttp:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.shutdown()
        self.server_close()
        self.thread.join(timeout=5)
