"""A did:key whose raw key has the wrong length for its multicodec is ``invalidPublicKeyLength``
(did:key §3.1.2), on every path: DIDResolver, did_key_document and the offline resolver."""

from __future__ import annotations

import pytest

from vckit import keys
from vckit._codec import multibase, multicodec
from vckit.dids import DIDResolver, did_key_document
from vckit.errors import DIDResolutionError, DIDResolutionErrorKind
from vckit.keys import LocalKeyResolver

CODES = {
    "Ed25519": (multicodec.ED25519_PUB, 32),
    "X25519": (multicodec.X25519_PUB, 32),
    "P-256": (multicodec.P256_PUB, 33),
    "P-384": (multicodec.P384_PUB, 49),
    "secp256k1": (multicodec.SECP256K1_PUB, 33),
}


def _did(kind: str, change: str) -> tuple[str, int]:
    code, _ = CODES[kind]
    raw = keys.generate(kind).public_key.raw
    bad = {"truncate": raw[:-1], "extend": raw + b"\x01", "empty": b""}[change]
    return "did:key:" + multibase.encode(multicodec.add_prefix(code, bad)), len(bad)


@pytest.mark.parametrize("kind", list(CODES))
@pytest.mark.parametrize("change", ["truncate", "extend", "empty"])
def test_wrong_key_length_is_invalid_public_key_length(kind: str, change: str) -> None:
    did, size = _did(kind, change)
    expected = CODES[kind][1]
    message = rf"is {size} bytes, not {expected}"
    fragment = did.split(":")[-1]
    calls = [
        lambda: DIDResolver().resolve(did),
        lambda: DIDResolver().dereference(f"{did}#{fragment}"),
        lambda: did_key_document(did),
        lambda: LocalKeyResolver().dereference(f"{did}#{fragment}"),
    ]
    for call in calls:
        with pytest.raises(DIDResolutionError, match=message) as info:
            call()
        assert info.value.kind is DIDResolutionErrorKind.INVALID_PUBLIC_KEY_LENGTH
        assert info.value.kind == "invalidPublicKeyLength"


def test_right_length_still_resolves() -> None:
    for kind in CODES:
        public = keys.generate(kind).public_key
        did = f"did:key:{public.multibase}"
        assert (
            DIDResolver()
            .dereference(
                f"{did}#{public.multibase}",
                "keyAgreement" if kind == "X25519" else "assertionMethod",
            )
            .public_key
            == public
        )
