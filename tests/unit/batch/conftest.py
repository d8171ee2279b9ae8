"""Shared fixtures of the batch tests: one issuer key and its did:key."""

from __future__ import annotations

import pytest

from vckit import dids, keys


@pytest.fixture(scope="session")
def issuer_key() -> keys.KeyPair:
    return keys.generate("Ed25519")


@pytest.fixture(scope="session")
def issuer_did(issuer_key: keys.KeyPair) -> str:
    return dids.did_key(issuer_key.public_key)
