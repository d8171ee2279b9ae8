"""``JsonLimitError``, kept out of the compiled ``limits`` module.

mypyc compiles classes of a compiled module as native classes, which have no ``__dict__``: the
error could then not travel back from a batch worker process (``VckitError.__reduce__`` restores
its attributes through ``__dict__``). Defined here, interpreted, it stays an ordinary exception;
``vckit._codec.limits`` re-exports it.
"""

from __future__ import annotations

from vckit.errors import ParseError

__all__ = ["JsonLimitError"]


class JsonLimitError(ParseError):
    """A JSON value is larger than a limit allows; ``limit`` names which (``"nodes"``, ...)."""

    def __init__(self, message: str, *, limit: str, path: str) -> None:
        super().__init__(message)
        self.limit = limit
        self.path = path
