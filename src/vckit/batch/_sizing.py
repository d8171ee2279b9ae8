"""How big the chunks are and how many are in flight, by default, for a given executor.

This is the one place that knows about particular executors. A chunk must be large enough that
the executor's cost per task is small next to the work, and there must be enough chunks in
flight to keep every worker busy while the caller consumes results:

- a process pool costs the caller about 0.3 ms of CPU per task (its manager and feeder threads
  wake, pickle and pass the chunk and its results), next to about a quarter of a millisecond of
  work per badge: chunks of 128 (at 64 the caller spent 3-4 µs more per badge, CPU the
  workers need on a machine with as many workers as cores);
- a Dask task costs a few milliseconds of scheduler and worker event-loop time, and its worker
  idles between two tasks: chunks of 512, and two chunks in flight per worker thread of the
  *cluster*, not of this machine (a cluster of a hundred workers would otherwise wait for work);
  a batch large enough to give every worker thread eight such chunks gets larger ones, up to
  2,048 (24,000 badges on 2 workers: chunks of 1,500 took the caller, whose process runs a
  ``LocalCluster``'s scheduler, 8-14 µs less CPU a badge than chunks of 512);
- a thread pool (verification that waits on the network): two chunks per thread.

A caller's ``chunk_size`` and ``max_in_flight`` always win.
"""

from __future__ import annotations

import os
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import NamedTuple

__all__ = ["DASK_CHUNK", "DASK_CHUNK_MAX", "LOCAL_CHUNK", "Sizing", "crosses_processes", "sizing"]

LOCAL_CHUNK = 128
DASK_CHUNK = 512
DASK_CHUNK_MAX = 2048
TASKS_PER_THREAD = 8
"""A Dask batch's chunks grow past ``DASK_CHUNK`` only while each worker thread still gets this
many (and the last ones are cut smaller anyway, ``_stream._chunks``)."""


class Sizing(NamedTuple):
    chunk_size: int
    max_in_flight: int
    workers: int
    """How many chunks the executor runs at once (its worker threads or processes)."""


def _dask_threads(executor: Executor) -> int | None:
    """Worker threads of the cluster behind ``distributed.Client.get_executor()``, else None."""
    if not _is_dask(executor):
        return None
    client = getattr(executor, "_client", None)
    try:
        threads = sum(client.nthreads().values())  # type: ignore[union-attr]
    except Exception:  # not the executor we know, or the scheduler cannot answer: a guess
        return 1
    return max(1, int(threads))


def crosses_processes(executor: Executor) -> bool:
    """True when ``executor`` runs tasks in other processes: a process pool, a Dask cluster."""
    return isinstance(executor, ProcessPoolExecutor) or _is_dask(executor)


def _is_dask(executor: Executor) -> bool:
    return type(executor).__module__.partition(".")[0] == "distributed"


def sizing(
    executor: Executor,
    chunk_size: int | None,
    max_in_flight: int | None,
    total: int | None = None,
) -> Sizing:
    """The caller's choices, with the defaults that suit ``executor`` where it made none.

    ``total`` is the number of items (or an estimate of it), when known.
    """
    threads = _dask_threads(executor)
    if threads is not None:
        chunk = DASK_CHUNK
        if total is not None:
            share = total // (threads * TASKS_PER_THREAD)
            chunk = min(DASK_CHUNK_MAX, max(DASK_CHUNK, share))
    else:
        chunk = LOCAL_CHUNK
        workers = getattr(executor, "_max_workers", None)  # process and thread pools
        threads = workers if isinstance(workers, int) and workers > 0 else os.cpu_count() or 1
    return Sizing(
        chunk if chunk_size is None else chunk_size,
        2 * threads + 2 if max_in_flight is None else max_in_flight,
        threads,
    )
