"""Where the browser tests save screenshots: `MATCHER_SCREENSHOTS` (set by `make screenshots`
to docs/screenshots), else a temporary folder, so a test run never changes tracked files."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def screenshot_path(name: str) -> str:
    """The path for screenshot `name`."""
    folder = Path(os.environ.get("MATCHER_SCREENSHOTS") or tempfile.gettempdir())
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / name)
