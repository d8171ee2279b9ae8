"""``ecdsa-sd-2023``: verifying derived (selectively disclosed) proofs, P-256.

VC Data Integrity ECDSA Cryptosuites v1.0, section 3.6. The issuer signed, with its own key,
``SHA-256(proof config) || ephemeral public key || SHA-256(mandatory N-Quads)``, and every other
N-Quad separately with a one-time (ephemeral) key. The holder reveals a subset and the derived
``proofValue`` carries what the verifier needs: the base signature, the ephemeral key, the
signatures of the revealed non-mandatory quads, the HMAC-based blank-node labels, and which
quads are mandatory. Verifying means rebuilding those N-Quads from the revealed document and
checking every signature.

Issuing base proofs and deriving are not implemented; a base proof (meant for the holder, not a
verifier) is refused as malformed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

from vckit._codec import base64url, multibase
from vckit.errors import KeyFormatError, ParseError, UnsupportedAlgorithmError, VerificationError
from vckit.problems import (
    INVALID_VERIFICATION_METHOD_ERROR,
    MALFORMED_PROOF_ERROR,
    PROOF_VERIFICATION_ERROR,
)
from vckit.proofs.dataintegrity import _cbor
from vckit.proofs.dataintegrity._result import ProofFailure
from vckit.proofs.dataintegrity._suite import HashThenSignSuite
from vckit.proofs.dataintegrity._transform import ContextAllowList, canonical_nquads
from vckit.rdfc import serialize_quad

if TYPE_CHECKING:
    from vckit.keys import PublicKey, Signer, VerificationMethodLike

__all__ = ["EcdsaSd2023", "VerifyData", "parse_derived_proof_value", "relabeled_nquads"]

_BASE_HEADER = b"\xd9\x5d\x00"
_DERIVED_HEADER = b"\xd9\x5d\x01"
#: base64url of a 1 MB derived proof: far more disclosed statements than any credential has.
_MAX_PROOF_VALUE = 1_400_000
_SIGNATURE_LENGTH = 64
_P256_MULTICODEC = b"\x80\x24"


@dataclass(frozen=True, slots=True)
class VerifyData:
    """The spec's verify data for a derived proof (exposed for conformance tests)."""

    base_signature: bytes
    proof_hash: bytes
    public_key: bytes
    signatures: tuple[bytes, ...]
    non_mandatory: tuple[str, ...]
    mandatory_hash: bytes


class _Derived:
    """The five parts of a derived proof value, validated for type and size."""

    def __init__(self, value: object) -> None:
        if not isinstance(value, list) or len(value) != 5:
            raise ParseError("a derived proof is a CBOR array of five items")
        base_signature, public_key, signatures, label_map, mandatory = value
        if not isinstance(base_signature, bytes) or len(base_signature) != _SIGNATURE_LENGTH:
            raise ParseError("baseSignature must be 64 bytes")
        if not isinstance(public_key, bytes) or not public_key.startswith(_P256_MULTICODEC):
            raise ParseError("publicKey must be a P-256 Multikey")
        if not isinstance(signatures, list) or not all(
            isinstance(s, bytes) and len(s) == _SIGNATURE_LENGTH for s in signatures
        ):
            raise ParseError("signatures must be 64-byte strings")
        if not isinstance(label_map, dict) or not all(
            isinstance(v, bytes) and len(v) == 32 for v in label_map.values()
        ):
            raise ParseError("the label map must map integers to 32-byte HMAC values")
        if not isinstance(mandatory, list) or not all(isinstance(i, int) for i in mandatory):
            raise ParseError("mandatoryIndexes must be integers")
        if sorted(set(mandatory)) != mandatory:
            raise ParseError("mandatoryIndexes must be strictly increasing")
        self.base_signature: bytes = base_signature
        self.public_key: bytes = public_key
        self.signatures: list[bytes] = signatures
        # c14nN -> u<base64url(HMAC)>, as the spec's decompressLabelMap
        self.labels = {f"c14n{k}": "u" + base64url.encode(v) for k, v in label_map.items()}
        self.mandatory: list[int] = mandatory


def parse_derived_proof_value(value: object) -> _Derived:
    """Decode a derived ``proofValue`` (multibase base64url, header 0xd95d01, CBOR)."""
    if not isinstance(value, str) or not value.startswith("u"):
        raise ProofFailure(MALFORMED_PROOF_ERROR, "proofValue must be multibase base64url ('u')")
    try:
        data = multibase.decode(value, max_length=_MAX_PROOF_VALUE)
        if data.startswith(_BASE_HEADER):
            raise ParseError("this is a base proof, which only the holder verifies; derive one")
        if not data.startswith(_DERIVED_HEADER):
            raise ParseError("not an ecdsa-sd-2023 derived proof (wrong header)")
        return _Derived(_cbor.decode(data[len(_DERIVED_HEADER) :]))
    except ParseError as error:
        raise ProofFailure(MALFORMED_PROOF_ERROR, f"proofValue: {error}") from None


def relabeled_nquads(canonical: str, labels: Mapping[str, str]) -> list[str]:
    """The canonical quads with ``_:c14nN`` replaced by the issuer's HMAC labels, sorted.

    Every canonical blank node must have a label; an unlabeled one means the document is not
    the one the issuer signed.
    """

    def relabel(term: str) -> str:
        if not term.startswith("_:"):
            return term
        label = labels.get(term[2:])
        if label is None:
            raise ProofFailure(
                PROOF_VERIFICATION_ERROR, f"blank node {term[:40]} has no label in the proof"
            )
        return "_:" + label

    from vckit.rdfc import parse_nquads  # on use: the N-Quads grammar costs import time

    quads = [
        serialize_quad((relabel(s), p, relabel(o), relabel(g)))
        for s, p, o, g in parse_nquads(canonical)
    ]
    return sorted(quads)


def _ephemeral_key(public_key: bytes) -> PublicKey:
    from vckit.keys import PublicKey

    try:
        return PublicKey.from_multibase(multibase.encode(public_key, "base58btc"))
    except KeyFormatError as error:
        raise ProofFailure(MALFORMED_PROOF_ERROR, f"ephemeral public key: {error}") from None


class EcdsaSd2023(HashThenSignSuite):
    """``DataIntegrityProof`` / ``ecdsa-sd-2023``: verification of derived proofs (P-256)."""

    cryptosuite: ClassVar[str | None] = "ecdsa-sd-2023"
    key_parameters = MappingProxyType({"P-256": ("ES256", "sha256", _SIGNATURE_LENGTH)})
    method_types = frozenset({"Multikey", "JsonWebKey", "JsonWebKey2020"})

    def check_proof(self, proof: Mapping[str, Any]) -> None:
        value = proof.get("proofValue")
        if not isinstance(value, str) or not value.startswith("u"):
            raise ProofFailure(
                MALFORMED_PROOF_ERROR, "proofValue must be multibase base64url ('u')"
            )
        if len(value) > _MAX_PROOF_VALUE:
            raise ProofFailure(
                MALFORMED_PROOF_ERROR, f"proofValue is too long ({len(value)} characters)"
            )

    def create_proof(
        self,
        unsecured: Mapping[str, Any],
        options: Mapping[str, Any],
        signer: Signer,
        loader: ContextAllowList,
    ) -> dict[str, Any]:
        raise UnsupportedAlgorithmError("ecdsa-sd-2023: vckit verifies derived proofs only")

    def create_verify_data(
        self, unsecured: Mapping[str, Any], proof: Mapping[str, Any], loader: ContextAllowList
    ) -> VerifyData:
        """The spec's createVerifyData: what the signatures of a derived proof cover."""
        derived = parse_derived_proof_value(proof.get("proofValue"))
        unsecured = self.document_for_verification(unsecured, proof)
        config = self.proof_configuration(unsecured, proof)
        proof_hash = hashlib.sha256(canonical_nquads(config, loader, "sha256").encode()).digest()
        quads = relabeled_nquads(canonical_nquads(unsecured, loader, "sha256"), derived.labels)
        if derived.mandatory and derived.mandatory[-1] >= len(quads):
            raise ProofFailure(MALFORMED_PROOF_ERROR, "a mandatory index is out of range")
        mandatory_set = set(derived.mandatory)
        mandatory = "".join(q for i, q in enumerate(quads) if i in mandatory_set)
        return VerifyData(
            base_signature=derived.base_signature,
            proof_hash=proof_hash,
            public_key=derived.public_key,
            signatures=tuple(derived.signatures),
            non_mandatory=tuple(q for i, q in enumerate(quads) if i not in mandatory_set),
            mandatory_hash=hashlib.sha256(mandatory.encode()).digest(),
        )

    def verify_proof(
        self,
        unsecured: Mapping[str, Any],
        proof: Mapping[str, Any],
        method: VerificationMethodLike,
        loader: ContextAllowList,
    ) -> None:
        key = method.public_key
        if key.key_type != "P-256" or method.type not in self.method_types:
            raise ProofFailure(
                INVALID_VERIFICATION_METHOD_ERROR,
                f"ecdsa-sd-2023 cannot use a {method.type} {key.key_type} verification method",
                verificationMethod=method.id,
            )
        data = self.create_verify_data(unsecured, proof, loader)
        if len(data.non_mandatory) != len(data.signatures):
            raise ProofFailure(
                PROOF_VERIFICATION_ERROR,
                f"{len(data.non_mandatory)} disclosed statements but "
                f"{len(data.signatures)} signatures",
            )
        signed_base = data.proof_hash + data.public_key + data.mandatory_hash
        _verify(key, data.base_signature, signed_base, "the base signature does not verify")
        ephemeral = _ephemeral_key(data.public_key)
        for index, (quad, signature) in enumerate(
            zip(data.non_mandatory, data.signatures, strict=True)
        ):
            _verify(ephemeral, signature, quad.encode(), f"statement {index} does not verify")


def _verify(key: PublicKey, signature: bytes, data: bytes, message: str) -> None:
    try:
        key.verify(signature, data, algorithm="ES256")
    except VerificationError:
        raise ProofFailure(PROOF_VERIFICATION_ERROR, message) from None
