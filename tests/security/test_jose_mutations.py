"""Any single-character change to a valid token is rejected, and never by an exception."""

from __future__ import annotations

import string
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.unit.jose.jose_support import NOW, credential, did_key_issuer

from vckit.proofs import jose

ISSUER = did_key_issuer("P-256")
TOKEN = jose.sign_credential_jwt(credential(ISSUER.did), ISSUER.signer(), now=NOW)
ALPHABET = string.ascii_letters + string.digits + "-_.= \n+/\x00é"


def test_the_unmutated_token_verifies() -> None:
    assert jose.verify_credential_jwt(TOKEN, now=NOW).verified


@settings(max_examples=300, deadline=None)
@given(
    position=st.integers(min_value=0, max_value=len(TOKEN) - 1),
    replacement=st.sampled_from(ALPHABET),
    operation=st.sampled_from(["replace", "insert", "delete"]),
)
@pytest.mark.usefixtures("no_network")
def test_single_character_mutations(position: int, replacement: str, operation: str) -> None:
    if operation == "replace":
        mutated = TOKEN[:position] + replacement + TOKEN[position + 1 :]
    elif operation == "insert":
        mutated = TOKEN[:position] + replacement + TOKEN[position:]
    else:
        mutated = TOKEN[:position] + TOKEN[position + 1 :]
    if mutated == TOKEN:
        return
    result = jose.verify_credential_jwt(mutated, now=NOW)
    assert result.verified is False
    assert len(result.problems) >= 1


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300) | st.binary(max_size=300))
@pytest.mark.usefixtures("no_network")
def test_arbitrary_input_never_raises(token: Any) -> None:
    result = jose.verify_credential_jwt(token, now=NOW)
    assert result.verified is False
    presentation = jose.verify_presentation_jwt(token, now=NOW)
    assert presentation.verified is False
