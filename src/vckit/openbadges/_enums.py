"""The closed vocabularies of OB 3.0 / CLR 2.0, each open to ``ext:`` extension terms.

The models keep these members as plain ``str`` so a credential using a value from a newer spec
revision still loads; ``validate`` reports values outside the vocabulary. The enums are ``StrEnum``
so ``AchievementType.COURSE`` can be passed wherever a string is expected.
"""

from __future__ import annotations

import re
from enum import StrEnum

__all__ = [
    "AchievementType",
    "AlignmentTargetType",
    "AssociationType",
    "IdentifierType",
    "ResultStatusType",
    "ResultType",
    "is_extension_term",
]

# OB 3.0 "extension term": the prefix ext: followed by letters, digits, '.', '-' and '_'.
_EXTENSION = re.compile(r"ext:[A-Za-z0-9._-]+", re.ASCII)


def is_extension_term(value: str) -> bool:
    """True for an ``ext:`` term such as ``ext:MicroDegree``."""
    return _EXTENSION.fullmatch(value) is not None


class _Vocabulary(StrEnum):
    @classmethod
    def accepts(cls, value: str) -> bool:
        """True for a value of the vocabulary or an ``ext:`` extension term."""
        return value in cls._value2member_map_ or is_extension_term(value)


class AchievementType(_Vocabulary):
    """Achievement.achievementType."""

    ACHIEVEMENT = "Achievement"
    APPRENTICESHIP_CERTIFICATE = "ApprenticeshipCertificate"
    ASSESSMENT = "Assessment"
    ASSIGNMENT = "Assignment"
    ASSOCIATE_DEGREE = "AssociateDegree"
    AWARD = "Award"
    BADGE = "Badge"
    BACHELOR_DEGREE = "BachelorDegree"
    CERTIFICATE = "Certificate"
    CERTIFICATE_OF_COMPLETION = "CertificateOfCompletion"
    CERTIFICATION = "Certification"
    COMMUNITY_SERVICE = "CommunityService"
    COMPETENCY = "Competency"
    COURSE = "Course"
    CO_CURRICULAR = "CoCurricular"
    DEGREE = "Degree"
    DIPLOMA = "Diploma"
    DOCTORAL_DEGREE = "DoctoralDegree"
    FIELDWORK = "Fieldwork"
    GENERAL_EDUCATION_DEVELOPMENT = "GeneralEducationDevelopment"
    JOURNEYMAN_CERTIFICATE = "JourneymanCertificate"
    LEARNING_PROGRAM = "LearningProgram"
    LICENSE = "License"
    MEMBERSHIP = "Membership"
    PROFESSIONAL_DOCTORATE = "ProfessionalDoctorate"
    QUALITY_ASSURANCE_CREDENTIAL = "QualityAssuranceCredential"
    MASTER_CERTIFICATE = "MasterCertificate"
    MASTER_DEGREE = "MasterDegree"
    MICRO_CREDENTIAL = "MicroCredential"
    RESEARCH_DOCTORATE = "ResearchDoctorate"
    SECONDARY_SCHOOL_DIPLOMA = "SecondarySchoolDiploma"


class AlignmentTargetType(_Vocabulary):
    """Alignment.targetType."""

    CEASN_COMPETENCY = "ceasn:Competency"
    CETERMS_CREDENTIAL = "ceterms:Credential"
    CF_ITEM = "CFItem"
    CF_RUBRIC = "CFRubric"
    CF_RUBRIC_CRITERION = "CFRubricCriterion"
    CF_RUBRIC_CRITERION_LEVEL = "CFRubricCriterionLevel"
    CTDL = "CTDL"


class IdentifierType(_Vocabulary):
    """IdentityObject.identityType and IdentifierEntry.identifierType."""

    NAME = "name"
    SOURCED_ID = "sourcedId"
    SYSTEM_ID = "systemId"
    PRODUCT_ID = "productId"
    USER_NAME = "userName"
    ACCOUNT_ID = "accountId"
    EMAIL_ADDRESS = "emailAddress"
    NATIONAL_IDENTITY_NUMBER = "nationalIdentityNumber"
    ISBN = "isbn"
    ISSN = "issn"
    LIS_SOURCED_ID = "lisSourcedId"
    ONE_ROSTER_SOURCED_ID = "oneRosterSourcedId"
    SIS_SOURCED_ID = "sisSourcedId"
    LTI_CONTEXT_ID = "ltiContextId"
    LTI_DEPLOYMENT_ID = "ltiDeploymentId"
    LTI_TOOL_ID = "ltiToolId"
    LTI_PLATFORM_ID = "ltiPlatformId"
    LTI_USER_ID = "ltiUserId"
    IDENTIFIER = "identifier"


class ResultType(_Vocabulary):
    """ResultDescription.resultType."""

    GRADE_POINT_AVERAGE = "GradePointAverage"
    LETTER_GRADE = "LetterGrade"
    PERCENT = "Percent"
    PERFORMANCE_LEVEL = "PerformanceLevel"
    PREDICTED_SCORE = "PredictedScore"
    RAW_SCORE = "RawScore"
    RESULT = "Result"
    RUBRIC_CRITERION = "RubricCriterion"
    RUBRIC_CRITERION_LEVEL = "RubricCriterionLevel"
    RUBRIC_SCORE = "RubricScore"
    SCALED_SCORE = "ScaledScore"
    STATUS = "Status"


class ResultStatusType(StrEnum):
    """Result.status (closed: the spec gives no extension form)."""

    COMPLETED = "Completed"
    ENROLLED = "Enrolled"
    FAILED = "Failed"
    IN_PROGRESS = "InProgress"
    ON_HOLD = "OnHold"
    PROVISIONAL = "Provisional"
    WITHDREW = "Withdrew"


class AssociationType(StrEnum):
    """CLR 2.0 Association.associationType (closed)."""

    EXACT_MATCH_OF = "exactMatchOf"
    IS_CHILD_OF = "isChildOf"
    IS_PARENT_OF = "isParentOf"
    IS_PART_OF = "isPartOf"
    IS_PEER_OF = "isPeerOf"
    IS_RELATED_TO = "isRelatedTo"
    PRECEDES = "precedes"
    REPLACED_BY = "replacedBy"
