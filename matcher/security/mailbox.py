"""The mailbox an address reaches, for counting: `Rosa+intro@Example.org` and `rosa@example.org`
are one mailbox, and at Gmail so are `r.o.s.a@googlemail.com` and `rosa@gmail.com`.

Used by the limits per email address (so 30 spellings of one mailbox are one bucket); never to
decide where mail goes. Imports nothing of the package.
"""

from __future__ import annotations

# Providers that ignore dots in the local part, and the domain they all mean.
DOTLESS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


def normalized_mailbox(address: str) -> str:
    """Lower case; the `+tag` of sub-addressing dropped; dots dropped where the provider
    ignores them. Anything that is not an address comes back trimmed and lower-cased."""
    text = address.strip().lower()
    local, at, domain = text.rpartition("@")
    if not at or not local or not domain:
        return text
    local = local.split("+", 1)[0] or local
    if domain in DOTLESS:
        local, domain = local.replace(".", ""), DOTLESS[domain]
    return f"{local}@{domain}"
