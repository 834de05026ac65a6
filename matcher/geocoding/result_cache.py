"""Result caches for online geocoding: anything with ``get(key)`` and ``set(key, value)``.

Values are JSON-serializable dicts, so a database-backed cache can store them as JSON.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Protocol

__all__ = ["GeocodeCache", "InMemoryCache"]


class GeocodeCache(Protocol):
    """What :func:`matcher.geocoding.make_geocoder` needs from a cache."""

    def get(self, key: str) -> Any | None:
        """The stored value, or None when absent."""

    def set(self, key: str, value: Any) -> None:
        """Store ``value`` (a JSON-serializable dict) under ``key``."""


class InMemoryCache:
    """Thread-safe, size-bounded LRU cache living in the process (for the library and tests)."""

    def __init__(self, maxsize: int = 10_000) -> None:
        self.maxsize = maxsize
        self._items: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Any | None:
        """The stored value, or None when absent."""
        with self._lock:
            if key not in self._items:
                return None
            self._items.move_to_end(key)
            return self._items[key]

    def set(self, key: str, value: Any) -> None:
        """Store ``value`` under ``key``, evicting the least recently used beyond maxsize."""
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.maxsize:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)
