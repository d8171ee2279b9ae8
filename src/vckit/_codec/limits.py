"""Size limits for JSON values that arrive already parsed (a ``dict`` handed to a verifier).

JSON *text* is bounded by ``strict_json`` (bytes and depth) before it is parsed; a ``dict`` a
caller passes in has no such gate, and everything after it (models, validation, JSON-LD,
canonicalization) costs time per member. A 300,000-key object costs seconds in pydantic and in
validation before anything refuses it. ``check_json_limits`` walks the value once, iteratively,
and stops at the first limit crossed, so refusing a huge value costs about as much as looking at
the part of it up to the limit.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from vckit._codec.strict_json import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH
from vckit.errors import ParseError

__all__ = [
    "DEFAULT_MAX_MEMBERS",
    "DEFAULT_MAX_NODES",
    "JsonLimitError",
    "check_json_limits",
]

#: Values (objects, arrays, strings, numbers, literals) in one document. A representative
#: Open Badge has a few hundred; a CLR with a thousand embedded badges stays well below.
DEFAULT_MAX_NODES: Final = 200_000
#: Members of one object or items of one array. No credential structure comes near it.
DEFAULT_MAX_MEMBERS: Final = 10_000

_SCALARS: Final = frozenset({int, float, bool, type(None)})


class JsonLimitError(ParseError):
    """A JSON value is larger than a limit allows; ``limit`` names which (``"nodes"``, ...)."""

    def __init__(self, message: str, *, limit: str, path: str) -> None:
        super().__init__(message)
        self.limit = limit
        self.path = path


def _where(path: tuple[Any, ...] | None) -> str:
    """Format a path kept as a linked list ``(parent, key)`` (cheap to extend per child)."""
    parts: list[Any] = []
    while path is not None:
        path, part = path
        parts.append(part)
    text = "$"
    for part in reversed(parts):
        text += f"[{part}]" if isinstance(part, int) else f".{str(part)[:64]}"
    return text


def check_json_limits(
    value: Any,
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    max_members: int = DEFAULT_MAX_MEMBERS,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_string: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> None:
    """Raise ``JsonLimitError`` (a ``ParseError``) when ``value`` is too large to process.

    Limits: ``max_nodes`` values in total, ``max_members`` members per object (or items per
    array), ``max_depth`` levels of nesting, ``max_string`` characters in one string or member
    name (``None``: only ``max_bytes`` bounds it) and ``max_bytes``, an estimate of the size of
    the value as JSON text (string and name lengths plus punctuation; numbers count 8). Object
    member names must be strings. Anything that is not a JSON container or string (numbers,
    booleans, ``None``, foreign objects) counts as one node; other layers judge its type.
    """
    longest = max_bytes if max_string is None else max_string
    nodes = 0
    size = 0
    # (value, depth, path) — the path is only formatted when a limit is crossed.
    stack: list[tuple[Any, int, Any]] = [(value, 0, None)]
    pop = stack.pop
    push = stack.append
    while stack:
        item, depth, path = pop()
        kind = type(item)
        nodes += 1
        if kind is str:
            size += len(item) + 2
            if len(item) > longest:
                raise JsonLimitError(
                    f"a string of {len(item)} characters at {_where(path)} is longer than "
                    f"{longest}",
                    limit="string",
                    path=_where(path),
                )
        elif kind in _SCALARS:
            size += 8
        elif kind is dict or kind is list or isinstance(item, Mapping | list | tuple):
            count = len(item)
            if count > max_members:
                what = "members" if isinstance(item, Mapping) else "items"
                raise JsonLimitError(
                    f"{_where(path)} has {count} {what}; at most {max_members} are accepted",
                    limit="members",
                    path=_where(path),
                )
            if depth >= max_depth:
                raise JsonLimitError(
                    f"JSON nests deeper than {max_depth} levels at {_where(path)}",
                    limit="depth",
                    path=_where(path),
                )
            size += 2 + count
            child_depth = depth + 1
            if isinstance(item, Mapping):
                for key, member in item.items():
                    if type(key) is not str:
                        raise JsonLimitError(
                            f"member name {key!r} at {_where(path)} is not a string",
                            limit="names",
                            path=_where(path),
                        )
                    size += len(key) + 3
                    if len(key) > longest:
                        raise JsonLimitError(
                            f"a member name of {len(key)} characters at {_where(path)} is "
                            f"longer than {longest}",
                            limit="string",
                            path=_where(path),
                        )
                    push((member, child_depth, (path, key)))
            else:
                for index, member in enumerate(item):
                    push((member, child_depth, (path, index)))
        else:
            size += 8
        if nodes > max_nodes:
            raise JsonLimitError(
                f"the value has more than {max_nodes} JSON values (objects, arrays, strings, "
                "numbers)",
                limit="nodes",
                path=_where(path),
            )
        if size > max_bytes:
            raise JsonLimitError(
                f"the value is larger than {max_bytes} bytes as JSON text",
                limit="bytes",
                path=_where(path),
            )
