"""Ordered, streaming execution of chunked work on any ``concurrent.futures.Executor``.

Inputs may be endless generators and outputs are consumed one by one, so at most
``max_in_flight`` chunks exist at any time: memory stays flat however large the batch. Results
come back in input order (the oldest chunk is always awaited first). A chunk whose whole task
failed (a worker process died, the job could not be pickled) yields one error per item, so the
caller still gets exactly one result per input.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from typing import Any, TypeVar

from vckit.batch._results import BatchItemError, BatchResult

__all__ = ["SequentialExecutor", "run_chunks"]

J = TypeVar("J")
T = TypeVar("T")

ChunkFunction = Callable[[J, list[tuple[int, Any]]], list[BatchResult[T]]]


class SequentialExecutor(Executor):
    """Runs each task in the calling thread when submitted: for debugging, tests and tiny jobs."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # delivered through the future, as a pool would
            future.set_exception(exc)
        return future


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[tuple[int, Any]]]:
    numbered = enumerate(items)
    while chunk := list(itertools.islice(numbered, size)):
        yield chunk


def run_chunks(
    function: ChunkFunction[J, T],
    job: J,
    items: Iterable[Any],
    *,
    executor: Executor,
    chunk_size: int,
    max_in_flight: int,
    progress: Callable[[int], None] | None = None,
) -> Iterator[BatchResult[T]]:
    """Yield ``function(job, chunk)``'s results for every chunk of ``items``, in input order."""
    if chunk_size < 1:
        raise ValueError("chunk_size must be >= 1")
    if max_in_flight < 1:
        raise ValueError("max_in_flight must be >= 1")
    pending: deque[tuple[Future[list[BatchResult[T]]], list[int]]] = deque()
    done = 0
    try:
        for chunk in _chunks(items, chunk_size):
            indexes = [index for index, _ in chunk]
            pending.append((executor.submit(function, job, chunk), indexes))
            while len(pending) >= max_in_flight:
                for result in _collect(*pending.popleft()):
                    done += 1
                    yield result
                if progress is not None:
                    progress(done)
        while pending:
            for result in _collect(*pending.popleft()):
                done += 1
                yield result
            if progress is not None:
                progress(done)
    finally:
        for future, _ in pending:  # the consumer stopped early: drop work not yet started
            future.cancel()


def _collect(future: Future[list[BatchResult[T]]], indexes: list[int]) -> list[BatchResult[T]]:
    try:
        results = future.result()
    except Exception as exc:  # the chunk as a whole failed: every item reports it
        error = BatchItemError(
            f"the chunk holding items {indexes[0]}-{indexes[-1]} failed: {exc!r}"
        )
        error.__cause__ = exc
        return [BatchResult(index, error=error) for index in indexes]
    if [r.index for r in results] != indexes:  # a worker must answer for exactly its items
        error = BatchItemError("a worker returned results for other items than it was given")
        return [BatchResult(index, error=error) for index in indexes]
    return results
