"""What a verifier keeps of a fetched status list: the facts each check compares against.

A status list credential is parsed and its proof verified once per fetch; after that a check only
compares the credential's issuer, the entry's type and purpose, the validity window and one bit
against a :class:`Snapshot`, which is why a cached check costs microseconds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from vckit._codec.xsd import parse_datetime_stamp
from vckit.errors import ParseError
from vckit.status._bitstring import StatusListDecodeError, decode_encoded_list
from vckit.status._codes import (
    MALFORMED_VALUE_ERROR,
    STATUS_LIST_LENGTH_ERROR,
    STATUS_RETRIEVAL_ERROR,
    STATUS_VERIFICATION_ERROR,
)
from vckit.status._entry import BITSTRING_ENTRY, STATUS_LIST_2021_ENTRY, EntryError

__all__ = [
    "LIST_TYPES",
    "Snapshot",
    "party_id",
    "revocation_list_snapshot",
    "status_list_snapshot",
]

#: Entry type -> (credential type, credentialSubject type) of the list it must point at.
LIST_TYPES: Final[Mapping[str, tuple[str, str]]] = {
    BITSTRING_ENTRY: ("BitstringStatusListCredential", "BitstringStatusList"),
    STATUS_LIST_2021_ENTRY: ("StatusList2021Credential", "StatusList2021"),
}
_REVOCATION_LIST: Final = "1EdTechRevocationList"


@dataclass(slots=True)
class Snapshot:
    """A verified status list as cached by a checker.

    ``kind`` is the list's credentialSubject type (``BitstringStatusList``, ``StatusList2021``) or
    ``1EdTechRevocationList``; ``bits`` is the decoded bitstring; ``revoked`` maps revoked
    credential ids to their reason (1EdTech lists). ``fetched_at`` is when the content was last
    confirmed (fetched or revalidated) and ``fresh_for`` how long it may be reused, in seconds.
    """

    url: str
    kind: str
    issuer: str | None
    purposes: frozenset[str] = frozenset()
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    bits: bytes = b""
    revoked: Mapping[str, str | None] = field(default_factory=dict)
    ttl: float | None = None
    etag: str | None = None
    fetched_at: datetime | None = None
    fresh_for: float = 0.0


def party_id(value: Any) -> str | None:
    """The id of an ``issuer`` value (a string, or an object with an ``id``)."""
    if type(value) is str:
        return value
    if type(value) is dict or isinstance(value, Mapping):
        ident = value.get("id")
        return ident if isinstance(ident, str) else None
    return None


def _types(value: Any) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset((value,))
    if isinstance(value, list):
        return frozenset(item for item in value if isinstance(item, str))
    return frozenset()


def _date(document: Mapping[str, Any], *names: str) -> datetime | None:
    for name in names:
        if name in document:
            value = document[name]
            try:
                return parse_datetime_stamp(value)
            except (ParseError, TypeError):
                raise EntryError(
                    STATUS_VERIFICATION_ERROR,
                    f"the status list credential's {name} is not a valid date",
                ) from None
    return None


def status_list_snapshot(
    url: str, credential: Mapping[str, Any], entry_kind: str, *, max_decoded_bytes: int
) -> Snapshot:
    """Read a verified status list credential; raise :class:`EntryError` when it is unusable."""
    credential_type, subject_type = LIST_TYPES[entry_kind]
    if credential_type not in _types(credential.get("type")):
        raise EntryError(
            STATUS_VERIFICATION_ERROR, f"the status list credential is not a {credential_type}"
        )
    subject = credential.get("credentialSubject")
    if not isinstance(subject, Mapping):
        raise EntryError(
            STATUS_VERIFICATION_ERROR, "the status list credential has no single credentialSubject"
        )
    if subject_type not in _types(subject.get("type")):
        raise EntryError(
            STATUS_VERIFICATION_ERROR,
            f"the status list's credentialSubject is not a {subject_type}",
        )
    purposes = _types(subject.get("statusPurpose"))
    if not purposes:
        raise EntryError(STATUS_VERIFICATION_ERROR, "the status list has no statusPurpose")
    ttl_value = subject.get("ttl")
    ttl: float | None = None
    if ttl_value is not None:
        if (
            isinstance(ttl_value, bool)
            or not isinstance(ttl_value, int | float)
            or not ttl_value >= 0
        ):
            raise EntryError(
                MALFORMED_VALUE_ERROR, "the status list's ttl must be a non-negative number"
            )
        ttl = float(ttl_value) / 1000.0  # milliseconds on the wire
    try:
        bits = decode_encoded_list(
            subject.get("encodedList"),
            multibase=entry_kind == BITSTRING_ENTRY,
            max_bytes=max_decoded_bytes,
        )
    except StatusListDecodeError as exc:
        code = STATUS_LIST_LENGTH_ERROR if exc.reason == "too_large" else MALFORMED_VALUE_ERROR
        raise EntryError(code, str(exc)) from None
    return Snapshot(
        url=url,
        kind=subject_type,
        issuer=party_id(credential.get("issuer")),
        purposes=purposes,
        valid_from=_date(credential, "validFrom", "issuanceDate"),
        valid_until=_date(credential, "validUntil", "expirationDate"),
        bits=bits,
        ttl=ttl,
    )


def revocation_list_snapshot(url: str, document: Any) -> Snapshot:
    """Read a 1EdTech revocation list (``revokedCredentials``); :class:`EntryError` when unusable."""
    if not isinstance(document, Mapping):
        raise EntryError(STATUS_RETRIEVAL_ERROR, "the revocation list is not a JSON object")
    entries = document.get("revokedCredentials")
    if not isinstance(entries, list):
        # absent is not "nothing revoked": any JSON object would otherwise pass as a list
        raise EntryError(
            MALFORMED_VALUE_ERROR, "the revocation list needs a revokedCredentials array"
        )
    revoked: dict[str, str | None] = {}
    for item in entries:
        if not isinstance(item, Mapping) or not isinstance(item.get("id"), str):
            raise EntryError(
                MALFORMED_VALUE_ERROR, "each revokedCredentials item needs a string id"
            )
        flag = item.get("revoked", True)
        if not isinstance(flag, bool):
            raise EntryError(
                MALFORMED_VALUE_ERROR, "revokedCredentials 'revoked' must be a boolean"
            )
        if flag:
            reason = item.get("revocationReason")
            revoked[item["id"]] = reason if isinstance(reason, str) else None
    return Snapshot(
        url=url,
        kind=_REVOCATION_LIST,
        issuer=party_id(document.get("issuer")),
        purposes=frozenset(("revocation",)),
        revoked=revoked,
    )
