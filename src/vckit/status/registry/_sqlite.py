"""The SQLite store: the standard library's ``sqlite3``, WAL mode, a file or ``:memory:``.

Write transactions start with ``BEGIN IMMEDIATE`` so two processes never both read "the list has
room" and then both claim: SQLite takes the write lock first, and others wait (``busy_timeout``)
instead of failing. One connection per registry, guarded by a lock for threads.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from vckit.status.registry import _sql
from vckit.status.registry._base import (
    Allocation,
    StatusListInfo,
    StatusRegistryError,
    Store,
    check_prefix,
)

__all__ = ["SqliteStore"]

T = TypeVar("T")


class SqliteStore(Store):
    """Lists and allocations in one SQLite database (``path`` or ``":memory:"``)."""

    def __init__(self, path: str, *, prefix: str = "vckit_status", timeout: float = 60.0) -> None:
        self._d = _sql.Dialect(check_prefix(prefix), "?", row_locks=False)
        self._lock = threading.Lock()
        try:
            self._conn = sqlite3.connect(
                path, timeout=timeout, isolation_level=None, check_same_thread=False
            )
            self._conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            if path != ":memory:":
                self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            with self._transaction("IMMEDIATE") as cur:
                for statement in self._d.schema("BLOB"):
                    cur.execute(statement)
        except sqlite3.Error as exc:
            raise StatusRegistryError(f"SQLite: {exc}") from None

    @contextmanager
    def _transaction(self, mode: str = "IMMEDIATE") -> Iterator[sqlite3.Cursor]:
        with self._lock:
            cur = self._conn.cursor()
            cur.execute(f"BEGIN {mode}")
            try:
                yield cur
            except BaseException:
                self._conn.rollback()
                raise
            else:
                cur.execute("COMMIT")
            finally:
                cur.close()

    def _run(self, mode: str, work: Callable[[sqlite3.Cursor], T]) -> T:
        try:
            with self._transaction(mode) as cur:
                return work(cur)
        except sqlite3.Error as exc:
            raise StatusRegistryError(f"SQLite: {exc}") from None

    def claim(
        self, purpose: str, credential_ids: Sequence[str], list_size: int, url_template: str
    ) -> list[Allocation]:
        return self._run(
            "IMMEDIATE",
            lambda cur: _sql.claim(
                cur, self._d, purpose, credential_ids, list_size, url_template, _no_lock
            ),
        )

    def lookup(self, credential_id: str, purpose: str) -> Allocation | None:
        return self._run("DEFERRED", lambda cur: _sql.lookup(cur, self._d, credential_id, purpose))

    def set_status(self, credential_id: str, purpose: str, value: int) -> bool:
        return self._run(
            "IMMEDIATE",
            lambda cur: _sql.set_status(cur, self._d, credential_id, purpose, value),
        )

    def list_state(self, url: str) -> tuple[StatusListInfo, list[int]] | None:
        return self._run("DEFERRED", lambda cur: _sql.list_state(cur, self._d, url))

    def lists(self) -> list[StatusListInfo]:
        return self._run("DEFERRED", lambda cur: _sql.lists(cur, self._d))

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _no_lock(cur: Any) -> None:
    """SQLite's ``BEGIN IMMEDIATE`` already serialises writers."""
