"""Size limits for JSON values that arrive already parsed (a ``dict`` handed to a verifier).

JSON *text* is bounded by ``strict_json`` (bytes and depth) before it is parsed; a ``dict`` a
caller passes in has no such gate, and everything after it (models, validation, JSON-LD,
canonicalization) costs time per member. A 300,000-key object costs seconds in pydantic and in
validation before anything refuses it. ``check_json_limits`` walks the value once, iteratively,
and stops at the first limit crossed, so refusing a huge value costs about as much as looking at
the part of it up to the limit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Final

from vckit._codec.limit_error import JsonLimitError
from vckit._codec.strict_json import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH

__all__ = [
    "DEFAULT_MAX_MEMBERS",
    "DEFAULT_MAX_NODES",
    "JsonLimitError",
    "check_json_limits",
    "json_shape",
]

#: Values (objects, arrays, strings, numbers, literals) in one document. A representative
#: Open Badge has a few hundred; a CLR with a thousand embedded badges stays well below.
DEFAULT_MAX_NODES: Final = 200_000
#: Members of one object or items of one array. No credential structure comes near it.
DEFAULT_MAX_MEMBERS: Final = 10_000

_SCALARS: Final = frozenset({int, float, bool, type(None)})
# ``str.isascii`` called directly (``_isascii(text)``): compiled, ``text.isascii()`` on a value
# typed ``Any`` is a generic method lookup per string; the descriptor is one vectorcall.
_isascii: Final = str.isascii


def _where(path: tuple[Any, ...] | None) -> str:
    """Format a path kept as a linked list ``(parent, key)`` (cheap to extend per child)."""
    parts: list[Any] = []
    while path is not None:
        path, part = path
        parts.append(part)
    text = "$"
    parts.reverse()
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{str(part)[:64]}"
    return text


def _text(value: str, path: Any) -> None:
    """A string JSON text can carry: valid UTF-8, so no lone surrogate."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise JsonLimitError(
            f"the string at {_where(path)} contains a lone surrogate",
            limit="type",
            path=_where(path),
        ) from None


def _scalar(value: Any, path: Any) -> None:
    """A number, boolean or null JSON text can carry: finite, and of a JSON type."""
    if isinstance(value, float):
        if value != value or value in (math.inf, -math.inf):
            raise JsonLimitError(
                f"{value!r} at {_where(path)} is not a JSON number (NaN and infinities are not)",
                limit="type",
                path=_where(path),
            )
    elif value is not None and not isinstance(value, (int, str)):  # int covers bool
        raise JsonLimitError(
            f"{type(value).__name__} at {_where(path)} is not a JSON value",
            limit="type",
            path=_where(path),
        )


def _too_long(path: Any, key: str | int, value: str, longest: int) -> None:
    """Raise for the member name ``key`` or its string ``value``, whichever is too long."""
    if isinstance(key, str) and len(key) > longest:
        raise JsonLimitError(
            f"a member name of {len(key)} characters at {_where(path)} is longer than {longest}",
            limit="string",
            path=_where(path),
        )
    where = _where((path, key))
    raise JsonLimitError(
        f"a string of {len(value)} characters at {where} is longer than {longest}",
        limit="string",
        path=where,
    )


def check_json_limits(
    value: Any,
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    max_members: int = DEFAULT_MAX_MEMBERS,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_string: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    json_types: bool = False,
) -> bool:
    """Raise ``JsonLimitError`` (a ``ParseError``) when ``value`` is too large to process.

    Limits: ``max_nodes`` values in total, ``max_members`` members per object (or items per
    array), ``max_depth`` levels of nesting, ``max_string`` characters in one string or member
    name (``None``: only ``max_bytes`` bounds it) and ``max_bytes``, an estimate of the size of
    the value as JSON text (string and name lengths plus punctuation; numbers count 8). Object
    member names must be strings. Anything that is not a JSON container or string (numbers,
    booleans, ``None``, foreign objects) counts as one node; other layers judge its type, unless
    ``json_types=True``: then only what JSON text can hold passes (str, int, finite float, bool,
    ``None``, dict and list and their subclasses; no lone surrogates), refused as
    ``JsonLimitError`` with ``limit="type"``. The verification pipeline asks for that, once per
    credential, so the layers below it need not walk the document again.

    Returns whether an object below the top level has an ``@context`` member: the pipeline's
    context check then knows, without a walk of its own, whether only the top-level rules apply.
    """
    return json_shape(
        value,
        max_nodes=max_nodes,
        max_members=max_members,
        max_depth=max_depth,
        max_string=max_string,
        max_bytes=max_bytes,
        json_types=json_types,
    )[0]


def json_shape(
    value: Any,
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    max_members: int = DEFAULT_MAX_MEMBERS,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_string: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    json_types: bool = False,
) -> tuple[bool, int]:
    """``check_json_limits``, also returning the depth of the deepest container (0: the value
    itself, or no container at all).

    With both facts the Data Integrity engine knows, without a walk of its own, that the context
    allow-list walk could only find the top-level ``@context`` URLs and stay within its own depth
    bound (``vckit.proofs.dataintegrity._transform.check_top_contexts``).
    """
    longest = max_bytes if max_string is None else max_string
    kind = type(value)
    if kind is str or not (
        kind is dict or kind is list or isinstance(value, Mapping | list | tuple)
    ):
        if kind is str and len(value) > longest:
            raise JsonLimitError(
                f"a string of {len(value)} characters at $ is longer than {longest}",
                limit="string",
                path="$",
            )
        return False, 0
    nested_context = False
    deepest = 0
    nodes = 1
    size = 0
    # Only containers go on the stack (scalars are sized in their parent's loop); a path is a
    # linked list (parent, key), formatted only when a limit is crossed.
    stack: list[tuple[Any, int, Any]] = [(value, 0, None)]
    while stack:
        item, depth, path = stack.pop()
        if json_types and not isinstance(item, (dict, list)):
            raise JsonLimitError(
                f"{type(item).__name__} at {_where(path)} is not a JSON value",
                limit="type",
                path=_where(path),
            )
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
        nodes += count
        if nodes > max_nodes:
            raise JsonLimitError(
                f"the value has more than {max_nodes} JSON values (objects, arrays, strings, "
                "numbers)",
                limit="nodes",
                path=_where(path),
            )
        size += 2 + count
        child_depth = depth + 1
        if depth > deepest:
            deepest = depth
        if type(item) is dict or (type(item) is not list and isinstance(item, Mapping)):
            members: dict[Any, Any] = item if type(item) is dict else dict(item)
            if path is not None and "@context" in members:
                nested_context = True
            for key, member in members.items():
                if type(key) is not str:
                    raise JsonLimitError(
                        f"member name {key!r} at {_where(path)} is not a string",
                        limit="names",
                        path=_where(path),
                    )
                if json_types and not _isascii(key):
                    _text(key, path)
                kind = type(member)
                if kind is str:
                    length = len(member)
                    size += length + len(key) + 5
                    if length > longest or len(key) > longest:
                        _too_long(path, key, member, longest)
                    if json_types and not _isascii(member):
                        _text(member, (path, key))
                elif (
                    kind is dict
                    or kind is list
                    or (kind not in _SCALARS and isinstance(member, Mapping | list | tuple))
                ):
                    size += len(key) + 3
                    if len(key) > longest:
                        _too_long(path, key, "", longest)
                    stack.append((member, child_depth, (path, key)))
                else:
                    size += len(key) + 11
                    if len(key) > longest:
                        _too_long(path, key, "", longest)
                    if json_types:
                        _scalar(member, (path, key))
        else:
            items: list[Any] = item if type(item) is list else list(item)
            for index, member in enumerate(items):
                kind = type(member)
                if kind is str:
                    length = len(member)
                    size += length + 2
                    if length > longest:
                        _too_long(path, index, member, longest)
                    if json_types and not _isascii(member):
                        _text(member, (path, index))
                elif (
                    kind is dict
                    or kind is list
                    or (kind not in _SCALARS and isinstance(member, Mapping | list | tuple))
                ):
                    stack.append((member, child_depth, (path, index)))
                else:
                    size += 8
                    if json_types:
                        _scalar(member, (path, index))
        if size > max_bytes:
            raise JsonLimitError(
                f"the value is larger than {max_bytes} bytes as JSON text",
                limit="bytes",
                path=_where(path),
            )
    return nested_context, deepest
