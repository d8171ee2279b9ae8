"""``TransformError``, kept out of the compiled ``_transform`` module.

mypyc compiles classes of a compiled module as native classes without a ``__dict__``, which
``VckitError.__reduce__`` needs to carry the error back from a batch worker process. Defined
here, interpreted, it stays an ordinary exception; ``_transform`` re-exports it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vckit.errors import VckitError

__all__ = ["TransformError"]


class TransformError(VckitError):
    """The document (or proof configuration) could not be canonicalized.

    ``reason`` is a short machine word (``"context"``, ``"canonicalization"``, ``"data-loss"``,
    ``"json"``) so the engine can pick the problem code without parsing messages.
    """

    def __init__(self, message: str, *, reason: str, detail: Mapping[str, Any] | None = None):
        super().__init__(message)
        self.reason = reason
        self.detail = dict(detail or {})
