"""``issue_many`` and ``verify_many``: one call for a cohort of badges, on every core or a cluster.

Both stream: they take any iterable (a list, a generator, ``read_jsonl(path)``) and yield one
``BatchResult`` per item in input order while later items are still being processed, keeping at
most a few chunks in memory. ``executor`` is any ``concurrent.futures.Executor``: the default is a
process pool with one worker per core; ``distributed.Client(...).get_executor()`` runs the batch on
a Dask cluster; a ``ThreadPoolExecutor`` suits verification that mostly waits on the network;
``SequentialExecutor`` runs everything in the calling thread. ``chunk_size`` (the largest number
of items per task) and ``max_in_flight`` (chunks submitted ahead) default to values that suit
the executor (``_sizing``); pass them to tune.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from vckit.batch._issued import ISSUED
from vckit.batch._jobs import IssueJob, VerifyJob, issue_chunk, verify_chunk
from vckit.batch._lines import JsonLines, parse_lines, raw_lines
from vckit.batch._reports import LINE_REPORTS, REPORTS
from vckit.batch._results import BatchResult, RefusedItem, portable_error
from vckit.batch._sizing import sizing
from vckit.batch._stream import ChunkFunction, length_of, run_chunks
from vckit.keys import Signer
from vckit.status import SupportsStatusAllocation

__all__ = ["issue_many", "read_jsonl", "verify_many", "write_jsonl"]

Progress = Callable[[int, int | None], None]
"""Called as ``progress(done, total)`` after each chunk; ``total`` is None for generators."""


@contextmanager
def _executor(executor: Executor | None) -> Iterator[Executor]:
    """The caller's executor (left running), or a process pool per core closed afterwards."""
    if executor is not None:
        yield executor
        return
    own = ProcessPoolExecutor(max_workers=os.cpu_count() or 1)
    try:
        yield own
    finally:
        own.shutdown(wait=True, cancel_futures=True)


def _known(total: int | None, remaining: Callable[[], int | None] | None) -> int | None:
    """The number of items, or the file's estimate of it, for sizing the chunks."""
    if total is not None or remaining is None:
        return total
    return remaining()


def _progress(callback: Progress | None, total: int | None) -> Callable[[int], None] | None:
    if callback is None:
        return None
    return lambda done: callback(done, total)


def issue_many(
    credentials: Iterable[Mapping[str, Any] | Any],
    signer: Signer,
    *,
    proof: str = "eddsa-rdfc-2022",
    status: SupportsStatusAllocation | None = None,
    status_purpose: str = "revocation",
    executor: Executor | None = None,
    chunk_size: int | None = None,
    max_in_flight: int | None = None,
    progress: Progress | None = None,
    **issue_options: Any,
) -> Iterator[BatchResult[dict[str, Any] | str]]:
    """Sign every credential with ``vckit.issue``; yield a ``BatchResult`` per credential, in order.

    ``signer`` travels to the workers, so it must pickle (``KeyPair.signer()`` does; a KMS signer
    should pickle as a reference to its key). Status entries are allocated here, in the calling
    process, from ``status`` (a ``StatusRegistry``), before a credential is shipped: allocation is
    idempotent per credential ``id``, so retrying a batch of credentials that carry ids never uses
    a second index. A credential without an ``id`` gets a fresh ``urn:uuid``, as ``vckit.issue``
    would give it. ``issue_options`` (``created=...``) are passed to ``vckit.issue``.

    Each output equals what ``vckit.issue`` returns for its item and shares no object with it.
    On a process pool or a Dask cluster each credential is read when its chunk is submitted.
    """
    total = length_of(credentials)
    remaining = None
    function: ChunkFunction[IssueJob, Any] = issue_chunk
    prepared: Iterable[Any] = credentials
    if status is not None:  # allocated here, from each parsed credential
        prepared = _with_status(credentials, status, status_purpose)
    elif (lines := raw_lines(credentials)) is not None:  # parsed where each chunk runs
        prepared, remaining = lines.lines, lines.remaining
        function = partial(parse_lines, issue_chunk, lines.label)
    with _executor(executor) as pool:
        size = sizing(pool, chunk_size, max_in_flight, _known(total, remaining))
        job = IssueJob(signer, proof, dict(issue_options))
        yield from run_chunks(
            function,
            job,
            prepared,
            executor=pool,
            chunk_size=size.chunk_size,
            max_in_flight=size.max_in_flight,
            progress=_progress(progress, total),
            codec=ISSUED,
            length=total,
            remaining=remaining,
            workers=size.workers,
        )


def _with_status(
    credentials: Iterable[Any], registry: SupportsStatusAllocation, purpose: str
) -> Iterator[Any]:
    """Give each credential its status entry (or pass on why it could not have one)."""
    for credential in credentials:
        try:
            yield _attach_status(credential, registry, purpose)
        except Exception as exc:
            yield RefusedItem(portable_error(exc))


def _attach_status(
    credential: Any, registry: SupportsStatusAllocation, purpose: str
) -> dict[str, Any]:
    from vckit.verification._issue import with_status  # the rule vckit.issue applies

    return with_status(credential, registry, purpose=purpose)


def verify_many(
    items: Iterable[Any],
    *,
    verifier: Any | None = None,
    now: datetime | None = None,
    executor: Executor | None = None,
    chunk_size: int | None = None,
    max_in_flight: int | None = None,
    progress: Progress | None = None,
) -> Iterator[BatchResult[Any]]:
    """Verify every item (anything ``vckit.verify`` takes); yield a report per item, in order.

    ``verifier`` (a ``vckit.Verifier``) travels to the workers as its configuration and is built
    once per worker process, so its caches warm up once. ``None`` uses the default offline
    verifier.
    """
    if verifier is None:
        import vckit

        verifier = vckit.Verifier()
    total = length_of(items)
    function: ChunkFunction[VerifyJob, Any] = verify_chunk
    codec = REPORTS
    remaining = None
    lines = raw_lines(items)
    if lines is not None:  # parsed where each chunk runs; the reports bring their credentials
        items, remaining = lines.lines, lines.remaining
        function = partial(parse_lines, verify_chunk, lines.label)
        codec = LINE_REPORTS
    with _executor(executor) as pool:
        size = sizing(pool, chunk_size, max_in_flight, _known(total, remaining))
        job = VerifyJob(verifier, now)
        yield from run_chunks(
            function,
            job,
            items,
            executor=pool,
            chunk_size=size.chunk_size,
            max_in_flight=size.max_in_flight,
            progress=_progress(progress, total),
            codec=codec,
            length=total,
            remaining=remaining,
            workers=size.workers,
        )


def read_jsonl(path: str | os.PathLike[str], *, max_line_bytes: int = 10_000_000) -> JsonLines:
    """The JSON value of each non-blank line of a JSON Lines file, read lazily and strictly.

    Each line is parsed with vckit's strict JSON parser (duplicate keys, NaN and lone surrogates
    refused); iterating raises ``ParseError`` naming the line at the first bad one. Passed as it
    is to ``issue_many`` (without ``status``) or ``verify_many``, the file is read by the batch
    and each line parsed by the worker that processes it; a bad line is then that item's error.
    """
    return JsonLines(path, max_line_bytes=max_line_bytes)


def write_jsonl(results: Iterable[BatchResult[Any]], path: str | os.PathLike[str]) -> None:
    """Write each successful output as one JSON line (a JWT as a JSON string)."""
    with Path(path).open("w", encoding="utf-8") as handle:
        for result in results:
            if result.ok:
                output: Any = result.output
                if hasattr(output, "to_json"):
                    output = output.to_json()
                handle.write(json.dumps(output, ensure_ascii=False, separators=(",", ":")) + "\n")
