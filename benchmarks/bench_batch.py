"""Badges per second: sequential, 1 and 2 processes, and a 1- and 2-worker Dask LocalCluster.

issue_many (eddsa-rdfc-2022, the representative badge) and verify_many (the same badges, offline,
did:key) over ``BATCH`` distinct badges, each parsed from its own JSON text as ``read_jsonl``
gives them, with the default chunk sizes and windows (what a user gets). ``BATCH`` is 6,000
(``VCKIT_BENCH_BATCH`` sets another): a cohort is thousands of badges, and at 1,200 a batch on
two processes lasts about a sixth of a second, in which the fixed costs of a batch (the first
chunks' trip out, the last results' trip back, a Dask cluster's scheduling) weigh several times
more than in a real cohort; docs/batch.md gives the figures at both sizes. Every executor is started and warmed before timing (start-up is a one-off cost a platform
pays once, not per batch). The process pools are measured together, then each Dask cluster
alone (an idle cluster still spends CPU); each round of a phase measures every executor of it
and the sequential path once, the order rotating, and ratios are against the sequential rate of
the same round, reported as the median with the range.

The Dask clusters are configured as docs/batch.md tells users to for CPU-bound batches (the
workers' statistical profiler off, the event loops' periodic checks less frequent), set before
the cluster starts.

The same badges are also read from a JSON Lines file (``read_jsonl``; rows marked "JSON
Lines"), sequentially, on the 2-process pool and on the 2-worker cluster: the batch then ships
lines and each worker parses its own (``vckit.batch._lines``); those rows' ratios are to the
sequential path reading the same file, which parses every line too.

A last phase measures what is left when badges do not cross: two processes forked after the
badges were made, working through index ranges of the badges they inherited. "badges inherited"
runs the batch's own chunk function and answer codec there and delivers the results as the batch
does (only the results cross); "nothing crossing" signs or verifies and returns a count, the
machine's own ceiling. (Two processes running at once are each a little slower than one alone:
on the project's 2-core machine, about 3 %.)

On a 2-core machine shared with other work the rates move: the load average is printed before
and after; compare ratios, not rates. The CPU columns do not depend on the machine being quiet:
the CPU time of every process of the run (this one, the pool's workers, the cluster's scheduler,
nannies and workers) per badge, and the efficiency, sequential CPU per badge divided by that.
An executor with efficiency ``e`` on ``n`` idle cores runs at most ``n * e`` times the sequential
rate (Linux only: the other processes are read from ``/proc``). The "caller" column is the CPU
per badge of this process alone: whatever the number of workers, one batch runs at most at a
million badges a second divided by it.
"""

from __future__ import annotations

import copy
import ctypes
import ctypes.util
import json
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

import badges
from vckit import batch, keys

BATCH = int(os.environ.get("VCKIT_BENCH_BATCH", "6000"))
ROUNDS = 5
CREATED = "2026-01-15T12:00:00Z"
FROM_FILE = "JSON Lines"
"""Rows of badges read from a JSON Lines file (``read_jsonl``); their ratio is to the sequential
path reading the same file."""
#: The Dask configuration docs/batch.md recommends for CPU-bound batches.
DASK_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.system-monitor.disk": False,
}


def _parsed(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` as a batch gets it from a file, a database or a request: parsed JSON."""
    parsed: dict[str, Any] = json.loads(json.dumps(document))
    return parsed


def _badges(count: int) -> list[dict[str, Any]]:
    """``count`` representative badges, each parsed from its own JSON text.

    Each badge owns its strings, as badges read with ``batch.read_jsonl`` do. (Copies made with
    ``copy.deepcopy`` would share every string with each other, which pickle writes once per
    chunk and unpickles once: that made sending a badge to a worker look about three times
    cheaper than it is.)
    """
    base = badges.badge("representative")
    out = []
    for n in range(count):
        item = copy.deepcopy(base)
        item["id"] = f"urn:uuid:00000000-0000-4000-8000-{n:012d}"
        out.append(_parsed(item))
    return out


_LIBC = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)


def _descendants() -> list[int]:
    """Every process started (directly or not) by this one: pool workers, cluster processes."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    found, frontier = [], [os.getpid()]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        found += children
        frontier = children
    return found


def _process_cpu(pid: int) -> float:
    clock = ctypes.c_int()
    if _LIBC.clock_getcpuclockid(pid, ctypes.byref(clock)) != 0:
        return 0.0
    try:
        return time.clock_gettime(clock.value)
    except OSError:  # the process ended
        return 0.0


def _cpu_now() -> dict[int, float] | None:
    """CPU seconds so far of this process and each descendant (None where /proc is missing)."""
    if not os.path.isdir("/proc/self"):
        return None
    return {pid: _process_cpu(pid) for pid in [os.getpid(), *_descendants()]}


def _measure(run: Callable[[], int]) -> tuple[float, float | None, float | None]:
    """Badges per second, and CPU µs per badge over every process of the run and in this one."""
    before = _cpu_now()
    start = time.perf_counter()
    done = run()
    elapsed = time.perf_counter() - start
    after = _cpu_now()
    if before is None or after is None:
        return done / elapsed, None, None
    cpu = sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())
    mine = after[os.getpid()] - before[os.getpid()]
    return done / elapsed, cpu / done * 1e6, mine / done * 1e6


class Row(NamedTuple):
    rate: float
    ratio: float
    low: float
    high: float
    cpu_us: float | None
    efficiency: float | None
    caller_us: float | None
    """CPU µs per badge of this process: the batch's caller (with a ``LocalCluster``'s scheduler,
    which runs in it). One caller feeds every worker, so it bounds the rate of any pool or
    cluster: at most a million badges a second divided by this."""


def _rounds(runs: dict[str, Callable[[], int]]) -> dict[str, Row]:
    """Rate per executor and its ratio to sequential: median and range over ``ROUNDS`` rounds.

    Each round measures every executor once, the order rotating, so machine noise (this is a
    shared 2-core machine) hits all of them alike; ratios come from the same round. CPU per
    badge is the median over the rounds.
    """
    names = list(runs)
    rates: dict[str, list[float]] = {name: [] for name in names}
    ratios: dict[str, list[float]] = {name: [] for name in names}
    cpus: dict[str, list[float]] = {name: [] for name in names}
    callers: dict[str, list[float]] = {name: [] for name in names}
    for round_index in range(ROUNDS):
        order = names[round_index % len(names) :] + names[: round_index % len(names)]
        measured = {name: _measure(runs[name]) for name in order}
        for name in names:
            rate, cpu, caller = measured[name]
            rates[name].append(rate)
            ratios[name].append(rate / measured["sequential"][0])
            if cpu is not None and caller is not None:
                cpus[name].append(cpu)
                callers[name].append(caller)
    base = statistics.median(cpus["sequential"]) if cpus["sequential"] else None
    rows = {}
    for name in names:
        cpu_us = statistics.median(cpus[name]) if cpus[name] else None
        rows[name] = Row(
            statistics.median(rates[name]),
            statistics.median(ratios[name]),
            min(ratios[name]),
            max(ratios[name]),
            cpu_us,
            base / cpu_us if base and cpu_us else None,
            statistics.median(callers[name]) if callers[name] else None,
        )
    return rows


_INHERITED: dict[str, Any] = {}
"""What the ceiling's forked workers find in memory: the badges, the signer, a verifier."""


def _ceiling_task(kind: str, start: int, stop: int) -> int:
    """``vckit.issue`` / ``vckit.verify`` over inherited badges ``start:stop`` (nothing crosses)."""
    import vckit

    if kind == "issue":
        sign = _INHERITED["signer"]
        return sum(
            bool(vckit.issue(item, sign, created=CREATED))
            for item in _INHERITED["items"][start:stop]
        )
    verifier = _INHERITED.setdefault("verifier", vckit.Verifier())
    return sum(
        vckit.verify(item, verifier=verifier).verified for item in _INHERITED["signed"][start:stop]
    )


def _ceiling(pool: Executor, kind: str) -> Callable[[], int]:
    starts = range(0, BATCH, 128)
    return lambda: sum(
        pool.map(_ceiling_task, [kind] * len(starts), starts, [s + 128 for s in starts])
    )


def _inherited_task(kind: str, start: int, stop: int) -> Any:
    """The batch's own chunk function and answer codec over inherited badges ``start:stop``.

    What a process pool's worker does for a chunk, minus decoding it: the answer (signed
    badges, or the chunk's report table) is written as the batch writes it and goes back.
    """
    from vckit.batch import _issued, _jobs, _packed, _reports, _stream

    if kind not in _INHERITED:
        signer = _INHERITED["signer"]
        _INHERITED["issue"] = (
            _jobs.issue_chunk,
            _issued.ISSUED,
            _jobs.IssueJob(signer, "eddsa-rdfc-2022", {"created": CREATED}),
        )
        _INHERITED["verify"] = (_jobs.verify_chunk, _reports.REPORTS, _jobs.VerifyJob(_verifier()))
    function, codec, job = _INHERITED[kind]
    source = _INHERITED["items" if kind == "issue" else "signed"]
    with _packed.gc_paused():
        items = list(enumerate(source[start:stop], start))
        # owned: this process's copy-on-write pages are its own, so issuing signs in place, as
        # a worker signs the badges it decoded
        results = function(job, items, True)
        answer = _packed.Packed.sealed(_stream._answer(results, items, codec), f"{kind}-{start}")
        if kind == "issue":  # back to unsigned, for the next round
            for _, item in items:
                del item["proof"]
    return answer


def _verifier() -> Any:
    import vckit

    return vckit.Verifier()


def _inherited(pool: Executor, kind: str) -> Callable[[], int]:
    """Chunks of inherited badges run by the batch's code; results delivered as the batch does."""
    from collections import deque

    from vckit.batch import _issued, _reports, _stream

    codec = _issued.ISSUED if kind == "issue" else _reports.REPORTS
    source = _INHERITED["items" if kind == "issue" else "signed"]

    def run() -> int:
        done = 0
        pending: deque[Any] = deque()
        for start, chunk in _stream._chunks(source, 128, len(source), 2):
            future = pool.submit(_inherited_task, kind, start, start + len(chunk))
            pending.append((future, (start, chunk)))
            while len(pending) >= 6:  # run_chunks' default window for two workers
                done += _delivered(_stream._deliver(*pending.popleft(), codec), kind)
        while pending:
            done += _delivered(_stream._deliver(*pending.popleft(), codec), kind)
        return done

    return run


def _delivered(results: Iterator[Any], kind: str) -> int:
    if kind == "issue":
        return sum(result.ok for result in results)
    return sum(result.output.verified for result in results)


def _build() -> str:
    from vckit import _build

    return _build.build_info().build


@contextmanager
def _dask(workers: int) -> Iterator[Executor | None]:
    try:
        import dask
        import distributed
    except ImportError:
        yield None
        return
    with dask.config.set(DASK_CONFIG), distributed.LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=":0", silence_logs=40,
    ) as cluster, distributed.Client(cluster) as client:  # fmt: skip
        builds = sorted(set(client.run(_build).values()))
        print(f"Dask {workers}-worker LocalCluster: workers run the {'/'.join(builds)} hot core")
        yield client.get_executor()


def main() -> int:
    key = keys.KeyPair.from_raw("Ed25519", badges.ISSUER_SEED)
    sign = key.signer(badges.VERIFICATION_METHOD)
    items = _badges(BATCH)
    sequential = batch.SequentialExecutor()
    signed = [
        _parsed(r.output)
        for r in batch.issue_many(items, sign, executor=sequential, created=CREATED)
    ]

    files = tempfile.TemporaryDirectory(prefix="vckit-bench-batch-")
    item_file, signed_file = Path(files.name) / "badges.jsonl", Path(files.name) / "signed.jsonl"
    for path, values in ((item_file, items), (signed_file, signed)):
        path.write_text("".join(json.dumps(value) + "\n" for value in values), encoding="utf-8")

    def issue(executor: Executor, from_file: bool = False) -> Callable[[], int]:
        return lambda: sum(
            r.ok
            for r in batch.issue_many(
                batch.read_jsonl(item_file) if from_file else items,
                sign,
                executor=executor,
                created=CREATED,
            )
        )

    def verify(executor: Executor, from_file: bool = False) -> Callable[[], int]:
        return lambda: sum(
            r.output.verified
            for r in batch.verify_many(
                batch.read_jsonl(signed_file) if from_file else signed, executor=executor
            )
        )

    def measure(
        executors: dict[str, Executor], *, from_file: bool = False
    ) -> tuple[dict[str, Row], dict[str, Row]]:
        issue_runs = {name: issue(executor, from_file) for name, executor in executors.items()}
        verify_runs = {name: verify(executor, from_file) for name, executor in executors.items()}
        for runs in (issue_runs, verify_runs):
            for run in runs.values():  # warm every worker: imports, contexts, keys
                run()
        rows = _rounds(issue_runs), _rounds(verify_runs)
        if not from_file:
            return rows
        return tuple({f"{name}, {FROM_FILE}": row for name, row in kind.items()} for kind in rows)  # type: ignore[return-value]

    # One phase per kind of executor, each against its own sequential runs: an idle Dask
    # cluster still spends CPU (its event loops tick), which would be charged to the others.
    load_before = os.getloadavg()
    issued: dict[str, Row] = {}
    verified: dict[str, Row] = {}
    with ProcessPoolExecutor(1) as one, ProcessPoolExecutor(2) as two:
        print(f"process pool: workers run the {two.submit(_build).result()} hot core")
        phase = measure({"sequential": sequential, "1 process": one, "2 processes": two})
        issued.update(phase[0])
        verified.update(phase[1])
        phase = measure({"sequential": sequential, "2 processes": two}, from_file=True)
        issued.update(phase[0])
        verified.update(phase[1])
    for workers in (1, 2):
        with _dask(workers) as dask_executor:
            if dask_executor is None:
                print("dask: skipped (install the 'dask' extra)")
                break
            name = f"Dask, {workers} worker{'s' if workers > 1 else ''}"
            phase = measure({"sequential": sequential, name: dask_executor})
            issued[name] = phase[0][name]
            verified[name] = phase[1][name]
            if workers == 2:
                phase = measure({"sequential": sequential, name: dask_executor}, from_file=True)
                issued[f"{name}, {FROM_FILE}"] = phase[0][f"{name}, {FROM_FILE}"]
                verified[f"{name}, {FROM_FILE}"] = phase[1][f"{name}, {FROM_FILE}"]
    if "fork" in multiprocessing.get_all_start_methods():
        _INHERITED.update(items=items, signed=signed, signer=sign)
        with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as forked:
            inherited, ceiling = "2 processes, badges inherited", "2 processes, nothing crossing"
            issue_runs = {
                "sequential": issue(sequential),
                inherited: _inherited(forked, "issue"),
                ceiling: _ceiling(forked, "issue"),
            }
            verify_runs = {
                "sequential": verify(sequential),
                inherited: _inherited(forked, "verify"),
                ceiling: _ceiling(forked, "verify"),
            }
            for runs in (issue_runs, verify_runs):
                for run in runs.values():
                    run()
            for runs, rows in ((issue_runs, issued), (verify_runs, verified)):
                measured = _rounds(runs)
                rows[inherited] = measured[inherited]
                rows[ceiling] = measured[ceiling]
    load_after = os.getloadavg()
    files.cleanup()

    print(
        f"batch of {BATCH} representative badges (eddsa-rdfc-2022): badges/s (median of "
        f"{ROUNDS} rounds) and ratio to sequential (median [range] of the rounds' ratios); "
        f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after"
    )
    print(
        f"{'executor':<30}{'issue/s':>8}  {'ratio':<18}{'CPU us':>7} {'eff':>5} {'caller':>6}   "
        f"{'verify/s':>8}  {'ratio':<18}{'CPU us':>7} {'eff':>5} {'caller':>6}"
    )
    for name in issued:
        print(f"{name:<30}{_cells(issued[name])}   {_cells(verified[name])}")
    for one, two in (("1 process", "2 processes"), ("Dask, 1 worker", "Dask, 2 workers")):
        if one in issued and two in issued:
            print(
                f"{one} -> {two}: rate x{issued[two].rate / issued[one].rate:.2f} issue, "
                f"x{verified[two].rate / verified[one].rate:.2f} verify (medians of the rounds)"
            )
    return 0


def _cells(row: Row) -> str:
    cpu = f"{row.cpu_us:>7.0f}" if row.cpu_us is not None else f"{'-':>7}"
    eff = f"{row.efficiency:>5.2f}" if row.efficiency is not None else f"{'-':>5}"
    caller = f"{row.caller_us:>6.0f}" if row.caller_us is not None else f"{'-':>6}"
    ratio = f"{row.ratio:>5.2f}x [{row.low:.2f}-{row.high:.2f}]"
    return f"{row.rate:>8.0f}  {ratio}  {cpu} {eff} {caller}"


if __name__ == "__main__":
    raise SystemExit(main())
