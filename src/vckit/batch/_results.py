"""What a batch yields: one ``BatchResult`` per input item, in input order."""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from typing import Generic, TypeVar

from vckit.errors import VckitError

__all__ = ["BatchItemError", "BatchResult", "RefusedItem", "portable_error"]

T = TypeVar("T")


class BatchItemError(VckitError):
    """Stands in for an item's exception that could not travel back from a worker process.

    The message keeps the original type name and text; everything that pickles (every vckit
    error) is returned as itself.
    """


@dataclass(frozen=True, slots=True)
class BatchResult(Generic[T]):
    """The outcome for the item at ``index`` of the input.

    Exactly one of ``output`` (the signed credential or JWT, or the verification report) and
    ``error`` (why this item could not be processed) is set. One item's error never stops the
    batch. A verification that ran and found the credential bad is an ``output`` (a report whose
    ``verified`` is False), not an ``error``.
    """

    index: int
    output: T | None = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        """True when the item produced an output."""
        return self.error is None

    def __bool__(self) -> bool:
        raise TypeError("use result.ok (and report.verified for verification outputs)")

    def __reduce__(self) -> tuple[type[BatchResult[T]], tuple[int, T | None, BaseException | None]]:
        # Results travel back from workers by the thousand: the constructor is several times
        # cheaper than the dataclass default (which walks ``fields()`` for every result).
        return (type(self), (self.index, self.output, self.error))


def portable_error(error: BaseException) -> BaseException:
    """``error`` itself when it survives pickling, else a ``BatchItemError`` describing it."""
    try:
        pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes, just made
    except Exception:
        return BatchItemError(f"{type(error).__name__}: {error}")
    return error


class RefusedItem:
    """An item that failed before it reached a worker (e.g. its status could not be allocated).

    It travels to the worker in the item's place, so the error is reported at the item's index
    and in order, like any other result.
    """

    __slots__ = ("error",)

    def __init__(self, error: BaseException) -> None:
        self.error = error

    def __reduce__(self) -> tuple[type[RefusedItem], tuple[BaseException]]:
        return (RefusedItem, (self.error,))
