"""DID documents and controller documents: read, validate, find an authorised method.

Documents are kept as the JSON they arrived as (``to_json`` returns a copy of it); the model adds
only what a verifier needs: the methods by absolute id and which relationships list them.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from vckit.errors import (
    DIDResolutionError,
    DIDResolutionErrorKind,
    KeyFormatError,
    ParseError,
    UnsupportedAlgorithmError,
)
from vckit.keys import PublicKey, VerificationMethod

__all__ = ["RELATIONSHIPS", "DIDDocument"]

RELATIONSHIPS = (
    "authentication",
    "assertionMethod",
    "keyAgreement",
    "capabilityInvocation",
    "capabilityDelegation",
)
_BAD_DOC = DIDResolutionErrorKind.INVALID_DID_DOCUMENT


def _absolute(ref: str, base: str) -> str:
    """Resolve a relative method id (``#key-1``) against the document id."""
    if ref.startswith("#"):
        return base.split("#", 1)[0] + ref
    if base.startswith("did:") or ":" in ref.split("/", 1)[0]:
        return ref
    return urljoin(base, ref)


@dataclass(frozen=True)
class DIDDocument:
    """A DID document (or a Controlled Identifiers controller document)."""

    id: str
    data: Mapping[str, Any] = field(repr=False)
    methods: Mapping[str, Mapping[str, Any]] = field(repr=False, compare=False)
    relationships: Mapping[str, frozenset[str]] = field(repr=False, compare=False)
    _keys: dict[str, PublicKey] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, data: Any, *, expected_id: str) -> DIDDocument:
        """Validate ``data`` as the document of ``expected_id``; its ``id`` must match exactly."""
        if not isinstance(data, dict):
            raise DIDResolutionError(
                "document is not a JSON object", kind=_BAD_DOC, did=expected_id
            )
        data = copy.deepcopy(data)  # the model must not change if the caller's dict does
        if data.get("id") != expected_id:
            raise DIDResolutionError(
                f"document id {str(data.get('id'))[:200]!r} is not {expected_id!r}",
                kind=_BAD_DOC,
                did=expected_id,
            )
        methods: dict[str, Mapping[str, Any]] = {}
        listed: dict[str, set[str]] = {}

        def add(entry: Any, where: str) -> str:
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                raise DIDResolutionError(
                    f"{where}: a verification method needs a string id",
                    kind=_BAD_DOC,
                    did=expected_id,
                )
            method_id = _absolute(entry["id"], expected_id)
            if method_id in methods and methods[method_id] != entry:
                raise DIDResolutionError(
                    f"two different methods with id {method_id}", kind=_BAD_DOC, did=expected_id
                )
            methods[method_id] = entry
            return method_id

        for entry in _list(data, "verificationMethod", expected_id):
            add(entry, "verificationMethod")
        for relationship in RELATIONSHIPS:
            for entry in _list(data, relationship, expected_id):
                if isinstance(entry, str):
                    method_id = _absolute(entry, expected_id)
                else:
                    method_id = add(entry, relationship)
                listed.setdefault(method_id, set()).add(relationship)
        return cls(
            id=expected_id,
            data=data,
            methods=methods,
            relationships={k: frozenset(v) for k, v in listed.items()},
        )

    def to_json(self) -> dict[str, Any]:
        return copy.deepcopy(dict(self.data))

    def verification_method(self, method_id: str, relationship: str) -> VerificationMethod:
        """The method ``method_id`` if this document authorises it for ``relationship``.

        The method's ``controller`` must be this document's id: vckit does not follow
        controller chains, so a document cannot lend itself another DID's key.
        """
        if relationship not in RELATIONSHIPS:
            raise ValueError(f"unknown verification relationship {relationship!r}")
        entry = self.methods.get(method_id)
        if entry is None:
            raise DIDResolutionError(
                f"{self.id} has no verification method {method_id[:200]}",
                kind=DIDResolutionErrorKind.NOT_FOUND,
                did=self.id,
            )
        if relationship not in self.relationships.get(method_id, frozenset()):
            raise DIDResolutionError(
                f"{method_id[:200]} is not authorised for {relationship}",
                kind=DIDResolutionErrorKind.NOT_FOUND,
                did=self.id,
            )
        controller = entry.get("controller")
        if controller != self.id:
            raise DIDResolutionError(
                f"{method_id[:200]} is controlled by {str(controller)[:200]!r}, not {self.id}",
                kind=_BAD_DOC,
                did=self.id,
            )
        key = self._keys.get(method_id)
        if key is None:  # import (and curve-check) each key once per document
            try:
                key = PublicKey.from_verification_method(entry)
            except (KeyFormatError, ParseError, UnsupportedAlgorithmError) as exc:
                raise DIDResolutionError(
                    f"{method_id[:200]}: unusable key: {exc}", kind=_BAD_DOC, did=self.id
                ) from None
            self._keys[method_id] = key
        return VerificationMethod(
            method_id,
            str(entry.get("type")),
            self.id,
            key,
            self.relationships[method_id],
            entry,
        )


def _list(data: Mapping[str, Any], name: str, did: str) -> list[Any]:
    value = data.get(name, [])
    if not isinstance(value, list):
        raise DIDResolutionError(f"{name} must be a list", kind=_BAD_DOC, did=did)
    return value
