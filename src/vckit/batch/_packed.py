"""Values that cross to another process as one byte string: written once, decoded on demand.

A batch ships three things per task: the job (signer or verifier), a chunk of items, and the
chunk's results. Sent as plain Python objects they cost more than the work on a Dask cluster:
``Client.submit`` hashes every argument to name the task (``tokenize`` walked each credential in
pure Python: about 270 µs per representative badge, half the cost of signing it), walks nested
lists and dicts looking for other tasks, and the scheduler unpickles and re-pickles the task on
its way to a worker. A ``Packed`` value is opaque to all of that: Dask hashes its ``key`` (a
string), the scheduler passes one ``bytes`` object along, and only the worker decodes it. A
process pool gains too: the job is pickled once per batch instead of once per chunk, and a worker
decodes it only the first time it sees the batch.

A chunk of items that is plain data (``vckit._codec.plaincopy``: exact dicts, lists, strings,
numbers) crosses as ``marshal`` bytes of a copy whose equal strings are one object, which a
worker reads three to four times faster than a pickle and which takes a third of the bytes.

Within one process (``SequentialExecutor``, a thread pool) nothing is pickled: ``unpack`` returns
the original object.
"""

from __future__ import annotations

import gc
import marshal
import pickle
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

from vckit._codec.plaincopy import NotPlain, copy_plain

__all__ = ["Packed", "gc_paused", "unpack_job"]

T = TypeVar("T")

_UNSET: Any = object()

_WARM_LIMIT = 4
"""Decoded jobs of this many recent batches are kept per worker process."""

_WARM: OrderedDict[str, Any] = OrderedDict()


class Packed(Generic[T]):
    """``value``, written at most once when it leaves this process, decoded when first used.

    ``key`` names the value uniquely (a batch token, plus the chunk's first index): it is what
    Dask hashes instead of the value, so two packed values must never share a key.

    ``as_data=True`` (chunks of items) first tries to write ``value`` as plain data
    (``_dumps_data``, ``marshal``); ``plain`` then tells the receiving side so, and that the
    value is built-in containers and scalars only, with no container in two places.
    """

    __slots__ = ("_as_data", "_data", "_value", "key", "plain")

    def __init__(self, value: T, key: str, *, as_data: bool = False) -> None:
        self._value = value
        self._data: bytes | None = None
        self._as_data = as_data
        self.key = key
        self.plain = False

    def __reduce__(self) -> tuple[Any, ...]:
        if self._data is None:
            data = _dumps_data(self._value) if self._as_data else None
            self.plain = data is not None
            if data is None:
                data = pickle.dumps(self._value, protocol=pickle.HIGHEST_PROTOCOL)
            self._data = data
        return (_arrived, (self._data, self.key, self.plain))

    def __dask_tokenize__(self) -> str:
        return self.key

    @property
    def crossed(self) -> bool:
        """True when this is a copy that arrived from another process (not yet decoded)."""
        return self._value is _UNSET

    def unpack(self) -> T:
        """The value (decoded from its bytes the first time, in a process it was sent to)."""
        if self._value is _UNSET:
            if self._data is None:
                raise RuntimeError(f"{self!r} was taken: it is decoded once only")
            self._value = _loads(self._data, self.plain)
            self._data = None
        return self._value

    def take(self) -> T:
        """The value, decoded without being kept: for a chunk a worker uses once.

        The worker's task (and Dask, which holds a task's arguments until it is released) then
        keeps neither the bytes nor the thousands of objects decoded from them.
        """
        if self._value is _UNSET:
            if self._data is None:
                raise RuntimeError(f"{self!r} was taken: it is decoded once only")
            data, self._data = self._data, None
            return _loads(data, self.plain)  # type: ignore[no-any-return]
        return self._value

    @classmethod
    def sealed(cls, value: T, key: str, *, as_data: bool = False) -> Packed[T]:
        """``value`` written now, holding only the bytes: results a worker sends back, and
        chunks the caller sends to another process.

        Writing with the collector paused (``gc_paused``) lets the objects made on the way (a
        chunk's copy, a worker's results) go as soon as they are written: made and dropped in a
        burst with the collector running, they would be walked by young collections, promoted,
        and set off full collections of everything the process holds.
        """
        packed: Packed[T] = cls(value, key, as_data=as_data)
        with gc_paused():
            packed.__reduce__()
        packed._value = _UNSET
        return packed

    def __repr__(self) -> str:
        return f"Packed(key={self.key!r})"


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector paused for the block, then restored if it was on.

    Batch work allocates in bursts (a chunk unpickles into tens of thousands of acyclic JSON
    containers; signing a chunk creates and drops as many) and keeps each chunk alive for the
    whole chunk, so a running collector keeps walking the chunk, and whatever else the process
    holds, for nothing: unpickling measured 19-25 µs per signed badge against 6 µs paused, in a
    caller holding a batch of 1,200-6,000 badges. Objects are still freed by reference counting
    meanwhile; cycles made in the block are collected as usual once it ends.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _loads(data: bytes, plain: bool) -> Any:
    with gc_paused():
        if plain:
            return marshal.loads(data)  # noqa: S302 - written by this batch
        return pickle.loads(data)  # noqa: S301 - sent by this batch's caller or its workers


def _arrived(data: bytes, key: str, plain: bool = False) -> Packed[Any]:
    """Unpickle a ``Packed``: keep the bytes, decode later (or never, for a known job)."""
    packed: Packed[Any] = Packed.__new__(Packed)
    packed._value = _UNSET
    packed._data = data
    packed._as_data = plain
    packed.key = key
    packed.plain = plain
    return packed


MARSHAL_VERSION = 4
"""With back-references, so that a string met again is written once (containers are not shared:
``copy_plain`` makes each anew, and ``marshal`` refers back only to an object met twice)."""


def _dumps_data(value: Any) -> bytes | None:
    """``value`` written as plain data, or None when it is not plain data.

    ``copy_plain`` copies it with each distinct string once; ``marshal`` then writes every
    repeated string as a back-reference. A representative badge: about 8 µs here, 780 bytes,
    and 3 µs to read, against 3 µs, 2,500 bytes and 9-12 µs for a pickle: the worker, whose
    core signs and verifies, reads it faster, and both sides move a third of the bytes. The
    copy a worker decodes shares no container between two places (a ``dict`` the caller put in
    two badges becomes two dicts, as ``vckit.issue``'s own copy makes it). A cycle, or anything
    but exact built-in JSON-like types, is not plain data: such a value is pickled the
    ordinary way.
    """
    try:
        copied = copy_plain(value)
    except (NotPlain, RecursionError):
        return None
    return marshal.dumps(copied, MARSHAL_VERSION)


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
