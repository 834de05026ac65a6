"""Debian's Chromium for Playwright (never a downloaded browser): where it is and how it starts.
The one `browser` fixture (tests/conftest.py) serves tests/browser/ and tests/servers/: Playwright's
sync API runs one instance per process."""

from __future__ import annotations

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
