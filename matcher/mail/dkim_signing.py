"""DKIM signatures (RFC 6376) on outgoing mail, with dkimpy, when the settings give a key.

Canonicalization is relaxed/relaxed: a relay may refold headers, change the case of header
names or the whitespace at line ends and the signature still verifies. The bodies are 7-bit
(matcher.mail.mime), so no relay has a reason to re-encode them.

Signed (`h=`): every header a reader trusts or acts on, each as often as it occurs, and the
ones that must not be added on the way once more than they occur ("oversigned"), so a second
From, Subject or List-Unsubscribe cannot be slipped in. RFC 8058 section 4 requires
`List-Unsubscribe` and `List-Unsubscribe-Post` to be covered, else a one-click unsubscribe
could be pointed elsewhere by anyone who forwards the message.
"""

from __future__ import annotations

import email.parser
import email.policy
from collections import Counter
from collections.abc import Mapping
from typing import Any

import dkim

from matcher.security.dkim_keys import DkimKey, dkim_key

SIGNED_HEADERS = (
    "From",
    "To",
    "Cc",
    "Subject",
    "Date",
    "Message-ID",
    "Reply-To",
    "In-Reply-To",
    "References",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
    "Auto-Submitted",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
)
OVERSIGNED = (
    "From",
    "To",
    "Cc",
    "Subject",
    "Date",
    "Message-ID",
    "Reply-To",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
)


def header_names(data: bytes) -> list[str]:
    """The names of the top-level headers of a message, in order."""
    parser = email.parser.BytesHeaderParser(policy=email.policy.compat32)
    return [name for name, _value in parser.parsebytes(data).items()]


def signed_headers(data: bytes) -> list[str]:
    """The `h=` list for `data`: each signed header as often as present, the oversigned ones
    once more."""
    present = Counter(name.lower() for name in header_names(data))
    names = []
    for name in SIGNED_HEADERS:
        names += [name] * present[name.lower()]
    return names + [name for name in OVERSIGNED]


def sign(data: bytes, key: DkimKey) -> bytes:
    """`data` with a `DKIM-Signature` header in front."""
    signature = dkim.sign(
        data,
        key.selector.encode(),
        key.domain.encode(),
        key.private_pem,
        canonicalize=(b"relaxed", b"relaxed"),
        include_headers=[name.encode() for name in signed_headers(data)],
        linesep=b"\r\n",
    )
    return signature + data


def sign_if_configured(data: bytes, config: Mapping[str, Any]) -> bytes:
    """Signed when `DKIM_DOMAIN` is set (raises `DkimKeyError` when its key is unusable)."""
    key = dkim_key(config)
    return data if key is None else sign(data, key)
