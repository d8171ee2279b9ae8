"""The canonical proof configuration cache: keyed on typed values, never wrong, bounded."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

from vckit import jsonld, keys
from vckit.proofs.dataintegrity import EddsaJcs2022, EddsaRdfc2022, add_proof, verify_proof
from vckit.proofs.dataintegrity._suite import _cached_config_hash, _config_key

LOADER = jsonld.default_loader()


def _jcs_hash(text: str) -> bytes:
    return hashlib.sha256(text.encode()).digest()


@pytest.mark.parametrize(
    ("first", "second", "second_jcs"),
    [
        ({"a": 1}, {"a": True}, '{"a":true}'),
        ({"a": 0}, {"a": False}, '{"a":false}'),
        ({"a": "1"}, {"a": 1}, '{"a":1}'),
        ({"a": ["x"]}, {"a": "x"}, '{"a":"x"}'),
        ({"a": None}, {"a": "null"}, '{"a":"null"}'),
    ],
)
def test_equal_comparing_values_of_different_json_types_do_not_share_an_entry(
    first: dict[str, Any], second: dict[str, Any], second_jcs: str
) -> None:
    suite = EddsaJcs2022()
    suite.config_hash(first, LOADER, "sha256")
    assert suite.config_hash(second, LOADER, "sha256") == _jcs_hash(second_jcs)


def test_floats_keep_their_sign_and_type_in_the_key() -> None:
    keys_ = [_config_key({"a": value}) for value in (0.0, -0.0, 0, 1.0, 1)]
    assert all(key is not None for key in keys_)
    frozen = {key.frozen for key in keys_ if key is not None}
    assert len(frozen) == 5


def test_a_hit_gives_the_uncached_answer_and_ignores_later_edits() -> None:
    suite = EddsaRdfc2022()
    context = ["https://www.w3.org/ns/credentials/v2"]
    config = {
        "@context": context,
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "created": "2025-01-01T00:00:00Z",
        "verificationMethod": "did:example:issuer#key-1",
        "proofPurpose": "assertionMethod",
    }
    uncached = hashlib.sha256(suite.canonicalize_config(config, LOADER, "sha256")).digest()
    before = _cached_config_hash.cache_info()
    assert suite.config_hash(config, LOADER, "sha256") == uncached
    assert suite.config_hash(dict(config), LOADER, "sha256") == uncached
    after = _cached_config_hash.cache_info()
    assert after.hits >= before.hits + 1
    config["created"] = "2025-01-02T00:00:00Z"  # an edited configuration is a different key
    edited = hashlib.sha256(suite.canonicalize_config(config, LOADER, "sha256")).digest()
    assert edited != uncached
    assert suite.config_hash(config, LOADER, "sha256") == edited


def test_large_or_foreign_configurations_are_not_cached() -> None:
    assert _config_key({"a": list(range(100))}) is None
    assert _config_key({"a": (1, 2)}) is None
    assert _config_key({"a": {"b": object()}}) is None
    suite = EddsaJcs2022()
    big = {"a": list(range(100))}
    expected = _jcs_hash('{"a":[' + ",".join(str(i) for i in range(100)) + "]}")
    assert suite.config_hash(big, LOADER, "sha256") == expected


def test_cache_does_not_let_a_changed_proof_option_verify() -> None:
    pair = keys.generate("Ed25519")
    did = f"did:key:{pair.public_key.multibase}"
    credential = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "issuer": did,
        "credentialSubject": {"id": "did:example:a"},
    }
    signed = add_proof(
        credential,
        pair.signer(f"{did}#{pair.public_key.multibase}"),
        created="2025-01-01T00:00:00Z",
    )
    assert verify_proof(signed, now="2025-06-01T00:00:00Z").verified is True
    signed["proof"]["created"] = "2025-01-01T00:00:01Z"
    assert verify_proof(signed, now="2025-06-01T00:00:00Z").verified is False


@pytest.mark.parametrize(
    "config",
    [
        {"type": "DataIntegrityProof", "@context": ["https://www.w3.org/ns/credentials/v2"]},
        {"a": "x", "b": []},
        {},
    ],
)
def test_the_flat_fast_path_builds_the_same_key_as_the_general_one(config: dict[str, Any]) -> None:
    from vckit.proofs.dataintegrity._hotpath import freeze, freeze_flat

    assert freeze_flat(config) == freeze(config, [64])


@pytest.mark.parametrize(
    "config",
    [{"a": 1}, {"a": ["x", 1]}, {"a": {"b": "c"}}, {"a": ["x"] * 63}, {"a": None}],
)
def test_the_flat_fast_path_declines_other_values_and_large_configurations(
    config: dict[str, Any],
) -> None:
    from vckit.proofs.dataintegrity._hotpath import freeze_flat

    assert freeze_flat(config) is None


def test_a_configuration_over_the_node_bound_is_not_cached() -> None:
    assert _config_key({"a": ["x"] * 63}) is None  # 1 + 1 + 63 values > 64
    assert _config_key({"a": ["x"] * 62}) is not None
