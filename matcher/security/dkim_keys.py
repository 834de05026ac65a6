"""The DKIM signing key given by the settings, and the DNS record that publishes its public half.

Signing is on when `DKIM_DOMAIN` is set; it then needs `DKIM_SELECTOR` and an RSA private key
in PEM, as text in `DKIM_PRIVATE_KEY` (newlines may be written `\\n`, as environment files
often must) or as the path in `DKIM_PRIVATE_KEY_FILE`. PKCS#1 (`BEGIN RSA PRIVATE KEY`) and
PKCS#8 (`BEGIN PRIVATE KEY`, what `openssl genpkey` writes) are both read; the key is handed to
dkimpy as PKCS#1, the only form it parses.
"""

from __future__ import annotations

import base64
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

MIN_BITS = 1024  # what verifiers accept (dkimpy's default `minkey`); 2048 is recommended
_DOMAIN = re.compile(
    r"^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)
_SELECTOR = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")


class DkimKeyError(ValueError):
    """The DKIM settings are incomplete or the key cannot be used; the message names the
    setting and says what to do."""


@dataclass(frozen=True)
class DkimKey:
    """A usable signing key: where its public half is published, and both halves."""

    domain: str
    selector: str
    private_pem: bytes  # PKCS#1 PEM, as dkimpy reads it
    public_key: str  # base64 DER SubjectPublicKeyInfo: the p= tag of the DNS record
    bits: int

    @property
    def dns_name(self) -> str:
        """The name of the TXT record: `SELECTOR._domainkey.DOMAIN`."""
        return f"{self.selector}._domainkey.{self.domain}"

    @property
    def dns_text(self) -> str:
        """The TXT record's value (RFC 6376 section 3.6.1)."""
        return f"v=DKIM1; k=rsa; p={self.public_key}"


def _key_text(config: Mapping[str, Any]) -> bytes:
    text = str(config.get("DKIM_PRIVATE_KEY") or "")
    path = str(config.get("DKIM_PRIVATE_KEY_FILE") or "")
    if text and path:
        raise DkimKeyError(
            "DKIM_PRIVATE_KEY and DKIM_PRIVATE_KEY_FILE are both set. Fix: keep one of them"
        )
    if path:
        try:
            return Path(path).read_bytes()
        except OSError as exc:
            raise DkimKeyError(
                f"DKIM_PRIVATE_KEY_FILE: cannot read {path} ({exc.strerror}). Fix: the path of "
                "the PEM file, readable by the service account"
            ) from None
    if text:
        return text.replace("\\n", "\n").encode()
    raise DkimKeyError(
        "DKIM_PRIVATE_KEY: DKIM_DOMAIN is set but no key is. Fix: set DKIM_PRIVATE_KEY_FILE "
        "to the PEM file of an RSA key (openssl genrsa -out dkim.pem 2048), or unset DKIM_DOMAIN"
    )


@functools.lru_cache(maxsize=4)
def _parsed(pem: bytes) -> tuple[bytes, str, int]:
    """PKCS#1 PEM, base64 public key and size of a PEM key (loading checks the key, which takes
    a fifth of a second: once per key, not per message)."""
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError):
        raise DkimKeyError(
            "DKIM_PRIVATE_KEY: not an unencrypted PEM private key. Fix: an RSA key in PEM "
            "without a passphrase (openssl genrsa -out dkim.pem 2048)"
        ) from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise DkimKeyError("DKIM_PRIVATE_KEY: not an RSA key. Fix: an RSA key of 2048 bits")
    if key.key_size < MIN_BITS:
        raise DkimKeyError(
            f"DKIM_PRIVATE_KEY: {key.key_size} bits, which receivers refuse. Fix: 2048 bits"
        )
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    public_der = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private_pem, base64.b64encode(public_der).decode(), key.key_size


def dkim_key(config: Mapping[str, Any]) -> DkimKey | None:
    """The configured key, or None when signing is off (`DKIM_DOMAIN` empty).

    Raises `DkimKeyError` when the settings are incomplete or the key is not a usable RSA key.
    """
    domain = str(config.get("DKIM_DOMAIN") or "").strip().rstrip(".").lower()
    if not domain:
        return None
    if not _DOMAIN.match(domain):
        raise DkimKeyError(f"DKIM_DOMAIN: {domain!r} is not a domain name. Fix: e.g. example.org")
    selector = str(config.get("DKIM_SELECTOR") or "").strip()
    if not _SELECTOR.match(selector):
        raise DkimKeyError(
            "DKIM_SELECTOR: missing or not a DNS label. Fix: a name such as matcher2027 "
            "(the record is published at SELECTOR._domainkey.DOMAIN)"
        )
    private_pem, public_key, bits = _parsed(_key_text(config))
    return DkimKey(
        domain=domain, selector=selector, private_pem=private_pem, public_key=public_key, bits=bits
    )
