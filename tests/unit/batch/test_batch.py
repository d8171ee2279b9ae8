"""issue_many / verify_many: same results on every executor, in order, one per item."""

from __future__ import annotations

import json
import pickle
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from tests.unit.batch.badges import CREATED, make_badges

import vckit
from vckit import batch, keys
from vckit.errors import ParseError
from vckit.verification import IssuanceError


class CountingAllocator:
    """An in-memory allocator with the registry's contract: idempotent per credential id."""

    def __init__(self) -> None:
        self.entries: dict[str, dict[str, Any]] = {}
        self.calls = 0

    def allocate(self, credential_id: str, *, purpose: str = "revocation") -> dict[str, Any]:
        self.calls += 1
        if credential_id not in self.entries:
            index = str(len(self.entries))
            self.entries[credential_id] = {
                "id": f"https://example.edu/status/1#{index}",
                "type": "BitstringStatusListEntry",
                "statusPurpose": purpose,
                "statusListIndex": index,
                "statusListCredential": "https://example.edu/status/1",
            }
        return dict(self.entries[credential_id])


def _issue(items: list[Any], key: keys.KeyPair, executor: Any, **options: Any) -> list[Any]:
    return list(
        batch.issue_many(
            items, key.signer(), executor=executor, created=CREATED, chunk_size=3, **options
        )
    )


def test_process_pool_issues_exactly_what_the_sequential_path_issues(
    issuer_key: keys.KeyPair, issuer_did: str
) -> None:
    badges = make_badges(issuer_did, 10)
    sequential = _issue(badges, issuer_key, batch.SequentialExecutor())
    with ProcessPoolExecutor(2) as pool:
        parallel = _issue(badges, issuer_key, pool)
    assert [r.index for r in parallel] == list(range(10))
    assert [r.output for r in parallel] == [r.output for r in sequential]
    assert all(r.ok for r in parallel)
    expected = [vckit.issue(b, issuer_key.signer(), created=CREATED) for b in badges]
    assert [r.output for r in sequential] == expected


def test_a_bad_credential_is_reported_and_the_others_are_issued(
    issuer_key: keys.KeyPair, issuer_did: str
) -> None:
    badges: list[Any] = make_badges(issuer_did, 5)
    broken = dict(badges[2])
    del broken["credentialSubject"]
    badges[2] = broken
    badges.insert(4, "not a credential")
    results = _issue(badges, issuer_key, batch.SequentialExecutor())
    assert [r.ok for r in results] == [True, True, False, True, False, True]
    assert isinstance(results[2].error, IssuanceError)
    assert results[4].error is not None


def test_jwt_issuing_in_a_batch(issuer_key: keys.KeyPair, issuer_did: str) -> None:
    badges = make_badges(issuer_did, 3)
    with ProcessPoolExecutor(2) as pool:
        results = _issue(badges, issuer_key, pool, proof="vc-jwt")
    assert all(isinstance(r.output, str) and r.output.count(".") == 2 for r in results)
    reports = [vckit.verify(r.output) for r in results]
    assert [r.verified for r in reports] == [True, True, True]


def test_status_is_allocated_once_per_credential_even_when_the_batch_is_retried(
    issuer_key: keys.KeyPair, issuer_did: str
) -> None:
    badges = make_badges(issuer_did, 6)
    allocator = CountingAllocator()
    first = _issue(badges, issuer_key, batch.SequentialExecutor(), status=allocator)
    retried = _issue(badges, issuer_key, batch.SequentialExecutor(), status=allocator)
    assert len(allocator.entries) == 6
    assert allocator.calls == 12
    assert [r.output for r in first] == [r.output for r in retried]
    indexes = [r.output["credentialStatus"]["statusListIndex"] for r in first]
    assert sorted(indexes) == [str(n) for n in range(6)]


def test_verify_many_gives_one_report_per_item_in_order_on_every_executor(
    issuer_key: keys.KeyPair, issuer_did: str
) -> None:
    signed = [
        r.output for r in _issue(make_badges(issuer_did, 6), issuer_key, batch.SequentialExecutor())
    ]
    tampered = json.loads(json.dumps(signed[3]))
    tampered["credentialSubject"]["achievement"]["name"] = "Forged"
    items: list[Any] = [*signed[:3], tampered, "{not json", *signed[4:]]
    expected = [True, True, True, False, False, True, True]
    for executor in (batch.SequentialExecutor(), ThreadPoolExecutor(2), ProcessPoolExecutor(2)):
        with executor:
            reports = list(batch.verify_many(items, executor=executor, chunk_size=2))
        assert [r.index for r in reports] == list(range(len(items)))
        assert all(r.ok for r in reports)
        assert [r.output.verified for r in reports] == expected
        assert reports[3].output.check("proof").code == "PROOF_VERIFICATION_ERROR"


def test_reports_and_results_pickle(issuer_key: keys.KeyPair, issuer_did: str) -> None:
    signed = _issue(make_badges(issuer_did, 1), issuer_key, batch.SequentialExecutor())[0].output
    (result,) = batch.verify_many([signed], executor=batch.SequentialExecutor())
    copy = pickle.loads(pickle.dumps(result))
    assert copy.index == 0
    assert copy.output.verified is True
    assert [c.check for c in copy.output.checks] == [c.check for c in result.output.checks]


def test_progress_callback_sees_every_item(issuer_key: keys.KeyPair, issuer_did: str) -> None:
    seen: list[tuple[int, int | None]] = []
    badges = make_badges(issuer_did, 7)
    list(
        batch.issue_many(
            badges, issuer_key.signer(), executor=batch.SequentialExecutor(), chunk_size=3,
            created=CREATED, progress=lambda done, total: seen.append((done, total)),
        )
    )  # fmt: skip
    assert seen[-1] == (7, 7)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_read_jsonl_is_strict_and_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "badges.jsonl"
    path.write_text('{"a": 1}\n\n{"b": 2}\n{"c": 1, "c": 2}\n', encoding="utf-8")
    reader = batch.read_jsonl(path)
    assert next(reader) == {"a": 1}
    assert next(reader) == {"b": 2}
    with pytest.raises(ParseError, match=r"badges.jsonl:4: .*duplicate"):
        next(reader)


def test_write_jsonl_round_trips_outputs(
    tmp_path: Path, issuer_key: keys.KeyPair, issuer_did: str
) -> None:
    results = _issue(make_badges(issuer_did, 3), issuer_key, batch.SequentialExecutor())
    path = tmp_path / "out.jsonl"
    batch.write_jsonl(results, path)
    assert list(batch.read_jsonl(path)) == [r.output for r in results]


def test_a_retried_batch_takes_no_second_index_from_a_real_registry(
    tmp_path: Path, issuer_key: keys.KeyPair, issuer_did: str
) -> None:
    from vckit.status import StatusRegistry

    registry = StatusRegistry.sqlite(
        tmp_path / "status.sqlite", url_template="https://example.edu/status/{list}"
    )
    badges = make_badges(issuer_did, 8)
    with ProcessPoolExecutor(2) as pool:
        first = _issue(badges, issuer_key, pool, status=registry)
        retried = _issue(badges, issuer_key, pool, status=registry)
    entries = [r.output["credentialStatus"] for r in first]
    assert [r.output["credentialStatus"] for r in retried] == entries
    assert len({e["statusListIndex"] for e in entries}) == 8
    for badge, entry in zip(badges, entries, strict=True):
        assert registry.allocate(badge["id"]) == entry  # idempotent: still the same index
