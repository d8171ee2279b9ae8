"""Index allocation for status lists: one interface, an SQLite and a PostgreSQL store."""

from __future__ import annotations

from vckit.status.registry._base import StatusListInfo, StatusRegistryError
from vckit.status.registry._registry import PURPOSES, StatusListExport, StatusRegistry

__all__ = [
    "PURPOSES",
    "StatusListExport",
    "StatusListInfo",
    "StatusRegistry",
    "StatusRegistryError",
]
