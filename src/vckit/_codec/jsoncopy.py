"""A deep copy of parsed JSON, several times faster than ``copy.deepcopy``.

Every layer that must not share mutable state with its caller (the proof engine, the context
loader, issuing) copies JSON; this is the one implementation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

__all__ = ["copy_json"]

_SCALARS: Final = frozenset({str, int, float, bool, type(None)})


def copy_json(value: Any) -> Any:
    """Copy dicts and lists (and other mappings and sequences, into dicts and lists); share scalars.

    Exact type checks first (``dict``, ``list`` and the scalars are nearly every value), so a
    leaf costs one ``type()`` and one set lookup instead of two ABC ``isinstance`` calls; other
    mappings and sequences (``MappingProxyType``, tuples) still copy to ``dict`` / ``list``.
    """
    kind = type(value)
    if kind is dict:
        return {
            key: item if type(item) in _SCALARS else copy_json(item) for key, item in value.items()
        }
    if kind is list:
        return [item if type(item) in _SCALARS else copy_json(item) for item in value]
    if kind in _SCALARS:
        return value
    if isinstance(value, Mapping):
        return {key: copy_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [copy_json(item) for item in value]
    return value
