"""Open Badges 3.0 and CLR 2.0 as typed Python objects: build, read, round-trip and validate.

>>> from vckit import openbadges as ob
>>> badge = ob.OpenBadgeCredential.from_json(data)     # doctest: +SKIP
>>> badge.credential_subject.achievement.name          # doctest: +SKIP
>>> ob.validate(data)                                   # [] when the data-model rules hold

Models read and give back the issuer's JSON exactly (``to_json``); proofs are carried untouched
and are verified by ``vckit.proofs`` on the JSON, never on a re-serialised model.
"""

from __future__ import annotations

from vckit.openbadges._base import LanguageString, LanguageValue, localized
from vckit.openbadges._credentials import (
    CLR_CONTEXT,
    OB_CONTEXT,
    VC_V2_CONTEXT,
    AchievementCredential,
    ClrCredential,
    EndorsementCredential,
    OpenBadgeCredential,
    VerifiableCredential,
)
from vckit.openbadges._enums import (
    AchievementType,
    AlignmentTargetType,
    AssociationType,
    IdentifierType,
    ResultStatusType,
    ResultType,
    is_extension_term,
)
from vckit.openbadges._image import badge_image, badge_png
from vckit.openbadges._models import (
    Achievement,
    AchievementSubject,
    Address,
    Alignment,
    Association,
    ClrSubject,
    CredentialSchema,
    CredentialStatus,
    Criteria,
    EndorsementSubject,
    Evidence,
    GeoCoordinates,
    IdentifierEntry,
    IdentityObject,
    Image,
    Profile,
    RefreshService,
    Related,
    Result,
    ResultDescription,
    RubricCriterionLevel,
    TermsOfUse,
)
from vckit.openbadges._schemas import OFFICIAL_SCHEMAS, SchemaRegistry, SchemaValidator
from vckit.openbadges._validate import ValidationIssue, credential_class, validate

__all__ = [
    "CLR_CONTEXT",
    "OB_CONTEXT",
    "OFFICIAL_SCHEMAS",
    "VC_V2_CONTEXT",
    "Achievement",
    "AchievementCredential",
    "AchievementSubject",
    "AchievementType",
    "Address",
    "Alignment",
    "AlignmentTargetType",
    "Association",
    "AssociationType",
    "ClrCredential",
    "ClrSubject",
    "CredentialSchema",
    "CredentialStatus",
    "Criteria",
    "EndorsementCredential",
    "EndorsementSubject",
    "Evidence",
    "GeoCoordinates",
    "IdentifierEntry",
    "IdentifierType",
    "IdentityObject",
    "Image",
    "LanguageString",
    "LanguageValue",
    "OpenBadgeCredential",
    "Profile",
    "RefreshService",
    "Related",
    "Result",
    "ResultDescription",
    "ResultStatusType",
    "ResultType",
    "RubricCriterionLevel",
    "SchemaRegistry",
    "SchemaValidator",
    "TermsOfUse",
    "ValidationIssue",
    "VerifiableCredential",
    "badge_image",
    "badge_png",
    "credential_class",
    "is_extension_term",
    "localized",
    "validate",
]
