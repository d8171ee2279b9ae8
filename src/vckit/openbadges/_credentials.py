"""The credentials: OpenBadgeCredential (AchievementCredential), EndorsementCredential, ClrCredential.

Each is a W3C Verifiable Credential whose ``credentialSubject`` is the OB / CLR subject class. The
``build`` constructors cover what an issuer needs for the common case and fill the boilerplate
(``@context`` in the order the specs require, ``type``, a ``urn:uuid`` id); the result is
unsigned JSON-ready data: sign ``credential.to_json()`` with ``vckit.proofs``.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, ClassVar, Self

from pydantic import Field

from vckit._codec.xsd import format_datetime_stamp, parse_datetime_stamp
from vckit.openbadges import _models
from vckit.openbadges._base import LanguageString, OBModel
from vckit.openbadges._models import (
    Achievement,
    AchievementSubject,
    Association,
    ClrSubject,
    CredentialSchema,
    CredentialStatus,
    EndorsementSubject,
    Evidence,
    IdentityObject,
    Image,
    Profile,
    RefreshService,
    Result,
    TermsOfUse,
)

__all__ = [
    "CLR_CONTEXT",
    "OB_CONTEXT",
    "VC_V2_CONTEXT",
    "AchievementCredential",
    "ClrCredential",
    "EndorsementCredential",
    "OpenBadgeCredential",
    "VerifiableCredential",
]

VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CLR_CONTEXT = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"


def _stamp(value: datetime | str) -> str:
    """An aware datetime, or an XSD dateTimeStamp string (checked), as the JSON string."""
    if isinstance(value, datetime):
        return format_datetime_stamp(value)
    parse_datetime_stamp(value)
    return value


def _new_id() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


def _profile(value: Profile | str | Mapping[str, Any]) -> Profile:
    if isinstance(value, Profile):
        return value
    if isinstance(value, str):
        return Profile.from_iri(value)
    return Profile.model_validate(dict(value))


class VerifiableCredential(OBModel):
    """The members every OB / CLR credential shares (VC Data Model 2.0, and 1.1 for old badges)."""

    _default_context: ClassVar[tuple[str, ...]] = (VC_V2_CONTEXT,)

    context: list[str | dict[str, Any]] | None = Field(default=None, alias="@context")
    id: str | None = None
    type: list[str] | None = None
    name: LanguageString | None = None
    description: LanguageString | None = None
    image: Image | None = None
    issuer: Profile = Field(default_factory=Profile.placeholder)
    valid_from: str | None = None
    valid_until: str | None = None
    issuance_date: str | None = None
    """VC 1.1 (OB context 3.0.0-3.0.2) spelling of ``validFrom``."""
    expiration_date: str | None = None
    """VC 1.1 spelling of ``validUntil``."""
    awarded_date: str | None = None
    endorsement: list[EndorsementCredential] | None = None
    endorsement_jwt: list[str] | None = None
    credential_schema: list[CredentialSchema] | None = None
    credential_status: list[CredentialStatus] | None = None
    refresh_service: list[RefreshService] | None = None
    terms_of_use: list[TermsOfUse] | None = None
    evidence: list[Evidence] | None = None
    proof: list[dict[str, Any]] | None = None
    """Kept exactly as received: the proof layers verify the JSON, never this model."""

    def model_post_init(self, context: Any) -> None:
        super().model_post_init(context)
        if not self._reading(context) and "context" not in self.model_fields_set:
            self._set_quietly("context", list(self._default_context))

    @property
    def valid_from_datetime(self) -> datetime | None:
        """``validFrom`` (or VC 1.1 ``issuanceDate``) as an aware datetime; ParseError if bad."""
        value = self.valid_from if self.valid_from is not None else self.issuance_date
        return None if value is None else parse_datetime_stamp(value)

    @property
    def valid_until_datetime(self) -> datetime | None:
        """``validUntil`` (or VC 1.1 ``expirationDate``) as an aware datetime; ParseError if bad."""
        value = self.valid_until if self.valid_until is not None else self.expiration_date
        return None if value is None else parse_datetime_stamp(value)


class OpenBadgeCredential(VerifiableCredential):
    """An awarded achievement: OB 3.0 ``OpenBadgeCredential`` (also typed ``AchievementCredential``)."""

    _default_type = ("VerifiableCredential", "OpenBadgeCredential")
    _default_context = (VC_V2_CONTEXT, OB_CONTEXT)

    credential_subject: AchievementSubject = Field(default_factory=AchievementSubject.placeholder)

    @classmethod
    def build(
        cls,
        *,
        issuer: Profile | str | Mapping[str, Any],
        achievement: Achievement,
        recipient: str | IdentityObject | Sequence[IdentityObject],
        valid_from: datetime | str,
        valid_until: datetime | str | None = None,
        name: str | None = None,
        id: str | None = None,
        evidence: Sequence[Evidence] = (),
        result: Sequence[Result] = (),
        awarded_date: datetime | str | None = None,
        credential_status: CredentialStatus | Sequence[CredentialStatus] | None = None,
        credential_schema: Sequence[CredentialSchema] = (),
        extra_contexts: Sequence[str | dict[str, Any]] = (),
    ) -> Self:
        """An unsigned OpenBadgeCredential awarding ``achievement`` to ``recipient``.

        ``recipient`` is the subject's id (a DID or URI) or one or more IdentityObjects (use
        ``IdentityObject.hashed`` for e-mail addresses). ``name`` defaults to the achievement's
        name because wallets show the credential's name. Dates take aware datetimes or XSD
        dateTimeStamp strings; no default is taken from the clock.
        """
        subject = AchievementSubject(achievement=achievement)
        if isinstance(recipient, str):
            subject.id = recipient
        else:
            identities = [recipient] if isinstance(recipient, IdentityObject) else list(recipient)
            if not identities:
                raise ValueError("recipient needs an id or at least one IdentityObject")
            subject.identifier = identities
        if result:
            subject.result = list(result)
        fields: dict[str, Any] = {
            "context": [VC_V2_CONTEXT, OB_CONTEXT, *extra_contexts],
            "id": id or _new_id(),
            "name": name if name is not None else achievement.name,
            "issuer": _profile(issuer),
            "valid_from": _stamp(valid_from),
            "credential_subject": subject,
        }
        if fields["name"] is None:
            del fields["name"]
        if valid_until is not None:
            fields["valid_until"] = _stamp(valid_until)
        if awarded_date is not None:
            fields["awarded_date"] = _stamp(awarded_date)
        if evidence:
            fields["evidence"] = list(evidence)
        if isinstance(credential_status, CredentialStatus):
            fields["credential_status"] = credential_status  # written as one object
        elif credential_status is not None:
            fields["credential_status"] = list(credential_status)
        if credential_schema:
            fields["credential_schema"] = list(credential_schema)
        return cls(**fields)


AchievementCredential = OpenBadgeCredential
"""The spec's other name for OpenBadgeCredential; both type values are accepted."""


class EndorsementCredential(VerifiableCredential):
    """A third party's endorsement of an issuer, achievement or credential (by its id)."""

    _default_type = ("VerifiableCredential", "EndorsementCredential")
    _default_context = (VC_V2_CONTEXT, OB_CONTEXT)

    credential_subject: EndorsementSubject = Field(default_factory=EndorsementSubject.placeholder)

    @classmethod
    def build(
        cls,
        *,
        issuer: Profile | str | Mapping[str, Any],
        endorsed_id: str,
        name: str,
        valid_from: datetime | str,
        comment: str | None = None,
        valid_until: datetime | str | None = None,
        id: str | None = None,
    ) -> Self:
        """An unsigned EndorsementCredential about the thing whose id is ``endorsed_id``."""
        subject = EndorsementSubject(id=endorsed_id)
        if comment is not None:
            subject.endorsement_comment = comment
        fields: dict[str, Any] = {
            "id": id or _new_id(),
            "name": name,
            "issuer": _profile(issuer),
            "valid_from": _stamp(valid_from),
            "credential_subject": subject,
        }
        if valid_until is not None:
            fields["valid_until"] = _stamp(valid_until)
        return cls(**fields)


class ClrCredential(VerifiableCredential):
    """CLR 2.0: a learner's record bundling several signed credentials."""

    _default_type = ("VerifiableCredential", "ClrCredential")
    _default_context = (VC_V2_CONTEXT, CLR_CONTEXT, OB_CONTEXT)

    credential_subject: ClrSubject = Field(default_factory=ClrSubject.placeholder)
    partial: bool | None = None

    @classmethod
    def build(
        cls,
        *,
        issuer: Profile | str | Mapping[str, Any],
        learner: str,
        credentials: Sequence[OpenBadgeCredential | Mapping[str, Any]],
        name: str,
        valid_from: datetime | str,
        associations: Sequence[Association] = (),
        valid_until: datetime | str | None = None,
        partial: bool | None = None,
        id: str | None = None,
    ) -> Self:
        """An unsigned ClrCredential for ``learner`` bundling ``credentials``.

        Pass the credentials as the signed JSON you hold (dicts): they are read with
        ``from_json`` so their proofs are carried unchanged and still verify inside the CLR.
        """
        if not credentials:
            raise ValueError("a ClrCredential bundles at least one credential")
        bundled = [
            c if isinstance(c, OpenBadgeCredential) else OpenBadgeCredential.from_json(c)
            for c in credentials
        ]
        subject = ClrSubject(id=learner, verifiable_credential=bundled)
        if associations:
            subject.association = list(associations)
        fields: dict[str, Any] = {
            "id": id or _new_id(),
            "name": name,
            "issuer": _profile(issuer),
            "valid_from": _stamp(valid_from),
            "credential_subject": subject,
        }
        if valid_until is not None:
            fields["valid_until"] = _stamp(valid_until)
        if partial is not None:
            fields["partial"] = partial
        return cls(**fields)


def _rebuild() -> None:
    """Resolve the cycles (profiles and achievements carry endorsements; CLRs carry badges)."""
    names = {
        "EndorsementCredential": EndorsementCredential,
        "OpenBadgeCredential": OpenBadgeCredential,
    }
    models: list[type[OBModel]] = [
        _models.Profile,
        _models.Achievement,
        _models.AchievementSubject,
        _models.ClrSubject,
        VerifiableCredential,
        OpenBadgeCredential,
        EndorsementCredential,
        ClrCredential,
    ]
    for model in models:
        model.model_rebuild(_types_namespace=names)
    for model in models:
        model._classify_members()


_rebuild()
