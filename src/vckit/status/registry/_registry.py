"""``StatusRegistry``: hands out status list indexes and records revocations and suspensions.

One interface over two stores (SQLite, PostgreSQL). The guarantees, each one transaction deep:
indexes are spread at random over the list (herd privacy) and never handed out twice, so never
reused after a revocation; ``allocate`` is idempotent per credential id; a full list rolls over to
a new one whose URL comes from ``url_template``; revocation is final, suspension reversible; every
status change bumps its list's version so a publisher re-signs only the lists that changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from vckit.status._bitstring import MIN_LIST_LENGTH, BitstringStatusList
from vckit.status.registry._base import (
    Allocation,
    StatusListInfo,
    StatusRegistryError,
    Store,
)

__all__ = ["PURPOSES", "StatusListExport", "StatusRegistry"]

#: Purposes a registry allocates for (1-bit lists).
PURPOSES = ("revocation", "suspension")


@dataclass(frozen=True, slots=True)
class StatusListExport:
    """A list's current bitstring and the version it reflects, ready to sign and publish."""

    url: str
    purpose: str
    version: int
    status_list: BitstringStatusList


def _check_template(url_template: str) -> str:
    if not isinstance(url_template, str) or "{list}" not in url_template:
        raise ValueError("url_template must contain '{list}' (the list number)")
    try:
        url_template.format(list=1, purpose="revocation")
    except (KeyError, IndexError, ValueError) as exc:
        raise ValueError(f"url_template may only use {{list}} and {{purpose}}: {exc}") from None
    return url_template


def _check_purpose(purpose: str) -> str:
    if purpose not in PURPOSES:
        raise ValueError(f"purpose must be one of {', '.join(PURPOSES)}")
    return purpose


def _check_id(credential_id: str) -> str:
    if not isinstance(credential_id, str) or not credential_id:
        raise ValueError("credential_id must be a non-empty string")
    if len(credential_id) > 2048:
        raise ValueError("credential_id is longer than 2048 characters")
    return credential_id


def _entry(allocation: Allocation) -> dict[str, Any]:
    return {
        "id": f"{allocation.url}#{allocation.index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": allocation.purpose,
        "statusListIndex": str(allocation.index),
        "statusListCredential": allocation.url,
    }


class StatusRegistry:
    """Allocates ``BitstringStatusListEntry`` values and keeps the lists' bits.

    Build one with :meth:`sqlite` or :meth:`postgres`. ``list_size`` entries per list (131,072 by
    default, the herd-privacy minimum); ``url_template`` names lists, e.g.
    ``"https://issuer.example/status/{list}"`` (``{purpose}`` may be used too).
    """

    def __init__(
        self, store: Store, *, url_template: str, list_size: int = MIN_LIST_LENGTH
    ) -> None:
        if isinstance(list_size, bool) or not isinstance(list_size, int) or list_size < 8:
            raise ValueError("list_size must be an integer >= 8")
        self._store = store
        self._template = _check_template(url_template)
        self._size = list_size
        self._reopen: tuple[str, str, str] | None = None  # (store, target, prefix) for pickling

    @classmethod
    def sqlite(
        cls,
        path: str,
        *,
        url_template: str,
        list_size: int = MIN_LIST_LENGTH,
        prefix: str = "vckit_status",
    ) -> StatusRegistry:
        """A registry in an SQLite file (WAL mode; several processes may share it) or ``:memory:``."""
        from vckit.status.registry._sqlite import SqliteStore

        _check_template(url_template)
        registry = cls(
            SqliteStore(str(path), prefix=prefix), url_template=url_template, list_size=list_size
        )
        if str(path) != ":memory:":
            registry._reopen = ("sqlite", str(path), prefix)
        return registry

    @classmethod
    def postgres(
        cls,
        dsn: str,
        *,
        url_template: str,
        list_size: int = MIN_LIST_LENGTH,
        prefix: str = "vckit_status",
    ) -> StatusRegistry:
        """A registry in PostgreSQL (psycopg 3, ``pip install 'vckit[postgres]'``)."""
        from vckit.status.registry._postgres import PostgresStore

        _check_template(url_template)
        registry = cls(
            PostgresStore(dsn, prefix=prefix), url_template=url_template, list_size=list_size
        )
        registry._reopen = ("postgres", dsn, prefix)
        return registry

    # -- allocation --------------------------------------------------------------------------

    def allocate(self, credential_id: str, *, purpose: str = "revocation") -> dict[str, Any]:
        """The status entry for ``credential_id`` (the same one when asked again)."""
        allocation = self._store.claim(
            _check_purpose(purpose), [_check_id(credential_id)], self._size, self._template
        )[0]
        return _entry(allocation)

    def allocate_many(
        self, credential_ids: Iterable[str], *, purpose: str = "revocation"
    ) -> list[dict[str, Any]]:
        """Entries for many credentials in one transaction, in input order (idempotent too)."""
        ids = [_check_id(cid) for cid in credential_ids]
        if not ids:
            return []
        allocations = self._store.claim(_check_purpose(purpose), ids, self._size, self._template)
        return [_entry(allocation) for allocation in allocations]

    def entry(self, credential_id: str, *, purpose: str = "revocation") -> dict[str, Any] | None:
        """The entry already allocated to ``credential_id``, or ``None``."""
        allocation = self._store.lookup(_check_id(credential_id), _check_purpose(purpose))
        return None if allocation is None else _entry(allocation)

    def status(self, credential_id: str, *, purpose: str = "revocation") -> int:
        """The recorded bit of ``credential_id``'s entry for ``purpose`` (0 or 1)."""
        allocation = self._store.lookup(_check_id(credential_id), _check_purpose(purpose))
        if allocation is None:
            raise StatusRegistryError(f"credential {credential_id[:200]!r} has no {purpose} entry")
        return allocation.status

    # -- status changes ----------------------------------------------------------------------

    def revoke(self, credential_id: str) -> bool:
        """Revoke for good; True when this call changed the bit (False: already revoked)."""
        return self._store.set_status(_check_id(credential_id), "revocation", 1)

    def suspend(self, credential_id: str) -> bool:
        """Suspend; True when this call changed the bit."""
        return self._store.set_status(_check_id(credential_id), "suspension", 1)

    def unsuspend(self, credential_id: str) -> bool:
        """Lift a suspension; True when this call changed the bit."""
        return self._store.set_status(_check_id(credential_id), "suspension", 0)

    # -- publishing --------------------------------------------------------------------------

    def status_list(self, url: str) -> BitstringStatusList:
        """The current bitstring of the list published at ``url``."""
        return self.export(url).status_list

    def export(self, url: str) -> StatusListExport:
        """The list at ``url`` with the version it reflects (read in one transaction)."""
        state = self._store.list_state(url)
        if state is None:
            raise StatusRegistryError(f"no status list at {url[:200]!r} in this registry")
        info, set_indexes = state
        lst = BitstringStatusList(info.size)
        for index in set_indexes:
            lst.set(index, 1)
        return StatusListExport(info.url, info.purpose, info.version, lst)

    def lists(self) -> tuple[StatusListInfo, ...]:
        """Every list: URL, purpose, size, how many indexes are allocated, version."""
        return tuple(self._store.lists())

    def list_versions(self) -> Mapping[str, int]:
        """URL -> version of every list; re-sign and publish those whose version changed."""
        return {info.url: info.version for info in self._store.lists()}

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as "open the same database again" (for process pools issuing in parallel).

        An in-memory SQLite registry or one built on a custom store cannot be sent elsewhere.
        """
        if self._reopen is None:
            raise TypeError("this StatusRegistry cannot be pickled (in-memory or custom store)")
        kind, target, prefix = self._reopen
        return (_reopen, (kind, target, prefix, self._template, self._size))

    def close(self) -> None:
        """Close the database connection."""
        self._store.close()

    def __enter__(self) -> StatusRegistry:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _reopen(
    kind: str, target: str, prefix: str, url_template: str, list_size: int
) -> StatusRegistry:
    opener = StatusRegistry.sqlite if kind == "sqlite" else StatusRegistry.postgres
    return opener(target, url_template=url_template, list_size=list_size, prefix=prefix)
