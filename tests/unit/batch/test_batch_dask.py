"""A Dask cluster runs a batch through ``Client.get_executor()``, with the sequential results.

The cluster is a real ``LocalCluster`` with two worker processes on this machine (loopback only),
started and closed by the test, configured as docs/batch.md tells users to (the workers'
statistical profiler off).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from tests.unit.batch.badges import CREATED, make_badges

import vckit
from vckit import batch, keys
from vckit.batch._sizing import DASK_CHUNK, sizing

distributed = pytest.importorskip("distributed", reason="dask[distributed] is in the test extra")
dask = pytest.importorskip("dask", reason="dask[distributed] is in the test extra")


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with dask.config.set({"distributed.worker.profile.enabled": False}):
        cluster = distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=40,
        )
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


@pytest.mark.timeout(180)
def test_dask_issues_and_verifies_exactly_like_the_sequential_path(
    client: Any, issuer_key: keys.KeyPair, issuer_did: str
) -> None:
    badges = make_badges(issuer_did, 12)
    badges[5] = {"not": "a credential"}
    executor = client.get_executor()
    on_dask = list(
        batch.issue_many(
            badges, issuer_key.signer(), executor=executor, chunk_size=2, created=CREATED
        )
    )
    sequential = list(
        batch.issue_many(
            badges, issuer_key.signer(), executor=batch.SequentialExecutor(), created=CREATED
        )
    )
    assert [r.index for r in on_dask] == list(range(12))
    assert [r.output for r in on_dask] == [r.output for r in sequential]
    assert [r.ok for r in on_dask] == [n != 5 for n in range(12)]
    assert type(on_dask[5].error) is type(sequential[5].error)

    signed = [r.output for r in on_dask if r.ok]
    reports = list(batch.verify_many(signed, executor=executor, chunk_size=3))
    assert [r.output.verified for r in reports] == [True] * 11
    assert [r.output.to_json() for r in reports] == [
        vckit.verify(document).to_json() for document in signed
    ]
    workers = client.run(lambda: 1)
    assert len(workers) == 2


@pytest.mark.timeout(180)
def test_dask_with_default_sizes_matches_the_sequential_path(
    client: Any, issuer_key: keys.KeyPair, issuer_did: str
) -> None:
    executor = client.get_executor()
    assert sizing(executor, None, None) == (DASK_CHUNK, 2 * 2 + 2, 2)  # two threads in the cluster
    assert client.run(lambda: dask.config.get("distributed.worker.profile.enabled")) == {
        address: False for address in client.scheduler_info()["workers"]
    }
    badges = make_badges(issuer_did, 40)
    on_dask = [r.output for r in batch.issue_many(badges, issuer_key.signer(), executor=executor,
                                                  created=CREATED)]  # fmt: skip
    sequential = [vckit.issue(b, issuer_key.signer(), created=CREATED) for b in badges]
    assert on_dask == sequential
    reports = [r.output for r in batch.verify_many(on_dask, executor=executor)]
    assert reports == [vckit.verify(document) for document in on_dask]
    assert all(
        report.credential is document for report, document in zip(reports, on_dask, strict=True)
    )
