"""JSON paths for safe-mode errors, built lazily.

The emitter passes a path as a linked chain of ``(parent, key_or_index)`` tuples: one small tuple
per step, and a string only when an error is actually reported.
"""

from __future__ import annotations

import re
from typing import Any, Final, TypeAlias

__all__ = ["Path", "format_path"]

# ``(parent, step)`` where ``parent`` is a ``Path`` again. Written with ``Any`` for the parent:
# mypyc (the compiled build) crashes on a recursive type alias.
Path: TypeAlias = tuple[Any, str | int] | None

_PLAIN_KEY: Final = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def format_path(path: Path) -> str:
    """``$.credentialSubject.achievement.foo`` / ``$.type[1]`` / ``$['@context']``."""
    parts: list[str] = []
    while path is not None:
        path, step = path
        if isinstance(step, int):
            parts.append(f"[{step}]")
        elif _PLAIN_KEY.match(step):
            parts.append("." + step)
        else:
            parts.append("[" + repr(step) + "]")
    return "$" + "".join(reversed(parts))
