"""The cryptosuite plug-in interface and the hash-then-sign skeleton every bundled suite shares.

A cryptosuite is a small object (as in Digital Bazaar's stack): it knows its proof ``type`` and
``cryptosuite`` name, which keys it accepts, how to turn a document and proof options into the
bytes that are signed, and how to check a ``proofValue``. Everything else (proof options, dates,
purposes, challenge / domain, sets and chains, key resolution) is the engine's job, done once.

All bundled suites follow the same recipe from VC Data Integrity and the EdDSA / ECDSA specs::

    hashData = H(canonical proof configuration) || H(canonical document)
    proofValue = multibase-base58btc(sign(hashData))

They differ only in the canonicalization (RDFC-1.0 or JCS), the hash, the signature algorithm and
small context rules, which subclasses set as attributes or override in one method.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

from vckit.errors import SigningError, VerificationError
from vckit.problems import (
    INVALID_VERIFICATION_METHOD_ERROR,
    MALFORMED_PROOF_ERROR,
    PROOF_VERIFICATION_ERROR,
)
from vckit.proofs.dataintegrity._base58 import b58encode
from vckit.proofs.dataintegrity._hotpath import ConfigKey as _ConfigKey
from vckit.proofs.dataintegrity._hotpath import config_key as _config_key
from vckit.proofs.dataintegrity._hotpath import decode_proof_value
from vckit.proofs.dataintegrity._hotpath import max_base58_length as _max_base58_length
from vckit.proofs.dataintegrity._result import ProofFailure
from vckit.proofs.dataintegrity._transform import (
    ContextAllowList,
    canonical_json,
    canonical_nquads,
    copy_json,
)

if TYPE_CHECKING:
    from vckit.keys import Signer, VerificationMethodLike

__all__ = ["ED25519_PARAMETERS", "Cryptosuite", "HashThenSignSuite", "JcsSuite", "RdfcSuite"]


@runtime_checkable
class Cryptosuite(Protocol):
    """What the engine needs from a suite. Register instances with ``DataIntegrity(cryptosuites=)``.

    The registry key is ``cryptosuite`` for ``DataIntegrityProof`` suites and ``proof_type`` for
    legacy proof types that have no ``cryptosuite`` property (``Ed25519Signature2020``).
    """

    @property
    def proof_type(self) -> str:
        """The proof's ``type`` (``DataIntegrityProof`` or a legacy type)."""

    @property
    def cryptosuite(self) -> str | None:
        """The proof's ``cryptosuite`` value; ``None`` for legacy proof types."""

    def prepare_document(self, document: dict[str, Any]) -> None:
        """Adjust a copy of the document before signing (add the suite's context if needed)."""

    def check_proof(self, proof: Mapping[str, Any]) -> None:
        """Cheap structural checks, run before any key is resolved; raise ProofFailure."""

    def create_proof(
        self,
        unsecured: Mapping[str, Any],
        options: Mapping[str, Any],
        signer: Signer,
        loader: ContextAllowList,
    ) -> dict[str, Any]:
        """Return the finished proof (``options`` plus ``proofValue``); raise SigningError."""

    def verify_proof(
        self,
        unsecured: Mapping[str, Any],
        proof: Mapping[str, Any],
        method: VerificationMethodLike,
        loader: ContextAllowList,
    ) -> None:
        """Check ``proof`` over ``unsecured`` with ``method``'s key; raise ProofFailure if bad."""


#: Ed25519 signs the hash data itself ("EdDSA"), 64-byte signatures, SHA-256 hashes.
ED25519_PARAMETERS: Mapping[str, tuple[str, str, int]] = MappingProxyType(
    {"Ed25519": ("EdDSA", "sha256", 64)}
)


#: The named constructors: ``hashlib.new(name)`` looks the algorithm up in OpenSSL on every call.
_HASHES: Mapping[str, Callable[[bytes], Any]] = MappingProxyType(
    {"sha256": hashlib.sha256, "sha384": hashlib.sha384, "sha512": hashlib.sha512}
)


def _digest(algorithm: str, data: bytes) -> bytes:
    constructor = _HASHES.get(algorithm)
    if constructor is None:
        return hashlib.new(algorithm, data).digest()
    digest: bytes = constructor(data).digest()
    return digest


class HashThenSignSuite:
    """``proofValue = multibase(sign(H(config) || H(document)))`` with per-suite parameters.

    Subclasses set the class attributes and implement ``canonicalize_document`` and
    ``canonicalize_config`` (RDFC-1.0 or JCS, via the two mixins below).
    """

    proof_type: ClassVar[str] = "DataIntegrityProof"
    cryptosuite: ClassVar[str | None] = None
    #: key type -> (JOSE algorithm name used by keys.PublicKey / Signer, hash, signature bytes)
    key_parameters: ClassVar[Mapping[str, tuple[str, str, int]]] = MappingProxyType({})
    #: verification-method ``type`` values this suite accepts
    method_types: ClassVar[frozenset[str]] = frozenset({"Multikey"})
    #: whether the emitted proof carries the document's ``@context`` (the JCS suites do)
    proof_has_context: ClassVar[bool] = False

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.cryptosuite or self.proof_type}>"

    # -- canonicalization (mixins) ---------------------------------------------------------

    def canonicalize_document(
        self, document: Mapping[str, Any], loader: ContextAllowList, hash_name: str
    ) -> bytes:
        raise NotImplementedError

    def canonicalize_config(
        self, config: Mapping[str, Any], loader: ContextAllowList, hash_name: str
    ) -> bytes:
        raise NotImplementedError

    def check_proof(self, proof: Mapping[str, Any]) -> None:
        """Refuse a ``proofValue`` that cannot be a signature of this suite, without decoding it.

        Runs before the verification method is resolved, so a garbage proof costs neither a
        DID resolution nor a base58 decode.
        """
        longest = 0
        for _, _, length in self.key_parameters.values():
            if length > longest:
                longest = length
        value = proof.get("proofValue")
        if not isinstance(value, str):
            raise ProofFailure(MALFORMED_PROOF_ERROR, "proofValue must be a string")
        if not value.startswith("z"):
            raise ProofFailure(
                MALFORMED_PROOF_ERROR, "proofValue must be multibase base58btc ('z')"
            )
        if len(value) > _max_base58_length(longest):
            raise ProofFailure(
                MALFORMED_PROOF_ERROR, f"proofValue is too long ({len(value)} characters)"
            )

    # -- the shared algorithm --------------------------------------------------------------

    def prepare_document(self, document: dict[str, Any]) -> None:
        """DataIntegrityProof suites add nothing here; the engine checks the context instead."""

    def proof_configuration(
        self, unsecured: Mapping[str, Any], options: Mapping[str, Any]
    ) -> dict[str, Any]:
        """The proof options without ``proofValue``, with the document's ``@context`` (spec)."""
        config = dict(options)  # (a copy without proofValue; a comprehension is one more frame)
        config.pop("proofValue", None)
        if "@context" in unsecured:
            config["@context"] = unsecured["@context"]
        return config

    def verification_configuration(
        self, unsecured: Mapping[str, Any], proof: Mapping[str, Any]
    ) -> dict[str, Any]:
        """The proof configuration a received proof is checked against (as when it was made)."""
        return self.proof_configuration(unsecured, proof)

    def hash_data(
        self,
        unsecured: Mapping[str, Any],
        options: Mapping[str, Any],
        loader: ContextAllowList,
        hash_name: str,
    ) -> bytes:
        """``H(canonical proof config) || H(canonical document)`` for new proof ``options``."""
        config = self.proof_configuration(unsecured, options)
        return self._hash_data(unsecured, config, loader, hash_name)

    def _hash_data(
        self,
        unsecured: Mapping[str, Any],
        config: Mapping[str, Any],
        loader: ContextAllowList,
        hash_name: str,
    ) -> bytes:
        config_hash = self.config_hash(config, loader, hash_name)
        canonical = self.canonicalize_document(unsecured, loader, hash_name)
        constructor = _HASHES.get(hash_name)  # ``_digest`` inline: this runs on every call
        if constructor is None:
            return config_hash + hashlib.new(hash_name, canonical).digest()
        document_hash: bytes = constructor(canonical).digest()
        return config_hash + document_hash

    def config_hash(
        self, config: Mapping[str, Any], loader: ContextAllowList, hash_name: str
    ) -> bytes:
        """``H(canonical proof configuration)``, remembered for configurations seen before.

        A signer signing a batch, or a verifier checking many badges from one issuer, hashes
        the same few proof options and context again and again (RDFC-1.0 of a handful of quads
        costs about as much as everything else in signing a small badge). The cache is keyed
        on the configuration's *values* with their JSON types (``1``, ``1.0``, ``True`` and
        ``-0.0`` all differ), never on JSON bytes, together with this suite, the loader and the
        hash; it is bounded, and holds only small configurations.
        """
        key = _config_key(config)
        if key is not None:
            try:
                # (no typing.cast: it is a Python call on every verify)
                return _cached_config_hash(self, loader, hash_name, key)  # type: ignore[arg-type]
            except TypeError:  # an unhashable custom loader or suite: no caching
                pass
            finally:
                key.config = None  # the cache keeps the frozen values, not the caller's objects
        return _digest(hash_name, self.canonicalize_config(config, loader, hash_name))

    def _parameters(self, key_type: str) -> tuple[str, str, int] | None:
        return self.key_parameters.get(key_type)

    def create_proof(
        self,
        unsecured: Mapping[str, Any],
        options: Mapping[str, Any],
        signer: Signer,
        loader: ContextAllowList,
    ) -> dict[str, Any]:
        params = self._parameters(signer.key_type)
        name = self.cryptosuite or self.proof_type
        if params is None:
            raise SigningError(f"{name} cannot sign with a {signer.key_type} key")
        algorithm, hash_name, signature_length = params
        if signer.algorithm != algorithm:
            raise SigningError(
                f"{name} with a {signer.key_type} key signs with {algorithm}, "
                f"but the signer uses {signer.algorithm}"
            )
        data = self.hash_data(unsecured, options, loader, hash_name)
        signature = signer.sign(data)
        if len(signature) != signature_length:
            raise SigningError(
                f"signer returned {len(signature)} bytes; {algorithm} signatures are "
                f"{signature_length} bytes"
            )
        proof = dict(options)
        if self.proof_has_context and "@context" in unsecured:
            # a copy: the proof's context must not change when the document's is edited later
            proof["@context"] = copy_json(unsecured["@context"])
        proof["proofValue"] = "z" + b58encode(signature)
        return proof

    def verify_proof(
        self,
        unsecured: Mapping[str, Any],
        proof: Mapping[str, Any],
        method: VerificationMethodLike,
        loader: ContextAllowList,
    ) -> None:
        key = method.public_key
        params = self._parameters(key.key_type)
        name = self.cryptosuite or self.proof_type
        if params is None or method.type not in self.method_types:
            raise ProofFailure(
                INVALID_VERIFICATION_METHOD_ERROR,
                f"{name} cannot use a {method.type} {key.key_type} verification method",
                verificationMethod=method.id,
            )
        algorithm, hash_name, signature_length = params
        signature = decode_proof_value(proof.get("proofValue"), signature_length)
        unsecured = self.document_for_verification(unsecured, proof)
        config = self.verification_configuration(unsecured, proof)
        data = self._hash_data(unsecured, config, loader, hash_name)
        try:
            key.verify(signature, data, algorithm=algorithm)
        except VerificationError:
            raise ProofFailure(PROOF_VERIFICATION_ERROR, "the signature does not verify") from None

    def document_for_verification(
        self, unsecured: Mapping[str, Any], proof: Mapping[str, Any]
    ) -> Mapping[str, Any]:
        """Apply the proof's own ``@context`` (Data Integrity, Verify Proof).

        A proof that carries ``@context`` was made over a document whose contexts start with
        exactly those; the secured document may have gained more since (that is allowed), but
        not different ones.
        """
        proof_context = proof.get("@context")
        if proof_context is None:
            return unsecured
        proof_list = proof_context if isinstance(proof_context, list) else [proof_context]
        document_context = unsecured.get("@context")
        document_list = (
            document_context if isinstance(document_context, list) else [document_context]
        )
        if document_list[: len(proof_list)] != proof_list:
            raise ProofFailure(
                PROOF_VERIFICATION_ERROR,
                "the proof's @context is not a prefix of the document's @context",
            )
        adjusted = dict(unsecured)
        adjusted["@context"] = proof_context
        return adjusted


_CONFIG_CACHE_SIZE = 512


@functools.lru_cache(maxsize=_CONFIG_CACHE_SIZE)
def _cached_config_hash(
    suite: HashThenSignSuite, loader: Any, hash_name: str, key: _ConfigKey
) -> bytes:
    assert key.config is not None  # set by the caller for the duration of a miss
    return _digest(hash_name, suite.canonicalize_config(key.config, loader, hash_name))


class RdfcSuite(HashThenSignSuite):
    """Canonicalize document and proof configuration with RDFC-1.0 (JSON-LD safe mode)."""

    def canonicalize_document(
        self, document: Mapping[str, Any], loader: ContextAllowList, hash_name: str
    ) -> bytes:
        return canonical_nquads(document, loader, hash_name).encode("utf-8")

    def canonicalize_config(
        self, config: Mapping[str, Any], loader: ContextAllowList, hash_name: str
    ) -> bytes:
        return canonical_nquads(config, loader, hash_name).encode("utf-8")


class JcsSuite(HashThenSignSuite):
    """Canonicalize document and proof configuration with JCS (RFC 8785).

    The proof configuration is the proof as received, without ``proofValue`` (eddsa-jcs-2022 and
    ecdsa-jcs-2019, Verify Proof and Proof Configuration): its ``@context`` is the proof's own,
    never re-derived from the document. Deleting or changing the proof's ``@context`` therefore
    changes the signed bytes and breaks the signature, and a proof made without one (allowed,
    though the specs advise against it) verifies as made.
    """

    proof_has_context = True

    def verification_configuration(
        self, unsecured: Mapping[str, Any], proof: Mapping[str, Any]
    ) -> dict[str, Any]:
        """The proof without ``proofValue``, exactly as received (its own ``@context`` or none)."""
        return {key: value for key, value in proof.items() if key != "proofValue"}

    def canonicalize_document(
        self, document: Mapping[str, Any], loader: ContextAllowList, hash_name: str
    ) -> bytes:
        return canonical_json(document)

    def canonicalize_config(
        self, config: Mapping[str, Any], loader: ContextAllowList, hash_name: str
    ) -> bytes:
        return canonical_json(config)
