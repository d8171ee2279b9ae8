"""The internal signal that stops a verification step.

Checks deep inside parsing raise ``Rejected``; the public ``verify_*`` functions catch it and turn
it into a ``Problem`` on the result, so no exception crosses the public boundary for bad input.
"""

from __future__ import annotations

from typing import Any

from vckit.problems import Problem

__all__ = ["Rejected"]


class Rejected(Exception):
    """A check failed; ``problem`` says which and why."""

    def __init__(self, code: str, message: str, **detail: Any) -> None:
        super().__init__(message)
        self.problem = Problem(code, message, detail)
