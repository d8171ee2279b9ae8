"""LocalKeyResolver and the did:key / did:jwk decoders: offline, with relationships checked."""

from __future__ import annotations

import json

import pytest

from vckit import keys
from vckit._codec import base64url
from vckit.errors import DIDResolutionError, DIDResolutionErrorKind, KeyFormatError
from vckit.keys import KeyResolver, LocalKeyResolver, VerificationMethodLike

ED_DID = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"
ED_X25519 = "z6LShs9GGnqk85isEBzzshkuVWrVKsRp24GnDuHk8QWkARMW"
ED_VM = f"{ED_DID}#{ED_DID[8:]}"


def did_jwk(jwk: dict[str, str]) -> str:
    return "did:jwk:" + base64url.encode(json.dumps(jwk).encode())


def test_public_key_from_did_key() -> None:
    key = keys.public_key_from_did_key(ED_DID)
    assert key.key_type == "Ed25519"
    assert key.multibase == ED_DID[8:]
    assert keys.public_key_from_did_key(ED_VM) == key
    derived = keys.public_key_from_did_key(f"{ED_DID}#{ED_X25519}")
    assert derived.key_type == "X25519"
    assert derived == key.to_x25519()


def test_public_key_from_did_key_unknown_fragment() -> None:
    with pytest.raises(DIDResolutionError, match="has no verification method #key-1") as info:
        keys.public_key_from_did_key(f"{ED_DID}#key-1")
    assert info.value.kind is DIDResolutionErrorKind.NOT_FOUND


@pytest.mark.parametrize(
    ("did", "kind", "message"),
    [
        ("did:web:example.com", DIDResolutionErrorKind.INVALID_DID, "not a did:key DID"),
        ("did:key:6Mk", DIDResolutionErrorKind.INVALID_DID, "not a did:key DID"),
        (f"{ED_DID}/path", DIDResolutionErrorKind.INVALID_DID_URL, "take no path or query"),
        (f"{ED_DID}?versionId=1", DIDResolutionErrorKind.INVALID_DID_URL, "take no path or query"),
    ],
)
def test_public_key_from_did_key_malformed(
    did: str, kind: DIDResolutionErrorKind, message: str
) -> None:
    with pytest.raises(DIDResolutionError, match=message) as info:
        keys.public_key_from_did_key(did)
    assert info.value.kind is kind


def test_public_key_from_did_jwk() -> None:
    pair = keys.generate("P-256")
    did = did_jwk(pair.public_key.jwk)
    assert keys.public_key_from_did_jwk(did) == pair.public_key
    assert keys.public_key_from_did_jwk(did + "#0") == pair.public_key


def test_did_jwk_with_private_members_is_refused() -> None:
    with pytest.raises(KeyFormatError, match="private"):
        keys.public_key_from_did_jwk(did_jwk(keys.generate("Ed25519").private_jwk))


def test_did_jwk_that_is_not_json() -> None:
    with pytest.raises(DIDResolutionError, match="did:jwk does not encode a JSON object") as info:
        keys.public_key_from_did_jwk("did:jwk:" + base64url.encode(b"{not json"))
    assert info.value.kind is DIDResolutionErrorKind.INVALID_DID


def test_resolver_satisfies_protocol_and_resolves_did_key(no_network: list[object]) -> None:
    resolver = LocalKeyResolver()
    assert isinstance(resolver, KeyResolver)
    method = resolver.dereference(ED_VM)
    assert isinstance(method, VerificationMethodLike)
    assert (method.id, method.type, method.controller) == (ED_VM, "Multikey", ED_DID)
    assert method.public_key == keys.public_key_from_did_key(ED_DID)
    for relationship in ("authentication", "capabilityInvocation", "capabilityDelegation"):
        assert resolver.dereference(ED_VM, relationship) == method
    assert no_network == []


def test_did_key_ed25519_relationships() -> None:
    resolver = LocalKeyResolver()
    with pytest.raises(DIDResolutionError, match="not authorised"):
        resolver.dereference(ED_VM, "keyAgreement")
    agreement = resolver.dereference(f"{ED_DID}#{ED_X25519}", "keyAgreement")
    assert agreement.public_key.key_type == "X25519"
    with pytest.raises(DIDResolutionError, match="not authorised"):
        resolver.dereference(f"{ED_DID}#{ED_X25519}", "assertionMethod")


def test_did_key_wrong_fragment() -> None:
    with pytest.raises(DIDResolutionError, match="has no verification method #keys-1") as info:
        LocalKeyResolver().dereference(f"{ED_DID}#keys-1")
    assert info.value.kind is DIDResolutionErrorKind.NOT_FOUND


def test_did_jwk_relationships_follow_use() -> None:
    resolver = LocalKeyResolver()
    sig = {**keys.generate("Ed25519").public_key.jwk, "use": "sig"}
    enc = {**keys.generate("P-256").public_key.jwk, "use": "enc"}
    assert resolver.dereference(did_jwk(sig) + "#0").type == "JsonWebKey2020"
    with pytest.raises(DIDResolutionError, match="is not authorised for 'keyAgreement'"):
        resolver.dereference(did_jwk(sig) + "#0", "keyAgreement")
    assert resolver.dereference(did_jwk(enc) + "#0", "keyAgreement").public_key.key_type == "P-256"
    with pytest.raises(DIDResolutionError, match="is not authorised for 'assertionMethod'"):
        resolver.dereference(did_jwk(enc) + "#0", "assertionMethod")


def test_other_did_methods_are_not_supported_offline() -> None:
    with pytest.raises(DIDResolutionError, match="is not known to LocalKeyResolver") as info:
        LocalKeyResolver().dereference("did:web:example.com#key-1")
    assert info.value.kind is DIDResolutionErrorKind.METHOD_NOT_SUPPORTED
    with pytest.raises(DIDResolutionError, match="is not known to LocalKeyResolver") as info:
        LocalKeyResolver().dereference("https://example.com/keys/1")
    assert info.value.kind is DIDResolutionErrorKind.NOT_FOUND


def test_caller_given_methods() -> None:
    pair = keys.generate("P-256")
    vm_id = "https://issuer.example/keys/1"
    vm = pair.public_key.to_verification_method(vm_id, "https://issuer.example")
    limited = {
        **keys.generate("Ed25519").public_key.to_verification_method(
            "did:example:1#k", "did:example:1"
        ),
        "relationships": ["authentication"],
    }
    resolver = LocalKeyResolver({vm_id: vm, "did:example:1#k": limited})
    method = resolver.dereference(vm_id, "capabilityDelegation")
    assert method.public_key == pair.public_key
    assert method.controller == "https://issuer.example"
    assert resolver.dereference("did:example:1#k", "authentication").type == "Multikey"
    with pytest.raises(DIDResolutionError, match="not authorised"):
        resolver.dereference("did:example:1#k", "assertionMethod")


def test_caller_given_method_must_be_valid() -> None:
    with pytest.raises(ValueError, match="controller"):
        LocalKeyResolver({"x": {"type": "Multikey", "publicKeyMultibase": ED_DID[8:]}})
    with pytest.raises(KeyFormatError, match="multicodec 0xd is not a supported key type"):
        LocalKeyResolver(
            {"x": {"type": "Multikey", "controller": "c", "publicKeyMultibase": "zzz"}}
        )
