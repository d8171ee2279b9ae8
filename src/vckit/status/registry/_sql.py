# ruff: noqa: S608 - table names come from check_prefix ([a-z_][a-z0-9_]*); values are parameters
"""The allocation transaction, written once for both SQL stores.

Each store supplies a DB-API cursor in an open write transaction and its placeholder style; this
module holds the steps: read existing allocations, find or open the current list for the purpose,
claim a run of counters on it, map them through the list's permutation and record the rows.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from vckit.status.registry._base import Allocation, StatusListInfo, StatusRegistryError
from vckit.status.registry._permutation import permute

__all__ = ["Dialect", "claim", "list_state", "lists", "lookup", "set_status"]

_BATCH = 500


class Dialect:
    """Table names and the placeholder of one SQL store."""

    def __init__(self, prefix: str, placeholder: str, *, row_locks: bool) -> None:
        self.lists = f"{prefix}_lists"
        self.entries = f"{prefix}_entries"
        self.p = placeholder
        # PostgreSQL reads the open list's counter under a row lock; SQLite's writer lock covers it.
        self.for_update = " FOR UPDATE" if row_locks else ""

    def marks(self, count: int) -> str:
        return ", ".join([self.p] * count)

    def schema(self, binary: str) -> list[str]:
        return [
            f"CREATE TABLE IF NOT EXISTS {self.lists} ("
            " list_no INTEGER PRIMARY KEY,"
            " purpose TEXT NOT NULL,"
            " url TEXT NOT NULL UNIQUE,"
            " size INTEGER NOT NULL,"
            " allocated INTEGER NOT NULL DEFAULT 0,"
            " version INTEGER NOT NULL DEFAULT 1,"
            f" secret {binary} NOT NULL)",
            f"CREATE TABLE IF NOT EXISTS {self.entries} ("
            " credential_id TEXT NOT NULL,"
            " purpose TEXT NOT NULL,"
            f" list_no INTEGER NOT NULL REFERENCES {self.lists}(list_no),"
            " idx INTEGER NOT NULL,"
            " status INTEGER NOT NULL DEFAULT 0,"
            " PRIMARY KEY (credential_id, purpose),"
            " UNIQUE (list_no, idx))",
            f"CREATE INDEX IF NOT EXISTS {self.lists}_open ON {self.lists} (purpose, list_no)",
        ]


def _existing(cur: Any, d: Dialect, purpose: str, ids: Sequence[str]) -> dict[str, Allocation]:
    found: dict[str, Allocation] = {}
    for start in range(0, len(ids), _BATCH):
        chunk = list(ids[start : start + _BATCH])
        cur.execute(
            f"SELECT e.credential_id, l.url, e.idx, e.status FROM {d.entries} e"
            f" JOIN {d.lists} l ON l.list_no = e.list_no"
            f" WHERE e.purpose = {d.p} AND e.credential_id IN ({d.marks(len(chunk))})",
            [purpose, *chunk],
        )
        for cid, url, idx, status in cur.fetchall():
            found[cid] = Allocation(cid, purpose, url, int(idx), int(status))
    return found


def _open_list(
    cur: Any, d: Dialect, purpose: str, list_size: int, url_template: str, lock_new: Any
) -> tuple[int, str, int, int, bytes]:
    query = (
        f"SELECT list_no, url, size, allocated, secret FROM {d.lists}"
        f" WHERE purpose = {d.p} AND allocated < size ORDER BY list_no LIMIT 1{d.for_update}"
    )
    cur.execute(query, [purpose])
    row = cur.fetchone()
    if row is None:
        lock_new(cur)  # PostgreSQL: one creator at a time; SQLite holds the write lock already
        cur.execute(query, [purpose])
        row = cur.fetchone()
    if row is None:
        cur.execute(f"SELECT COALESCE(MAX(list_no), 0) + 1 FROM {d.lists}")
        list_no = int(cur.fetchone()[0])
        url = url_template.format(list=list_no, purpose=purpose)
        secret = os.urandom(16)
        cur.execute(
            f"INSERT INTO {d.lists} (list_no, purpose, url, size, allocated, version, secret)"
            f" VALUES ({d.marks(7)})",
            [list_no, purpose, url, list_size, 0, 1, secret],
        )
        return list_no, url, list_size, 0, secret
    list_no, url, size, allocated, secret = row
    return int(list_no), str(url), int(size), int(allocated), bytes(secret)


def claim(
    cur: Any,
    d: Dialect,
    purpose: str,
    ids: Sequence[str],
    list_size: int,
    url_template: str,
    lock_new: Any,
) -> list[Allocation]:
    """Allocate every id of ``ids`` not yet allocated for ``purpose``; all, in input order."""
    found = _existing(cur, d, purpose, ids)
    todo = [cid for cid in dict.fromkeys(ids) if cid not in found]
    while todo:
        list_no, url, size, allocated, secret = _open_list(
            cur, d, purpose, list_size, url_template, lock_new
        )
        take = min(len(todo), size - allocated)
        cur.execute(
            f"UPDATE {d.lists} SET allocated = allocated + {d.p} WHERE list_no = {d.p}",
            [take, list_no],
        )
        rows = []
        for offset, cid in enumerate(todo[:take]):
            idx = permute(secret, size, allocated + offset)
            rows.append((cid, purpose, list_no, idx))
            found[cid] = Allocation(cid, purpose, url, idx, 0)
        cur.executemany(
            f"INSERT INTO {d.entries} (credential_id, purpose, list_no, idx) VALUES ({d.marks(4)})",
            rows,
        )
        todo = todo[take:]
    return [found[cid] for cid in ids]


def lookup(cur: Any, d: Dialect, credential_id: str, purpose: str) -> Allocation | None:
    found = _existing(cur, d, purpose, [credential_id])
    return found.get(credential_id)


def set_status(cur: Any, d: Dialect, credential_id: str, purpose: str, value: int) -> bool:
    cur.execute(
        f"SELECT list_no, status FROM {d.entries}"
        f" WHERE credential_id = {d.p} AND purpose = {d.p}{d.for_update}",
        [credential_id, purpose],
    )
    row = cur.fetchone()
    if row is None:
        raise StatusRegistryError(
            f"credential {credential_id[:200]!r} has no {purpose} entry in this registry"
        )
    list_no, status = int(row[0]), int(row[1])
    if status == value:
        return False
    cur.execute(
        f"UPDATE {d.entries} SET status = {d.p} WHERE credential_id = {d.p} AND purpose = {d.p}",
        [value, credential_id, purpose],
    )
    cur.execute(f"UPDATE {d.lists} SET version = version + 1 WHERE list_no = {d.p}", [list_no])
    return True


def _info(row: Sequence[Any]) -> StatusListInfo:
    url, purpose, size, allocated, version = row
    return StatusListInfo(str(url), str(purpose), int(size), int(allocated), int(version))


def list_state(cur: Any, d: Dialect, url: str) -> tuple[StatusListInfo, list[int]] | None:
    cur.execute(
        f"SELECT list_no, url, purpose, size, allocated, version FROM {d.lists} WHERE url = {d.p}",
        [url],
    )
    row = cur.fetchone()
    if row is None:
        return None
    cur.execute(
        f"SELECT idx FROM {d.entries} WHERE list_no = {d.p} AND status <> 0 ORDER BY idx",
        [row[0]],
    )
    return _info(row[1:]), [int(r[0]) for r in cur.fetchall()]


def lists(cur: Any, d: Dialect) -> list[StatusListInfo]:
    cur.execute(f"SELECT url, purpose, size, allocated, version FROM {d.lists} ORDER BY list_no")
    return [_info(row) for row in cur.fetchall()]
