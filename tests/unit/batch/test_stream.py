"""The batch engine: order, per-item errors, bounded memory, early stop — on any executor."""

from __future__ import annotations

import threading
import time
import tracemalloc
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any

import pytest

from vckit.batch import BatchItemError, BatchResult, SequentialExecutor
from vckit.batch._results import portable_error
from vckit.batch._stream import run_chunks


def square_chunk(
    job: dict[str, Any], chunk: list[tuple[int, Any]], owned: bool = False
) -> list[BatchResult[int]]:
    """A worker: squares ints, fails for negative ones, sleeps so late chunks finish first."""
    if job.get("reverse_timing"):
        time.sleep(max(0.0, 0.02 - chunk[0][0] * 0.001))
    out: list[BatchResult[int]] = []
    for index, value in chunk:
        if value < 0:
            out.append(BatchResult(index, error=ValueError(f"negative: {value}")))
        else:
            out.append(BatchResult(index, output=value * value))
    return out


def exploding_chunk(
    job: Any, chunk: list[tuple[int, Any]], owned: bool = False
) -> list[BatchResult[int]]:
    if any(value == 13 for _, value in chunk):
        raise RuntimeError("worker died")
    return [BatchResult(index, output=value) for index, value in chunk]


def lying_chunk(
    job: Any, chunk: list[tuple[int, Any]], owned: bool = False
) -> list[BatchResult[int]]:
    return [BatchResult(index + 1, output=value) for index, value in chunk]


@pytest.mark.parametrize(
    "executor_factory",
    [SequentialExecutor, lambda: ThreadPoolExecutor(4), lambda: ProcessPoolExecutor(2)],
    ids=["sequential", "threads", "processes"],
)
def test_results_come_back_in_input_order_with_per_item_errors(executor_factory: Any) -> None:
    values = [3, -1, 4, 1, -5, 9, 2, 6, 5, 3, 5, 8, 9, 7]
    with executor_factory() as executor:
        results = list(
            run_chunks(
                square_chunk,
                {"reverse_timing": True},
                iter(values),
                executor=executor,
                chunk_size=3,
                max_in_flight=4,
            )
        )
    assert [r.index for r in results] == list(range(len(values)))
    assert [r.output for r in results] == [None if v < 0 else v * v for v in values]
    errors = {r.index: str(r.error) for r in results if not r.ok}
    assert errors == {1: "negative: -1", 4: "negative: -5"}


@pytest.mark.parametrize(
    "executor_factory",
    [lambda: ThreadPoolExecutor(1), lambda: ProcessPoolExecutor(1)],
    ids=["threads", "processes"],
)
def test_a_failed_chunk_reports_every_item_of_it_and_only_those(executor_factory: Any) -> None:
    with executor_factory() as executor:
        results = list(
            run_chunks(
                exploding_chunk,
                None,
                range(20),
                executor=executor,
                chunk_size=5,
                max_in_flight=2,
            )
        )
    failed = [r.index for r in results if not r.ok]
    assert failed == [10, 11, 12, 13, 14]
    assert all(isinstance(r.error, BatchItemError) for r in results if not r.ok)
    assert str(results[10].error).startswith("the chunk holding items 10-14 failed: RuntimeError")
    assert [r.output for r in results if r.ok] == [*range(10), *range(15, 20)]


def test_in_sequence_the_work_runs_item_by_item_so_a_failure_is_that_items_alone() -> None:
    seen: list[int] = []

    def recording(job: Any, chunk: list[tuple[int, Any]], owned: bool) -> list[BatchResult[int]]:
        seen.append(len(chunk))
        return exploding_chunk(job, chunk, owned)

    progress: list[int] = []
    results = list(
        run_chunks(
            recording,
            None,
            range(20),
            executor=SequentialExecutor(),
            chunk_size=5,
            max_in_flight=2,
            progress=progress.append,
        )
    )
    assert seen == [1] * 20
    assert [r.index for r in results if not r.ok] == [13]
    assert str(results[13].error).startswith("the chunk holding items 13-13 failed")
    assert progress == [5, 10, 15, 20]  # after each chunk_size items


def test_a_worker_answering_for_other_items_is_an_error_not_a_shifted_result() -> None:
    results = list(
        run_chunks(
            lying_chunk,
            None,
            range(4),
            executor=SequentialExecutor(),
            chunk_size=2,
            max_in_flight=1,
        )
    )
    assert [r.index for r in results] == [0, 1, 2, 3]
    assert all(not r.ok for r in results)
    assert "other items" in str(results[0].error)


def test_input_is_consumed_at_most_a_window_ahead_of_the_output() -> None:
    consumed = 0

    def source() -> Iterator[int]:
        nonlocal consumed
        for value in range(1000):
            consumed += 1
            yield value

    ahead = []
    stream = run_chunks(
        square_chunk, {}, source(), executor=SequentialExecutor(), chunk_size=10, max_in_flight=3
    )
    for produced, _ in enumerate(stream, start=1):
        ahead.append(consumed - produced)
    assert max(ahead) <= 10 * 3
    assert consumed == 1000


def test_stopping_early_cancels_chunks_not_started() -> None:
    started = []
    gate = threading.Event()

    def slow_chunk(job: Any, chunk: list[tuple[int, Any]], owned: bool) -> list[BatchResult[int]]:
        started.append(chunk[0][0])
        gate.wait(5)
        return [BatchResult(i, output=v) for i, v in chunk]

    with ThreadPoolExecutor(1) as executor:
        stream = run_chunks(
            slow_chunk, None, range(100), executor=executor, chunk_size=1, max_in_flight=5
        )
        gate.set()
        first = next(stream)
        stream.close()
    assert first.index == 0
    assert len(started) <= 6  # the one awaited, the window, and at most one racing the cancel


def test_a_generator_of_100000_items_runs_in_flat_memory() -> None:
    def source() -> Iterator[int]:
        yield from range(100_000)

    tracemalloc.start()
    try:
        count = 0
        for result in run_chunks(
            square_chunk,
            {},
            source(),
            executor=SequentialExecutor(),
            chunk_size=64,
            max_in_flight=4,
        ):
            count += result.ok
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 100_000
    assert peak < 2_000_000  # a list of 100,000 results alone would be ~10 MB


@pytest.mark.parametrize(("size", "window"), [(0, 1), (1, 0)])
def test_chunk_size_and_window_must_be_positive(size: int, window: int) -> None:
    with pytest.raises(ValueError, match=r"must be >= 1"):
        list(
            run_chunks(
                square_chunk,
                {},
                [1],
                executor=SequentialExecutor(),
                chunk_size=size,
                max_in_flight=window,
            )
        )


class Unpicklable(Exception):
    def __init__(self, a: int, b: int) -> None:  # pickling re-calls __init__ with one arg
        super().__init__(f"{a}/{b}")


def test_errors_that_cannot_travel_between_processes_are_described_instead() -> None:
    kept = ValueError("plain")
    assert portable_error(kept) is kept
    replaced = portable_error(Unpicklable(1, 2))
    assert isinstance(replaced, BatchItemError)
    assert str(replaced) == "Unpicklable: 1/2"


def test_batch_result_has_no_truth_value() -> None:
    with pytest.raises(TypeError, match=r"use result.ok"):
        bool(BatchResult(0, output=1))
