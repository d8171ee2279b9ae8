"""Signed credentials come back from worker processes as ``marshal`` bytes, read when asked for.

Whatever travels, ``issue_many`` on a process pool must give what ``vckit.issue`` gives: equal
values, the same member order, and objects that share nothing with the caller's input or with
each other. A worker signs the credentials it decoded in place (``issue_owned``): what it signs
must still be exactly what ``vckit.issue`` signs.
"""

from __future__ import annotations

import json
import marshal
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
from vckit.batch._issued import compact_issued, expand_issued
from vckit.verification._issue import issue_owned


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
    parallel, sequential = _issue_both(badges, issuer_key, pool)
    for mine, theirs in zip(parallel, sequential, strict=True):
        assert mine["id"].startswith("urn:uuid:")
        assert mine["id"] != theirs["id"]
        assert _without_id(mine) == _without_id(theirs)  # same members, same order
        assert vckit.verify(mine).verified
        assert list(mine).index("id") == list(mine).index("@context") + 1


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


def test_a_signed_credential_travels_as_marshal_bytes_and_comes_back_equal_in_order(
    issuer_key: keys.KeyPair, issuer_did: str
) -> None:
    signed, _ = _signed_and_item(issuer_key, issuer_did)
    compact = pickle.loads(pickle.dumps(compact_issued(signed)))
    assert type(compact) is bytes
    back = expand_issued(compact)
    assert back == signed
    assert _ordered(back) == _ordered(signed)
    assert not {id(c) for c in _containers(back)} & {id(c) for c in _containers(signed)}
    assert compact_issued("a.jwt.text") == "a.jwt.text"  # a JWT is a string
    assert expand_issued("a.jwt.text") == "a.jwt.text"
    odd = dict(signed, extra=OrderedDict(a=1))  # not a credential vckit.issue makes
    assert compact_issued(odd) is odd  # marshal refuses it: it travels whole
    shared = {"id": "urn:x"}
    twice = dict(signed, a=shared, b=shared)
    again = marshal.loads(compact_issued(twice))
    assert again["a"] is again["b"]  # held twice in the credential: one object, as it was


def test_issue_owned_signs_what_vckit_issue_signs_and_vckit_issue_leaves_its_input(
    issuer_key: keys.KeyPair, issuer_did: str
) -> None:
    (badge,) = make_badges(issuer_did, 1)
    before = json.dumps(badge)
    direct = vckit.issue(badge, issuer_key.signer(), created=CREATED)
    assert json.dumps(badge) == before  # vckit.issue copies what it is given, once
    handed = json.loads(before)
    owned = issue_owned(handed, issuer_key.signer(), created=CREATED)
    assert owned == direct
    assert _ordered(owned) == _ordered(direct)
    assert owned is handed  # signed in place: no copy


def test_a_worker_signs_a_chunk_of_plain_badges_in_place_and_answers_with_bytes(
    issuer_key: keys.KeyPair, issuer_did: str
) -> None:
    from vckit.batch._issued import ISSUED
    from vckit.batch._jobs import IssueJob, issue_chunk
    from vckit.batch._packed import Packed
    from vckit.batch._stream import _run_packed

    def arrive(packed: Packed[Any]) -> Packed[Any]:
        return pickle.loads(pickle.dumps(packed))

    badges = make_badges(issuer_did, 3)
    signer = issuer_key.signer()
    job = arrive(Packed(IssueJob(signer, "eddsa-rdfc-2022", {"created": CREATED}), "j"))
    plain = arrive(Packed((0, badges), "c-0", as_data=True))
    assert plain.plain
    answer = _run_packed(issue_chunk, ISSUED, job, plain).unpack()
    assert all(type(output) is bytes for output in answer.outputs)
    direct = [vckit.issue(b, signer, created=CREATED) for b in badges]
    assert [marshal.loads(output) for output in answer.outputs] == direct
    model = ob.OpenBadgeCredential.model_validate(badges[0])
    mixed = arrive(Packed((0, [model, badges[1]]), "c-1", as_data=True))
    assert not mixed.plain  # signed through vckit.issue, which copies
    answer = _run_packed(issue_chunk, ISSUED, job, mixed).unpack()
    assert [marshal.loads(output) for output in answer.outputs] == direct[:2]
