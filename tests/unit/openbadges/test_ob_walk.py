"""The table-driven OB validation walk (``_walk``) and the fast paths the pipeline reads dates by.

Every shortcut here stands for a slower rule that is the definition: the walk for the previous
straightforward walker (``_reference_validate``), ``is_uri`` for the RFC 3986 regular expression,
the plain-UTC date patterns for ``parse_datetime``, ``_stamp`` for ``format_datetime_stamp``.
Each test compares the two on generated input, issue for issue. They run on the compiled and the
pure-Python build alike (``make test`` runs this module again with ``VCKIT_PURE_PYTHON=1``).
"""

from __future__ import annotations

import copy
import json
import random
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.unit.openbadges._reference_validate import reference_validate

from vckit import openbadges as ob
from vckit._codec.uri import is_uri
from vckit._codec.xsd import format_datetime_stamp, parse_datetime
from vckit.errors import ParseError
from vckit.openbadges import _walk
from vckit.verification import _rules

URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s]*", re.ASCII)
SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "vectors" / "ob3"

REPRESENTATIVE: dict[str, Any] = {
    "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ],
    "id": "urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002",
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "name": "Data Analysis Fundamentals",
    "issuer": {
        "id": "did:key:z6MkoLbeo26zDYhD93GzutHAdrA1hph2G2DRw46WhohogJqq",
        "type": ["Profile"],
        "name": "Example University",
        "url": "https://example.edu",
        "address": {"type": ["Address"], "geo": {"type": "GeoCoordinates", "latitude": 1.5}},
    },
    "validFrom": "2024-01-15T12:00:00Z",
    "validUntil": "2030-02-30T00:00:00+01:00",
    "credentialSubject": {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "hashed": False,
                "identityHash": "learner@example.edu",
                "identityType": "emailAddress",
            }
        ],
        "activityStartDate": "2023-09-01T09:00:00",
        "achievement": {
            "id": "https://example.edu/achievements/1",
            "type": ["Achievement"],
            "achievementType": "Certificate",
            "name": "Data Analysis",
            "description": "Statistics and visualisation.",
            "criteria": {"narrative": "Pass."},
            "inLanguage": "en-GB",
            "image": {"id": "https://example.edu/badge.png", "type": "Image"},
            "alignment": [
                {
                    "type": ["Alignment"],
                    "targetName": "Competency 0",
                    "targetType": "ceasn:Competency",
                    "targetUrl": "https://example.org/c/0",
                }
            ],
            "resultDescription": [
                {
                    "id": "urn:uuid:5b7d6c90-0000-4000-8000-000000000000",
                    "type": ["ResultDescription"],
                    "name": "Grade",
                    "resultType": "LetterGrade",
                    "allowedValue": ["A", "B", "C"],
                }
            ],
            "endorsementJwt": ["a.b.c"],
        },
        "result": [{"type": ["Result"], "resultDescription": "urn:uuid:5b7d", "value": "A"}],
    },
    "evidence": [{"id": "https://example.edu/evidence/0", "type": ["Evidence"], "name": "Code"}],
    "credentialStatus": {"id": "https://example.edu/status/3#94567", "type": "StatusEntry"},
    "proof": [{"type": "DataIntegrityProof", "created": "2026-01-01T00:00:00Z"}],
}
CLR: dict[str, Any] = {
    "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
    ],
    "id": "urn:uuid:c1",
    "type": ["VerifiableCredential", "ClrCredential"],
    "name": "Transcript",
    "issuer": "https://example.edu/issuer",
    "validFrom": "2024-01-15T12:00:00Z",
    "partial": False,
    "credentialSubject": {
        "id": "did:example:learner",
        "type": ["ClrSubject"],
        "verifiableCredential": [copy.deepcopy(REPRESENTATIVE)],
        "association": [
            {
                "type": "Association",
                "associationType": "isChildOf",
                "sourceId": "urn:a",
                "targetId": "urn:b",
            }
        ],
    },
}
ENDORSEMENT: dict[str, Any] = {
    "@context": [
        "https://www.w3.org/2018/credentials/v1",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
    ],
    "id": "urn:uuid:e1",
    "type": ["VerifiableCredential", "EndorsementCredential"],
    "name": "Endorsed",
    "issuer": {"id": "https://example.org", "type": "Profile", "dateOfBirth": "2001-02-29"},
    "issuanceDate": "2024-01-01T00:00:00",
    "credentialSubject": {"id": "https://example.edu/a/1", "type": ["EndorsementSubject"]},
}
SEEDS = [REPRESENTATIVE, CLR, ENDORSEMENT]
POOL: list[Any] = [
    None, 1, 1.5, True, "", "x", "not a uri", "urn:x", "2024-01-01T00:00:00Z", "2024-02-30",
    "2024-01-01T24:00:00Z", [], [1], ["a", "b"], {}, {"id": "x"}, "ext:Thing", "a.b.c", "en",
]  # fmt: skip


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, (*prefix, index)))
    return found


def _mutate(seed: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """Delete, replace, add or reorder members at random places (a few times)."""
    data = copy.deepcopy(seed)
    for _ in range(rng.randint(1, 4)):
        path = rng.choice(_paths(data)[1:])
        parent: Any = data
        for part in path[:-1]:
            parent = parent[part]
        choice = rng.random()
        if choice < 0.3 and isinstance(parent, dict):
            del parent[path[-1]]
        elif choice < 0.4 and isinstance(parent, dict):
            parent[rng.choice(["extra", "a/b", "x~y", "type", "id"])] = copy.deepcopy(
                rng.choice(POOL)
            )
        elif choice < 0.55 and isinstance(parent, dict):
            items = list(parent.items())
            rng.shuffle(items)
            parent.clear()
            parent.update(items)
        else:
            parent[path[-1]] = copy.deepcopy(rng.choice(POOL))
    return data


def _issues(data: Any) -> list[tuple[str, str, str]]:
    return [(i.path, i.rule, i.message) for i in ob.validate(data)]


def _reference(data: Any) -> list[tuple[str, str, str]]:
    return [(i.path, i.rule, i.message) for i in reference_validate(data)]


def test_the_seeds_are_compared_with_their_issues() -> None:
    # February 30th, and a GeoCoordinates without its required longitude.
    assert [path for path, _, _ in _issues(REPRESENTATIVE)] == [
        "/validUntil",
        "/issuer/address/geo/longitude",
    ]
    # An issuanceDate without a time zone, and February 29th of 2001.
    assert [path for path, _, _ in _issues(ENDORSEMENT)] == ["/issuanceDate", "/issuer/dateOfBirth"]
    for seed in SEEDS:
        assert _issues(seed) == _reference(seed)


@settings(max_examples=300, deadline=None)
@given(seed=st.sampled_from(SEEDS), salt=st.integers(0, 2**32))
def test_walk_reports_what_the_straightforward_walker_reports(
    seed: dict[str, Any], salt: int
) -> None:
    data = _mutate(seed, random.Random(salt))
    assert _issues(data) == _reference(data)


def test_walk_agrees_on_the_shared_ob3_vectors() -> None:
    files = sorted(SHARED.rglob("*.json")) if SHARED.is_dir() else []
    if not files:
        pytest.skip(f"conformance data not available: {SHARED}")
    compared = 0
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:  # a vector of malformed JSON on purpose
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict):
                assert _issues(item) == _reference(item), path.name
                compared += 1
    assert compared > 10


def test_member_order_in_the_json_does_not_change_the_issues() -> None:
    broken = copy.deepcopy(REPRESENTATIVE)
    del broken["issuer"]["id"]
    broken["credentialSubject"]["achievement"]["alignment"][0]["targetUrl"] = "not a uri"
    expected = _issues(broken)
    # Per object in the rule's order; objects from a work list (the last one found first).
    assert [path for path, _, _ in expected] == [
        "/validUntil",
        "/credentialSubject/achievement/alignment/0/targetUrl",
        "/issuer/id",
        "/issuer/address/geo/longitude",
    ]

    def reversed_members(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: reversed_members(value[key]) for key in reversed(list(value))}
        if isinstance(value, list):
            return [reversed_members(item) for item in value]
        return value

    assert _issues(reversed_members(broken)) == expected


_URI_TEXT = st.text(alphabet="aZz09+.-:/ \t\n\r\f\v\x0b\x1c\x85\x00é語\u2028\u00a0#²", max_size=12)


@settings(max_examples=500, deadline=None)
@given(value=_URI_TEXT)
def test_is_uri_is_the_rfc_3986_regular_expression(value: str) -> None:
    assert is_uri(value) is (URI.fullmatch(value) is not None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://example.edu/a b", False),
        ("urn:uuid:x\u3000y", True),  # only ASCII whitespace is refused
        ("did:key:z6Mk", True),
        ("a+b.c-d:x", True),
        ("1http://x", False),
        ("http//x", False),
        (":x", False),
    ],
)
def test_is_uri_examples(value: str, expected: bool) -> None:
    assert is_uri(value) is expected


def test_both_rule_sets_use_the_one_uri_check() -> None:
    assert _walk.is_uri is is_uri
    assert _rules.is_uri is is_uri


_STAMP = st.builds(
    lambda y, mo, d, h, mi, s, frac, zone: f"{y}-{mo}-{d}T{h}:{mi}:{s}{frac}{zone}",
    st.sampled_from(["0000", "0001", "1999", "2024", "9999"]),
    st.sampled_from(["00", "01", "02", "04", "12", "13"]),
    st.sampled_from(["00", "01", "28", "29", "30", "31", "32"]),
    st.sampled_from(["00", "23", "24"]),
    st.sampled_from(["00", "59", "60"]),
    st.sampled_from(["00", "59", "60"]),
    st.sampled_from(["", ".0", ".5", ".123456789"]),
    st.sampled_from(["Z", "", "+01:00", "-14:00"]),
)


def _parsed(value: str, require_timezone: bool) -> tuple[Any, ...]:
    try:
        moment = parse_datetime(value, require_timezone=require_timezone)
    except ParseError as exc:
        return ("error", str(exc))
    return ("ok", moment, moment.utcoffset())


@settings(max_examples=500, deadline=None)
@given(value=_STAMP, require_timezone=st.booleans())
def test_read_datetime_is_parse_datetime(value: str, require_timezone: bool) -> None:
    def read(value: str, require_timezone: bool) -> tuple[Any, ...]:
        try:
            moment = _rules.read_datetime(value, require_timezone=require_timezone)
        except ParseError as exc:
            return ("error", str(exc))
        return ("ok", moment, moment.utcoffset())

    assert read(value, require_timezone) == _parsed(value, require_timezone)


@settings(max_examples=500, deadline=None)
@given(value=_STAMP)
def test_walk_date_shortcut_accepts_only_valid_datetimes(value: str) -> None:
    if _walk._PLAIN_UTC_DATETIME.fullmatch(value) is not None:
        assert _parsed(value, True)[0] == "ok"
        assert _parsed(value, False)[0] == "ok"


@settings(max_examples=500, deadline=None)
@given(value=_STAMP)
def test_validity_message_copies_a_stamp_only_when_formatting_would_write_it(value: str) -> None:
    parsed = _parsed(value, False)
    if parsed[0] == "ok":
        moment = parsed[1] if parsed[1].tzinfo is not None else parsed[1].replace(tzinfo=UTC)
        assert _rules._stamp(moment, value) == format_datetime_stamp(moment)


def test_validity_message_normalises_offsets_and_fractions() -> None:
    document = {"@context": [_rules.VC_V2], "validFrom": "2024-01-15T12:00:00.500+02:00"}
    _, window = _rules.validity_issues(
        document, now=datetime(2025, 1, 1, tzinfo=UTC), clock_skew=timedelta(0)
    )
    assert window == "valid from 2024-01-15T10:00:00.5Z, no expiry"
