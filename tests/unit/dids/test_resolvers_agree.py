"""Differential: the offline ``LocalKeyResolver`` and ``DIDResolver`` agree on every did:key and
did:jwk method and relationship (one rule table in ``vckit.keys`` serves both).

Inputs: every DID in the did:key test vectors and the did:jwk spec examples (read from
``../shared/vectors``; skipped when absent), and generated keys of every type, as did:key and as
did:jwk with no ``use``, ``"use": "sig"`` and ``"use": "enc"``.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from tests.conftest import VECTORS, vectors_dir

from vckit import keys
from vckit.dids import RELATIONSHIPS, DIDResolver, did_jwk, did_key
from vckit.errors import DIDResolutionError, VckitError
from vckit.keys import LocalKeyResolver, VerificationMethod

OFFLINE = LocalKeyResolver()
ONLINE = DIDResolver()  # did:key and did:jwk never touch the network


def _vector_dids() -> list[str]:
    found: list[str] = []
    folder = VECTORS / "did" / "did-key" / "test-vectors"
    for path in sorted(folder.glob("*.json")) if folder.exists() else []:
        data = json.loads(path.read_text(encoding="utf-8"))
        found.extend(re.findall(r"did:key:z[1-9A-HJ-NP-Za-km-z]+", json.dumps(data)))
    jwk = VECTORS / "did" / "did-jwk"
    for path in sorted(jwk.glob("didjwk-ex*")) if jwk.exists() else []:
        found.extend(re.findall(r"did:jwk:[A-Za-z0-9_-]{20,}", path.read_text(encoding="utf-8")))
    return sorted(set(found))


def _generated_dids() -> list[str]:
    dids: list[str] = []
    for kind in keys.KEY_TYPES:
        public = keys.generate(kind).public_key
        dids.append(did_key(public))
        dids.extend(did_jwk(public, use=use) for use in (None, "sig", "enc"))
    return dids


def _outcome(resolver: Any, method_id: str, relationship: str) -> VerificationMethod | str:
    try:
        method = resolver.dereference(method_id, relationship)
    except DIDResolutionError as exc:
        return f"refused: {exc.kind}"
    assert isinstance(method, VerificationMethod)  # one type, whichever resolver
    return method


def _method_ids(did: str) -> list[str]:
    document = ONLINE.resolve(did)
    return sorted(document.methods)


def _assert_agree(did: str) -> int:
    """Both resolvers give equal methods (id, type, controller, key, relationships) or both
    refuse, for every method and relationship; returns how many (method, relationship) pairs
    were authorised."""
    authorised = 0
    for method_id in _method_ids(did):
        for relationship in RELATIONSHIPS:
            offline = _outcome(OFFLINE, method_id, relationship)
            online = _outcome(ONLINE, method_id, relationship)
            assert offline == online, (method_id, relationship)
            authorised += isinstance(online, VerificationMethod)
    return authorised


def test_vectors_are_present_or_skipped() -> None:
    vectors_dir("did", "did-key", "test-vectors")
    vectors_dir("did", "did-jwk")
    dids = _vector_dids()
    assert sum(d.startswith("did:jwk:") for d in dids) >= 2
    assert sum(d.startswith("did:key:") for d in dids) >= 10


@pytest.mark.parametrize("did", _vector_dids())
def test_resolvers_agree_on_vector(did: str) -> None:
    try:
        ids = _method_ids(did)
    except VckitError:
        # A key type vckit does not implement (BLS12-381, P-521): both must refuse it.
        with pytest.raises(VckitError):
            OFFLINE.dereference(f"{did}#{did.split(':')[-1]}")
        return
    assert ids
    _assert_agree(did)


@pytest.mark.parametrize("did", _generated_dids())
def test_resolvers_agree_on_generated_key(did: str) -> None:
    _assert_agree(did)


def test_x25519_did_jwk_with_use_sig_is_authorised_for_nothing() -> None:
    """The case the two rule sets once disagreed on: the key cannot sign, and ``use: sig``
    forbids key agreement, so neither resolver authorises it for anything."""
    did = did_jwk(keys.generate("X25519").public_key, use="sig")
    assert _assert_agree(did) == 0
    assert ONLINE.resolve(did).relationships == {}
    with pytest.raises(DIDResolutionError, match="not authorised for 'keyAgreement'"):
        OFFLINE.dereference(f"{did}#0", "keyAgreement")


@pytest.mark.parametrize(
    ("use", "expected"),
    [
        (None, {"keyAgreement"}),
        ("enc", {"keyAgreement"}),
        ("sig", set()),
    ],
)
def test_x25519_did_jwk_relationships(use: str | None, expected: set[str]) -> None:
    did = did_jwk(keys.generate("X25519").public_key, use=use)
    assert set(ONLINE.resolve(did).relationships.get(f"{did}#0", ())) == expected
