"""The OB 3.0 / CLR 2.0 classes below the credential: achievements, profiles, results, ...

Python names are snake_case, JSON names the spec's camelCase. Every member is optional here, even
where the spec says ``[1]``: the models read what issuers wrote (and give it back exactly), while
``vckit.openbadges.validate`` says whether it follows the spec. Sets (``[0..*]``) are always
``list`` and nodes are always models, whatever compact form the JSON used (see ``_base``).
"""

from __future__ import annotations

import hashlib
import hmac
from typing import TYPE_CHECKING, Any, Literal, Self

from pydantic import Field

from vckit.openbadges._base import LanguageString, Number, OBModel

if TYPE_CHECKING:
    from vckit.openbadges._credentials import EndorsementCredential, OpenBadgeCredential

__all__ = [
    "Achievement",
    "AchievementSubject",
    "Address",
    "Alignment",
    "Association",
    "ClrSubject",
    "CredentialSchema",
    "CredentialStatus",
    "Criteria",
    "EndorsementSubject",
    "Evidence",
    "GeoCoordinates",
    "IdentifierEntry",
    "IdentityObject",
    "Image",
    "Profile",
    "RefreshService",
    "Related",
    "Result",
    "ResultDescription",
    "RubricCriterionLevel",
    "TermsOfUse",
]


class Image(OBModel):
    """An image: its URI (often a ``data:`` URI) and an optional caption."""

    _default_type = "Image"

    id: str | None = None
    type: list[str] | None = None
    caption: str | None = None


class Criteria(OBModel):
    """What an earner had to do: a page (``id``) and/or a Markdown ``narrative``."""

    id: str | None = None
    narrative: str | None = None


class Alignment(OBModel):
    """A link from an achievement or result to a node of a framework (CASE, CTDL, ...)."""

    _default_type = ("Alignment",)

    type: list[str] | None = None
    target_code: str | None = None
    target_description: str | None = None
    target_name: str | None = None
    target_framework: str | None = None
    target_type: str | None = None
    target_url: str | None = None


class IdentifierEntry(OBModel):
    """Another identifier of an achievement or profile (``identifierType`` says which kind)."""

    _default_type = "IdentifierEntry"

    type: list[str] | None = None
    identifier: str | None = None
    identifier_type: str | None = None


class IdentityObject(OBModel):
    """A recipient identifier, in plain text or as ``<alg>$<hex digest>`` of identity + salt."""

    _default_type = "IdentityObject"

    type: list[str] | None = None
    is_hashed: bool | None = Field(default=None, alias="hashed")
    """JSON ``hashed``: the Python name leaves ``hashed`` free for the constructor below."""
    identity_hash: str | None = None
    identity_type: str | None = None
    salt: str | None = None

    @classmethod
    def hashed(
        cls,
        identity: str,
        identity_type: str = "emailAddress",
        salt: str | None = None,
        alg: Literal["sha256", "md5"] = "sha256",
    ) -> Self:
        """An IdentityObject holding ``<alg>$<hex>`` of the UTF-8 identity followed by the salt.

        The spec hashes the identity with the salt appended; SHA-256 is the default because MD5
        is kept only for old badges. Pass a random ``salt`` (``secrets.token_hex(16)``) so the
        hash cannot be reversed by hashing a list of likely e-mail addresses.
        """
        if alg not in _HASHES:
            raise ValueError(f"identity hash algorithm must be 'sha256' or 'md5', not {alg!r}")
        digest = _HASHES[alg]((identity + (salt or "")).encode("utf-8")).hexdigest()
        fields: dict[str, Any] = {
            "is_hashed": True,
            "identity_hash": f"{alg}${digest}",
            "identity_type": identity_type,
        }
        if salt is not None:
            fields["salt"] = salt
        return cls(**fields)

    @classmethod
    def plaintext(cls, identity: str, identity_type: str = "emailAddress") -> Self:
        """An IdentityObject carrying the identity in the clear (``hashed: false``)."""
        return cls(
            is_hashed=False,
            identity_hash=identity,
            identity_type=identity_type,
        )

    def matches(self, identity: str) -> bool:
        """True when ``identity`` is the one this object names (hashed or plaintext).

        Hashed values are ``sha256$<hex>`` or ``md5$<hex>`` with hex in either case, compared in
        constant time; an unknown algorithm or malformed value never matches.
        """
        value = self.identity_hash
        if value is None:
            return False
        if not self.is_hashed:
            return hmac.compare_digest(value.encode("utf-8"), identity.encode("utf-8"))
        alg, sep, expected = value.partition("$")
        hasher = _HASHES.get(alg.lower())
        if not sep or hasher is None:
            return False
        actual = hasher((identity + (self.salt or "")).encode("utf-8")).hexdigest()
        return hmac.compare_digest(actual.encode("ascii"), expected.lower().encode("utf-8"))


_HASHES = {"sha256": hashlib.sha256, "md5": hashlib.md5}


class GeoCoordinates(OBModel):
    """A point on the globe."""

    _default_type = "GeoCoordinates"

    type: list[str] | None = None
    latitude: Number | None = None
    longitude: Number | None = None


class Address(OBModel):
    """A postal address."""

    _default_type = ("Address",)

    type: list[str] | None = None
    address_country: str | None = None
    address_country_code: str | None = None
    address_region: str | None = None
    address_locality: str | None = None
    street_address: str | None = None
    post_office_box_number: str | None = None
    postal_code: str | None = None
    geo: GeoCoordinates | None = None


class Profile(OBModel):
    """A person or organisation: an issuer, a creator, an endorser or a recipient source."""

    _default_type = ("Profile",)

    id: str | None = None
    type: list[str] | None = None
    name: LanguageString | None = None
    url: str | None = None
    phone: str | None = None
    description: LanguageString | None = None
    endorsement: list[EndorsementCredential] | None = None
    endorsement_jwt: list[str] | None = None
    image: Image | None = None
    email: str | None = None
    address: Address | None = None
    other_identifier: list[IdentifierEntry] | None = None
    official: str | None = None
    parent_org: Profile | None = None
    family_name: str | None = None
    given_name: str | None = None
    additional_name: str | None = None
    patronymic_name: str | None = None
    honorific_prefix: str | None = None
    honorific_suffix: str | None = None
    family_name_prefix: str | None = None
    date_of_birth: str | None = None


class Related(OBModel):
    """Another achievement that is related (a translation, a version, a step of a pathway)."""

    _default_type = ("Related",)

    id: str | None = None
    type: list[str] | None = None
    in_language: str | None = None
    version: str | None = None


class RubricCriterionLevel(OBModel):
    """One level of a rubric criterion."""

    _default_type = ("RubricCriterionLevel",)

    id: str | None = None
    type: list[str] | None = None
    alignment: list[Alignment] | None = None
    description: LanguageString | None = None
    level: str | None = None
    name: LanguageString | None = None
    points: str | None = None


class ResultDescription(OBModel):
    """A result an achievement can record (a grade, a rubric level, a status, ...)."""

    _default_type = ("ResultDescription",)

    id: str | None = None
    type: list[str] | None = None
    alignment: list[Alignment] | None = None
    allowed_value: list[str] | None = None
    name: LanguageString | None = None
    required_level: str | None = None
    required_value: str | None = None
    result_type: str | None = None
    rubric_criterion_level: list[RubricCriterionLevel] | None = None
    value_max: str | None = None
    value_min: str | None = None


class Result(OBModel):
    """A result the recipient obtained, described by the achievement's ResultDescription."""

    _default_type = ("Result",)

    type: list[str] | None = None
    achieved_level: str | None = None
    alignment: list[Alignment] | None = None
    result_description: str | None = None
    status: str | None = None
    value: str | None = None


class Achievement(OBModel):
    """What was accomplished: a badge, a course, a competency, a degree, ..."""

    _default_type = ("Achievement",)

    id: str | None = None
    type: list[str] | None = None
    alignment: list[Alignment] | None = None
    achievement_type: str | None = None
    creator: Profile | None = None
    credits_available: Number | None = None
    criteria: Criteria = Field(default_factory=Criteria.placeholder)
    description: LanguageString | None = None
    endorsement: list[EndorsementCredential] | None = None
    endorsement_jwt: list[str] | None = None
    field_of_study: str | None = None
    human_code: str | None = None
    image: Image | None = None
    in_language: str | None = None
    name: LanguageString | None = None
    other_identifier: list[IdentifierEntry] | None = None
    related: list[Related] | None = None
    result_description: list[ResultDescription] | None = None
    specialization: str | None = None
    tag: list[str] | None = None
    version: str | None = None


class Evidence(OBModel):
    """Work or artefacts that support the award."""

    _default_type = ("Evidence",)

    id: str | None = None
    type: list[str] | None = None
    narrative: str | None = None
    name: LanguageString | None = None
    description: LanguageString | None = None
    genre: str | None = None
    audience: str | None = None


class AchievementSubject(OBModel):
    """The recipient of an OpenBadgeCredential and what they achieved."""

    _default_type = ("AchievementSubject",)

    id: str | None = None
    type: list[str] | None = None
    activity_end_date: str | None = None
    activity_start_date: str | None = None
    credits_earned: Number | None = None
    achievement: Achievement = Field(default_factory=Achievement.placeholder)
    identifier: list[IdentityObject] | None = None
    image: Image | None = None
    license_number: str | None = None
    narrative: str | None = None
    result: list[Result] | None = None
    role: str | None = None
    source: Profile | None = None
    term: str | None = None


class EndorsementSubject(OBModel):
    """The thing an EndorsementCredential endorses (by ``id``) and the endorser's comment."""

    _default_type = ("EndorsementSubject",)

    id: str | None = None
    type: list[str] | None = None
    endorsement_comment: str | None = None


class CredentialSchema(OBModel):
    """A schema the credential claims to follow (``1EdTechJsonSchemaValidator2019``, ...)."""

    id: str | None = None
    type: str | None = None


class CredentialStatus(OBModel):
    """Where to check revocation or suspension; status-type members are kept as extras."""

    id: str | None = None
    type: str | None = None


class RefreshService(OBModel):
    """Where a fresh copy of the credential can be obtained."""

    id: str | None = None
    type: str | None = None


class TermsOfUse(OBModel):
    """Terms of use or an ODRL policy attached to the credential."""

    id: str | None = None
    type: str | None = None


class Association(OBModel):
    """CLR 2.0: a relation between two achievements of a CLR (by their ids)."""

    _default_type = "Association"

    type: list[str] | None = None
    association_type: str | None = None
    source_id: str | None = None
    target_id: str | None = None


class ClrSubject(OBModel):
    """CLR 2.0: the learner, the credentials bundled for them and how those relate."""

    _default_type = ("ClrSubject",)

    id: str | None = None
    type: list[str] | None = None
    identifier: list[IdentityObject] | None = None
    achievement: list[Achievement] | None = None
    verifiable_credential: list[OpenBadgeCredential] | None = None
    association: list[Association] | None = None
