"""What a registry store does, and the facts it reports about lists.

The two stores (SQLite, PostgreSQL) implement the same few transactions; ``StatusRegistry``
turns their rows into status entries. Every operation is one transaction, so allocation and its
record, and a status change and its version bump, happen together or not at all.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

from vckit.errors import VckitError

__all__ = ["Allocation", "StatusListInfo", "StatusRegistryError", "Store", "check_prefix"]

_PREFIX = re.compile(r"[a-z_][a-z0-9_]{0,40}")


class StatusRegistryError(VckitError):
    """A registry operation could not be done (database error, unknown credential, bad state)."""


@dataclass(frozen=True, slots=True)
class Allocation:
    """One credential's place in a list: the list URL, the index and whether its bit is set."""

    credential_id: str
    purpose: str
    url: str
    index: int
    status: int = 0


@dataclass(frozen=True, slots=True)
class StatusListInfo:
    """A list as the registry tracks it; ``version`` grows with every status change."""

    url: str
    purpose: str
    size: int
    allocated: int
    version: int


def check_prefix(prefix: str) -> str:
    """Table-name prefix: lower-case identifier characters only (it is put into SQL)."""
    if not isinstance(prefix, str) or _PREFIX.fullmatch(prefix) is None:
        raise ValueError("prefix must match [a-z_][a-z0-9_]{0,40}")
    return prefix


class Store(ABC):
    """A database holding lists and allocations; every method is one transaction."""

    @abstractmethod
    def claim(
        self, purpose: str, credential_ids: Sequence[str], list_size: int, url_template: str
    ) -> list[Allocation]:
        """Allocations for ``credential_ids`` (existing ones returned as they are)."""

    @abstractmethod
    def lookup(self, credential_id: str, purpose: str) -> Allocation | None:
        """The allocation of ``credential_id`` for ``purpose``, if any."""

    @abstractmethod
    def set_status(self, credential_id: str, purpose: str, value: int) -> bool:
        """Set the status bit; True when it changed (and the list's version was bumped)."""

    @abstractmethod
    def list_state(self, url: str) -> tuple[StatusListInfo, list[int]] | None:
        """A list's info and the indexes whose bit is set, read in one transaction."""

    @abstractmethod
    def lists(self) -> list[StatusListInfo]:
        """Every list, oldest first."""

    @abstractmethod
    def close(self) -> None:
        """Release the connection."""
