"""Values that cross to another process as one byte string: pickled once, decoded on demand.

A batch ships three things per task: the job (signer or verifier), a chunk of items, and the
chunk's results. Sent as plain Python objects they cost more than the work on a Dask cluster:
``Client.submit`` hashes every argument to name the task (``tokenize`` walked each credential in
pure Python: about 270 µs per representative badge, half the cost of signing it), walks nested
lists and dicts looking for other tasks, and the scheduler unpickles and re-pickles the task on
its way to a worker. A ``Packed`` value is opaque to all of that: Dask hashes its ``key`` (a
string), the scheduler passes one ``bytes`` object along, and only the worker decodes it. A
process pool gains too: the job is pickled once per batch instead of once per chunk, and a worker
decodes it only the first time it sees the batch.

Within one process (``SequentialExecutor``, a thread pool) nothing is pickled: ``unpack`` returns
the original object.
"""

from __future__ import annotations

import gc
import pickle
from collections import OrderedDict
from typing import Any, Generic, TypeVar

__all__ = ["Packed", "unpack_job"]

T = TypeVar("T")

_UNSET: Any = object()

_WARM_LIMIT = 4
"""Decoded jobs of this many recent batches are kept per worker process."""

_WARM: OrderedDict[str, Any] = OrderedDict()


class Packed(Generic[T]):
    """``value``, pickled at most once when it leaves this process, decoded when first used.

    ``key`` names the value uniquely (a batch token, plus the chunk's first index): it is what
    Dask hashes instead of the value, so two packed values must never share a key.
    """

    __slots__ = ("_data", "_value", "key")

    def __init__(self, value: T, key: str) -> None:
        self._value = value
        self._data: bytes | None = None
        self.key = key

    def __reduce__(self) -> tuple[Any, ...]:
        if self._data is None:
            self._data = pickle.dumps(self._value, protocol=pickle.HIGHEST_PROTOCOL)
        return (_arrived, (self._data, self.key))

    def __dask_tokenize__(self) -> str:
        return self.key

    @property
    def crossed(self) -> bool:
        """True when this is a copy that arrived from another process (not yet decoded)."""
        return self._value is _UNSET

    def unpack(self) -> T:
        """The value (decoded from its bytes the first time, in a process it was sent to)."""
        if self._value is _UNSET:
            assert self._data is not None
            self._value = _loads(self._data)
            self._data = None
        return self._value

    def __repr__(self) -> str:
        return f"Packed(key={self.key!r})"


def _loads(data: bytes) -> Any:
    """Unpickle with the cyclic garbage collector paused.

    A chunk unpickles into tens of thousands of acyclic containers (JSON trees). With the
    collector running, that burst of allocations sets off collections that walk everything the
    process holds, for nothing: measured 19-25 µs per signed badge against 6 µs paused, in a
    caller holding a batch of 1,200-6,000 badges. The collector is restored (if it was on) at
    once; the new objects are collected as usual afterwards.
    """
    if not gc.isenabled():
        return pickle.loads(data)  # noqa: S301 - sent by this batch's caller or its workers
    gc.disable()
    try:
        return pickle.loads(data)  # noqa: S301 - sent by this batch's caller or its workers
    finally:
        gc.enable()


def _arrived(data: bytes, key: str) -> Packed[Any]:
    """Unpickle a ``Packed``: keep the bytes, decode later (or never, for a known job)."""
    packed: Packed[Any] = Packed.__new__(Packed)
    packed._value = _UNSET
    packed._data = data
    packed.key = key
    return packed


def unpack_job(job: Packed[T]) -> T:
    """The job of a batch, decoded once per worker process however many chunks it runs.

    A signer or verifier built once keeps its caches (keys, contexts, DID documents, status
    lists) for every later chunk of the batch.
    """
    if not job.crossed:
        return job.unpack()
    kept = _WARM.get(job.key, _UNSET)
    if kept is not _UNSET:
        _WARM.move_to_end(job.key)
        return kept  # type: ignore[no-any-return]
    value = job.unpack()
    _WARM[job.key] = value
    while len(_WARM) > _WARM_LIMIT:
        _WARM.popitem(last=False)
    return value
