"""Issuing the signed status list credential an issuer publishes at its list URL.

The credential is built as the Bitstring Status List spec shows it (VC 2.0,
``BitstringStatusListCredential`` with a ``BitstringStatusList`` subject) and signed with any
proof vckit makes: a Data Integrity cryptosuite or a JWT profile. Re-issue it after every change
(``StatusRegistry.list_versions`` says which lists changed) and publish the result at ``id``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from vckit._codec.xsd import format_datetime_stamp
from vckit.keys import Signer
from vckit.status._bitstring import BitstringStatusList

__all__ = ["JWT_PROFILES", "build_status_list_credential", "issue_status_list_credential"]

#: ``proof=`` values that produce a compact JWT instead of an embedded proof.
JWT_PROFILES = ("vc-jwt", "vc+jwt")
_V2 = "https://www.w3.org/ns/credentials/v2"


def _stamp(value: datetime | str | None, name: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if value.tzinfo is None:
        raise ValueError(f"{name} must be timezone-aware")
    return format_datetime_stamp(value)


def build_status_list_credential(
    lst: BitstringStatusList,
    *,
    id: str,
    issuer: str | dict[str, Any],
    purpose: str | list[str] = "revocation",
    valid_from: datetime | str | None = None,
    valid_until: datetime | str | None = None,
    ttl: int | None = None,
) -> dict[str, Any]:
    """The unsigned ``BitstringStatusListCredential`` for ``lst`` (``ttl`` in milliseconds)."""
    if not isinstance(id, str) or not id:
        raise ValueError("id (the URL the list is published at) is required")
    purposes = [purpose] if isinstance(purpose, str) else list(purpose)
    if not purposes or any(not isinstance(p, str) or not p for p in purposes):
        raise ValueError("purpose must be a non-empty string or list of strings")
    if ttl is not None and (isinstance(ttl, bool) or not isinstance(ttl, int) or ttl < 0):
        raise ValueError("ttl must be a non-negative number of milliseconds")
    subject: dict[str, Any] = {
        "id": f"{id}#list",
        "type": "BitstringStatusList",
        "statusPurpose": purposes[0] if len(purposes) == 1 else purposes,
        "encodedList": lst.encode(),
    }
    if ttl is not None:
        subject["ttl"] = ttl
    credential: dict[str, Any] = {
        "@context": [_V2],
        "id": id,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
    }
    start, end = _stamp(valid_from, "valid_from"), _stamp(valid_until, "valid_until")
    if start is not None:
        credential["validFrom"] = start
    if end is not None:
        credential["validUntil"] = end
    credential["credentialSubject"] = subject
    return credential


def issue_status_list_credential(
    lst: BitstringStatusList,
    signer: Signer,
    *,
    id: str,
    purpose: str | list[str] = "revocation",
    issuer: str | dict[str, Any] | None = None,
    valid_from: datetime | str | None = None,
    valid_until: datetime | str | None = None,
    ttl: int | None = None,
    proof: str = "eddsa-rdfc-2022",
    created: datetime | str | None = None,
) -> dict[str, Any] | str:
    """Sign the status list credential for ``lst``; a dict, or a compact JWT for a JWT ``proof``.

    ``issuer`` defaults to the controller part of the signer's verification method (the DID
    before ``#``). ``proof`` is a Data Integrity cryptosuite (``eddsa-rdfc-2022``,
    ``ecdsa-rdfc-2019``, ``eddsa-jcs-2022``, ...) or ``vc-jwt`` / ``vc+jwt``.
    """
    if issuer is None:
        issuer = signer.verification_method.split("#", 1)[0]
    credential = build_status_list_credential(
        lst,
        id=id,
        issuer=issuer,
        purpose=purpose,
        valid_from=valid_from,
        valid_until=valid_until,
        ttl=ttl,
    )
    if proof in JWT_PROFILES:
        from vckit.proofs import jose

        return jose.sign_credential_jwt(credential, signer, profile=proof, now=created)
    from vckit.proofs import dataintegrity

    return dataintegrity.add_proof(credential, signer, cryptosuite=proof, created=created)
