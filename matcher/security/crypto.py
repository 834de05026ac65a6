"""Contact data encrypted at rest, and blind indexes to find it again.

Columns typed `EncryptedText`/`EncryptedBytes` hold Fernet tokens (AES-128-CBC + HMAC-SHA256)
made with the first key of `CONTACT_ENCRYPTION_KEYS`; every listed key can decrypt, so keys
rotate without downtime: put a new key first, run `matcher rotate-keys` (re-encrypts every
row with it), then drop the old key. Equality lookups (an email address) use a blind index:
HMAC-SHA256 of the normalized value under `CONTACT_INDEX_KEY`, never the address itself.

The keys come from the environment; `make run` generates them into `instance/contact_keys`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import LargeBinary, Text
from sqlalchemy.types import TypeDecorator

PREFIX = "enc1:"
_state: dict[str, Any] = {}


class KeysMissing(RuntimeError):
    """The contact-data keys are not configured."""


def configure(encryption_keys: list[str], index_key: str) -> None:
    """Install the keys (called by the app factory)."""
    if not encryption_keys or not index_key:
        raise KeysMissing("CONTACT_ENCRYPTION_KEYS and CONTACT_INDEX_KEY must be set")
    _state["fernet"] = MultiFernet([Fernet(key.encode()) for key in encryption_keys])
    _state["index_key"] = index_key.encode()


def instance_keys(path: Path) -> tuple[list[str], str]:
    """Keys kept in the instance folder (generated on first use), for a fresh checkout."""
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(
                {
                    "encryption_keys": [Fernet.generate_key().decode()],
                    "index_key": Fernet.generate_key().decode(),
                },
                handle,
            )
    data = json.loads(path.read_text())
    return data["encryption_keys"], data["index_key"]


def _fernet() -> MultiFernet:
    try:
        return _state["fernet"]
    except KeyError:
        raise KeysMissing("contact-data keys are not configured") from None


def encrypt(value: bytes) -> bytes:
    """A Fernet token of `value` under the current (first) key."""
    return _fernet().encrypt(value)


def encrypt_texts(values: list[str | None]) -> list[str | None]:
    """The stored form of many texts at once, as `EncryptedText` writes them (None stays
    None), for writes that bypass the column type."""
    fernet = _fernet()
    return [
        None if value is None else PREFIX + fernet.encrypt(value.encode()).decode()
        for value in values
    ]


def decrypt(token: bytes) -> bytes:
    """The plaintext of a token made with any configured key."""
    return _fernet().decrypt(token)


def rotate(token: bytes) -> bytes:
    """The same plaintext, re-encrypted under the current key."""
    return _fernet().rotate(token)


def blind_index(value: str | None) -> str:
    """HMAC-SHA256 of the trimmed, lower-cased value ("" for an empty value)."""
    text = (value or "").strip().lower()
    if not text:
        return ""
    return hmac.new(_state["index_key"], text.encode(), hashlib.sha256).hexdigest()


class EncryptedText(TypeDecorator[str]):
    """Text stored encrypted; plaintext written before encryption existed is still read."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: object) -> str | None:
        if value is None:
            return None
        return PREFIX + encrypt(value.encode()).decode()

    def process_result_value(self, value: str | None, dialect: object) -> str | None:
        if value is None or not value.startswith(PREFIX):
            return value
        try:
            return decrypt(value[len(PREFIX) :].encode()).decode()
        except InvalidToken:
            raise KeysMissing(
                "a contact value was encrypted with a key that is not "
                "configured (CONTACT_ENCRYPTION_KEYS)"
            ) from None


class EncryptedBytes(TypeDecorator[bytes]):
    """Bytes stored encrypted (a raw inbound message)."""

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value: bytes | None, dialect: object) -> bytes | None:
        return None if value is None else PREFIX.encode() + encrypt(value)

    def process_result_value(self, value: bytes | None, dialect: object) -> bytes | None:
        if value is None or not bytes(value).startswith(PREFIX.encode()):
            return value
        return decrypt(bytes(value)[len(PREFIX) :])
