"""Header rules per profile, and the algorithm allow-list."""

from __future__ import annotations

from typing import Any

import pytest

from vckit.proofs.jose import (
    DEFAULT_ALGORITHMS,
    JWS_ALGORITHM_NOT_ALLOWED_ERROR,
    JWS_HEADER_INVALID_ERROR,
    JWS_HEADER_NOT_ALLOWED_ERROR,
)
from vckit.proofs.jose._headers import Kind, Profile, check_algorithms, check_header
from vckit.proofs.jose._rejected import Rejected


def _check(header: dict[str, Any], kind: Kind = "vc", profile: Profile | None = None) -> Any:
    return check_header(header, kind=kind, algorithms=DEFAULT_ALGORITHMS, profile=profile)


def _code(header: dict[str, Any], kind: Kind = "vc", profile: Profile | None = None) -> str:
    with pytest.raises(Rejected) as caught:
        _check(header, kind, profile)
    return caught.value.problem.code


@pytest.mark.parametrize(
    ("header", "profile"),
    [
        ({"alg": "RS256", "typ": "JWT", "kid": "did:example:a#1"}, "vc-jwt"),
        ({"alg": "RS256", "kid": "did:example:a#1"}, "vc-jwt"),  # typ is optional in VC-JWT
        ({"alg": "ES256", "typ": "jwt", "jwk": {"kty": "EC"}}, "vc-jwt"),
        ({"alg": "EdDSA", "typ": "vc+jwt", "kid": "did:example:a#1"}, "vc+jwt"),
        ({"alg": "EdDSA", "typ": "application/vc+jwt", "cty": "vc", "kid": "#1"}, "vc+jwt"),
    ],
)
def test_accepted_headers_and_their_profile(header: dict[str, Any], profile: str) -> None:
    checked = _check(header)
    assert checked.profile == profile
    assert checked.alg == header["alg"]
    assert checked.kid == header.get("kid")


def test_presentations_use_vp_media_types() -> None:
    assert _check({"alg": "EdDSA", "typ": "vp+jwt", "kid": "#1"}, kind="vp").profile == "vc+jwt"
    assert _code({"alg": "EdDSA", "typ": "vc+jwt", "kid": "#1"}, kind="vp") == (
        JWS_HEADER_INVALID_ERROR
    )
    assert _code({"alg": "EdDSA", "typ": "vp+jwt", "kid": "#1"}, kind="vc") == (
        JWS_HEADER_INVALID_ERROR
    )


@pytest.mark.parametrize(
    ("header", "code"),
    [
        ({"typ": "JWT", "kid": "#1"}, JWS_ALGORITHM_NOT_ALLOWED_ERROR),
        ({"alg": 256, "kid": "#1"}, JWS_ALGORITHM_NOT_ALLOWED_ERROR),
        ({"alg": "HS512", "kid": "#1"}, JWS_ALGORITHM_NOT_ALLOWED_ERROR),
        ({"alg": "RSA-OAEP", "kid": "#1"}, JWS_ALGORITHM_NOT_ALLOWED_ERROR),
        ({"alg": "RS256", "typ": "JOSE", "kid": "#1"}, JWS_HEADER_INVALID_ERROR),
        ({"alg": "RS256", "typ": ["JWT"], "kid": "#1"}, JWS_HEADER_INVALID_ERROR),
        ({"alg": "RS256", "kid": ""}, JWS_HEADER_INVALID_ERROR),
        ({"alg": "RS256", "kid": 7}, JWS_HEADER_INVALID_ERROR),
        ({"alg": "RS256", "jwk": "key"}, JWS_HEADER_INVALID_ERROR),
        ({"alg": "RS256", "kid": "#1", "jwk": {"kty": "RSA"}}, JWS_HEADER_INVALID_ERROR),
        ({"alg": "RS256", "typ": "vc+jwt"}, JWS_HEADER_INVALID_ERROR),  # kid required
        ({"alg": "RS256", "typ": "vc+jwt", "kid": "#1", "cty": "json"}, JWS_HEADER_INVALID_ERROR),
        ({"alg": "RS256", "typ": "vc+jwt", "kid": "#1", "jwk": {}}, JWS_HEADER_NOT_ALLOWED_ERROR),
        ({"alg": "RS256", "kid": "#1", "cty": "vc"}, JWS_HEADER_NOT_ALLOWED_ERROR),
        ({"alg": "RS256", "kid": "#1", "b64": False}, JWS_HEADER_NOT_ALLOWED_ERROR),
        ({"alg": "RS256", "kid": "#1", "x5t#S256": "abc"}, JWS_HEADER_NOT_ALLOWED_ERROR),
    ],
)
def test_rejected_headers(header: dict[str, Any], code: str) -> None:
    assert _code(header) == code


def test_profile_pinned_by_the_verifier() -> None:
    header = {"alg": "EdDSA", "typ": "JWT", "kid": "#1"}
    assert _check(header, profile="vc-jwt").profile == "vc-jwt"
    assert _code(header, profile="vc+jwt") == JWS_HEADER_INVALID_ERROR


def test_verifier_allow_list_narrows_algorithms() -> None:
    only_rs256 = check_algorithms(["RS256"])
    header = {"alg": "ES256", "kid": "#1"}
    with pytest.raises(Rejected, match="alg 'ES256' is not an allowed algorithm") as caught:
        check_header(header, kind="vc", algorithms=only_rs256)
    assert caught.value.problem.code == JWS_ALGORITHM_NOT_ALLOWED_ERROR
    assert caught.value.problem.detail["allowed"] == ["RS256"]


@pytest.mark.parametrize("names", [["none"], ["HS256"], ["RS256", "HS384"], ["RSA1_5"]])
def test_allow_list_cannot_admit_none_hmac_or_unknown(names: list[str]) -> None:
    with pytest.raises(ValueError, match="not supported"):
        check_algorithms(names)


def test_allow_list_must_be_a_collection_of_names() -> None:
    with pytest.raises(TypeError, match="not a single string"):
        check_algorithms("RS256")
    with pytest.raises(ValueError, match="empty"):
        check_algorithms([])
