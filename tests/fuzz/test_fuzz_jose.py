"""Fuzz JWT verification: credential and presentation JWTs, both profiles.

Oracles: ``verify_*_jwt`` never raise (a result with problems, whatever the token); a validly
signed token changed in any byte, or re-encoded with any changed header or claim under the
original signature, or re-signed by another key, never verifies.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.fuzz.fuzz_support import (
    ATTACKER_KEY,
    ISSUER_DID,
    ISSUER_KEY,
    NOW,
    badge,
    byte_mutated,
    fuzz,
    json_values,
    mutated,
    only,
    same_json,
    sign_jwt,
)

from vckit._codec import base64url
from vckit.proofs import jose

pytestmark = [pytest.mark.fuzz, pytest.mark.usefixtures("no_network")]

TOKENS = {profile: sign_jwt(profile) for profile in ("vc-jwt", "vc+jwt")}


def _verify(token: Any) -> jose.JwtVerificationResult:
    result = only((), jose.verify_credential_jwt, token, now=NOW)
    assert isinstance(result, jose.JwtVerificationResult)
    return result


def _parts(token: str) -> tuple[Any, Any, str]:
    header, payload, signature = token.split(".")
    return (
        json.loads(base64url.decode(header)),
        json.loads(base64url.decode(payload)),
        signature,
    )


def _encode(value: Any) -> str:
    return base64url.encode(json.dumps(value).encode())


@pytest.mark.parametrize("profile", list(TOKENS))
def test_the_unmutated_tokens_verify(profile: str) -> None:
    assert _verify(TOKENS[profile]).verified is True


@pytest.mark.parametrize("profile", list(TOKENS))
@fuzz(60)
@given(data=st.data())
def test_a_byte_changed_token_never_verifies(profile: str, data: st.DataObject) -> None:
    token = TOKENS[profile]
    changed = data.draw(byte_mutated(token.encode()))
    if changed == token.encode():
        return
    result = _verify(changed)
    assert result.verified is False
    assert result.problems
    if changed.isascii():
        assert _verify(changed.decode()).verified is False


@pytest.mark.parametrize("profile", list(TOKENS))
@pytest.mark.parametrize("part", ["header", "payload"])
@fuzz(40)
@given(data=st.data())
def test_a_changed_header_or_claim_never_verifies(
    profile: str, part: str, data: st.DataObject
) -> None:
    header, payload, signature = _parts(TOKENS[profile])
    original = header if part == "header" else payload
    changed = data.draw(mutated(original))
    if same_json(changed, original):
        return
    if part == "header":
        token = f"{_encode(changed)}.{_encode(payload)}.{signature}"
    else:
        token = f"{_encode(header)}.{_encode(changed)}.{signature}"
    result = _verify(token)
    assert result.verified is False, token
    assert result.problems


@pytest.mark.parametrize("profile", list(TOKENS))
@fuzz(20)
@given(data=st.data())
def test_a_token_signed_by_another_key_never_verifies_as_the_issuer(
    profile: str, data: st.DataObject
) -> None:
    header, payload, _ = _parts(TOKENS[profile])
    header = data.draw(st.sampled_from([header, {**header, "kid": ISSUER_DID + "#0"}]))
    header = data.draw(mutated(header)) if data.draw(st.booleans()) else header
    signing_input = f"{_encode(header)}.{_encode(payload)}"
    signature = ATTACKER_KEY.sign(signing_input.encode())
    result = _verify(f"{signing_input}.{base64url.encode(signature)}")
    assert result.verified is False


tokens = st.one_of(
    st.text(max_size=200),
    st.binary(max_size=200),
    st.builds(
        lambda h, p, s: f"{_encode(h)}.{_encode(p)}.{s}",
        json_values,
        json_values,
        st.text("ABCxyz019-_", max_size=90),
    ),
    st.builds(lambda parts: ".".join(parts), st.lists(st.text(max_size=20), max_size=6)),
)


@fuzz(150)
@given(token=tokens)
def test_any_token_is_a_failed_result(token: Any) -> None:
    assert _verify(token).verified is False
    presentation = only((), jose.verify_presentation_jwt, token, now=NOW)
    assert presentation.verified is False


PRESENTATION = jose.sign_presentation_jwt(
    {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiablePresentation"],
        "verifiableCredential": [TOKENS["vc-jwt"]],
    },
    ATTACKER_KEY.signer(),
    nonce="n-0S6_WzA2Mj",
    audience="https://verifier.example",
    now=NOW,
)


def _verify_presentation(token: str) -> jose.JwtPresentationVerificationResult:
    result = only(
        (),
        jose.verify_presentation_jwt,
        token,
        nonce="n-0S6_WzA2Mj",
        audience="https://verifier.example",
        now=NOW,
    )
    assert isinstance(result, jose.JwtPresentationVerificationResult)
    return result


def test_the_unmutated_presentation_verifies() -> None:
    assert _verify_presentation(PRESENTATION).verified is True


@fuzz(40)
@given(data=st.data())
def test_a_presentation_with_a_changed_credential_never_verifies(data: st.DataObject) -> None:
    header, payload, _ = _parts(PRESENTATION)
    inner = data.draw(byte_mutated(TOKENS["vc-jwt"].encode())).decode("utf-8", "replace")
    if inner == TOKENS["vc-jwt"]:
        return
    payload["vp"]["verifiableCredential"] = [inner]
    signing_input = f"{_encode(header)}.{_encode(payload)}"
    token = f"{signing_input}.{base64url.encode(ATTACKER_KEY.sign(signing_input.encode()))}"
    assert _verify_presentation(token).verified is False


def test_signing_inputs_are_real_credentials() -> None:
    # the issuer of the signed credential is the fuzz key, so "another key" means another issuer
    assert badge()["issuer"]["id"] == ISSUER_DID
    assert ISSUER_KEY.public_key != ATTACKER_KEY.public_key
