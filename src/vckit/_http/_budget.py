"""A network budget: how many fetches, and how much time, one piece of work may spend.

A verification of untrusted input can name any number of URLs (256 embedded JWTs from 256
did:web issuers, say). :func:`fetch_budget` sets a budget for the code inside it, through a
``ContextVar`` so it follows the work into threads started with ``contextvars.copy_context`` and
into every asyncio task; each :func:`~vckit._http.fetch` / :func:`~vckit._http.afetch` charges
one fetch before its first request, and its deadline is cut to the budget's remaining time.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from vckit.errors import FetchBudgetExceededError

__all__ = ["FetchAccount", "FetchBudget", "current_account", "fetch_budget"]


@dataclass(frozen=True)
class FetchBudget:
    """At most ``max_fetches`` fetches and ``max_seconds`` of wall time, redirects included."""

    max_fetches: int = 16
    max_seconds: float = 20.0

    def __post_init__(self) -> None:
        if self.max_fetches < 0:
            raise ValueError("FetchBudget.max_fetches must be >= 0")
        if not self.max_seconds > 0:
            raise ValueError("FetchBudget.max_seconds must be > 0")


class FetchAccount:
    """What has been spent of one budget (and of the budgets around it, when nested)."""

    def __init__(self, budget: FetchBudget, parent: FetchAccount | None = None) -> None:
        self.budget = budget
        self.fetches = 0
        self._parent = parent
        self._deadline = time.monotonic() + budget.max_seconds
        self._lock = threading.Lock()

    @property
    def deadline(self) -> float:
        """The ``time.monotonic()`` value at which this budget (or an outer one) runs out."""
        if self._parent is None:
            return self._deadline
        return min(self._deadline, self._parent.deadline)

    def remaining(self) -> float:
        """Seconds left (negative once spent)."""
        return self.deadline - time.monotonic()

    def charge(self, url: str) -> None:
        """Count one fetch of ``url`` here and in every outer budget; raise when any of them has
        no fetch or no time left (then nothing is counted)."""
        with self._lock:
            if self.fetches >= self.budget.max_fetches:
                raise FetchBudgetExceededError(
                    f"fetch budget of {self.budget.max_fetches} fetches exhausted", url=url
                )
            if self.remaining() <= 0:
                raise self.out_of_time(url)
            if self._parent is not None:
                self._parent.charge(url)
            self.fetches += 1

    def out_of_time(self, url: str) -> FetchBudgetExceededError:
        return FetchBudgetExceededError(
            f"fetch budget of {self.budget.max_seconds:g} s exhausted", url=url
        )


_CURRENT: ContextVar[FetchAccount | None] = ContextVar("vckit_fetch_budget", default=None)


def current_account() -> FetchAccount | None:
    """The account of the innermost :func:`fetch_budget` around the caller, if any."""
    return _CURRENT.get()


@contextlib.contextmanager
def fetch_budget(budget: FetchBudget | None = None) -> Iterator[FetchAccount]:
    """Charge every fetch inside the ``with`` block to ``budget`` (default ``FetchBudget()``).

    Budgets nest: a fetch charges the inner budget and every outer one. The account it yields
    tells how many fetches were made.
    """
    account = FetchAccount(budget or FetchBudget(), _CURRENT.get())
    token = _CURRENT.set(account)
    try:
        yield account
    finally:
        _CURRENT.reset(token)
