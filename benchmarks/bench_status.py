"""Status: a cached status check, decoding a 131,072-entry list, registry allocation throughput.

* **cached check**: ``StatusChecker.check`` on a list fetched once (``httpx.MockTransport``, a
  signed eddsa-rdfc-2022 list), then checked for many credentials; the target is <= 5 us each.
* **first check**: the same with an empty cache (fetch + proof verification + decode).
* **decode**: ``BitstringStatusList.decode`` of a 131,072-entry list with 1,000 bits set.
* **allocation**: indexes/s from 1 process and from 4 processes, on SQLite (a WAL file) and on
  PostgreSQL (a throwaway cluster started here, when initdb/pg_ctl and psycopg exist), in
  batches of 1,000 per transaction (``allocate_many``) and one per transaction (``allocate``).

Prints medians (the cached check also as CPU time, which a busy shared machine does not
inflate); run with ``python benchmarks/bench_status.py`` or ``make bench``.
"""

from __future__ import annotations

import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # for tests._pg (the throwaway PostgreSQL cluster)

from vckit import dids, keys  # noqa: E402
from vckit.status import (  # noqa: E402
    BitstringStatusList,
    StatusChecker,
    StatusRegistry,
    StatusVerdict,
    issue_status_list_credential,
)

NOW = datetime(2025, 6, 1, tzinfo=UTC)
URL = "https://issuer.example/status/1"
TEMPLATE = "https://issuer.example/status/{list}"
PER_PROCESS = 25_000
SINGLE = 2_000


def _median(
    fn: Callable[[], Any], rounds: int, clock: Callable[[], float] = time.perf_counter
) -> float:
    times = []
    for _ in range(rounds):
        start = clock()
        fn()
        times.append(clock() - start)
    return statistics.median(times)


def _signed_list() -> tuple[str, dict[str, Any]]:
    key = keys.KeyPair.from_jwk(
        {
            "kty": "OKP",
            "crv": "Ed25519",
            "d": "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
            "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
        }
    )
    did = dids.did_key(key.public_key)
    lst = BitstringStatusList()
    for index in random.Random(5).sample(range(131_072), 1_000):
        lst.set(index)
    signed = issue_status_list_credential(
        lst,
        key.signer(f"{did}#{did.split(':')[-1]}"),
        id=URL,
        valid_from="2025-01-01T00:00:00Z",
        created="2025-01-01T00:00:00Z",
    )
    assert isinstance(signed, dict)
    return did, signed


def bench_checks() -> None:
    did, signed = _signed_list()
    client = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, json=signed)))
    credentials = [
        (
            {"id": f"urn:uuid:{i}", "issuer": did},
            {
                "type": "BitstringStatusListEntry",
                "statusPurpose": "revocation",
                "statusListIndex": str(i * 7 % 131_072),
                "statusListCredential": URL,
            },
        )
        for i in range(1_000)
    ]

    def first() -> None:
        checker = StatusChecker(client=client)
        assert checker.check(*credentials[0], now=NOW).verdict is not StatusVerdict.UNDETERMINED

    checker = StatusChecker(client=client)
    checker.check(*credentials[0], now=NOW)

    def cached() -> None:
        for credential, entry in credentials:
            checker.check(credential, entry, now=NOW)

    wall = _median(cached, rounds=30) / len(credentials)
    cpu = _median(cached, rounds=30, clock=time.process_time) / len(credentials)
    print(
        f"status check, cached list:        {cpu * 1e6:8.2f} us CPU per credential"
        f" ({wall * 1e6:.2f} us wall; target <= 5)"
    )
    print(f"status check, first (fetch+proof): {_median(first, rounds=15) * 1e3:7.2f} ms")
    encoded = signed["credentialSubject"]["encodedList"]
    decode = _median(lambda: BitstringStatusList.decode(encoded), rounds=50)
    print(f"decode 131,072-entry list:        {decode * 1e6:8.1f} us ({len(encoded)} chars)")


def _open(kind: str, target: str) -> StatusRegistry:
    if kind == "sqlite":
        return StatusRegistry.sqlite(target, url_template=TEMPLATE)
    return StatusRegistry.postgres(target, url_template=TEMPLATE)


def _worker(kind: str, target: str, worker: int, batched: bool, count: int) -> None:
    with _open(kind, target) as registry:
        if batched:
            for start in range(0, count, 1_000):
                registry.allocate_many([f"urn:{worker}:{n}" for n in range(start, start + 1_000)])
        else:
            for n in range(count):
                registry.allocate(f"urn:{worker}:{n}")


def _throughput(kind: str, target: str, processes: int, batched: bool, count: int) -> float:
    _open(kind, target).close()
    started = time.perf_counter()
    if processes == 1:
        _worker(kind, target, 0, batched, count)
    else:
        context = multiprocessing.get_context("fork")
        with context.Pool(processes) as pool:
            pool.starmap(_worker, [(kind, target, w, batched, count) for w in range(processes)])
    return processes * count / (time.perf_counter() - started)


def bench_allocation() -> None:
    targets: list[tuple[str, Callable[[], str]]] = []
    tmp = Path(tempfile.mkdtemp(prefix="vckit-bench-"))
    counter = iter(range(1_000))
    targets.append(("sqlite", lambda: str(tmp / f"r{next(counter)}.db")))
    cluster = None
    try:
        from tests._pg import PgCluster, PgUnavailableError, find_pg_bin

        if find_pg_bin() is not None:
            import psycopg  # noqa: F401

            cluster = PgCluster().start()
            targets.append(("postgres", cluster.new_database))
        else:
            print("postgres: skipped (no initdb/pg_ctl)")
    except (ImportError, PgUnavailableError) as exc:
        print(f"postgres: skipped ({exc})")
    try:
        for kind, fresh in targets:
            for processes in (1, 4):
                batched = _throughput(kind, fresh(), processes, True, PER_PROCESS)
                single = _throughput(kind, fresh(), processes, False, SINGLE)
                print(
                    f"allocate {kind:8s} {processes} process(es): {batched:9.0f} indexes/s batched,"
                    f" {single:7.0f} indexes/s one per transaction"
                )
    finally:
        if cluster is not None:
            cluster.stop()


def main() -> int:
    bench_checks()
    bench_allocation()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
