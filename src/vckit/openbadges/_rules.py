"""The OB 3.0 / CLR 2.0 data model as data: for each class, its properties and their rules.

Transcribed from the data-model tables of Open Badges 3.0 (section "Data Models") and CLR 2.0:
each property has a value kind, a multiplicity (``[1]``, ``[0..1]``, ``[0..*]``, ``[1..*]``) and,
for ``type``, the IRI the set must contain. Kept apart from the walker in ``_validate`` so the
tables read like the spec.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType
from typing import Final

from vckit.openbadges._enums import (
    AchievementType,
    AlignmentTargetType,
    AssociationType,
    IdentifierType,
    ResultStatusType,
    ResultType,
)

__all__ = ["CLASSES", "Kind", "Prop", "Rule"]


class Kind(Enum):
    """What a property's value must be (the spec's primitive and derived types)."""

    STRING = "String"
    URI = "URI"
    DATETIME = "DateTime"  # xsd:dateTime, timezone optional (activity dates)
    DATETIMEZ = "DateTimeZ"  # xsd:dateTimeStamp, timezone required
    DATE = "Date"
    NUMBER = "Number"
    BOOLEAN = "Boolean"
    LANGUAGE = "LanguageCode"
    COMPACT_JWS = "CompactJws"
    VOCABULARY = "Vocabulary"
    OBJECT = "Object"  # a class of the data model (``target`` names it)
    PROFILE_REF = "ProfileRef"  # an issuer: a URI or a Profile
    CONTEXT_ITEM = "ContextItem"  # a string or an object


@dataclass(frozen=True, slots=True)
class Prop:
    """One property: value kind, whether required, whether a set, and kind details."""

    kind: Kind
    required: bool = False
    many: bool = False
    target: str = ""  # class name for OBJECT
    vocabulary: tuple[str, ...] = ()
    extensible: bool = False  # vocabulary also accepts ``ext:`` terms
    min_items: int = 0


@dataclass(frozen=True, slots=True)
class Rule:
    """A class: its properties, the IRI its ``type`` must contain, whether it is closed."""

    props: Mapping[str, Prop]
    type_iri: tuple[str, ...] = ()  # the ``type`` set must contain one of these
    closed: bool = False  # no properties beyond ``props`` (IdentityObject, Image, ...)


def _vocab(enum: type[Enum], *, extensible: bool = True, required: bool = False) -> Prop:
    return Prop(
        Kind.VOCABULARY,
        required=required,
        vocabulary=tuple(str(m.value) for m in enum),
        extensible=extensible,
    )


def _obj(target: str, *, required: bool = False, many: bool = False, min_items: int = 0) -> Prop:
    return Prop(Kind.OBJECT, required=required, many=many, target=target, min_items=min_items)


S = Prop(Kind.STRING)
S_REQ = Prop(Kind.STRING, required=True)
U = Prop(Kind.URI)
U_REQ = Prop(Kind.URI, required=True)
TYPE = Prop(Kind.STRING, required=True, many=True, min_items=1)
TYPE1 = Prop(Kind.STRING, required=True)  # "type IRI MUST be the IRI 'X'. [1]"
JWTS = Prop(Kind.COMPACT_JWS, many=True)
LANG = Prop(Kind.LANGUAGE)
NUM = Prop(Kind.NUMBER)

LANGUAGE_PATTERN: Final = re.compile(
    r"[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?", re.ASCII
)
COMPACT_JWS_PATTERN: Final = re.compile(r"[a-zA-Z0-9_-]+\.[a-zA-Z0-9_-]*\.[a-zA-Z0-9_-]+", re.ASCII)

# The members every credential class shares (VC Data Model 2.0 as profiled by OB 3.0 / CLR 2.0).
_CREDENTIAL: dict[str, Prop] = {
    "@context": Prop(Kind.CONTEXT_ITEM, required=True, many=True, min_items=2),
    "id": U_REQ,
    "type": TYPE,
    "name": S,
    "description": S,
    "image": _obj("Image"),
    "issuer": Prop(Kind.PROFILE_REF, required=True),
    "validFrom": Prop(Kind.DATETIMEZ),  # required for VC 2.0, see _validate
    "validUntil": Prop(Kind.DATETIMEZ),
    "issuanceDate": Prop(Kind.DATETIMEZ),  # VC 1.1 (OB context 3.0.0 - 3.0.2)
    "expirationDate": Prop(Kind.DATETIMEZ),
    "awardedDate": Prop(Kind.DATETIMEZ),
    "endorsement": _obj("EndorsementCredential", many=True),
    "endorsementJwt": JWTS,
    "proof": _obj("Proof", many=True),
    "credentialSchema": _obj("CredentialSchema", many=True),
    "credentialStatus": _obj("CredentialStatus"),
    "refreshService": _obj("RefreshService"),
    "termsOfUse": _obj("TermsOfUse", many=True),
    "evidence": _obj("Evidence", many=True),
}

_CLASSES: dict[str, Rule] = {
    "AchievementCredential": Rule(
        {
            **_CREDENTIAL,
            "credentialSubject": _obj("AchievementSubject", required=True),
        },
        type_iri=("AchievementCredential", "OpenBadgeCredential"),
    ),
    "EndorsementCredential": Rule(
        {
            **_CREDENTIAL,
            "name": S_REQ,
            "credentialSubject": _obj("EndorsementSubject", required=True),
        },
        type_iri=("EndorsementCredential",),
    ),
    "ClrCredential": Rule(
        {
            **_CREDENTIAL,
            "name": S_REQ,
            "partial": Prop(Kind.BOOLEAN),
            "credentialSubject": _obj("ClrSubject", required=True),
        },
        type_iri=("ClrCredential",),
    ),
    "AchievementSubject": Rule(
        {
            "id": U,
            "type": TYPE,
            "activityEndDate": Prop(Kind.DATETIME),
            "activityStartDate": Prop(Kind.DATETIME),
            "creditsEarned": NUM,
            "achievement": _obj("Achievement", required=True),
            "identifier": _obj("IdentityObject", many=True),
            "image": _obj("Image"),
            "licenseNumber": S,
            "narrative": S,
            "result": _obj("Result", many=True),
            "role": S,
            "source": _obj("Profile"),
            "term": S,
        },
        type_iri=("AchievementSubject",),
    ),
    "Achievement": Rule(
        {
            "id": U_REQ,
            "type": TYPE,
            "alignment": _obj("Alignment", many=True),
            "achievementType": _vocab(AchievementType),
            "creator": _obj("Profile"),
            "creditsAvailable": NUM,
            "criteria": _obj("Criteria", required=True),
            "description": S_REQ,
            "endorsement": _obj("EndorsementCredential", many=True),
            "endorsementJwt": JWTS,
            "fieldOfStudy": S,
            "humanCode": S,
            "image": _obj("Image"),
            "inLanguage": LANG,
            "name": S_REQ,
            "otherIdentifier": _obj("IdentifierEntry", many=True),
            "related": _obj("Related", many=True),
            "resultDescription": _obj("ResultDescription", many=True),
            "specialization": S,
            "tag": Prop(Kind.STRING, many=True),
            "version": S,
        },
        type_iri=("Achievement",),
    ),
    "Alignment": Rule(
        {
            "type": TYPE,
            "targetCode": S,
            "targetDescription": S,
            "targetName": S_REQ,
            "targetFramework": S,
            "targetType": _vocab(AlignmentTargetType),
            "targetUrl": U_REQ,
        },
        type_iri=("Alignment",),
    ),
    "Criteria": Rule({"id": U, "narrative": S}),
    "IdentifierEntry": Rule(
        {
            "type": TYPE1,
            "identifier": S_REQ,
            "identifierType": _vocab(IdentifierType, required=True),
        },
        type_iri=("IdentifierEntry",),
        closed=True,
    ),
    "IdentityObject": Rule(
        {
            "type": TYPE1,
            "hashed": Prop(Kind.BOOLEAN, required=True),
            "identityHash": S_REQ,
            "identityType": _vocab(IdentifierType, required=True),
            "salt": S,
        },
        type_iri=("IdentityObject",),
        closed=True,
    ),
    "Image": Rule(
        {"id": U_REQ, "type": TYPE1, "caption": S},
        type_iri=("Image",),
        closed=True,
    ),
    "Evidence": Rule(
        {
            "id": U,
            "type": TYPE,
            "narrative": S,
            "name": S,
            "description": S,
            "genre": S,
            "audience": S,
        },
        type_iri=("Evidence",),
    ),
    "Profile": Rule(
        {
            "id": U_REQ,
            "type": TYPE,
            "name": S,
            "url": U,
            "phone": S,
            "description": S,
            "endorsement": _obj("EndorsementCredential", many=True),
            "endorsementJwt": JWTS,
            "image": _obj("Image"),
            "email": S,
            "address": _obj("Address"),
            "otherIdentifier": _obj("IdentifierEntry", many=True),
            "official": S,
            "parentOrg": _obj("Profile"),
            "familyName": S,
            "givenName": S,
            "additionalName": S,
            "patronymicName": S,
            "honorificPrefix": S,
            "honorificSuffix": S,
            "familyNamePrefix": S,
            "dateOfBirth": Prop(Kind.DATE),
        },
        type_iri=("Profile",),
    ),
    "Address": Rule(
        {
            "type": TYPE,
            "addressCountry": S,
            "addressCountryCode": S,
            "addressRegion": S,
            "addressLocality": S,
            "streetAddress": S,
            "postOfficeBoxNumber": S,
            "postalCode": S,
            "geo": _obj("GeoCoordinates"),
        },
        type_iri=("Address",),
    ),
    "GeoCoordinates": Rule(
        {
            "type": TYPE1,
            "latitude": Prop(Kind.NUMBER, required=True),
            "longitude": Prop(Kind.NUMBER, required=True),
        },
        type_iri=("GeoCoordinates",),
    ),
    "Result": Rule(
        {
            "type": TYPE,
            "achievedLevel": U,
            "alignment": _obj("Alignment", many=True),
            "resultDescription": U,
            "status": _vocab(ResultStatusType, extensible=False),
            "value": S,
        },
        type_iri=("Result",),
    ),
    "ResultDescription": Rule(
        {
            "id": U_REQ,
            "type": TYPE,
            "alignment": _obj("Alignment", many=True),
            "allowedValue": Prop(Kind.STRING, many=True),
            "name": S_REQ,
            "requiredLevel": U,
            "requiredValue": S,
            "resultType": _vocab(ResultType, required=True),
            "rubricCriterionLevel": _obj("RubricCriterionLevel", many=True),
            "valueMax": S,
            "valueMin": S,
        },
        type_iri=("ResultDescription",),
    ),
    "RubricCriterionLevel": Rule(
        {
            "id": U_REQ,
            "type": TYPE,
            "alignment": _obj("Alignment", many=True),
            "description": S,
            "level": S,
            "name": S_REQ,
            "points": S,
        },
        type_iri=("RubricCriterionLevel",),
    ),
    "Related": Rule(
        {"id": U_REQ, "type": TYPE, "inLanguage": LANG, "version": S},
        type_iri=("Related",),
    ),
    "EndorsementSubject": Rule(
        {"id": U_REQ, "type": TYPE, "endorsementComment": S},
        type_iri=("EndorsementSubject",),
    ),
    "Proof": Rule(
        {
            "type": S_REQ,
            "created": Prop(Kind.DATETIME),
            "cryptosuite": S,
            "challenge": S,
            "domain": S,
            "nonce": S,
            "proofPurpose": S,
            "proofValue": S,
            "verificationMethod": U,
        }
    ),
    "CredentialSchema": Rule({"id": U_REQ, "type": S_REQ}),
    "CredentialStatus": Rule({"id": U, "type": S_REQ}),
    "RefreshService": Rule({"id": U_REQ, "type": S_REQ}),
    "TermsOfUse": Rule({"id": U, "type": S_REQ}),
    "ClrSubject": Rule(
        {
            "id": U,
            "type": TYPE,
            "identifier": _obj("IdentityObject", many=True),
            "achievement": _obj("Achievement", many=True),
            "verifiableCredential": _obj(
                "AchievementCredential", required=True, many=True, min_items=1
            ),
            "association": _obj("Association", many=True),
        },
        type_iri=("ClrSubject",),
    ),
    "Association": Rule(
        {
            "type": TYPE1,
            "associationType": _vocab(AssociationType, extensible=False, required=True),
            "sourceId": U_REQ,
            "targetId": U_REQ,
        },
        type_iri=("Association",),
        closed=True,
    ),
}

CLASSES: Final[Mapping[str, Rule]] = MappingProxyType(_CLASSES)
