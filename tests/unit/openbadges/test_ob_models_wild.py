"""Badges as they occur in the wild: VC 2.0 forms OB 3.0 does not use but issuers do.

VC Data Model 2.0 lets ``credentialStatus`` and ``refreshService`` be arrays and ``name`` /
``description`` be language value objects; the models must load them and give them back exactly.
Python construction, on the other hand, must not turn a misspelt keyword into a signed member,
and ``model_dump()`` (what web frameworks call) must not invent ``null`` members.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from vckit import openbadges as ob
from vckit.proofs import dataintegrity

ISSUER = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"


def _badge(**extra: Any) -> dict[str, Any]:
    badge: dict[str, Any] = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:7f3c2a8e-0000-4000-8000-000000000001",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": ISSUER, "type": ["Profile"], "name": "Example College"},
        "validFrom": "2026-01-15T12:00:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://example.edu/achievements/1",
                "type": ["Achievement"],
                "name": "Python 101",
                "criteria": {"narrative": "Pass."},
            },
        },
    }
    badge.update(extra)
    return badge


STATUS_REVOCATION = {
    "id": "https://example.edu/status/1#94567",
    "type": "BitstringStatusListEntry",
    "statusPurpose": "revocation",
    "statusListIndex": "94567",
    "statusListCredential": "https://example.edu/status/1",
}
STATUS_SUSPENSION = {**STATUS_REVOCATION, "id": "https://example.edu/status/2#1", "statusPurpose": "suspension", "statusListCredential": "https://example.edu/status/2"}  # fmt: skip


@pytest.mark.parametrize(
    ("member", "value"),
    [
        ("credentialStatus", STATUS_REVOCATION),
        ("credentialStatus", [STATUS_REVOCATION, STATUS_SUSPENSION]),
        ("credentialStatus", [STATUS_REVOCATION]),
        ("refreshService", {"id": "https://example.edu/refresh/1", "type": "1EdTechCredentialRefresh"}),
        ("refreshService", [{"id": "https://example.edu/refresh/1", "type": "1EdTechCredentialRefresh"}, {"id": "https://example.edu/refresh/2", "type": "Other"}]),
        ("evidence", {"id": "https://example.edu/evidence/1", "type": ["Evidence"], "name": "Essay"}),
    ],
)  # fmt: skip
def test_single_and_array_forms_load_and_round_trip(member: str, value: Any) -> None:
    data = _badge(**{member: copy.deepcopy(value)})
    badge = ob.OpenBadgeCredential.from_json(data)
    assert badge.to_json() == data
    assert badge.model_dump(mode="json") == data
    attribute = {
        "credentialStatus": "credential_status",
        "refreshService": "refresh_service",
        "evidence": "evidence",
    }[member]
    items = getattr(badge, attribute)
    assert isinstance(items, list)
    assert len(items) == (len(value) if isinstance(value, list) else 1)


def test_status_entries_keep_their_type_specific_members() -> None:
    badge = ob.OpenBadgeCredential.from_json(_badge(credentialStatus=[STATUS_REVOCATION]))
    assert badge.credential_status is not None
    entry = badge.credential_status[0]
    assert entry.type == "BitstringStatusListEntry"
    assert entry.model_extra == {
        "statusPurpose": "revocation",
        "statusListIndex": "94567",
        "statusListCredential": "https://example.edu/status/1",
    }


def test_build_writes_one_status_entry_as_an_object_and_several_as_an_array() -> None:
    achievement = ob.Achievement(
        id="https://example.edu/a", name="A", criteria=ob.Criteria(narrative="n")
    )
    single = ob.CredentialStatus.model_validate(STATUS_REVOCATION)
    common: dict[str, Any] = {
        "issuer": ISSUER,
        "achievement": achievement,
        "recipient": "did:example:learner",
        "valid_from": "2026-01-15T12:00:00Z",
    }
    one = ob.OpenBadgeCredential.build(credential_status=single, **common).to_json()
    assert one["credentialStatus"] == STATUS_REVOCATION
    two = ob.OpenBadgeCredential.build(
        credential_status=[single, ob.CredentialStatus.model_validate(STATUS_SUSPENSION)],
        **common,
    ).to_json()
    assert two["credentialStatus"] == [STATUS_REVOCATION, STATUS_SUSPENSION]


LANGUAGE_FORMS = [
    {"@value": "Python für Anfänger", "@language": "de"},
    [
        {"@value": "Python for beginners", "@language": "en"},
        {"@value": "Python pour débutants", "@language": "fr", "@direction": "ltr"},
    ],
    ["Python 101", {"@value": "Python para principiantes", "@language": "es"}],
]


@pytest.mark.parametrize("value", LANGUAGE_FORMS)
def test_language_value_names_and_descriptions_round_trip(value: Any) -> None:
    data = _badge(name=copy.deepcopy(value), description=copy.deepcopy(value))
    data["credentialSubject"]["achievement"]["name"] = copy.deepcopy(value)
    data["issuer"]["name"] = copy.deepcopy(value)
    badge = ob.OpenBadgeCredential.from_json(data)
    assert badge.to_json() == data
    assert badge.model_dump(mode="json") == data


def test_localized_picks_the_requested_translation() -> None:
    badge = ob.OpenBadgeCredential.from_json(_badge(name=LANGUAGE_FORMS[1]))
    assert ob.localized(badge.name, language="fr") == "Python pour débutants"
    assert ob.localized(badge.name, language="en") == "Python for beginners"
    assert ob.localized(badge.name) == "Python for beginners"  # no untagged value: the first
    mixed = ob.OpenBadgeCredential.from_json(_badge(name=LANGUAGE_FORMS[2]))
    assert ob.localized(mixed.name) == "Python 101"  # the untagged value
    assert ob.localized(mixed.name, language="es-MX") == "Python 101"  # es-MX is not es
    assert ob.localized(mixed.name, language="es") == "Python para principiantes"
    assert ob.localized("plain") == "plain"
    assert ob.localized(None) is None


def test_localized_matches_a_primary_subtag() -> None:
    value = [ob.LanguageValue.model_validate({"@value": "Colour", "@language": "en-GB"})]
    assert ob.localized(value, language="en") == "Colour"
    assert ob.localized(value, language="EN-gb") == "Colour"


@pytest.mark.parametrize(
    ("model", "keyword", "message"),
    [
        (
            ob.Achievement,
            "achievment_type",
            r"^Achievement has no field 'achievment_type'; did you mean 'achievement_type'\?$",
        ),
        (ob.Profile, "given_nam", r"^Profile has no field 'given_nam'; did you mean 'given_name'"),
        (ob.Evidence, "my_extension", r"^Evidence has no field 'my_extension'$"),
    ],
)
def test_unknown_snake_case_keyword_raises(model: type[Any], keyword: str, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        model(**{keyword: "x"})


def test_unknown_snake_case_keyword_is_caught_in_nested_dicts_too() -> None:
    with pytest.raises(TypeError, match=r"has no field 'in_languag'"):
        ob.Achievement(name="A", criteria={"narrative": "n"}, in_languag="en")
    with pytest.raises(TypeError, match=r"Criteria has no field 'narative_text'"):
        ob.Achievement(name="A", criteria={"narative_text": "n"})


def test_camel_case_extension_members_are_kept_from_python_and_json() -> None:
    achievement = ob.Achievement(name="A", **{"myExtensionTerm": "kept"})
    assert achievement.to_json()["myExtensionTerm"] == "kept"
    # Reading JSON keeps everything, snake_case members included: it is the issuer's JSON.
    read = ob.Achievement.from_json({"name": "A", "legacy_member": 1})
    assert read.to_json() == {"name": "A", "legacy_member": 1}


def test_model_dump_with_defaults_emits_no_null_members() -> None:
    built = ob.OpenBadgeCredential.build(
        issuer=ob.Profile(id=ISSUER, name="Example College"),
        achievement=ob.Achievement(
            id="https://example.edu/a", name="A", criteria=ob.Criteria(narrative="n")
        ),
        recipient="did:example:learner",
        valid_from="2026-01-15T12:00:00Z",
    )
    for dumped in (
        built.model_dump(mode="json"),
        built.model_dump(mode="json", by_alias=True, exclude_unset=False),
    ):
        assert dumped == built.to_json()
        assert _no_none(dumped)


def test_explicit_null_members_read_from_json_are_kept() -> None:
    data = _badge(description=None)
    badge = ob.OpenBadgeCredential.from_json(data)
    assert badge.model_dump(mode="json") == data
    assert badge.to_json()["description"] is None


def _no_none(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, dict):
        return all(_no_none(v) for v in value.values())
    if isinstance(value, list):
        return all(_no_none(v) for v in value)
    return True


def test_signed_badge_survives_model_dump() -> None:
    from vckit import keys

    key = keys.generate("Ed25519")
    did = f"did:key:{key.public_key.multibase}"
    data = _badge(issuer={"id": did, "type": ["Profile"], "name": "College"})
    signed = dataintegrity.add_proof(data, key.signer(f"{did}#{key.public_key.multibase}"))
    dumped = ob.OpenBadgeCredential.from_json(signed).model_dump(mode="json")
    assert dumped == signed
    assert dataintegrity.verify_proof(dumped, expected_controller=did).verified
