"""Oversized ``dict`` input to verification is refused up front (issue 16, item 2).

JSON text has a byte cap in ``strict_json``; a ``dict`` handed straight to ``verify_proof`` had
none, so every later stage paid for its size. ``check_json_limits`` bounds nodes, members per
object, depth and size, and the verifier reports a crossing as ``PARSING_ERROR`` (never a crash).
The 300,000-key object is the audit's case; refusing it must not cost a walk of everything.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from vckit import keys
from vckit.problems import PARSING_ERROR
from vckit.proofs.dataintegrity import add_proof, averify_proof, verify_proof

pytestmark = pytest.mark.usefixtures("no_network")

NOW = "2025-06-01T00:00:00Z"


@pytest.fixture(scope="module")
def signed() -> dict[str, Any]:
    pair = keys.generate("Ed25519")
    did = f"did:key:{pair.public_key.multibase}"
    credential = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "issuer": did,
        "credentialSubject": {"id": "did:example:alice"},
    }
    signer = pair.signer(f"{did}#{pair.public_key.multibase}")
    return add_proof(credential, signer, created="2025-01-01T00:00:00Z")


def _refused(document: Any, limit: str, path: str) -> None:
    """Refused by both front ends, with the limit and the JSON path (prefix ``path*``)."""
    for result in (
        verify_proof(document, now=NOW),
        asyncio.run(averify_proof(document, now=NOW)),
    ):
        assert result.verified is False
        assert [p.code for p in result.problems] == [PARSING_ERROR]
        assert result.problems[0].message.startswith("the document is too large to verify: ")
        detail = result.problems[0].detail
        assert detail["limit"] == limit
        if path.endswith("*"):
            assert detail["path"].startswith(path[:-1])
        else:
            assert detail["path"] == path


def test_object_with_300000_members_is_refused(signed: dict[str, Any]) -> None:
    hostile = dict(signed)
    hostile["credentialSubject"] = {f"k{i}": i for i in range(300_000)}
    hostile["credentialSubject"]["id"] = "did:example:alice"
    _refused(hostile, "members", "$.credentialSubject")


def test_many_small_objects_hit_the_node_cap(signed: dict[str, Any]) -> None:
    batch = [{"id": f"urn:x:{i}", "n": [1, 2]} for i in range(9_000)]
    _refused(dict(signed, evidence=[batch] * 10), "nodes", "$.evidence[*")


def test_nesting_past_the_depth_cap(signed: dict[str, Any]) -> None:
    nested: Any = "deep"
    for _ in range(300):
        nested = [nested]
    _refused(dict(signed, evidence=nested), "depth", "$.evidence" + "[0]" * 199)


def test_size_cap_on_one_huge_string(signed: dict[str, Any]) -> None:
    _refused(dict(signed, name="x" * 11_000_000), "string", "$.name")


def test_non_string_member_name(signed: dict[str, Any]) -> None:
    _refused(dict(signed, credentialSubject={1: "one"}), "names", "$.credentialSubject")
