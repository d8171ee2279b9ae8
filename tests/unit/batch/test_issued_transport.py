"""Signed credentials come back from worker processes as a proof, and are rebuilt in the caller.

Whatever travels, ``issue_many`` on a process pool must give what ``vckit.issue`` gives: equal
values, the same member order, and objects that share nothing with the caller's input or with
each other.
"""

from __future__ import annotations

import json
import pickle
from collections import OrderedDict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import pytest
from tests.unit.batch.badges import CREATED, make_badges

import vckit
from vckit import batch, keys
from vckit import openbadges as ob
from vckit.batch._issued import IssuedProof, compact_issued, expand_issued


@pytest.fixture(scope="module")
def pool() -> Iterator[ProcessPoolExecutor]:
    with ProcessPoolExecutor(2) as executor:
        yield executor


def _containers(value: Any) -> Iterator[Any]:
    if isinstance(value, dict | list):
        yield value
        for item in value.values() if isinstance(value, dict) else value:
            yield from _containers(item)


def _ordered(value: Any) -> str:
    """``value`` as JSON text that keeps member order, so equal texts mean equal order too."""
    return json.dumps(value, ensure_ascii=False)


def _without_id(signed: dict[str, Any]) -> tuple[list[str], dict[str, Any], list[Any]]:
    """Members, in order, with what depends on the (random) generated id left out."""
    unsigned = {key: value for key, value in signed.items() if key not in ("id", "proof")}
    proofs = [{k: v for k, v in p.items() if k != "proofValue"} for p in signed["proof"]]
    return list(signed), unsigned, proofs


def _issue_both(
    items: list[Any], key: keys.KeyPair, pool: ProcessPoolExecutor, **options: Any
) -> tuple[list[Any], list[Any]]:
    def run(executor: Any) -> list[Any]:
        results = list(
            batch.issue_many(
                items, key.signer(), executor=executor, created=CREATED, chunk_size=3, **options
            )
        )
        assert all(r.ok for r in results), [r.error for r in results if not r.ok]
        return [r.output for r in results]

    return run(pool), run(batch.SequentialExecutor())


def test_plain_dicts_come_back_identical_to_vckit_issue(
    pool: ProcessPoolExecutor, issuer_key: keys.KeyPair, issuer_did: str
) -> None:
    badges = [json.loads(json.dumps(b)) for b in make_badges(issuer_did, 7)]
    parallel, sequential = _issue_both(badges, issuer_key, pool)
    direct = [vckit.issue(b, issuer_key.signer(), created=CREATED) for b in badges]
    assert parallel == sequential == direct
    assert [_ordered(p) for p in parallel] == [_ordered(d) for d in direct]
    assert all(type(p) is dict and type(p["proof"]) is list for p in parallel)


def test_a_generated_id_is_placed_where_vckit_issue_places_it(
    pool: ProcessPoolExecutor, issuer_key: keys.KeyPair, issuer_did: str
) -> None:
    badges = make_badges(issuer_did, 4)
    for badge in badges:
        del badge["id"]
    no_context = {k: v for k, v in badges[3].items() if k != "@context"}
    parallel, sequential = _issue_both(badges, issuer_key, pool)
    for mine, theirs in zip(parallel, sequential, strict=True):
        assert mine["id"].startswith("urn:uuid:")
        assert mine["id"] != theirs["id"]
        assert _without_id(mine) == _without_id(theirs)  # same members, same order
        assert vckit.verify(mine).verified
        assert list(mine).index("id") == list(mine).index("@context") + 1
    # ``expand_issued`` follows the same rule without a context: the id comes first
    rebuilt = expand_issued(IssuedProof("urn:uuid:x", [{"type": "P"}]), no_context)
    assert list(rebuilt) == ["id", *no_context, "proof"]


def test_outputs_share_nothing_with_the_input_or_each_other(
    pool: ProcessPoolExecutor, issuer_key: keys.KeyPair, issuer_did: str
) -> None:
    badges = make_badges(issuer_did, 5)
    issuer = badges[0]["issuer"]
    for badge in badges:
        badge["issuer"] = issuer  # one dict object in every badge, as user code often does
    parallel, sequential = _issue_both(badges, issuer_key, pool)
    assert parallel == sequential
    inputs = {id(c) for badge in badges for c in _containers(badge)}
    seen: set[int] = set()
    for output in parallel:
        mine = {id(c) for c in _containers(output)}
        assert not mine & inputs
        assert not mine & seen
        seen |= mine
    parallel[0]["issuer"]["name"] = "Changed"
    assert parallel[1]["issuer"]["name"] == badges[1]["issuer"]["name"] != "Changed"


def test_inputs_that_are_not_plain_json_travel_whole_and_come_back_identical(
    pool: ProcessPoolExecutor, issuer_key: keys.KeyPair, issuer_did: str
) -> None:
    plain = make_badges(issuer_did, 4)
    with_tuple = json.loads(json.dumps(plain[0]))
    with_tuple["type"] = tuple(with_tuple["type"])  # vckit.issue writes a list
    ordered = OrderedDict(plain[1])  # a dict subclass: vckit.issue writes a dict
    model = ob.OpenBadgeCredential.model_validate(plain[2])
    items: list[Any] = [with_tuple, ordered, model, plain[3]]
    parallel, sequential = _issue_both(items, issuer_key, pool)
    assert parallel == sequential
    assert [_ordered(p) for p in parallel] == [_ordered(s) for s in sequential]
    assert all(type(p) is dict for p in parallel)
    assert type(parallel[0]["type"]) is list


def test_jwt_and_status_outputs_are_identical_to_the_sequential_path(
    pool: ProcessPoolExecutor, issuer_key: keys.KeyPair, issuer_did: str
) -> None:
    from tests.unit.batch.test_batch import CountingAllocator

    badges = make_badges(issuer_did, 4)
    jwts, sequential_jwts = _issue_both(badges, issuer_key, pool, proof="vc-jwt")
    assert jwts == sequential_jwts
    assert all(isinstance(j, str) for j in jwts)
    allocator = CountingAllocator()
    parallel, sequential = _issue_both(badges, issuer_key, pool, status=allocator)
    assert parallel == sequential
    assert [_ordered(p) for p in parallel] == [_ordered(s) for s in sequential]
    assert len(allocator.entries) == 4


def _signed_and_item(issuer_key: keys.KeyPair, issuer_did: str) -> tuple[Any, dict[str, Any]]:
    (badge,) = make_badges(issuer_did, 1)
    return vckit.issue(badge, issuer_key.signer(), created=CREATED), badge


def test_a_worker_sends_the_proof_only_when_the_rebuilt_credential_is_the_signed_one(
    issuer_key: keys.KeyPair, issuer_did: str
) -> None:
    signed, item = _signed_and_item(issuer_key, issuer_did)
    compact = pickle.loads(pickle.dumps(compact_issued(signed, item, True)))
    assert isinstance(compact, IssuedProof)
    assert compact.id is None
    rebuilt = expand_issued(compact, item)
    assert rebuilt == signed
    assert _ordered(rebuilt) == _ordered(signed)
    assert expand_issued(signed, item) is signed  # anything else passes through

    assert compact_issued(signed, item, False) is signed  # the chunk was not plain data
    assert compact_issued("a.jwt.text", item, True) == "a.jwt.text"
    extended = dict(signed, **{"@context": [*signed["@context"], "https://example.org/x"]})
    assert compact_issued(extended, item, True) is extended  # a member the engine changed
    reordered = {"proof": signed["proof"], **{k: v for k, v in signed.items() if k != "proof"}}
    assert compact_issued(reordered, item, True) is reordered
    with_proof = dict(item, proof={"type": "DataIntegrityProof"})
    assert compact_issued(signed, with_proof, True) is signed  # a proof set, not one proof


def test_a_worker_answers_a_chunk_of_plain_badges_with_proofs_only(
    issuer_key: keys.KeyPair, issuer_did: str
) -> None:
    from vckit.batch._issued import ISSUED
    from vckit.batch._jobs import IssueJob, issue_chunk
    from vckit.batch._packed import Packed
    from vckit.batch._stream import _run_packed

    def arrive(packed: Packed[Any]) -> Packed[Any]:
        return pickle.loads(pickle.dumps(packed))

    badges = make_badges(issuer_did, 3)
    job = arrive(
        Packed(IssueJob(issuer_key.signer(), "eddsa-rdfc-2022", {"created": CREATED}), "j")
    )
    plain = arrive(Packed(list(enumerate(badges)), "c-0", as_data=True))
    answers = [r.output for r in _run_packed(issue_chunk, ISSUED, job, plain).unpack()]
    assert all(isinstance(a, IssuedProof) for a in answers)
    model = ob.OpenBadgeCredential.model_validate(badges[0])
    mixed = arrive(Packed([(0, model), (1, badges[1])], "c-1", as_data=True))
    assert not mixed.plain
    answers = [r.output for r in _run_packed(issue_chunk, ISSUED, job, mixed).unpack()]
    assert all(type(a) is dict for a in answers)  # the whole chunk travels as it was signed
