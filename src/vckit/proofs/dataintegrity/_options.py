"""Proof options: building them when signing, checking them when verifying.

These are the suite-independent parts of VC Data Integrity 1.0 (sections 2.1, 4.2 and 4.4):
``created`` / ``expires`` as XSD dateTimeStamp, ``proofPurpose``, ``challenge``, ``domain`` (a
string or a list of strings), ``previousProof`` (an id or a list of ids). Signing validates the
caller's arguments (bad ones are programmer errors: ``ValueError`` / ``TypeError``); verifying
validates untrusted proofs and reports ``ProofFailure`` with the spec's problem codes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from vckit._codec.xsd import format_datetime_stamp, parse_datetime_stamp
from vckit.errors import ParseError
from vckit.problems import (
    INVALID_CHALLENGE_ERROR,
    INVALID_DOMAIN_ERROR,
    MALFORMED_PROOF_ERROR,
    MISMATCHED_PROOF_PURPOSE_ERROR,
    PROOF_EXPIRED_ERROR,
    PROOF_VERIFICATION_ERROR,
)
from vckit.proofs.dataintegrity._result import ProofFailure

__all__ = [
    "DateInput",
    "DomainInput",
    "IdsInput",
    "build_options",
    "check_challenge",
    "check_dates",
    "check_domain",
    "check_purpose",
    "check_required",
    "check_type",
    "date_value",
    "id_list",
    "matching_proofs",
]

DateInput = datetime | str
DomainInput = str | Sequence[str]
IdsInput = str | Sequence[str]


# -- signing ---------------------------------------------------------------------------------


def date_value(value: DateInput, name: str) -> str:
    """An XSD dateTimeStamp string for ``value``; a string is kept exactly as the caller wrote it."""
    if isinstance(value, datetime):
        return format_datetime_stamp(value)  # ValueError when naive
    if isinstance(value, str):
        parse_datetime_stamp(value)  # ParseError (a ValueError) when not a dateTimeStamp
        return value
    raise TypeError(f"{name} must be a datetime or an XSD dateTimeStamp string")


def _strings(value: IdsInput, name: str) -> str | list[str]:
    """Validate a string-or-list option and return it in the form it will be written."""
    if isinstance(value, str):
        if not value:
            raise ValueError(f"{name} must not be empty")
        return value
    if not isinstance(value, Sequence):
        raise TypeError(f"{name} must be a string or a list of strings")
    items = list(value)
    if not items or not all(isinstance(item, str) and item for item in items):
        raise ValueError(f"{name} must be a non-empty list of non-empty strings")
    return items


def build_options(
    *,
    proof_type: str,
    cryptosuite: str | None,
    verification_method: str,
    proof_purpose: str,
    created: str,
    expires: DateInput | None,
    challenge: str | None,
    domain: DomainInput | None,
    previous_proof: IdsInput | None,
    proof_id: str | None,
) -> dict[str, Any]:
    """The proof options for a new proof, in the member order the spec examples use."""
    if not isinstance(proof_purpose, str) or not proof_purpose:
        raise ValueError("proof_purpose must be a non-empty string")
    if not isinstance(verification_method, str) or not verification_method:
        raise ValueError("the signer has no verification_method")
    options: dict[str, Any] = {"type": proof_type}
    if proof_id is not None:
        if not isinstance(proof_id, str) or not proof_id:
            raise ValueError("proof_id must be a non-empty string")
        options["id"] = proof_id
    if cryptosuite is not None:
        options["cryptosuite"] = cryptosuite
    options["created"] = created
    if expires is not None:
        options["expires"] = date_value(expires, "expires")
    options["verificationMethod"] = verification_method
    options["proofPurpose"] = proof_purpose
    if challenge is not None:
        if not isinstance(challenge, str) or not challenge:
            raise ValueError("challenge must be a non-empty string")
        options["challenge"] = challenge
    if domain is not None:
        options["domain"] = _strings(domain, "domain")
    if previous_proof is not None:
        options["previousProof"] = _strings(previous_proof, "previous_proof")
    return options


# -- verifying -------------------------------------------------------------------------------


def check_type(proof: Mapping[str, Any]) -> str:
    """``type`` must be a non-empty string (it selects the suite, so it is checked first)."""
    value = proof.get("type")
    if not isinstance(value, str) or not value:
        raise ProofFailure(
            MALFORMED_PROOF_ERROR, "proof.type is missing or not a string", member="type"
        )
    return value


def check_required(proof: Mapping[str, Any]) -> tuple[str, str, str]:
    """``type``, ``verificationMethod`` and ``proofPurpose`` must be non-empty strings."""
    kind = proof.get("type")
    method = proof.get("verificationMethod")
    purpose = proof.get("proofPurpose")
    if (
        type(kind) is str
        and type(method) is str
        and type(purpose) is str
        and kind
        and method
        and purpose
    ):
        return kind, method, purpose  # the usual proof, without the loop below
    values = []
    for name in ("type", "verificationMethod", "proofPurpose"):
        value = proof.get(name)
        if not isinstance(value, str) or not value:
            raise ProofFailure(
                MALFORMED_PROOF_ERROR, f"proof.{name} is missing or not a string", member=name
            )
        values.append(value)
    return values[0], values[1], values[2]


def _parse_date(proof: Mapping[str, Any], name: str) -> datetime | None:
    value = proof.get(name)
    if value is None:
        if name in proof:
            raise ProofFailure(MALFORMED_PROOF_ERROR, f"proof.{name} is null", member=name)
        return None
    try:
        return parse_datetime_stamp(value)
    except (ParseError, TypeError):
        raise ProofFailure(
            MALFORMED_PROOF_ERROR,
            f"proof.{name} is not an XSD dateTimeStamp",
            member=name,
        ) from None


def check_dates(proof: Mapping[str, Any], now: datetime, clock_skew: timedelta) -> None:
    """``created`` / ``expires`` must be XSD dateTimeStamps and ``now`` within them.

    A ``created`` later than ``now`` by more than ``clock_skew`` fails: the signer claims a time
    that has not come yet (its clock is wrong, or the proof was made to look fresh). The skew
    absorbs ordinary clock differences between signer and verifier. ``expires`` gets no skew: a
    proof is not accepted past the end its signer chose.
    """
    created = _parse_date(proof, "created")
    expires = _parse_date(proof, "expires")
    if created is not None and created > now + clock_skew:
        raise ProofFailure(
            PROOF_VERIFICATION_ERROR,
            "the proof's created time is in the future (beyond the allowed clock skew)",
            member="created",
            created=proof["created"],
            clockSkewSeconds=clock_skew.total_seconds(),
        )
    if expires is not None and expires <= now:
        raise ProofFailure(PROOF_EXPIRED_ERROR, "the proof has expired", expires=proof["expires"])


def check_purpose(purpose: str, expected: str) -> None:
    """The proof must have been made for the purpose the verifier needs."""
    if purpose != expected:
        raise ProofFailure(
            MISMATCHED_PROOF_PURPOSE_ERROR,
            f"proof purpose is {purpose[:100]!r}, expected {expected!r}",
            proofPurpose=purpose,
            expected=expected,
        )


def _listed(value: Any, name: str) -> list[str]:
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(item, str) for item in items):
        raise ProofFailure(
            MALFORMED_PROOF_ERROR, f"proof.{name} must be a string or a list of strings"
        )
    return items


def check_domain(proof: Mapping[str, Any], expected: DomainInput | None) -> None:
    """With an expected domain, the proof's domain (string or list) must include one of them.

    The caller may pass several acceptable domains (a verifier reachable under more than one
    name); one match is enough, as in jsonld-signatures.
    """
    value = proof.get("domain")
    if value is not None:
        _listed(value, "domain")
    if expected is None:
        return
    acceptable = {expected} if isinstance(expected, str) else set(expected)
    if value is None or not acceptable.intersection(_listed(value, "domain")):
        raise ProofFailure(INVALID_DOMAIN_ERROR, "the proof's domain does not match")


def check_challenge(proof: Mapping[str, Any], expected: str | None) -> None:
    """With an expected challenge, the proof must carry exactly that challenge."""
    value = proof.get("challenge")
    if value is not None and not isinstance(value, str):
        raise ProofFailure(MALFORMED_PROOF_ERROR, "proof.challenge must be a string")
    if expected is not None and value != expected:
        raise ProofFailure(INVALID_CHALLENGE_ERROR, "the proof's challenge does not match")


def id_list(value: Any) -> list[str]:
    """``previousProof`` as a list of ids (absent: empty)."""
    if value is None:
        return []
    return _listed(value, "previousProof")


def matching_proofs(ids: list[str], proofs: Sequence[Any]) -> list[Mapping[str, Any]]:
    """The proofs a chained proof names in ``previousProof``, each of which must be present."""
    by_id = {p.get("id"): p for p in proofs if isinstance(p, Mapping) and "id" in p}
    matches = []
    for proof_id in ids:
        match = by_id.get(proof_id)
        if match is None:
            raise ProofFailure(
                PROOF_VERIFICATION_ERROR,
                f"previousProof {proof_id[:200]!r} is not in the document",
                previousProof=proof_id,
            )
        matches.append(match)
    return matches
