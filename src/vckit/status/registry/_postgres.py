"""The PostgreSQL store (psycopg 3): for many issuing processes or hosts.

Allocation claims counters with ``UPDATE ... SET allocated = allocated + n`` on the open list's
row, which PostgreSQL row-locks until commit, so concurrent allocators serialise on that row and
never see the same counter. Opening a new list takes a transaction-scoped advisory lock so only
one process creates it. psycopg errors are translated to :class:`StatusRegistryError`.
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from vckit.status.registry import _sql
from vckit.status.registry._base import (
    Allocation,
    StatusListInfo,
    StatusRegistryError,
    Store,
    check_prefix,
)

__all__ = ["PostgresStore"]

T = TypeVar("T")
_RETRIES = 5


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:  # pragma: no cover - depends on the environment
        raise StatusRegistryError(
            "StatusRegistry.postgres needs psycopg 3: pip install 'vckit[postgres]'"
        ) from None
    return psycopg


class PostgresStore(Store):
    """Lists and allocations in a PostgreSQL database reached with ``dsn``."""

    def __init__(
        self, dsn: str, *, prefix: str = "vckit_status", connect_timeout: int = 10
    ) -> None:
        self._pg = _psycopg()
        self._d = _sql.Dialect(check_prefix(prefix), "%s", row_locks=True)
        self._lock = threading.Lock()
        self._key = zlib.crc32(prefix.encode()) & 0x7FFFFFFF
        try:
            self._conn = self._pg.connect(dsn, connect_timeout=connect_timeout)
        except self._pg.Error as exc:
            raise StatusRegistryError(f"PostgreSQL: {_first_line(exc)}") from None
        self._run(self._create_schema)

    def _create_schema(self, cur: Any) -> None:
        cur.execute("SELECT pg_advisory_xact_lock(%s, 0)", [self._key])
        for statement in self._d.schema("BYTEA"):
            cur.execute(statement)

    def _lock_new(self, cur: Any) -> None:
        cur.execute("SELECT pg_advisory_xact_lock(%s, 1)", [self._key])

    def _run(self, work: Callable[[Any], T]) -> T:
        pg = self._pg
        with self._lock:
            for attempt in range(_RETRIES):
                try:
                    with self._conn.transaction(), self._conn.cursor() as cur:
                        return work(cur)
                except (pg.errors.SerializationFailure, pg.errors.DeadlockDetected):
                    if attempt == _RETRIES - 1:
                        raise StatusRegistryError(
                            "PostgreSQL: too many transaction retries"
                        ) from None
                except pg.errors.UniqueViolation:
                    # Two processes allocated the same new credential id at once: the loser's
                    # transaction rolled back (counters included); run it again to read the winner's.
                    if attempt == _RETRIES - 1:
                        raise StatusRegistryError(
                            "PostgreSQL: concurrent allocation did not settle"
                        ) from None
                except pg.Error as exc:
                    raise StatusRegistryError(f"PostgreSQL: {_first_line(exc)}") from None
        raise StatusRegistryError("PostgreSQL: transaction retries exhausted")  # pragma: no cover

    def claim(
        self, purpose: str, credential_ids: Sequence[str], list_size: int, url_template: str
    ) -> list[Allocation]:
        return self._run(
            lambda cur: _sql.claim(
                cur, self._d, purpose, credential_ids, list_size, url_template, self._lock_new
            )
        )

    def lookup(self, credential_id: str, purpose: str) -> Allocation | None:
        return self._run(lambda cur: _sql.lookup(cur, self._d, credential_id, purpose))

    def set_status(self, credential_id: str, purpose: str, value: int) -> bool:
        return self._run(lambda cur: _sql.set_status(cur, self._d, credential_id, purpose, value))

    def list_state(self, url: str) -> tuple[StatusListInfo, list[int]] | None:
        return self._run(lambda cur: _sql.list_state(cur, self._d, url))

    def lists(self) -> list[StatusListInfo]:
        return self._run(lambda cur: _sql.lists(cur, self._d))

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
