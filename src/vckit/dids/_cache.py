"""A small TTL + size-bounded cache for resolved documents (thread-safe)."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Generic, TypeVar

__all__ = ["DocumentCache"]

T = TypeVar("T")


class DocumentCache(Generic[T]):
    """Least-recently-used cache whose entries expire.

    The lifetime of an entry is the server's ``Cache-Control: max-age`` when it gave one, else
    ``default_ttl``, and never more than ``max_ttl``: the caller bounds how long a key rotation
    can go unseen, whatever the server says. ``max-age=0`` / ``no-store`` means not cached.
    """

    def __init__(
        self,
        *,
        max_entries: int = 256,
        default_ttl: float = 300.0,
        max_ttl: float = 3600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_entries < 0 or default_ttl < 0 or max_ttl < 0:
            raise ValueError("cache limits must be >= 0")
        self.max_entries = max_entries
        self.default_ttl = default_ttl
        self.max_ttl = max_ttl
        self.clock = clock
        self._entries: OrderedDict[str, tuple[float, T]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> T | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry[0] <= self.clock():
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return entry[1]

    def put(self, key: str, value: T, max_age: int | None = None) -> None:
        ttl = min(self.default_ttl if max_age is None else float(max_age), self.max_ttl)
        if ttl <= 0 or self.max_entries == 0:
            return
        with self._lock:
            self._entries[key] = (self.clock() + ttl, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as its limits: a copy starts empty, on ``time.monotonic`` (another process's
        clock cannot be carried over, and cached entries belong to this one)."""
        return (_empty_cache, (self.max_entries, self.default_ttl, self.max_ttl))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


def _empty_cache(max_entries: int, default_ttl: float, max_ttl: float) -> DocumentCache[Any]:
    return DocumentCache(max_entries=max_entries, default_ttl=default_ttl, max_ttl=max_ttl)
