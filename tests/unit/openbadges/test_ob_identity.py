"""Recipient identity hashing: IdentityObject.hashed and matches (sha256$ and md5$)."""

from __future__ import annotations

import hashlib

import pytest

from vckit import openbadges as ob

EMAIL = "learner@example.edu"


def test_hashed_is_alg_dollar_hex_over_identity_plus_salt() -> None:
    identity = ob.IdentityObject.hashed(EMAIL, salt="deadsea")
    expected = hashlib.sha256(b"learner@example.edudeadsea").hexdigest()
    assert identity.to_json() == {
        "type": "IdentityObject",
        "hashed": True,
        "identityHash": f"sha256${expected}",
        "identityType": "emailAddress",
        "salt": "deadsea",
    }
    assert identity.matches(EMAIL)
    assert not identity.matches("someone@example.edu")


def test_unsalted_and_md5() -> None:
    unsalted = ob.IdentityObject.hashed(EMAIL)
    assert unsalted.identity_hash == "sha256$" + hashlib.sha256(EMAIL.encode()).hexdigest()
    assert unsalted.salt is None
    md5 = ob.IdentityObject.hashed(EMAIL, salt="s", alg="md5", identity_type="userName")
    assert md5.identity_hash == "md5$" + hashlib.md5(b"learner@example.edus").hexdigest()
    assert md5.identity_type == "userName"
    assert md5.matches(EMAIL)
    with pytest.raises(ValueError, match="sha256"):
        ob.IdentityObject.hashed(EMAIL, alg="sha1")  # type: ignore[arg-type]


def test_matches_values_read_from_json_any_hex_case() -> None:
    digest = hashlib.sha256(b"learner@example.eduNaCl").hexdigest().upper()
    identity = ob.IdentityObject.from_json(
        {
            "type": "IdentityObject",
            "hashed": True,
            "identityHash": f"SHA256${digest}",
            "identityType": "emailAddress",
            "salt": "NaCl",
        }
    )
    assert identity.matches(EMAIL)
    md5 = hashlib.md5(EMAIL.encode()).hexdigest()
    assert ob.IdentityObject.from_json(
        {
            "type": "IdentityObject",
            "hashed": True,
            "identityHash": f"md5${md5}",
            "identityType": "emailAddress",
        }
    ).matches(EMAIL)


def test_plaintext_identities_compare_exactly() -> None:
    plain = ob.IdentityObject.plaintext("Albert Exampleton", identity_type="name")
    assert plain.to_json() == {
        "type": "IdentityObject",
        "hashed": False,
        "identityHash": "Albert Exampleton",
        "identityType": "name",
    }
    assert plain.matches("Albert Exampleton")
    assert not plain.matches("albert exampleton")


@pytest.mark.parametrize(
    "value",
    ["sha1$abcd", "sha256", "sha256$", "sha256$zz", "$abc", "sha256$" + "0" * 64],
)
def test_malformed_or_unknown_hashes_never_match(value: str) -> None:
    identity = ob.IdentityObject(is_hashed=True, identity_hash=value, identity_type="emailAddress")
    assert not identity.matches(EMAIL)
    assert not ob.IdentityObject(is_hashed=True).matches(EMAIL)
