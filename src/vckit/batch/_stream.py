"""Ordered, streaming execution of chunked work on any ``concurrent.futures.Executor``.

Inputs may be endless generators and outputs are consumed one by one, so at most
``max_in_flight`` chunks exist at any time: memory stays flat however large the batch. Results
come back in input order (the oldest chunk is always awaited first). A chunk whose whole task
failed (a worker process died, the job could not be pickled) yields one error per item, so the
caller still gets exactly one result per input.

What crosses to a worker is packed (``_packed``): the job once per batch, each chunk as its first
index and a list of items, and its answer as one byte string, so neither a process pool nor Dask
walks the credentials one object at a time on the caller's core.

The caller's core is one the workers need, and most of what it would spend per item goes to the
garbage collector: objects made a chunk at a time and kept until the chunk is consumed survive
young collections, and every few chunks push a full collection that walks everything the caller
holds (its whole batch of credentials: 130-175 ms for 12,000 badges, 22-29 µs a badge). So the
caller makes no object per item until the item is delivered: a chunk is its first index and the
caller's own list of items (no ``(index, item)`` pairs), an answer is a list of byte strings
(which the collector does not track), and each result is decoded and wrapped only when the
consumer asks for it, so a result the consumer drops dies young. ``SequentialExecutor`` runs
item by item for the same reason.
"""

from __future__ import annotations

import itertools
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from typing import Any, Protocol, TypeVar

from vckit.batch._packed import Packed, gc_paused, unpack_job
from vckit.batch._results import BatchItemError, BatchResult
from vckit.batch._sizing import crosses_processes

__all__ = ["ChunkFunction", "OutputCodec", "SequentialExecutor", "length_of", "run_chunks"]

J = TypeVar("J")
T = TypeVar("T")

ChunkFunction = Callable[[J, list[tuple[int, Any]], bool], list[BatchResult[T]]]
"""``function(job, [(index, item), ...], owned)``: one result per item, in order.

``owned`` is True when the items were decoded in this process from a chunk that crossed as plain
data (``Packed.plain``): fresh built-in containers that nothing else holds and that share no
object with each other, which the function may consume (change, return) instead of copying.
"""

Chunk = tuple[int, list[Any]]
"""What a chunk carries: the index of its first item, and its items."""


class SequentialExecutor(Executor):
    """Runs each task in the calling thread when submitted: for debugging, tests and tiny jobs.

    ``run_chunks`` does not submit chunks to it: it runs the work item by item (``_inline``).
    """

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # delivered through the future, as a pool would
            future.set_exception(exc)
        return future


class OutputCodec(Protocol):
    """How a job's outputs travel back compactly: ``compact`` in the worker, ``expand`` here.

    Per chunk, in the worker: ``begin()`` makes the state ``compact`` may share between the
    chunk's outputs (say, a table of what recurs in them), and ``table(state)`` is what the
    chunk's answer carries besides the outputs. Here: ``receive(table)`` decodes that once per
    chunk, and ``expand(output, item, received)`` runs when the consumer asks for the item's
    result, with the caller's own item.
    """

    def begin(self) -> Any: ...

    def compact(self, output: Any, item: Any, state: Any) -> Any: ...

    def table(self, state: Any) -> Any: ...

    def receive(self, table: Any) -> Any: ...

    def expand(self, output: Any, item: Any, received: Any) -> Any: ...


class Answer:
    """A worker's answer for a whole chunk: the compacted outputs by position, and the errors.

    ``outputs[i]`` is the output for the chunk's ``i``-th item (None where it failed);
    ``errors`` maps the position of each failed item to its error (None when none failed);
    ``table`` is what the codec shares between the chunk's outputs (``OutputCodec.table``).
    """

    __slots__ = ("errors", "outputs", "table")

    def __init__(
        self, outputs: list[Any], errors: dict[int, BaseException] | None, table: Any = None
    ) -> None:
        self.outputs = outputs
        self.errors = errors
        self.table = table

    def __reduce__(self) -> tuple[type[Answer], tuple[Any, ...]]:
        return (Answer, (self.outputs, self.errors, self.table))


def _chunks(
    items: Iterable[Any],
    size: int,
    total: int | None,
    workers: int,
    remaining: Callable[[], int | None] | None = None,
) -> Iterator[Chunk]:
    """Chunks of at most ``size`` items; near the end of an input of known length, smaller ones.

    When fewer than ``workers`` full chunks remain, each chunk takes ``1/workers`` of what is
    left (guided self-scheduling, down to ``size // 8``), so every worker gets a share of the
    tail and all finish together, instead of one working through a last large chunk while the
    others wait (a last chunk of 64 of a thousand badges on two workers: up to 13 % of the run).
    Without a length, ``remaining()`` (an estimate of the items not yet read, or None) does.
    """
    source = iter(items)
    floor = max(1, size // 8)
    start = 0
    while True:
        take = size
        left = total - start if total is not None else remaining() if remaining else None
        if left is not None:
            take = min(size, max(floor, -(-left // workers)))
        chunk = list(itertools.islice(source, take))
        if not chunk:
            return
        yield start, chunk
        start += len(chunk)


def _numbered(start: int, values: list[Any]) -> list[tuple[int, Any]]:
    return list(enumerate(values, start))


def _run_packed(
    function: ChunkFunction[J, T],
    codec: OutputCodec | None,
    job: Packed[J],
    chunk: Packed[Chunk],
) -> Packed[Any]:
    """The task a worker runs: decode the chunk (and the job, once per batch), pack the answer.

    In a worker process the chunk runs with the garbage collector paused (``gc_paused``): its
    items and results live for the whole chunk, and collections set off by the work would walk
    them, and all the worker holds, again and again. The answer is pickled and the items dropped
    before the collector resumes, so its first collection has nothing of the chunk left to walk.
    """
    if not chunk.crossed:
        start, values = chunk.unpack()
        return Packed(function(unpack_job(job), _numbered(start, values), False), chunk.key)
    with gc_paused():
        start, values = chunk.take()
        items = _numbered(start, values)
        del values
        results = function(unpack_job(job), items, chunk.plain)
        sealed = Packed.sealed(_answer(results, items, codec), chunk.key)
        del items, results
    return sealed


def _answer(
    results: list[BatchResult[Any]],
    items: list[tuple[int, Any]],
    codec: OutputCodec | None,
) -> Answer | list[BatchResult[Any]]:
    """The chunk's results as an ``Answer``; as they are if they do not answer for ``items``."""
    if len(results) != len(items):
        return results
    if any(result.index != index for result, (index, _) in zip(results, items, strict=True)):
        return results  # the caller reports it
    outputs: list[Any] = []
    errors: dict[int, BaseException] = {}
    state = None if codec is None else codec.begin()
    for position, (result, (_, item)) in enumerate(zip(results, items, strict=True)):
        if result.error is not None:
            outputs.append(None)
            errors[position] = result.error
        elif codec is None:
            outputs.append(result.output)
        else:
            outputs.append(codec.compact(result.output, item, state))
    table = None if codec is None else codec.table(state)
    return Answer(outputs, errors or None, table)


def run_chunks(
    function: ChunkFunction[J, T],
    job: J,
    items: Iterable[Any],
    *,
    executor: Executor,
    chunk_size: int,
    max_in_flight: int,
    progress: Callable[[int], None] | None = None,
    codec: OutputCodec | None = None,
    length: int | None = None,
    remaining: Callable[[], int | None] | None = None,
    workers: int | None = None,
) -> Iterator[BatchResult[T]]:
    """Yield ``function(job, chunk, owned)``'s results for every chunk of ``items``, in order.

    ``codec`` (a module-level object, so it pickles by reference) shrinks each output for the
    trip back from a worker process and restores it here; in-process executors skip it.
    ``length`` is the number of items when ``items`` cannot say (a generator over a list);
    ``remaining()`` estimates the items not yet read when nothing knows the length (a file);
    ``workers`` how many chunks the executor runs at once (default: ``max_in_flight``).
    ``progress(done)`` is called after each chunk (each ``chunk_size`` items, in sequence).
    """
    if chunk_size < 1:
        raise ValueError("chunk_size must be >= 1")
    if max_in_flight < 1:
        raise ValueError("max_in_flight must be >= 1")
    if isinstance(executor, SequentialExecutor):
        yield from _inline(function, job, items, chunk_size, progress)
        return
    total = length if length is not None else length_of(items)
    eager = crosses_processes(executor)
    token = uuid.uuid4().hex
    packed_job = Packed(job, token)
    pending: deque[tuple[Future[Packed[Any]], Chunk]] = deque()
    done = 0
    try:
        for chunk in _chunks(items, chunk_size, total, workers or max_in_flight, remaining):
            key = f"{token}-{chunk[0]}"
            if eager:  # written here, collector paused, not later in the executor's thread
                packed = Packed.sealed(chunk, key, as_data=True)
            else:
                packed = Packed(chunk, key, as_data=True)
            future = executor.submit(_run_packed, function, codec, packed_job, packed)
            pending.append((future, chunk))
            while len(pending) >= max_in_flight:
                for result in _deliver(*pending.popleft(), codec):
                    done += 1
                    yield result
                if progress is not None:
                    progress(done)
        while pending:
            for result in _deliver(*pending.popleft(), codec):
                done += 1
                yield result
            if progress is not None:
                progress(done)
    finally:
        for future, _ in pending:  # the consumer stopped early: drop work not yet started
            future.cancel()


def _inline(
    function: ChunkFunction[J, T],
    job: J,
    items: Iterable[Any],
    chunk_size: int,
    progress: Callable[[int], None] | None,
) -> Iterator[BatchResult[T]]:
    """The work in the calling thread, one item at a time, each result made when asked for.

    Whole chunks of outputs made at once and kept until consumed would be promoted by the
    garbage collector and set off full collections of everything the caller holds (measured:
    about a tenth of the time of signing a batch of badges).
    """
    done = 0
    for index, item in enumerate(items):
        try:
            results = function(job, [(index, item)], False)
        except Exception as exc:
            results = _failed(range(index, index + 1), exc)
        if len(results) != 1 or results[0].index != index:
            results = _strangers(range(index, index + 1))
        done += 1
        yield results[0]
        if progress is not None and done % chunk_size == 0:
            progress(done)
    if progress is not None and done % chunk_size:
        progress(done)


def length_of(items: Iterable[Any]) -> int | None:
    """``len(items)``, or None for an iterable without a length (a generator, a file)."""
    try:
        return len(items)  # type: ignore[arg-type]
    except TypeError:
        return None


def _failed(indexes: range, exc: Exception) -> list[BatchResult[Any]]:
    error = BatchItemError(f"the chunk holding items {indexes[0]}-{indexes[-1]} failed: {exc!r}")
    error.__cause__ = exc
    return [BatchResult(index, error=error) for index in indexes]


def _strangers(indexes: range) -> list[BatchResult[Any]]:
    error = BatchItemError("a worker returned results for other items than it was given")
    return [BatchResult(index, error=error) for index in indexes]


def _deliver(
    future: Future[Packed[Any]], chunk: Chunk, codec: OutputCodec | None
) -> Iterator[BatchResult[Any]]:
    """The chunk's results, each decoded (``codec.expand``) and wrapped when asked for."""
    start, values = chunk
    indexes = range(start, start + len(values))
    try:
        packed = future.result()
        crossed = packed.crossed
        answer = packed.unpack()
    except Exception as exc:  # the chunk as a whole failed: every item reports it
        yield from _failed(indexes, exc)
        return
    if type(answer) is not Answer:  # in-process results, or a worker answering for others
        if [result.index for result in answer] != list(indexes):
            yield from _strangers(indexes)
        else:
            yield from answer
        return
    outputs, errors, table = answer.outputs, answer.errors, answer.table
    if len(outputs) != len(values):
        yield from _strangers(indexes)
        return
    if not crossed or codec is None:
        for position, output in enumerate(outputs):
            if errors is not None and position in errors:
                yield BatchResult(start + position, error=errors[position])
            else:
                yield BatchResult(start + position, output, None)
        return
    expand = codec.expand
    try:
        received = codec.receive(table)
    except Exception as exc:  # an answer this process cannot read: every item reports it
        yield from _failed(indexes, exc)
        return
    for position, output in enumerate(outputs):
        if errors is not None and position in errors:
            yield BatchResult(start + position, error=errors[position])
        else:
            yield BatchResult(start + position, expand(output, values[position], received), None)
