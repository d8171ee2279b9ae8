"""``Ed25519Signature2020``: the pre-Data-Integrity Linked Data Signature many badges still carry.

It hashes like ``eddsa-rdfc-2022`` (SHA-256 of the RDFC-1.0 proof options, then of the document,
Ed25519 over both) but the proof has no ``cryptosuite``, and its terms come from the suite context
``https://w3id.org/security/suites/ed25519-2020/v1``. As in jsonld-signatures, that context is
appended to the signed document when missing, and always to the proof options that are hashed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from vckit.proofs.dataintegrity._suite import ED25519_PARAMETERS, RdfcSuite

__all__ = ["ED25519_2020_CONTEXT", "Ed25519Signature2020"]

ED25519_2020_CONTEXT = "https://w3id.org/security/suites/ed25519-2020/v1"


def _contexts(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


class Ed25519Signature2020(RdfcSuite):
    """Proof type ``Ed25519Signature2020`` (keys: Ed25519VerificationKey2020 or Multikey)."""

    proof_type: ClassVar[str] = "Ed25519Signature2020"
    cryptosuite: ClassVar[str | None] = None
    key_parameters = ED25519_PARAMETERS
    method_types = frozenset({"Ed25519VerificationKey2020", "Multikey"})

    def prepare_document(self, document: dict[str, Any]) -> None:
        """Append the suite context so the proof's terms are defined in the signed document."""
        contexts = _contexts(document.get("@context"))
        if ED25519_2020_CONTEXT not in contexts:
            document["@context"] = [*contexts, ED25519_2020_CONTEXT]

    def proof_configuration(
        self, unsecured: Mapping[str, Any], options: Mapping[str, Any]
    ) -> dict[str, Any]:
        """``{"@context": document's + suite context, **proof}`` minus the signature members.

        A proof's own ``@context`` wins over the document's, as in jsonld-signatures.
        """
        config: dict[str, Any] = {"@context": unsecured.get("@context")}
        config.update(
            (key, value)
            for key, value in options.items()
            if key not in ("proofValue", "jws", "signatureValue")
        )
        contexts = _contexts(config["@context"])
        if ED25519_2020_CONTEXT not in contexts:
            config["@context"] = [*contexts, ED25519_2020_CONTEXT]
        return config

    def document_for_verification(
        self, unsecured: Mapping[str, Any], proof: Mapping[str, Any]
    ) -> Mapping[str, Any]:
        """The legacy suite has no proof-context prefix rule; the document is hashed as is."""
        return unsecured
