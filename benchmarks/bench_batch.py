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
ROUNDS = 3
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
    rates = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        done = run()
        rates.append(done / (time.perf_counter() - start))
    return statistics.median(rates)


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
    signed = [
        r.output
        for r in batch.issue_many(items, sign, executor=batch.SequentialExecutor(), created=CREATED)
    ]

    def issue(executor: Executor) -> Callable[[], int]:
        return lambda: sum(
            r.ok for r in batch.issue_many(items, sign, executor=executor, created=CREATED)
        )

    def verify(executor: Executor) -> Callable[[], int]:
        return lambda: sum(r.output.verified for r in batch.verify_many(signed, executor=executor))

    rows: list[tuple[str, float, float]] = []
    sequential = batch.SequentialExecutor()
    base_issue, base_verify = _rate(issue(sequential)), _rate(verify(sequential))
    rows.append(("sequential", base_issue, base_verify))
    with ProcessPoolExecutor(2) as pool:
        list(batch.issue_many(items[:8], sign, executor=pool, chunk_size=1, created=CREATED))
        list(batch.verify_many(signed[:8], executor=pool, chunk_size=1))
        rows.append(("2 processes", _rate(issue(pool)), _rate(verify(pool))))
    with _dask() as dask_executor:
        if dask_executor is None:
            print("dask: skipped (install the 'dask' extra)")
        else:
            list(
                batch.issue_many(
                    items[:8], sign, executor=dask_executor, chunk_size=1, created=CREATED
                )
            )
            list(batch.verify_many(signed[:8], executor=dask_executor, chunk_size=1))
            rows.append(
                ("Dask, 2 workers", _rate(issue(dask_executor)), _rate(verify(dask_executor)))
            )

    print(f"batch of {BATCH} representative badges (eddsa-rdfc-2022), median of {ROUNDS} runs")
    print(f"{'executor':<18}{'issue/s':>10}{'ratio':>8}{'verify/s':>11}{'ratio':>8}")
    for name, issued, verified in rows:
        print(
            f"{name:<18}{issued:>10.0f}{issued / base_issue:>7.2f}x"
            f"{verified:>11.0f}{verified / base_verify:>7.2f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
