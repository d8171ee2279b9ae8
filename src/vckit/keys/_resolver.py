"""``LocalKeyResolver``: the offline default resolver of the proof layers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vckit.errors import DIDResolutionError, DIDResolutionErrorKind
from vckit.keys._did import did_jwk_method, did_key_methods
from vckit.keys._method import ALL_RELATIONSHIPS, VerificationMethod
from vckit.keys._public import PublicKey


class LocalKeyResolver:
    """Resolve did:key and did:jwk methods, plus verification methods given by the caller.

    ``methods`` maps a method id to its verification-method dict (with ``controller``). Such a
    method is authorised for every relationship unless the dict has a ``relationships`` list.
    Nothing here opens a network connection.
    """

    def __init__(self, methods: Mapping[str, Mapping[str, Any]] | None = None) -> None:
        self._methods: dict[str, VerificationMethod] = {}
        self._limited: set[str] = set()
        for method_id, vm in (methods or {}).items():
            self._methods[method_id] = self._parse(method_id, vm)

    def _parse(self, method_id: str, vm: Mapping[str, Any]) -> VerificationMethod:
        if vm.get("id", method_id) != method_id:
            raise ValueError(f"verification method id {vm.get('id')!r} != key {method_id!r}")
        controller, vm_type = vm.get("controller"), vm.get("type")
        if not isinstance(controller, str) or not isinstance(vm_type, str):
            raise ValueError(f"verification method {method_id!r} needs 'type' and 'controller'")
        rels: frozenset[str] = ALL_RELATIONSHIPS
        if "relationships" in vm:
            listed = vm["relationships"]
            if not isinstance(listed, list | tuple) or not all(isinstance(r, str) for r in listed):
                raise ValueError("'relationships' must be a list of strings")
            rels = frozenset(listed)
            self._limited.add(method_id)
        key = PublicKey.from_verification_method(vm)
        return VerificationMethod(method_id, vm_type, controller, key, rels, dict(vm))

    def dereference(
        self, method_id: str, relationship: str = "assertionMethod"
    ) -> VerificationMethod:
        """Find ``method_id`` and check it may be used for ``relationship``."""
        method = self._methods.get(method_id)
        if method is not None:
            if method_id in self._limited and relationship not in method.relationships:
                raise self._not_authorised(method_id, relationship)
            return method
        did, _, fragment = method_id.partition("#")
        if method_id.startswith("did:key:"):
            candidates = did_key_methods(did)[1]
        elif method_id.startswith("did:jwk:"):
            candidates = (did_jwk_method(did)[1],)
        else:
            kind = (
                DIDResolutionErrorKind.METHOD_NOT_SUPPORTED
                if method_id.startswith("did:")
                else DIDResolutionErrorKind.NOT_FOUND
            )
            raise DIDResolutionError(
                f"verification method {method_id[:120]!r} is not known to LocalKeyResolver",
                kind=kind,
                did=did,
            )
        for candidate in candidates:
            if candidate.id == method_id:
                if relationship not in candidate.relationships:
                    raise self._not_authorised(method_id, relationship)
                return candidate
        raise DIDResolutionError(
            f"{did[:120]} has no verification method #{fragment[:80]}",
            kind=DIDResolutionErrorKind.NOT_FOUND,
            did=did,
        )

    @staticmethod
    def _not_authorised(method_id: str, relationship: str) -> DIDResolutionError:
        return DIDResolutionError(
            f"verification method {method_id[:120]!r} is not authorised for {relationship!r}",
            kind=DIDResolutionErrorKind.NOT_FOUND,
            did=method_id.partition("#")[0],
        )
