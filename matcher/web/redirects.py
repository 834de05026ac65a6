"""Where a form may send the browser back to: only a page of the coordinators' own site.

`back=` and `next=` come from the request, so anyone can put a link to another site there (an
open redirect, for phishing with our domain in the link). Only a path under `/coordinate`, with
its query string, is followed; anything else goes to the given default.
"""

from __future__ import annotations

from urllib.parse import urlsplit

PREFIX = "/coordinate"


def coordinator_path(target: str | None) -> str | None:
    """`target` when it is a path under /coordinate on this site, else None."""
    text = target or ""
    if not text.startswith(PREFIX) or "\\" in text or any(ord(c) < 33 for c in text):
        return None
    parts = urlsplit(text)
    if parts.scheme or parts.netloc or not parts.path.startswith(PREFIX):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")
