"""Badges per second: sequential, a 2-process pool and a 2-worker Dask LocalCluster.

issue_many (eddsa-rdfc-2022, the representative badge) and verify_many (the same badges, offline,
did:key) over ``BATCH`` distinct badges. Each rate is the median of ``ROUNDS`` runs on a warm
executor (the pool or cluster is started and warmed before timing: start-up is a one-off cost a
platform pays once, not per batch). Ratios are against the sequential rate measured in the same
run. On a 2-core machine shared with other work the figures move; compare ratios, not rates.
"""

from __future__ import annotations

import copy
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import badges
from vckit import batch, keys

BATCH = 1200
ROUNDS = 5
CREATED = "2026-01-15T12:00:00Z"


def _badges(count: int) -> list[dict[str, Any]]:
    base = badges.badge("representative")
    out = []
    for n in range(count):
        item = copy.deepcopy(base)
        item["id"] = f"urn:uuid:00000000-0000-4000-8000-{n:012d}"
        out.append(item)
    return out


def _rate(run: Callable[[], int]) -> float:
    start = time.perf_counter()
    done = run()
    return done / (time.perf_counter() - start)


def _rounds(runs: dict[str, Callable[[], int]]) -> dict[str, tuple[float, float, float, float]]:
    """Rate per executor and its ratio to sequential: median and range over ``ROUNDS`` rounds.

    Each round measures every executor once, the order rotating, so machine noise (this is a
    shared 2-core machine) hits all of them alike; ratios come from the same round.
    """
    names = list(runs)
    rates: dict[str, list[float]] = {name: [] for name in names}
    ratios: dict[str, list[float]] = {name: [] for name in names}
    for round_index in range(ROUNDS):
        order = names[round_index % len(names) :] + names[: round_index % len(names)]
        measured = {name: _rate(runs[name]) for name in order}
        for name in names:
            rates[name].append(measured[name])
            ratios[name].append(measured[name] / measured["sequential"])
    return {
        name: (
            statistics.median(rates[name]),
            statistics.median(ratios[name]),
            min(ratios[name]),
            max(ratios[name]),
        )
        for name in names
    }


@contextmanager
def _dask() -> Iterator[Executor | None]:
    try:
        import distributed
    except ImportError:
        yield None
        return
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None, silence_logs=40,
    ) as cluster, distributed.Client(cluster) as client:  # fmt: skip
        yield client.get_executor()


def main() -> int:
    key = keys.KeyPair.from_raw("Ed25519", badges.ISSUER_SEED)
    sign = key.signer(badges.VERIFICATION_METHOD)
    items = _badges(BATCH)
    sequential = batch.SequentialExecutor()
    signed = [r.output for r in batch.issue_many(items, sign, executor=sequential, created=CREATED)]

    def issue(executor: Executor, chunk: int = 32) -> Callable[[], int]:
        return lambda: sum(
            r.ok
            for r in batch.issue_many(
                items, sign, executor=executor, created=CREATED, chunk_size=chunk
            )
        )

    def verify(executor: Executor, chunk: int = 16) -> Callable[[], int]:
        return lambda: sum(
            r.output.verified
            for r in batch.verify_many(signed, executor=executor, chunk_size=chunk)
        )

    with ProcessPoolExecutor(2) as pool, _dask() as dask_executor:
        issue_runs = {"sequential": issue(sequential), "2 processes": issue(pool)}
        verify_runs = {"sequential": verify(sequential), "2 processes": verify(pool)}
        if dask_executor is None:
            print("dask: skipped (install the 'dask' extra)")
        else:  # larger chunks: a Dask task costs about a millisecond of scheduling
            issue_runs["Dask, 2 workers"] = issue(dask_executor, 150)
            verify_runs["Dask, 2 workers"] = verify(dask_executor, 150)
        for runs in (issue_runs, verify_runs):
            for run in runs.values():  # warm every worker: imports, contexts, keys
                run()
        issued = _rounds(issue_runs)
        verified = _rounds(verify_runs)

    print(
        f"batch of {BATCH} representative badges (eddsa-rdfc-2022): badges/s (median of "
        f"{ROUNDS} rounds) and ratio to sequential (median [range] of the rounds' ratios)"
    )
    print(f"{'executor':<18}{'issue/s':>9}  {'ratio':<20}{'verify/s':>9}  {'ratio':<20}")
    for name in issued:
        rate, ratio, low, high = issued[name]
        vrate, vratio, vlow, vhigh = verified[name]
        print(
            f"{name:<18}{rate:>9.0f}  {ratio:>5.2f}x [{low:.2f}-{high:.2f}]    "
            f"{vrate:>9.0f}  {vratio:>5.2f}x [{vlow:.2f}-{vhigh:.2f}]"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
