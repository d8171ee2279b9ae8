"""What a batch sends between processes: packed jobs and chunks, compact reports, chunk sizes."""

from __future__ import annotations

import dataclasses
import gc
import json
import pickle
from collections import OrderedDict
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any

import pytest
from tests.unit.batch.badges import CREATED, make_badges

import vckit
from vckit import batch, keys
from vckit.batch import _packed, _reports
from vckit.batch._packed import Packed, unpack_job
from vckit.batch._sizing import DASK_CHUNK, DASK_CHUNK_MAX, LOCAL_CHUNK, sizing
from vckit.batch._stream import _chunks


class CountsUnpickling:
    """A job that counts how often it is rebuilt from its pickle in this process."""

    rebuilt = 0

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, ())


def _rebuild() -> CountsUnpickling:
    CountsUnpickling.rebuilt += 1
    return CountsUnpickling()


class OwnClass:
    """Any object of a class of its own (it pickles by reference to its class)."""

    def __eq__(self, other: object) -> bool:
        return type(other) is OwnClass

    __hash__ = None  # type: ignore[assignment]


class RefusesToPickle:
    def __reduce__(self) -> tuple[Any, ...]:
        raise AssertionError("the value was pickled")


def _arrive(packed: Packed[Any]) -> Packed[Any]:
    """``packed`` as a worker process receives it."""
    return pickle.loads(pickle.dumps(packed))


def test_a_packed_value_arrives_undecoded_and_decodes_to_an_equal_value() -> None:
    value = [(0, {"id": "urn:x", "n": [1, 2.5, None, True]}), (1, "text")]
    arrived = _arrive(Packed(value, "batch-0"))
    assert arrived.crossed
    assert arrived.key == "batch-0"
    assert arrived.unpack() == value
    assert not arrived.crossed


def test_in_one_process_nothing_is_pickled() -> None:
    value = RefusesToPickle()
    packed = Packed(value, "k")
    assert not packed.crossed
    assert packed.unpack() is value


def test_a_packed_value_is_pickled_once_however_often_it_is_sent() -> None:
    packed = Packed(CountsUnpickling(), "k")
    first, second = pickle.dumps(packed), pickle.dumps(packed)
    assert first == second
    relayed = pickle.dumps(pickle.loads(first))
    assert relayed == first


def test_dask_names_a_packed_chunk_by_its_key_without_looking_inside() -> None:
    tokenize = pytest.importorskip("dask.tokenize", reason="dask is in the test extra").tokenize
    one = Packed(RefusesToPickle(), "batch-a-0")
    assert tokenize(one) == tokenize(Packed(RefusesToPickle(), "batch-a-0"))
    assert tokenize(one) != tokenize(Packed(RefusesToPickle(), "batch-a-64"))


def test_a_worker_decodes_a_batch_job_once_for_all_its_chunks() -> None:
    CountsUnpickling.rebuilt = 0
    job = Packed(CountsUnpickling(), "batch-job-once")
    decoded = [unpack_job(_arrive(job)) for _ in range(5)]
    assert CountsUnpickling.rebuilt == 1
    assert all(d is decoded[0] for d in decoded)


def test_a_worker_keeps_jobs_of_a_few_recent_batches_only() -> None:
    for n in range(_packed._WARM_LIMIT + 3):
        unpack_job(_arrive(Packed(n, f"recent-{n}")))
    assert len(_packed._WARM) == _packed._WARM_LIMIT
    assert "recent-0" not in _packed._WARM


@pytest.mark.parametrize("enabled", [True, False])
def test_unpacking_leaves_the_garbage_collector_as_it_found_it(enabled: bool) -> None:
    arrived = _arrive(Packed([{"a": [1, 2]}] * 100, "gc"))
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        arrived.unpack()
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def _signed(key: keys.KeyPair, did: str, count: int) -> list[dict[str, Any]]:
    badges = make_badges(did, count)
    return [vckit.issue(b, key.signer(), created=CREATED) for b in badges]


def test_reports_from_worker_processes_equal_the_sequential_ones(
    issuer_key: keys.KeyPair, issuer_did: str
) -> None:
    signed = _signed(issuer_key, issuer_did, 5)
    tampered = json.loads(json.dumps(signed[1]))
    tampered["credentialSubject"]["achievement"]["name"] = "Forged"
    items: list[Any] = [signed[0], tampered, json.dumps(signed[2]), "{not json", *signed[3:]]
    sequential = [r.output for r in batch.verify_many(items, executor=batch.SequentialExecutor())]
    with ProcessPoolExecutor(2) as pool:
        parallel = [r.output for r in batch.verify_many(items, executor=pool, chunk_size=2)]
    assert parallel == sequential  # every field, every check, every detail and warning
    assert [r.to_json() for r in parallel] == [r.to_json() for r in sequential]
    assert parallel[1].check("proof").code == "PROOF_VERIFICATION_ERROR"
    # a dict verified in a worker reports the caller's own object, as it does in-process
    assert parallel[0].credential is items[0]
    assert parallel[1].credential is items[1]
    assert parallel[2].credential == signed[2]  # parsed from text in the worker: a copy


def test_a_compact_report_expands_to_an_equal_report(
    issuer_key: keys.KeyPair, issuer_did: str
) -> None:
    (credential,) = _signed(issuer_key, issuer_did, 1)
    report = vckit.verify(credential)
    travelled = pickle.loads(pickle.dumps(_reports.compact_report(report, credential)))
    assert isinstance(travelled, _reports.CompactReport)
    assert travelled.same_as_input
    assert travelled.credential is None
    expanded = _reports.expand_report(travelled, credential)
    assert expanded == report
    assert expanded.credential is credential
    assert _reports.expand_report("not compact", None) == "not compact"


def test_the_reports_of_a_chunk_share_one_table_of_their_checks_and_warnings(
    issuer_key: keys.KeyPair, issuer_did: str
) -> None:
    signed = _signed(issuer_key, issuer_did, 3)
    tampered = json.loads(json.dumps(signed[2]))
    tampered["credentialSubject"]["achievement"]["name"] = "Forged"
    items = [*signed[:2], tampered]
    reports = [vckit.verify(item) for item in items]
    codec = _reports.REPORTS
    state = codec.begin()
    outputs = [codec.compact(r, item, state) for r, item in zip(reports, items, strict=True)]
    assert all(type(output) is bytes and len(output) < 100 for output in outputs)
    table = pickle.loads(pickle.dumps(codec.table(state)))
    # every check and warning once, though each report made its own proof check and warning
    assert len(table) == len(reports[0].checks) + len(reports[0].warnings) + 1  # + failed proof
    received = codec.receive(table)
    expanded = [codec.expand(o, item, received) for o, item in zip(outputs, items, strict=True)]
    assert expanded == reports
    assert [r.to_json() for r in expanded] == [r.to_json() for r in reports]
    assert [r.credential for r in expanded] == items
    assert all(r.credential is item for r, item in zip(expanded, items, strict=True))
    assert expanded[0].check("proof") is expanded[1].check("proof")  # equal: one object
    assert not expanded[2].verified


def test_a_report_with_a_detail_that_is_not_plain_json_travels_as_an_object(
    issuer_key: keys.KeyPair, issuer_did: str
) -> None:
    from vckit.verification import CheckResult, CheckStatus

    (credential,) = _signed(issuer_key, issuer_did, 1)
    report = vckit.verify(credential)
    odd = CheckResult("custom", CheckStatus.PASSED, detail={"when": OwnClass()}, required=False)
    changed = dataclasses.replace(report, checks=(*report.checks, odd))
    state = _reports.REPORTS.begin()
    travelled = _reports.REPORTS.compact(changed, credential, state)
    assert isinstance(travelled, _reports.CompactReport)
    back = pickle.loads(pickle.dumps(travelled))
    received = _reports.REPORTS.receive(_reports.REPORTS.table(state))
    assert _reports.REPORTS.expand(back, credential, received) == changed


def test_reports_travel_whole_when_the_report_classes_change_shape(
    monkeypatch: pytest.MonkeyPatch, issuer_key: keys.KeyPair, issuer_did: str
) -> None:
    (credential,) = _signed(issuer_key, issuer_did, 1)
    report = vckit.verify(credential)
    monkeypatch.setattr(_reports, "_APPLIES", False)
    assert _reports.compact_report(report, credential) is report


def test_the_report_codec_knows_the_report_classes_of_this_version() -> None:
    assert _reports._codec_applies()  # else reports travel whole: correct, but slower


def test_chunks_shrink_at_the_end_of_an_input_of_known_length() -> None:
    sizes = [len(values) for _, values in _chunks(range(1000), 64, 1000, 6)]
    assert sizes == [64] * 10 + [60, 50, 42, 35, 29, 24, 20, 17, 14, 12, 10] + [8] * 5 + [7]
    starts = [start for start, _ in _chunks(range(1000), 64, 1000, 6)]
    assert starts == [sum(sizes[:n]) for n in range(len(sizes))]
    assert [v for _, values in _chunks(range(1000), 64, 1000, 6) for v in values] == [*range(1000)]


def test_chunks_of_a_generator_keep_their_size() -> None:
    sizes = [len(values) for _, values in _chunks(iter(range(1000)), 64, None, 6)]
    assert sizes == [64] * 15 + [40]


def test_default_sizes_follow_the_executor_and_never_override_the_caller() -> None:
    with ThreadPoolExecutor(8) as threads:
        assert sizing(threads, None, None) == (LOCAL_CHUNK, 18, 8)
        assert sizing(threads, 5, 3) == (5, 3, 8)
    with ProcessPoolExecutor(3) as processes:
        assert sizing(processes, None, None) == (LOCAL_CHUNK, 8, 3)
    assert sizing(batch.SequentialExecutor(), None, 7).max_in_flight == 7
    assert DASK_CHUNK > LOCAL_CHUNK
    with ThreadPoolExecutor(2) as threads:
        assert sizing(threads, None, None, 10**6).chunk_size == LOCAL_CHUNK  # Dask only


class _Client:
    def nthreads(self) -> dict[str, int]:
        return {"tcp://a": 1, "tcp://b": 1}


class _DaskExecutor(Executor):
    """What ``distributed.Client.get_executor()`` looks like to ``sizing``: two worker threads."""

    def __init__(self) -> None:
        self._client = _Client()


_DaskExecutor.__module__ = "distributed.client"


def test_a_large_dask_batch_gets_larger_chunks_while_every_thread_gets_eight() -> None:
    executor = _DaskExecutor()
    assert sizing(executor, None, None) == (DASK_CHUNK, 6, 2)  # length unknown
    assert sizing(executor, None, None, 6_000).chunk_size == DASK_CHUNK  # 375 each: the floor
    assert sizing(executor, None, None, 24_000).chunk_size == 1_500
    assert sizing(executor, None, None, 10**6).chunk_size == DASK_CHUNK_MAX
    assert sizing(executor, 100, None, 10**6).chunk_size == 100  # the caller's choice wins


def _gc_state_inside(job: Any, chunk: list[tuple[int, Any]], owned: bool) -> list[Any]:
    from vckit.batch import BatchResult

    return [BatchResult(index, output=(gc.isenabled(), owned)) for index, _ in chunk]


def _raises(job: Any, chunk: list[tuple[int, Any]], owned: bool) -> list[Any]:
    raise RuntimeError("chunk failed")


def test_a_chunk_from_another_process_runs_with_the_collector_paused_then_restored() -> None:
    from vckit.batch._stream import Answer, _run_packed

    assert gc.isenabled()
    crossed = _run_packed(
        _gc_state_inside, None, _arrive(Packed(None, "j")), _arrive(Packed((0, [1]), "c"))
    )
    answer = crossed.unpack()
    assert isinstance(answer, Answer)
    assert answer.outputs == [(False, False)]  # collector paused; a pickled chunk is not owned
    local = _run_packed(_gc_state_inside, None, Packed(None, "j"), Packed((0, [1]), "c"))
    assert [r.output for r in local.unpack()] == [(True, False)]  # in-process: left alone
    with pytest.raises(RuntimeError, match="chunk failed"):
        _run_packed(_raises, None, _arrive(Packed(None, "j")), _arrive(Packed((0, [1]), "c")))
    assert gc.isenabled()


def test_a_chunk_of_plain_data_crosses_with_each_string_once_and_says_so() -> None:
    shared = {"id": "did:example:issuer", "type": ["Profile"]}
    badges = [{"issuer": shared, "n": [1, 2.5, None, True, "é", ("t", 1)]}, {"issuer": shared}]
    text = "A description every badge of the cohort repeats, word for word. " * 3
    badges += [
        json.loads(json.dumps({"issuer": shared, "name": f"badge {n}", "description": text}))
        for n in range(50)
    ]
    chunk = (0, badges)
    sent = Packed(chunk, "plain-0", as_data=True)
    arrived = _arrive(sent)
    assert arrived.plain
    decoded = arrived.unpack()
    assert decoded == chunk
    assert type(decoded[1][0]["n"][5]) is tuple
    assert decoded[1][0]["issuer"] is not decoded[1][1]["issuer"]  # no container in two places
    assert decoded[1][2]["issuer"]["id"] is decoded[1][3]["issuer"]["id"]  # strings: once
    per_badge = len(pickle.dumps(sent)) / len(badges)
    assert per_badge < len(json.dumps(badges[2])) / 2  # a repeated string is a back-reference
    assert not _arrive(Packed(chunk, "job")).plain  # only chunks are tried as plain data


@pytest.mark.parametrize(
    "value",
    [
        (0, [OrderedDict(a=1)]),  # a dict subclass
        (0, [{"when": _packed.Packed}]),  # a class
        (0, [OwnClass()]),
        (0, [{"raw": bytearray(b"x")}]),  # marshal would write it as bytes
        (0, [{"raw": b"x"}]),
        (0, [{1: "not a str key"}]),
    ],
    ids=["dict-subclass", "class", "object", "bytearray", "bytes", "int-key"],
)
def test_a_chunk_that_is_not_plain_data_crosses_the_ordinary_way(value: Any) -> None:
    arrived = _arrive(Packed(value, "other-0", as_data=True))
    assert not arrived.plain
    decoded = arrived.unpack()
    assert decoded == value
    assert type(decoded[1][0]) is type(value[1][0])
    if isinstance(value[1][0], dict) and "raw" in value[1][0]:
        assert type(decoded[1][0]["raw"]) is type(value[1][0]["raw"])


def test_a_cyclic_chunk_crosses_the_ordinary_way() -> None:
    cyclic: list[Any] = []
    cyclic.append(cyclic)
    arrived = _arrive(Packed((0, [cyclic]), "cycle-0", as_data=True))
    assert not arrived.plain
    index, (decoded,) = arrived.unpack()
    assert index == 0
    assert decoded[0] is decoded


def test_data_nested_deeper_than_the_copy_goes_crosses_the_ordinary_way() -> None:
    from vckit._codec.plaincopy import MAX_DEPTH

    deep: Any = "leaf"
    for _ in range(MAX_DEPTH + 5):
        deep = [deep]
    arrived = _arrive(Packed((0, [deep]), "deep-0", as_data=True))
    assert not arrived.plain
    assert arrived.unpack() == (0, [deep])


def test_a_worker_keeps_nothing_of_a_chunk_once_its_results_are_packed() -> None:
    from vckit.batch._stream import _run_packed

    chunk = _arrive(Packed((0, [{"a": [1]}, {"b": 2}]), "kept-0", as_data=True))
    results = _run_packed(_gc_state_inside, None, _arrive(Packed(None, "j")), chunk)
    assert results.crossed  # already pickled: the pool sends these bytes as they are
    assert results.unpack().outputs == [(False, True), (False, True)]  # owned: plain data
    with pytest.raises(RuntimeError, match="was taken"):
        chunk.unpack()  # taken: neither its bytes nor its decoded items are kept


def _seen_by_worker(job: Any, chunk: list[tuple[int, Any]], owned: bool) -> list[Any]:
    from vckit.batch import BatchResult

    return [BatchResult(index, output=item["n"]) for index, item in chunk]


def test_a_chunk_for_another_process_is_written_when_it_is_submitted() -> None:
    from vckit.batch._sizing import crosses_processes
    from vckit.batch._stream import run_chunks

    items = [{"n": n} for n in range(6)]

    def source() -> Any:  # changes each chunk's items once the next chunk is asked for
        for position, item in enumerate(items):
            if position and position % 2 == 0:
                for earlier in items[position - 2 : position]:
                    earlier["n"] = -1
            yield item
        for earlier in items[-2:]:
            earlier["n"] = -1

    with ProcessPoolExecutor(1) as pool:
        assert crosses_processes(pool)
        results = list(
            run_chunks(_seen_by_worker, None, source(), executor=pool, chunk_size=2,
                       max_in_flight=3, workers=1)
        )  # fmt: skip
    # each worker saw its items as they were when their chunk was submitted
    assert [r.output for r in results] == [0, 1, 2, 3, 4, 5]
    with ThreadPoolExecutor(1) as threads:
        assert not crosses_processes(threads)
    assert not crosses_processes(batch.SequentialExecutor())
