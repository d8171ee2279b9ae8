"""SchemaRegistry: official schema URLs use validate(); callers' JSON Schemas use jsonschema."""

from __future__ import annotations

import json
from typing import Any

import pytest
from tests.conftest import vectors_dir

from vckit import openbadges as ob
from vckit.openbadges import ValidationIssue

OB_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
EDU = "https://raw.githubusercontent.com/educredentials/obv3-examples/refs/heads/main/schemas/"
SCHEMA_2019 = "1EdTechJsonSchemaValidator2019"

NAME_REQUIRED: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["name"],
    "properties": {"name": {"type": "string", "maxLength": 10}},
}


def _credential(*schemas: tuple[str, str], **members: Any) -> dict[str, Any]:
    return {
        "credentialSchema": [{"id": url, "type": kind} for url, kind in schemas],
        **members,
    }


def test_official_urls_map_to_builtin_validation() -> None:
    registry = ob.SchemaRegistry()
    assert OB_SCHEMA in registry
    issues = registry.validate(_credential((OB_SCHEMA, SCHEMA_2019), type=["VerifiableCredential"]))
    assert issues[0] == ValidationIssue(
        "/type",
        "type",
        "type must include OpenBadgeCredential, AchievementCredential, EndorsementCredential or ClrCredential",
    )


def test_registered_json_schema_reports_paths() -> None:
    registry = ob.SchemaRegistry({"https://example.edu/s.json": NAME_REQUIRED}, official=False)
    assert list(registry) == ["https://example.edu/s.json"]
    assert registry.urls == frozenset({"https://example.edu/s.json"})
    ok = _credential(("https://example.edu/s.json", SCHEMA_2019), name="short")
    assert registry.validate(ok) == []
    bad = _credential(("https://example.edu/s.json", SCHEMA_2019), name="far too long a name")
    assert registry.validate(bad) == [
        ValidationIssue(
            "/name", "schema", "https://example.edu/s.json: 'far too long a name' is too long"
        )
    ]


def test_unknown_urls_and_types_are_issues_not_silence() -> None:
    registry = ob.SchemaRegistry(official=False)
    issues = registry.validate(
        _credential(("https://unknown.example/s.json", SCHEMA_2019), ("urn:x", "JsonSchema"))
    )
    assert issues == [
        ValidationIssue(
            "/credentialSchema/0/id",
            "credentialSchema",
            "schema 'https://unknown.example/s.json' is not registered",
        ),
        ValidationIssue(
            "/credentialSchema/1/type",
            "credentialSchema",
            "schema type 'JsonSchema' is not supported",
        ),
    ]
    assert registry.validate({"name": "no schema"}) == []


def test_invalid_json_schema_is_refused_at_registration() -> None:
    with pytest.raises(ValueError, match="invalid JSON Schema"):
        ob.SchemaRegistry().register("urn:bad", {"type": "no-such-type"})


def test_callable_validators() -> None:
    def no_names(credential: Any) -> list[ValidationIssue]:
        return [ValidationIssue("/name", "custom", "no names")] if "name" in credential else []

    registry = ob.SchemaRegistry({"urn:custom": no_names}, official=False)
    assert registry.validate(_credential(("urn:custom", SCHEMA_2019), name="x")) == [
        ValidationIssue("/name", "custom", "no names")
    ]


def test_educredentials_profiles_validate_their_credentials() -> None:
    """Edubadges credentials name extra schemas; registered from local copies, all conform."""
    base = vectors_dir("ob3", "third-party", "educredentials-obv3-examples")
    registry = ob.SchemaRegistry(
        {EDU + p.name: json.loads(p.read_text()) for p in (base / "schemas").glob("*.json")}
    )
    checked = 0
    for path in sorted((base / "credentials").glob("*.json")):
        credential = json.loads(path.read_text())
        assert registry.validate(credential) == [], path.name
        checked += 1
    assert checked == 30
    # And a change the Edubadges profile forbids is caught by it.
    credential = json.loads((base / "credentials" / "theed_regular_full_ho.json").read_text())
    del credential["credentialSubject"]["achievement"]["name"]
    rules = {issue.rule for issue in registry.validate(credential)}
    assert rules == {"required", "schema"}
