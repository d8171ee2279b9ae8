"""Fuzz the Open Badges 3.0 / CLR 2.0 models and ``openbadges.validate``.

Oracles: ``from_json`` raises only ``ParseError`` (never pydantic's ``ValidationError``);
``validate`` never raises and returns ``ValidationIssue`` values; what ``from_json`` accepts it
gives back exactly (``to_json`` returns the issuer's JSON); a valid badge stays valid only while
unchanged in the members the rules read.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.fuzz.fuzz_support import badge, byte_mutated, fuzz, json_values, mutated, only, same_json

from vckit import openbadges as ob
from vckit.errors import ParseError

pytestmark = pytest.mark.fuzz

BADGE = badge()
CLR = {
    "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ],
    "id": "urn:uuid:6c1c8b54-8b4e-4f0a-bb71-1c0f8e7a3b21",
    "type": ["VerifiableCredential", "ClrCredential"],
    "issuer": {"id": "https://issuer.example", "type": ["Profile"], "name": "Registrar"},
    "validFrom": "2025-01-01T00:00:00Z",
    "name": "Transcript",
    "credentialSubject": {
        "id": "did:example:learner",
        "type": ["ClrSubject"],
        "verifiableCredential": [BADGE],
    },
}
CLASSES = [
    ob.OpenBadgeCredential,
    ob.AchievementCredential,
    ob.ClrCredential,
    ob.EndorsementCredential,
    ob.Achievement,
    ob.Profile,
]

inputs = st.one_of(
    mutated(BADGE),
    mutated(CLR),
    json_values,
    st.just(json.dumps(BADGE).encode()).flatmap(byte_mutated),
    st.just(json.dumps(CLR))
    .map(str.encode)
    .flatmap(byte_mutated)
    .map(lambda data: data.decode("utf-8", "replace")),
)


def test_the_unmutated_credentials_are_valid() -> None:
    assert ob.validate(BADGE) == []
    assert ob.validate(CLR) == []


@fuzz(100)
@given(data=inputs, cls=st.sampled_from(CLASSES))
def test_from_json_raises_only_parse_errors_and_gives_the_json_back(
    data: Any, cls: type[ob.OpenBadgeCredential]
) -> None:
    if not isinstance(data, dict | str | bytes):
        with pytest.raises(TypeError, match="expected a JSON object, str or bytes"):
            cls.from_json(data)
        return
    model = only((ParseError,), cls.from_json, data)
    if isinstance(model, ParseError):
        return
    value = data if isinstance(data, dict) else json.loads(data)
    assert same_json(model.to_json(), value)


@fuzz(100)
@given(data=inputs)
def test_validate_never_raises(data: Any) -> None:
    if not isinstance(data, dict | str | bytes):
        return
    issues = only((), ob.validate, data)
    assert isinstance(issues, list)
    assert all(isinstance(issue, ob.ValidationIssue) for issue in issues)


REQUIRED = ("type", "issuer", "validFrom", "credentialSubject")


@fuzz(60)
@given(
    name=st.sampled_from(REQUIRED),
    value=st.none() | st.integers() | st.booleans() | st.just("__deleted__"),
    rest=mutated(BADGE),
)
def test_a_badge_with_a_required_member_broken_is_invalid(name: str, value: Any, rest: Any) -> None:
    # whatever else changed, it stays an OB 3.0 credential on VC 2.0 (where these are required)
    changed = dict(rest) if isinstance(rest, dict) else dict(BADGE)
    changed["@context"] = BADGE["@context"]
    changed["type"] = BADGE["type"]
    if value == "__deleted__":
        changed.pop(name, None)
    else:
        changed[name] = value
    issues = ob.validate(changed)
    assert any(issue.path.split("/")[:2] in (["", name], [""]) for issue in issues), issues
