"""Property tests: vckit's canonical N-Quads are byte-identical to pyld's for generated OB 3.0,
CLR 2.0 and endorsement credentials (random text incl. non-ASCII and escapes, numbers, dates,
nested achievements, alignments, results, evidence, optional fields, and duplicate-looking
siblings that force RDFC-1.0's N-degree hashing).

pyld writes control characters other than TAB, LF and CR unescaped, which RDFC-1.0 forbids
(rdf-canon test060); those characters are left out here and checked against the Digital Bazaar
JS stack in ``test_canonical_control_chars.py``.

Excluded from generation, with a strict xfail below: two *empty* ``@list`` values on the same
node and property. pyld and jsonld.js both emit (and hash) the ``rdf:nil`` quad twice; vckit's
``to_rdf`` does too, but ``vckit.rdfc`` treats its input as a set and writes it once.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.unit.jsonld.jsonld_support import pyld_canonical

from vckit import jsonld

VC2 = "https://www.w3.org/ns/credentials/v2"
OB303 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CLR201 = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"

_SETTINGS = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}

# text pyld escapes correctly: anything but C0 controls (except TAB/LF/CR), DEL and surrogates
_SAFE_CHARS = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters=[chr(c) for c in (*range(0x20), 0x7F) if c not in (0x09, 0x0A, 0x0D)],
)
text = st.one_of(
    st.text(_SAFE_CHARS, min_size=0, max_size=24),
    st.sampled_from(['quote " and \\ backslash', "tab\there", "line\nbreak\r", "é ñ 漢字 🎓", ""]),
)
slug = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789-"), min_size=1, max_size=10)
iri = st.one_of(
    slug.map(lambda s: f"https://example.org/{s}"),
    st.uuids().map(lambda u: f"urn:uuid:{u}"),
    slug.map(lambda s: f"did:example:{s}"),
)
date_time = st.datetimes(
    min_value=__import__("datetime").datetime(1970, 1, 1),
    max_value=__import__("datetime").datetime(2100, 1, 1),
).map(lambda d: d.strftime("%Y-%m-%dT%H:%M:%SZ"))
date = st.dates().map(lambda d: d.isoformat())
number = st.one_of(
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6),
)


def _optional(draw: st.DrawFn, target: dict[str, Any], key: str, strategy: Any) -> None:
    if draw(st.booleans()):
        target[key] = draw(strategy)


@st.composite
def alignment(draw: st.DrawFn) -> dict[str, Any]:
    value: dict[str, Any] = {"type": ["Alignment"], "targetName": draw(text)}
    value["targetUrl"] = draw(iri)
    _optional(draw, value, "targetCode", text)
    _optional(draw, value, "targetDescription", text)
    _optional(draw, value, "targetFramework", text)
    _optional(draw, value, "targetType", st.sampled_from(["CFItem", "ceasn:Competency", "ext:x"]))
    return value


@st.composite
def result_description(draw: st.DrawFn) -> dict[str, Any]:
    value: dict[str, Any] = {
        "id": draw(iri),
        "type": ["ResultDescription"],
        "name": draw(text),
        "resultType": draw(st.sampled_from(["GradePointAverage", "LetterGrade", "Status"])),
    }
    # min_size=1: see test_duplicate_empty_lists (a known vckit.rdfc difference)
    _optional(draw, value, "allowedValue", st.lists(text, min_size=1, max_size=3))
    _optional(draw, value, "valueMax", text)
    _optional(draw, value, "alignment", st.lists(alignment(), max_size=2))
    return value


@st.composite
def achievement(draw: st.DrawFn, depth: int = 0) -> dict[str, Any]:
    value: dict[str, Any] = {
        "id": draw(iri),
        "type": ["Achievement"],
        "name": draw(text),
        "criteria": {"narrative": draw(text)},
    }
    _optional(draw, value, "description", text)
    _optional(draw, value, "achievementType", st.sampled_from(["Badge", "Course", "ext:Thing"]))
    _optional(draw, value, "creditsAvailable", number)
    _optional(draw, value, "humanCode", text)
    _optional(draw, value, "tag", st.lists(text, max_size=3))
    _optional(draw, value, "inLanguage", st.sampled_from(["en", "fr-CA", "es"]))
    if draw(st.booleans()):
        value["image"] = {"id": draw(iri), "type": "Image", "caption": draw(text)}
    if draw(st.booleans()):
        aligned = draw(st.lists(alignment(), min_size=1, max_size=3))
        if draw(st.booleans()):  # identical blank-node siblings: N-degree hashing
            aligned.append(copy.deepcopy(aligned[0]))
        value["alignment"] = aligned
    if draw(st.booleans()):
        value["resultDescription"] = draw(st.lists(result_description(), max_size=2))
    if depth == 0 and draw(st.booleans()):
        value["related"] = [{"id": draw(iri), "type": ["Related"], "version": draw(text)}]
    return value


@st.composite
def profile(draw: st.DrawFn) -> dict[str, Any]:
    value: dict[str, Any] = {"id": draw(iri), "type": ["Profile"], "name": draw(text)}
    _optional(draw, value, "email", text)
    _optional(draw, value, "url", iri)
    _optional(draw, value, "dateOfBirth", date)
    if draw(st.booleans()):
        value["address"] = {"type": ["Address"], "addressCountry": draw(text)}
    return value


@st.composite
def ob_credential(draw: st.DrawFn) -> dict[str, Any]:
    subject: dict[str, Any] = {"type": ["AchievementSubject"], "achievement": draw(achievement())}
    _optional(draw, subject, "id", iri)
    _optional(draw, subject, "activityEndDate", date)
    _optional(draw, subject, "creditsEarned", number)
    if draw(st.booleans()):
        results = [
            {
                "type": ["Result"],
                "value": draw(text),
                "status": draw(st.sampled_from(["Completed", "Enrolled"])),
            }
            for _ in range(draw(st.integers(min_value=1, max_value=3)))
        ]
        if draw(st.booleans()):
            results.append(copy.deepcopy(results[0]))
        subject["result"] = results
    if draw(st.booleans()):
        subject["identifier"] = [
            {
                "type": "IdentityObject",
                "hashed": draw(st.booleans()),
                "identityHash": draw(text),
                "identityType": "emailAddress",
                "salt": draw(text),
            }
        ]
    credential: dict[str, Any] = {
        "@context": [VC2, OB303],
        "id": draw(iri),
        "type": [
            "VerifiableCredential",
            draw(st.sampled_from(["OpenBadgeCredential", "AchievementCredential"])),
        ],
        "name": draw(text),
        "issuer": draw(profile()),
        "validFrom": draw(date_time),
        "credentialSubject": subject,
    }
    _optional(draw, credential, "validUntil", date_time)
    _optional(draw, credential, "description", text)
    _optional(draw, credential, "awardedDate", date_time)
    if draw(st.booleans()):
        evidence = [
            {"type": ["Evidence"], "name": draw(text), "narrative": draw(text)}
            for _ in range(draw(st.integers(min_value=1, max_value=2)))
        ]
        if draw(st.booleans()):
            evidence.append(copy.deepcopy(evidence[0]))
        credential["evidence"] = evidence
    if draw(st.booleans()):
        credential["credentialStatus"] = {
            "id": draw(iri) + "#1",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(draw(st.integers(min_value=0, max_value=10**5))),
            "statusListCredential": draw(iri),
        }
    return credential


@st.composite
def endorsement(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "@context": [VC2, OB303],
        "id": draw(iri),
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "name": draw(text),
        "issuer": draw(profile()),
        "validFrom": draw(date_time),
        "credentialSubject": {
            "id": draw(iri),
            "type": ["EndorsementSubject"],
            "endorsementComment": draw(text),
        },
    }


@st.composite
def clr_credential(draw: st.DrawFn) -> dict[str, Any]:
    inner = [draw(ob_credential()) for _ in range(draw(st.integers(min_value=1, max_value=2)))]
    for credential in inner:
        del credential["@context"]
    subject: dict[str, Any] = {
        "type": ["ClrSubject"],
        "verifiableCredential": inner,
        "achievement": [draw(achievement())],
    }
    _optional(draw, subject, "id", iri)
    return {
        "@context": [VC2, CLR201, OB303],
        "id": draw(iri),
        "type": ["VerifiableCredential", "ClrCredential"],
        "name": draw(text),
        "issuer": draw(profile()),
        "validFrom": draw(date_time),
        "credentialSubject": subject,
    }


def _assert_identical(document: dict[str, Any]) -> None:
    expected = pyld_canonical(copy.deepcopy(document))
    assert jsonld.canonicalize(document) == expected


@settings(max_examples=260, **_SETTINGS)
@given(ob_credential())
def test_open_badge_credentials(document: dict[str, Any]) -> None:
    _assert_identical(document)


@settings(max_examples=120, **_SETTINGS)
@given(endorsement())
def test_endorsement_credentials(document: dict[str, Any]) -> None:
    _assert_identical(document)


@settings(max_examples=120, **_SETTINGS)
@given(clr_credential())
def test_clr_credentials(document: dict[str, Any]) -> None:
    _assert_identical(document)


def test_duplicate_empty_lists() -> None:
    document = {
        "@context": [VC2, OB303],
        "id": "urn:example:dup",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "did:example:issuer", "type": ["Profile"]},
        "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://example.org/a",
                "type": ["Achievement"],
                "criteria": {"narrative": "n"},
                "resultDescription": [
                    {
                        "id": "https://example.org/rd",
                        "type": ["ResultDescription"],
                        "allowedValue": [],
                    },
                    {
                        "id": "https://example.org/rd",
                        "type": ["ResultDescription"],
                        "allowedValue": [],
                    },
                ],
            },
        },
    }
    nil = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#nil>"
    assert sum(1 for quad in jsonld.to_rdf(document) if quad[2] == nil) == 2  # like pyld
    _assert_identical(document)
