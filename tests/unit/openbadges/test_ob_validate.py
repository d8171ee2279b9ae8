"""validate(): one test per data-model rule, asserting the exact issue reported."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from vckit import openbadges as ob
from vckit.openbadges import ValidationIssue

VALID: dict[str, Any] = {
    "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ],
    "id": "urn:uuid:a63a60be-f4af-491c-87fc-2c8fd3007a58",
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "issuer": {"id": "https://example.edu/issuers/1", "type": ["Profile"]},
    "validFrom": "2024-01-01T00:00:00Z",
    "credentialSubject": {
        "id": "did:example:learner",
        "type": ["AchievementSubject"],
        "activityStartDate": "2023-09-01T09:00:00",
        "achievement": {
            "id": "https://example.edu/achievements/1",
            "type": ["Achievement"],
            "name": "Welding 101",
            "description": "Basic welding",
            "criteria": {"narrative": "Weld."},
            "achievementType": "ext:WeldingTicket",
            "image": {"id": "data:image/png;base64,AAAA", "type": "Image"},
        },
        "identifier": [
            {
                "type": "IdentityObject",
                "hashed": False,
                "identityHash": "learner@example.edu",
                "identityType": "emailAddress",
            }
        ],
    },
}


def mutate(path: str, value: Any = ..., delete: bool = False) -> dict[str, Any]:
    data = copy.deepcopy(VALID)
    parts = [int(p) if p.isdigit() else p for p in path.strip("/").split("/")]
    target: Any = data
    for part in parts[:-1]:
        target = target[part]
    if delete:
        del target[parts[-1]]
    else:
        target[parts[-1]] = value
    return data


def test_valid_credential_has_no_issues() -> None:
    assert ob.validate(VALID) == []
    assert ob.validate(ob.OpenBadgeCredential.from_json(VALID)) == []


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            mutate("/credentialSubject/achievement/criteria", delete=True),
            ValidationIssue(
                "/credentialSubject/achievement/criteria",
                "required",
                "Achievement.criteria is required",
            ),
        ),
        (
            mutate("/validFrom", delete=True),
            ValidationIssue(
                "/validFrom", "required", "AchievementCredential.validFrom is required"
            ),
        ),
        (
            mutate("/validFrom", "2024-01-01T00:00:00"),
            ValidationIssue(
                "/validFrom",
                "format",
                "AchievementCredential.validFrom must be an XSD dateTime with a timezone",
            ),
        ),
        (
            mutate("/credentialSubject/activityStartDate", "2023-02-30T00:00:00"),
            ValidationIssue(
                "/credentialSubject/activityStartDate",
                "format",
                "AchievementSubject.activityStartDate must be an XSD dateTime",
            ),
        ),
        (
            mutate("/credentialSubject/achievement/achievementType", "Program"),
            ValidationIssue(
                "/credentialSubject/achievement/achievementType",
                "vocabulary",
                "Achievement.achievementType 'Program' is not a spec value or an ext: term",
            ),
        ),
        (
            mutate("/credentialSubject/achievement/image/caption", 7),
            ValidationIssue(
                "/credentialSubject/achievement/image/caption",
                "type",
                "Image.caption must be a string",
            ),
        ),
        (
            mutate("/credentialSubject/achievement/image/url", "https://x.test"),
            ValidationIssue(
                "/credentialSubject/achievement/image/url", "closed", "Image has no property 'url'"
            ),
        ),
        (
            mutate("/credentialSubject/achievement/image", "https://example.edu/badge.png"),
            ValidationIssue(
                "/credentialSubject/achievement/image", "type", "Image must be a JSON object"
            ),
        ),
        (
            mutate("/credentialSubject/achievement/id", "not a uri"),
            ValidationIssue(
                "/credentialSubject/achievement/id", "format", "Achievement.id must be a URI"
            ),
        ),
        (
            mutate("/credentialSubject/type", ["Subject"]),
            ValidationIssue(
                "/credentialSubject/type",
                "type",
                "AchievementSubject.type must include 'AchievementSubject'",
            ),
        ),
        (
            mutate("/type", ["OpenBadgeCredential"]),
            ValidationIssue(
                "/type", "type", "AchievementCredential.type must include 'VerifiableCredential'"
            ),
        ),
        (
            mutate("/@context/1", "https://purl.imsglobal.org/spec/ob/v3p0/context-9.json"),
            ValidationIssue("/@context/1", "context", "the second context must be the OB 3.0 one"),
        ),
        (
            mutate("/credentialSubject", [VALID["credentialSubject"]]),
            ValidationIssue(
                "/credentialSubject",
                "cardinality",
                "AchievementCredential.credentialSubject takes a single value, not an array",
            ),
        ),
        (
            mutate("/credentialSubject/identifier/0/hashed", "false"),
            ValidationIssue(
                "/credentialSubject/identifier/0/hashed",
                "type",
                "IdentityObject.hashed must be true or false",
            ),
        ),
    ],
    ids=lambda v: v.path if isinstance(v, ValidationIssue) else "",
)
def test_each_rule_reports_exactly_one_issue(
    data: dict[str, Any], expected: ValidationIssue
) -> None:
    assert ob.validate(data) == [expected]


def test_subject_needs_id_or_identifier() -> None:
    data = mutate("/credentialSubject/id", delete=True)
    assert ob.validate(data) == []  # the identifier is enough
    del data["credentialSubject"]["identifier"]
    assert ob.validate(data) == [
        ValidationIssue(
            "/credentialSubject",
            "required",
            "AchievementSubject needs an id or at least one identifier",
        )
    ]


def test_compact_single_values_are_accepted() -> None:
    data = mutate("/credentialSubject/type", "AchievementSubject")
    data["credentialSubject"]["achievement"]["type"] = "Achievement"
    data["proof"] = {"type": "DataIntegrityProof", "created": "2024-01-01T00:00:00Z"}
    assert ob.validate(data) == []


def test_vc11_credentials_are_valid_with_issuance_date() -> None:
    data = mutate("/validFrom", delete=True)
    data["@context"] = [
        "https://www.w3.org/2018/credentials/v1",
        "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
    ]
    assert ob.validate(data) == [
        ValidationIssue(
            "/issuanceDate", "required", "AchievementCredential.issuanceDate is required"
        )
    ]
    data["issuanceDate"] = "2010-01-01T00:00:00Z"
    assert ob.validate(data) == []


def test_not_an_ob_credential_and_unparseable_input() -> None:
    issues = ob.validate(mutate("/type", ["VerifiableCredential"]))
    assert issues[0].path == "/type"
    assert issues[0].rule == "type"
    assert ob.validate('{"a": 1, "a": 2}') == [
        ValidationIssue("", "parse", "duplicate JSON member name 'a'")
    ]
    assert ob.validate(b"[]") == [ValidationIssue("", "type", "a credential must be a JSON object")]


def test_json_pointer_escapes_member_names() -> None:
    data = copy.deepcopy(VALID)
    data["credentialSubject"]["achievement"]["image"]["a~b/c"] = "x"
    assert ob.validate(data)[0].path == "/credentialSubject/achievement/image/a~0b~1c"
    assert str(ob.validate(data)[0]) == (
        "/credentialSubject/achievement/image/a~0b~1c: Image has no property 'a~b/c' [closed]"
    )


def test_clr_rules() -> None:
    clr = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:0b1a3b4c-0000-4000-8000-000000000001",
        "type": ["VerifiableCredential", "ClrCredential"],
        "name": "Transcript",
        "issuer": "https://example.edu/issuers/1",
        "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {
            "id": "did:example:learner",
            "type": ["ClrSubject"],
            "verifiableCredential": [VALID],
            "association": [
                {
                    "type": "Association",
                    "associationType": "isChildOf",
                    "sourceId": "https://example.edu/achievements/1",
                    "targetId": "https://example.edu/achievements/2",
                }
            ],
        },
    }
    assert ob.validate(clr) == []
    clr["credentialSubject"]["association"][0]["associationType"] = "isCousinOf"  # type: ignore[index]
    clr["credentialSubject"]["verifiableCredential"] = []  # type: ignore[index]
    assert ob.validate(clr) == [
        ValidationIssue(
            "/credentialSubject/verifiableCredential",
            "cardinality",
            "ClrSubject.verifiableCredential needs at least 1 value(s)",
        ),
        ValidationIssue(
            "/credentialSubject/association/0/associationType",
            "vocabulary",
            "Association.associationType 'isCousinOf' is not a spec value",
        ),
    ]
