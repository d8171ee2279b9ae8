"""Models: typed access, exact round-trip of compact JSON-LD forms, defaults, builders."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from vckit import openbadges as ob
from vckit.errors import ParseError

MINIMAL: dict[str, Any] = {
    "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ],
    "id": "urn:uuid:a63a60be-f4af-491c-87fc-2c8fd3007a58",
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "issuer": "https://example.edu/issuers/565049",
    "validFrom": "2024-01-01T00:00:00+01:00",
    "credentialSubject": {
        "id": "did:example:learner",
        "type": "AchievementSubject",
        "creditsEarned": 3,
        "achievement": {
            "id": "https://example.edu/achievements/1",
            "type": "Achievement",
            "name": "Welding 101",
            "description": "Basic welding",
            "criteria": {"narrative": "Weld."},
            "creditsAvailable": 3.0,
            "tag": "welding",
            "creator": "https://example.edu/issuers/565049",
            "ext:extra": {"nested": [1, 1.0, True, None]},
        },
    },
    "proof": {"type": "DataIntegrityProof", "proofValue": "z3abc", "unknown": 1.0},
}


def _copy() -> dict[str, Any]:
    import copy

    return copy.deepcopy(MINIMAL)


def test_typed_access_over_compact_forms() -> None:
    badge = ob.OpenBadgeCredential.from_json(_copy())
    assert badge.credential_subject is not None
    achievement = badge.credential_subject.achievement
    assert achievement is not None
    assert achievement.name == "Welding 101"
    assert achievement.type == ["Achievement"]  # bare value read as a set
    assert achievement.tag == ["welding"]
    assert achievement.creator is not None
    assert achievement.creator.id == "https://example.edu/issuers/565049"  # IRI read as a node
    assert badge.issuer is not None
    assert badge.issuer.id == "https://example.edu/issuers/565049"
    assert badge.proof == [MINIMAL["proof"]]
    assert achievement.model_extra == {"ext:extra": {"nested": [1, 1.0, True, None]}}


def test_round_trip_keeps_shapes_numbers_and_extras() -> None:
    data = _copy()
    out = ob.OpenBadgeCredential.from_json(data).to_json()
    assert out == data
    subject = out["credentialSubject"]
    assert subject["type"] == "AchievementSubject"
    assert type(subject["creditsEarned"]) is int
    assert type(subject["achievement"]["creditsAvailable"]) is float
    assert out["issuer"] == "https://example.edu/issuers/565049"
    assert out["proof"] == MINIMAL["proof"]


def test_model_does_not_share_state_with_input() -> None:
    data = _copy()
    badge = ob.OpenBadgeCredential.from_json(data)
    data["credentialSubject"]["achievement"]["ext:extra"]["nested"].append("mutated")
    assert badge.to_json() == MINIMAL


def test_changes_are_applied_and_shapes_follow_the_value() -> None:
    badge = ob.OpenBadgeCredential.from_json(_copy())
    assert badge.credential_subject is not None
    achievement = badge.credential_subject.achievement
    assert achievement is not None
    achievement.name = "Welding 102"
    achievement.tag = ["welding", "metal"]  # no longer one value: written as an array
    assert badge.issuer is not None
    badge.issuer.name = "Example University"  # the IRI grows members: written as an object
    out = badge.to_json()
    assert out["credentialSubject"]["achievement"]["name"] == "Welding 102"
    assert out["credentialSubject"]["achievement"]["tag"] == ["welding", "metal"]
    assert out["issuer"] == {
        "id": "https://example.edu/issuers/565049",
        "name": "Example University",
    }
    assert out["credentialSubject"]["type"] == "AchievementSubject"


@pytest.mark.parametrize("key", ["credential_subject", "context", "valid_from", "is_hashed"])
def test_python_names_in_json_are_kept_aside_not_taken_for_fields(key: str) -> None:
    data = _copy()
    data[key] = {"not": "the field"}
    data["credentialSubject"]["achievement"]["achievement_type"] = 5
    badge = ob.OpenBadgeCredential.from_json(data)
    assert badge.credential_subject.id == "did:example:learner"
    assert badge.credential_subject.achievement.achievement_type is None
    assert badge.context == MINIMAL["@context"]
    assert badge.to_json() == data


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("credentialSubject", "creditsEarned"), "3", "creditsEarned"),
        (("credentialSubject", "creditsEarned"), True, "creditsEarned"),
        (("credentialSubject", "achievement", "name"), 5, "achievement/name"),
        (("credentialSubject", "identifier"), [{"hashed": "true"}], "identifier/0/hashed"),
        (("issuer",), 42, "issuer"),
    ],
)
def test_wrong_json_types_are_parse_errors_naming_the_member(
    path: tuple[str, ...], value: Any, message: str
) -> None:
    data = _copy()
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    with pytest.raises(ParseError, match=message):
        ob.OpenBadgeCredential.from_json(data)


def test_from_json_accepts_text_and_bytes_and_refuses_non_objects() -> None:
    import json

    text = json.dumps(MINIMAL)
    assert ob.OpenBadgeCredential.from_json(text).to_json() == MINIMAL
    assert ob.OpenBadgeCredential.from_json(text.encode()).to_json() == MINIMAL
    with pytest.raises(ParseError, match="JSON object"):
        ob.OpenBadgeCredential.from_json("[1, 2]")
    with pytest.raises(TypeError, match="expected a JSON object, str or bytes, got int"):
        ob.OpenBadgeCredential.from_json(42)  # type: ignore[arg-type]


def test_objects_built_in_python_get_the_spec_type() -> None:
    assert ob.Achievement(name="x").to_json() == {"type": ["Achievement"], "name": "x"}
    assert ob.Image(id="https://example.edu/i.png").to_json() == {
        "id": "https://example.edu/i.png",
        "type": "Image",
    }
    assert ob.Alignment(target_name="n", target_url="https://x.test").to_json()["type"] == [
        "Alignment"
    ]
    # An explicit type is kept as given.
    assert ob.Profile(id="did:example:1", type=["Profile", "Issuer"]).to_json()["type"] == [
        "Profile",
        "Issuer",
    ]


def test_validity_datetimes_for_vc2_and_vc11() -> None:
    badge = ob.OpenBadgeCredential.from_json(_copy())
    assert badge.valid_from_datetime == datetime(2023, 12, 31, 23, 0, tzinfo=UTC)
    assert badge.valid_until_datetime is None
    old = _copy()
    del old["validFrom"]
    old["issuanceDate"] = "2010-01-01T00:00:00Z"
    old["expirationDate"] = "2030-01-01T00:00:00Z"
    legacy = ob.OpenBadgeCredential.from_json(old)
    assert legacy.valid_from_datetime == datetime(2010, 1, 1, tzinfo=UTC)
    assert legacy.valid_until_datetime == datetime(2030, 1, 1, tzinfo=UTC)


def test_vocabularies_accept_spec_values_and_extension_terms() -> None:
    assert ob.AchievementType.accepts("Course")
    assert ob.AchievementType.accepts("ext:MicroDegree")
    assert not ob.AchievementType.accepts("Program")
    assert not ob.AchievementType.accepts("ext:")
    assert not ob.AchievementType.accepts("ext:has space")
    assert ob.IdentifierType.accepts("emailAddress")
    assert ob.ResultType.accepts("ext:Stars")
    assert str(ob.AchievementType.COURSE) == "Course"
    assert ob.is_extension_term("ext:a.b-c_d")


def _achievement_name(badge: ob.OpenBadgeCredential) -> str | None:
    """mypy --strict checks this chain: required nodes are typed without None."""
    return badge.credential_subject.achievement.name


def test_missing_required_nodes_are_placeholders_until_filled() -> None:
    data = {"type": ["VerifiableCredential", "OpenBadgeCredential"], "credentialSubject": {}}
    badge = ob.OpenBadgeCredential.from_json(data)
    assert _achievement_name(badge) is None
    assert badge.issuer.id is None
    assert badge.to_json() == data  # placeholders are not written back
    badge.credential_subject.achievement.name = "Filled in"
    badge.issuer.id = "did:example:issuer"
    assert badge.to_json() == {
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "credentialSubject": {"achievement": {"name": "Filled in"}},
        "issuer": {"id": "did:example:issuer"},
    }
    # A placeholder two levels down is written once anything below it is set.
    empty = ob.OpenBadgeCredential.from_json({"id": "urn:x"})
    empty.credential_subject.achievement.criteria.narrative = "Do it."
    assert empty.to_json() == {
        "id": "urn:x",
        "credentialSubject": {"achievement": {"criteria": {"narrative": "Do it."}}},
    }
