"""Stores of the public response cache: in this process's memory, or in Redis for all processes.

A store holds rendered responses (`Entry`) and one number, the version of the public data. Each
entry records the version it was rendered at and is served only while that is still the current
version. Changing public data bumps the version (`matcher.cache.public_changes`), which makes every
entry stale at once, in every process that shares the store. Entries also record the database's
count of public changes and when it was last compared (the web layer revalidates them with it,
see matcher.web.public_cache); a store keeps them at most `keep` seconds. In Redis entries are plain
bytes (a JSON head, and the body followed by its gzip form), never pickles.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Protocol

from matcher.geocoding.result_cache import InMemoryCache

log = logging.getLogger(__name__)

STORE_KEY = "matcher.public_cache"


@dataclass(frozen=True)
class Entry:
    """One cached response: what the view returned, the ETag, and the data version it saw."""

    version: int
    content_type: str
    headers: tuple[tuple[str, str], ...]
    etag: str
    body: bytes
    gzipped: bytes = b""  # the body gzip-compressed once, or empty when not worth it
    data_version: int = 0  # the database's count of public changes it was rendered at
    checked_at: float = 0.0  # when it was rendered or last found current (time.time())

    def head(self) -> bytes:
        """The entry but its content, as JSON bytes for a shared store."""
        return json.dumps(
            {
                "version": self.version,
                "content_type": self.content_type,
                "headers": self.headers,
                "etag": self.etag,
                "length": len(self.body),
                "data_version": self.data_version,
                "checked_at": self.checked_at,
            }
        ).encode()

    @property
    def content(self) -> bytes:
        """The body and its gzip form, one after the other."""
        return self.body + self.gzipped

    @classmethod
    def from_parts(cls, fields: dict[str, Any], content: bytes) -> Entry:
        """The entry whose head (parsed from `head()`) and `content` these are."""
        length = int(fields["length"])
        return cls(
            version=int(fields["version"]),
            content_type=str(fields["content_type"]),
            headers=tuple((str(k), str(v)) for k, v in fields["headers"]),
            etag=str(fields["etag"]),
            body=content[:length],
            gzipped=content[length:],
            data_version=int(fields.get("data_version", 0)),
            checked_at=float(fields.get("checked_at", 0.0)),
        )


class Store(Protocol):
    """What the web layer needs from a store."""

    def lookup(self, key: str) -> tuple[int, Entry | None]:
        """The current version and the entry kept under `key` (None when there is none)."""

    def save(self, key: str, entry: Entry) -> None:
        """Keep `entry` under `key` (for at most the store's `keep` seconds)."""

    def bump(self) -> None:
        """Make every entry stale: public data changed."""

    def clear(self) -> None:
        """Forget every entry (tests)."""


class MemoryStore:
    """Entries in this process only, least recently used dropped beyond `max_entries`."""

    def __init__(self, keep: float, max_entries: int) -> None:
        self.keep = keep
        self.max_entries = max(1, max_entries)
        self.version = 0
        self._entries: OrderedDict[str, tuple[float, Entry]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def lookup(self, key: str) -> tuple[int, Entry | None]:
        """See `Store.lookup`."""
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return self.version, None
            expires, entry = found
            if expires <= time.monotonic():
                del self._entries[key]
                return self.version, None
            self._entries.move_to_end(key)
            return self.version, entry

    def save(self, key: str, entry: Entry) -> None:
        """See `Store.save`."""
        with self._lock:
            self._entries[key] = (time.monotonic() + self.keep, entry)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def bump(self) -> None:
        """See `Store.bump`."""
        with self._lock:
            self.version += 1
            self._entries.clear()

    def clear(self) -> None:
        """See `Store.clear`."""
        with self._lock:
            self._entries.clear()


class RedisStore:
    """Entries and the version in Redis, shared by every worker, CLI command and Celery task.

    An entry is two values: its head under its key, and its content (body and gzip form) under
    its ETag, which names the content. Each process also keeps the content it last used, so a
    hit costs one round trip of small values (the version and the head) however big the body:
    the content crosses the network only when this process has not seen it yet. A Redis failure
    is a cache miss (logged), never an error page, and for `pause` seconds after one the store
    does not even try, so an outage costs each request nothing.
    """

    def __init__(
        self,
        url: str,
        keep: float,
        prefix: str = "matcher:public:",
        local_entries: int = 64,
        pause: float = 5.0,
    ) -> None:
        import redis

        self.keep = max(1, int(keep))
        self.prefix = prefix
        self.version_key = prefix + "version"
        self.local_entries = max(1, local_entries)
        self._local = InMemoryCache(self.local_entries)  # content by ETag, as used here
        self.pause = pause
        self._paused_until = 0.0
        self._error = redis.RedisError
        self._redis = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)

    def _available(self) -> bool:
        return time.monotonic() >= self._paused_until

    def _failed(self, what: str) -> None:
        log.warning("public cache: Redis %s failed; not asked for %.0f s", what, self.pause)
        self._paused_until = time.monotonic() + self.pause

    def _content_key(self, etag: str) -> str:
        return f"{self.prefix}content:{etag}"

    def lookup(self, key: str) -> tuple[int, Entry | None]:
        """See `Store.lookup` (one round trip of small values when the content is known here)."""
        if not self._available():
            return -1, None
        try:
            version, head = self._redis.mget(self.version_key, self.prefix + key)
            if not head:
                return int(version or 0), None
            fields = json.loads(head)
            etag = str(fields["etag"])
            content = self._local.get(etag)
            if content is None:
                content = self._redis.get(self._content_key(etag))
                if content is None:
                    return int(version or 0), None
                self._local.set(etag, content)
        except self._error:
            self._failed("lookup")
            return -1, None
        return int(version or 0), Entry.from_parts(fields, content)

    def save(self, key: str, entry: Entry) -> None:
        """See `Store.save`: the head, and the content unless Redis still holds it."""
        if entry.version < 0 or not self._available():
            return  # rendered while Redis was unreachable: the version is unknown
        content_key = self._content_key(entry.etag)
        try:
            held = self._local.get(entry.etag) is not None and bool(
                self._redis.expire(content_key, self.keep)
            )
            if not held:
                content = entry.content
                self._redis.set(content_key, content, ex=self.keep)
                self._local.set(entry.etag, content)
            self._redis.set(self.prefix + key, entry.head(), ex=self.keep)
        except self._error:
            self._failed("save")

    def bump(self) -> None:
        """See `Store.bump`. While Redis is out, entries there stay until the web layer's next
        check against the database's count of changes (at most PUBLIC_CACHE_TTL)."""
        if not self._available():
            return
        try:
            self._redis.incr(self.version_key)
        except self._error:
            self._failed("version bump")

    def clear(self) -> None:
        """See `Store.clear`."""
        self._local = InMemoryCache(self.local_entries)
        for key in self._redis.scan_iter(match=self.prefix + "*", count=500):
            if key != self.version_key.encode():
                self._redis.delete(key)


def make_store(url: str, keep: float, max_entries: int) -> Store:
    """A Redis store for a redis:// (rediss://, unix://) URL, else one in memory."""
    if url:
        return RedisStore(url, keep)
    return MemoryStore(keep, max_entries)
