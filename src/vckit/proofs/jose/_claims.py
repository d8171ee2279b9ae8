"""Mapping between a credential (or presentation) and JWT claims, both ways.

OB 3.0 VC-JWT (VC Data Model 1.1 §6.3.1) carries the credential in a ``vc`` claim and repeats
parts of it as registered claims: ``iss`` = issuer, ``jti`` = id, ``sub`` = credentialSubject.id,
``nbf`` = validFrom / issuanceDate, ``exp`` = validUntil / expirationDate. A verifier that trusts
one copy and shows the other is lied to, so every pair present on both sides must agree; a member
missing from ``vc`` is filled from its claim, as the VC-JWT decoding rules say. VC-JOSE-COSE
(``vc+jwt``) signs the credential itself as the claims set, so only claims it happens to carry are
compared; OB 3.0 VC-JWT tokens for VC 2.0 credentials do the same (payload with ``@context`` and no
``vc`` claim, as 1EdTech's reference implementation and openbadgeslib write them) and are read
that way. A ``vc+jwt`` / ``vp+jwt`` payload must not carry ``vc`` or ``vp`` claims (VC-JOSE-COSE
§3.1.1): a second copy of the credential inside the first is refused.

A date claim that disagrees with the credential only by narrowing its validity (``nbf`` later than
``validFrom``, as openvc-core writes the signing time; ``exp`` earlier than ``validUntil``) claims
nothing the credential does not: it is a warning, and the narrower window is enforced. One that
widens it contradicts the credential and is a mismatch.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from vckit._codec.xsd import format_datetime_stamp
from vckit.errors import SigningError
from vckit.problems import Problem
from vckit.proofs.jose._headers import VC_JWT, Kind, Profile
from vckit.proofs.jose._problems import (
    JWT_CLAIM_INVALID_ERROR,
    JWT_CLAIM_MISMATCH_ERROR,
    JWT_CLAIM_NARROWER_WARNING,
)
from vckit.proofs.jose._rejected import Rejected
from vckit.proofs.jose._time import credential_date, from_numeric_date, to_numeric_date

__all__ = ["DecodedClaims", "decode_claims", "encode_claims", "party_id"]

_V2_CONTEXT: Final = "https://www.w3.org/ns/credentials/v2"
# (claim, VC 2.0 member, VC 1.1 member)
_DATE_CLAIMS: Final = (
    ("nbf", "validFrom", "issuanceDate"),
    ("exp", "validUntil", "expirationDate"),
)
_PARTY: Final[Mapping[Kind, str]] = {"vc": "issuer", "vp": "holder"}


@dataclass(slots=True)
class DecodedClaims:
    """A decoded document plus what the verifier still has to check about it."""

    document: dict[str, Any]
    party: str
    not_before: dict[str, datetime] = field(default_factory=dict)
    not_after: dict[str, datetime] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def party_id(document: Mapping[str, Any], member: str) -> str | None:
    """The id of ``issuer`` / ``holder``: a string, or the ``id`` of an object; None when absent."""
    value = document.get(member)
    if value is None:
        return None
    if isinstance(value, Mapping):
        value = value.get("id")
    if not isinstance(value, str) or not value:
        raise Rejected(JWT_CLAIM_INVALID_ERROR, f"{member} has no usable id", member=member)
    return value


def _subjects(credential: Mapping[str, Any]) -> list[Any]:
    subject = credential.get("credentialSubject")
    if subject is None:
        return []
    return list(subject) if isinstance(subject, list) else [subject]


def _is_v2(document: Mapping[str, Any]) -> bool:
    context = document.get("@context")
    first = context[0] if isinstance(context, list) and context else context
    return bool(first == _V2_CONTEXT)


# --- signing ---------------------------------------------------------------------------------


def encode_claims(
    document: Mapping[str, Any],
    *,
    kind: Kind,
    profile: Profile,
    issued_at: datetime,
    party: str,
    extra: Mapping[str, Any],
) -> dict[str, Any]:
    """The claims set to sign for ``document``.

    ``vc+jwt`` signs the document itself (plus ``extra``, e.g. a presentation's nonce and aud);
    ``vc-jwt`` wraps it and derives the registered claims from it.
    """
    if profile != VC_JWT:
        claims = dict(document)
        claims.update(extra)
        return claims
    claims = {"iss": party}
    document_id = document.get("id")
    if isinstance(document_id, str):
        claims["jti"] = document_id
    if kind == "vc":
        ids = [s.get("id") for s in _subjects(document) if isinstance(s, Mapping)]
        if len(ids) == 1 and isinstance(ids[0], str):
            claims["sub"] = ids[0]
        try:
            for claim, v2_member, v1_member in _DATE_CLAIMS:
                member = v2_member if v2_member in document else v1_member
                moment = credential_date(document, member)
                if moment is not None:
                    claims[claim] = to_numeric_date(moment)
        except Rejected as exc:
            raise SigningError(exc.problem.message) from None
    claims["iat"] = to_numeric_date(issued_at)
    claims.update(extra)
    claims[kind] = dict(document)
    return claims


# --- verification ----------------------------------------------------------------------------


def _string_claim(claims: Mapping[str, Any], name: str) -> str | None:
    value = claims.get(name)
    if value is None and name not in claims:
        return None
    if not isinstance(value, str) or not value:
        raise Rejected(
            JWT_CLAIM_INVALID_ERROR, f"claim {name} is not a non-empty string", claim=name
        )
    return value


def _mismatch(claim: str, member: str, claimed: Any, actual: Any) -> Problem:
    return Problem(
        JWT_CLAIM_MISMATCH_ERROR,
        f"claim {claim} disagrees with the document's {member}",
        {"claim": claim, "member": member, "claimed": claimed, "document": actual},
    )


def _agree_party(out: DecodedClaims, iss: str | None, member: str) -> None:
    actual = party_id(out.document, member)
    if iss is not None and actual is not None and iss != actual:
        out.problems.append(_mismatch("iss", member, iss, actual))
    if actual is None and iss is not None:
        out.document[member] = iss
    party = actual or iss
    if party is None:
        raise Rejected(JWT_CLAIM_INVALID_ERROR, f"token names no {member} (no iss, no {member})")
    out.party = party


def _agree_id(out: DecodedClaims, jti: str | None) -> None:
    actual = out.document.get("id")
    if jti is None:
        return
    if actual is None:
        out.document["id"] = jti
    elif actual != jti:
        out.problems.append(_mismatch("jti", "id", jti, actual))


def _agree_subject(out: DecodedClaims, sub: str | None) -> None:
    if sub is None:
        return
    subjects = _subjects(out.document)
    ids = [s.get("id") for s in subjects if isinstance(s, Mapping)]
    if len(subjects) == 1 and isinstance(subjects[0], Mapping) and ids[0] is None:
        out.document["credentialSubject"] = {**subjects[0], "id": sub}
    elif sub not in ids:
        out.problems.append(_mismatch("sub", "credentialSubject.id", sub, ids))


def _agree_dates(out: DecodedClaims, claims: Mapping[str, Any], *, wrapped: bool) -> None:
    """Compare nbf/exp with the document's dates (whole seconds) and collect the window."""
    for claim, v2_member, v1_member in _DATE_CLAIMS:
        window = out.not_before if claim == "nbf" else out.not_after
        claimed = from_numeric_date(claims, claim)
        member = v2_member if v2_member in out.document else v1_member
        actual = credential_date(out.document, member)
        if actual is not None:
            window[member] = actual
        if claimed is None:
            continue
        window[claim] = claimed
        if actual is None:
            if wrapped:
                name = v2_member if _is_v2(out.document) else v1_member
                out.document[name] = format_datetime_stamp(claimed)
        elif to_numeric_date(actual) != to_numeric_date(claimed):
            narrower = claimed > actual if claim == "nbf" else claimed < actual
            if narrower:
                out.warnings.append(
                    Problem(
                        JWT_CLAIM_NARROWER_WARNING,
                        f"claim {claim} narrows the document's {member}; the narrower bound "
                        "is enforced",
                        {
                            "claim": claim,
                            "member": member,
                            "claimed": claims[claim],
                            "document": format_datetime_stamp(actual),
                        },
                    )
                )
            else:
                out.problems.append(
                    _mismatch(claim, member, claims[claim], format_datetime_stamp(actual))
                )


def decode_claims(claims: Mapping[str, Any], *, kind: Kind, profile: Profile) -> DecodedClaims:
    """Rebuild the document a token carries and collect claim problems and validity bounds.

    Filling members only assigns top-level keys (a subject is replaced, not edited), so a shallow
    copy keeps the parsed claims untouched.
    """
    member = _PARTY[kind]
    if profile != VC_JWT:
        nested = sorted({"vc", "vp"} & set(claims))
        if nested:
            raise Rejected(
                JWT_CLAIM_INVALID_ERROR,
                f"a {kind}+jwt payload is the document itself and must not carry "
                f"{' or '.join(nested)} claims (VC-JOSE-COSE)",
                claims=nested,
            )
    wrapped = profile == VC_JWT and (kind in claims or "@context" not in claims)
    if wrapped:
        inner = claims.get(kind)
        if not isinstance(inner, dict):
            raise Rejected(JWT_CLAIM_INVALID_ERROR, f"claim {kind} is missing or not an object")
        document = dict(inner)
    else:
        # VC-JOSE-COSE, and OB 3.0 VC-JWT for VC 2.0 credentials (the 1EdTech reference
        # implementation signs the credential itself as the payload, header typ optional).
        document = dict(claims)
    out = DecodedClaims(document=document, party="")
    _agree_party(out, _string_claim(claims, "iss"), member)
    _agree_id(out, _string_claim(claims, "jti"))
    if kind == "vc":
        _agree_subject(out, _string_claim(claims, "sub"))
        _agree_dates(out, claims, wrapped=wrapped)
    else:
        for claim in ("nbf", "exp"):
            moment = from_numeric_date(claims, claim)
            if moment is not None:
                (out.not_before if claim == "nbf" else out.not_after)[claim] = moment
    issued = from_numeric_date(claims, "iat")
    if issued is not None:
        out.not_before["iat"] = issued
    return out
