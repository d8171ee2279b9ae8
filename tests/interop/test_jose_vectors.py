"""JWT credentials and presentations made by other implementations (../shared/vectors/interop).

What EXPECTATIONS.json calls valid verifies here, with one deliberate difference: 1EdTech's
fixtures carry their key as an embedded ``jwk`` for an https issuer, which vckit does not trust on
its own word. Those tokens report a valid signature and ``UNTRUSTED_ISSUER_ERROR`` by default and
verify once the caller pins the issuer's key (``trusted_keys``), as an issuer registry would.
"""

from __future__ import annotations

import json
import re
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import vectors_dir

from vckit import keys
from vckit._codec import base64url
from vckit.problems import (
    CRYPTOSUITE_UNSUPPORTED_ERROR,
    INVALID_VERIFICATION_METHOD_ERROR,
    UNTRUSTED_ISSUER_ERROR,
)
from vckit.proofs import jose

NOW = "2025-06-01T00:00:00Z"
RELATIONSHIPS = (
    "assertionMethod",
    "authentication",
    "capabilityInvocation",
    "capabilityDelegation",
)


def _interop(*parts: str) -> Path:
    return vectors_dir("interop", *parts)


def _expected(path: str) -> str:
    expectations = json.loads(_interop("EXPECTATIONS.json").read_text(encoding="utf-8"))
    return str(expectations["files"][f"interop/{path}"]["expected"])


def _resolver_for(did_document: Path) -> keys.LocalKeyResolver:
    """A LocalKeyResolver seeded with a DID document's methods and their relationships."""
    document = json.loads(did_document.read_text(encoding="utf-8"))
    methods: dict[str, dict[str, Any]] = {}
    for method in document["verificationMethod"]:
        granted = [r for r in RELATIONSHIPS if method["id"] in document.get(r, [])]
        methods[method["id"]] = {**method, "relationships": granted}
    return keys.LocalKeyResolver(methods)


def _header_key(token: str) -> keys.PublicKey:
    header = json.loads(base64url.decode(token.split(".")[0]))
    return keys.PublicKey.from_jwk(header["jwk"])


def _svg_token(path: Path) -> str:
    match = re.search(r'<openbadges:credential verify="([^"]+)"', path.read_text(encoding="utf-8"))
    assert match is not None
    return match.group(1)


def _png_token(path: Path) -> str:
    """The VC-JWT in a baked PNG: the iTXt chunk with keyword ``openbadgecredential``."""
    data = path.read_bytes()
    offset = 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind, body = data[offset + 4 : offset + 8], data[offset + 8 : offset + 8 + length]
        offset += 12 + length
        if kind == b"iTXt" and body.startswith(b"openbadgecredential\x00"):
            rest = body[len(b"openbadgecredential\x00") :]
            compressed, rest = rest[0], rest[2:]
            _language, _, rest = rest.partition(b"\x00")
            _translated, _, text = rest.partition(b"\x00")
            return (zlib.decompress(text) if compressed else text).decode("ascii")
    raise AssertionError(f"no openbadgecredential iTXt chunk in {path.name}")


ONE_EDTECH = "1edtech-dc-public-validator"
EMBEDDED_JWK_FIXTURES = [
    ("clr20/simple.jwt", lambda p: p.read_text(encoding="ascii").strip()),
    ("ob30/simple-jwt.svg", _svg_token),
    ("ob30/simple-jwt_v1.svg", _svg_token),
    ("ob30/simple-jwt.png", _png_token),
    ("ob30/simple-jwt_v1.png", _png_token),
]


@pytest.mark.parametrize(
    ("name", "extract"), EMBEDDED_JWK_FIXTURES, ids=[n for n, _ in EMBEDDED_JWK_FIXTURES]
)
def test_1edtech_embedded_jwk_tokens(name: str, extract: Any, no_network: list[Any]) -> None:
    assert _expected(f"{ONE_EDTECH}/{name}").startswith("valid")
    token = extract(_interop(ONE_EDTECH, name))
    unpinned = jose.verify_credential_jwt(token, now=NOW)
    assert [p.code for p in unpinned.problems] == [UNTRUSTED_ISSUER_ERROR]
    assert unpinned.problems[0].detail["signature_valid"] is True
    assert unpinned.issuer is not None
    pinned = jose.verify_credential_jwt(
        token, now=NOW, trusted_keys={unpinned.issuer: [_header_key(token)]}
    )
    assert (pinned.verified, pinned.problems) == (True, ())
    assert pinned.credential is not None
    assert (
        "OpenBadgeCredential" in pinned.credential["type"]
        or "ClrCredential" in pinned.credential["type"]
    )


def test_1edtech_token_without_any_key_is_unverifiable_offline(no_network: list[Any]) -> None:
    name = "ob30/simple.jwt"
    assert _expected(f"{ONE_EDTECH}/{name}").startswith("unverifiable offline")
    token = _interop(ONE_EDTECH, name).read_text(encoding="ascii").strip()
    result = jose.verify_credential_jwt(token, now=NOW)
    assert [p.code for p in result.problems] == [INVALID_VERIFICATION_METHOD_ERROR]
    assert result.issuer == "https://example.edu/issuers/565049"


def test_velocity_token_is_invalid(no_network: list[Any]) -> None:
    name = "ob30/velocity.jwt"
    assert _expected(f"{ONE_EDTECH}/{name}").startswith("invalid")
    token = _interop(ONE_EDTECH, name).read_text(encoding="ascii").strip()
    result = jose.verify_credential_jwt(token, now=NOW)
    assert result.verified is False
    # kid is a did:velocity method, the issuer a did:web: the key is not the issuer's.
    assert [p.code for p in result.problems] == [UNTRUSTED_ISSUER_ERROR]


SPRUCE = "spruceid-ssi"


def _spruce(name: str) -> str:
    return _interop(SPRUCE, "examples", "files", name).read_text(encoding="ascii").strip()


def _foo() -> keys.LocalKeyResolver:
    return _resolver_for(_interop(SPRUCE, "did-example-vectors", "did-example-foo.json"))


@pytest.mark.parametrize("name", ["vc.jwt", "claims.jwt"])
def test_spruce_vc_jwt(name: str, no_network: list[Any]) -> None:
    assert "valid" in _expected(f"{SPRUCE}/examples/files/vc.jwt")
    result = jose.verify_credential_jwt(_spruce(name), resolver=_foo(), now=NOW)
    assert (result.verified, result.problems) == (True, ())
    assert result.verification_method == "did:example:foo#key1"
    assert result.header == {"alg": "PS256", "kid": "did:example:foo#key1"}
    assert result.credential is not None
    # VC-JWT decoding rules: the issuer comes from iss.
    assert result.credential["issuer"] == "did:example:foo"
    assert result.credential["issuanceDate"] == "2021-08-02T16:17:50.505Z"


def test_spruce_vp_with_a_jwt_credential(no_network: list[Any]) -> None:
    assert _expected(f"{SPRUCE}/examples/files/vp-jwtvc.jwt") == "valid"
    result = jose.verify_presentation_jwt(
        _spruce("vp-jwtvc.jwt"), resolver=_foo(), nonce="example", now=NOW
    )
    assert (result.verified, result.problems) == (True, ())
    assert result.holder == "did:example:foo"
    assert result.verification_method == "did:example:foo#key2"
    assert [r.verification_method for r in result.credential_results] == ["did:example:foo#key1"]


def test_spruce_vp_with_an_embedded_proof_credential(no_network: list[Any]) -> None:
    """The presentation verifies; its JsonWebSignature2020 credential needs another verifier."""
    assert _expected(f"{SPRUCE}/examples/files/vp.jwt") == "valid VP-JWT"
    token = _spruce("vp.jwt")
    result = jose.verify_presentation_jwt(token, resolver=_foo(), nonce="example", now=NOW)
    assert [p.code for p in result.problems] == [CRYPTOSUITE_UNSUPPORTED_ERROR]
    assert result.problems[0].detail == {"credential": 0}
    assert result.holder == "did:example:foo"
    delegated = jose.verify_presentation_jwt(
        token, resolver=_foo(), nonce="example", now=NOW, credential_verifier=lambda vc: ()
    )
    assert (delegated.verified, delegated.problems) == (True, ())
    wrong_nonce = jose.verify_presentation_jwt(
        token, resolver=_foo(), nonce="other", now=NOW, credential_verifier=lambda vc: ()
    )
    assert [p.code for p in wrong_nonce.problems] == ["INVALID_CHALLENGE_ERROR"]
