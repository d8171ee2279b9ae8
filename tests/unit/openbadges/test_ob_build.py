"""Builders: the common case produces valid, round-trippable credentials."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from vckit import openbadges as ob
from vckit.errors import ParseError

ISSUER = ob.Profile(id="https://lms.example.edu/issuers/1", name="Example LMS")


def _achievement() -> ob.Achievement:
    return ob.Achievement(
        id="https://lms.example.edu/achievements/python-101",
        name="Python 101",
        description="Introductory Python course",
        criteria=ob.Criteria(narrative="Pass all assignments."),
        achievement_type=ob.AchievementType.COURSE,
    )


def test_open_badge_build_fills_boilerplate_and_validates() -> None:
    badge = ob.OpenBadgeCredential.build(
        issuer=ISSUER,
        achievement=_achievement(),
        recipient="did:example:learner",
        valid_from=datetime(2024, 5, 1, 12, 0, tzinfo=UTC),
    )
    data = badge.to_json()
    assert data["@context"] == [ob.VC_V2_CONTEXT, ob.OB_CONTEXT]
    assert data["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert data["id"].startswith("urn:uuid:")
    assert data["name"] == "Python 101"
    assert data["validFrom"] == "2024-05-01T12:00:00Z"
    assert data["issuer"] == {
        "id": "https://lms.example.edu/issuers/1",
        "type": ["Profile"],
        "name": "Example LMS",
    }
    assert data["credentialSubject"]["type"] == ["AchievementSubject"]
    assert data["credentialSubject"]["achievement"]["achievementType"] == "Course"
    assert ob.validate(data) == []
    assert ob.OpenBadgeCredential.from_json(data).to_json() == data


def test_build_with_hashed_email_recipient() -> None:
    identity = ob.IdentityObject.hashed("learner@example.edu", salt="pepper")
    badge = ob.OpenBadgeCredential.build(
        issuer="https://lms.example.edu/issuers/1",
        achievement=_achievement(),
        recipient=identity,
        valid_from="2024-05-01T12:00:00Z",
        id="urn:uuid:00000000-0000-4000-8000-000000000000",
    )
    data = badge.to_json()
    assert data["issuer"] == "https://lms.example.edu/issuers/1"
    assert data["id"] == "urn:uuid:00000000-0000-4000-8000-000000000000"
    assert "id" not in data["credentialSubject"]
    assert data["credentialSubject"]["identifier"][0]["type"] == "IdentityObject"
    assert ob.validate(data) == []


def test_build_rejects_bad_dates_and_empty_recipients() -> None:
    with pytest.raises(ParseError, match="not an XSD dateTime: '2024-05-01'"):
        ob.OpenBadgeCredential.build(
            issuer=ISSUER,
            achievement=_achievement(),
            recipient="did:example:x",
            valid_from="2024-05-01",
        )
    with pytest.raises(ValueError, match="recipient"):
        ob.OpenBadgeCredential.build(
            issuer=ISSUER,
            achievement=_achievement(),
            recipient=[],
            valid_from="2024-05-01T00:00:00Z",
        )
    with pytest.raises(ValueError, match="timezone-aware"):
        ob.OpenBadgeCredential.build(
            issuer=ISSUER,
            achievement=_achievement(),
            recipient="did:example:x",
            valid_from=datetime(2024, 5, 1),
        )


def test_endorsement_build() -> None:
    endorsement = ob.EndorsementCredential.build(
        issuer=ob.Profile(id="https://accreditor.example/1", name="Accreditor"),
        endorsed_id="https://lms.example.edu/achievements/python-101",
        name="Accreditor endorses Python 101",
        comment="Meets the regional standard.",
        valid_from="2024-01-01T00:00:00Z",
    )
    data = endorsement.to_json()
    assert data["type"] == ["VerifiableCredential", "EndorsementCredential"]
    assert data["credentialSubject"] == {
        "id": "https://lms.example.edu/achievements/python-101",
        "type": ["EndorsementSubject"],
        "endorsementComment": "Meets the regional standard.",
    }
    assert ob.validate(data) == []


def test_clr_build_carries_bundled_credentials_unchanged() -> None:
    signed = ob.OpenBadgeCredential.build(
        issuer=ISSUER,
        achievement=_achievement(),
        recipient="did:example:learner",
        valid_from="2024-05-01T12:00:00Z",
    ).to_json()
    signed["proof"] = {
        "type": "DataIntegrityProof",
        "proofValue": "zSig",
        "created": "2024-05-01T12:00:00Z",
    }
    clr = ob.ClrCredential.build(
        issuer=ISSUER,
        learner="did:example:learner",
        credentials=[signed],
        name="Transcript",
        valid_from="2024-06-01T00:00:00Z",
        partial=True,
    )
    data = clr.to_json()
    assert data["@context"] == [ob.VC_V2_CONTEXT, ob.CLR_CONTEXT, ob.OB_CONTEXT]
    assert data["type"] == ["VerifiableCredential", "ClrCredential"]
    assert data["partial"] is True
    assert data["credentialSubject"]["verifiableCredential"] == [signed]
    assert ob.validate(data) == []
    with pytest.raises(ValueError, match="at least one"):
        ob.ClrCredential.build(
            issuer=ISSUER,
            learner="did:example:l",
            credentials=[],
            name="x",
            valid_from="2024-06-01T00:00:00Z",
        )
