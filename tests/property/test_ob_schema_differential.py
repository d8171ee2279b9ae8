"""Differential test: ``vckit.openbadges.validate`` against 1EdTech's official JSON Schemas.

Hypothesis mutates valid spec and interop credentials (delete a member or an array item, give a
value the wrong JSON type, a malformed date, a value outside a vocabulary, an empty array) and
both sides must agree on valid / invalid. As a side property, every mutated credential the models
can load at all is written back exactly. ``jsonschema`` is only the oracle here, with a local
registry (no remote ``$ref``) and an RFC 3339 ``date-time`` checker written for this test.

Oracles: OpenBadgeCredential -> ``achievementcredential.json`` (2019-09), EndorsementCredential ->
``endorsementcredential.json`` (2019-09), ClrCredential -> ``clr_v2p0_clrcredential_schema_draft4
.json`` (the only CLR 2.0 schema 1EdTech publishes; it predates VC 2.0, so the oracle sees
``validFrom`` / ``validUntil`` renamed to ``issuanceDate`` / ``expirationDate``).

Deliberate disagreements (each mutation they cover is checked to go the stated way):

1. JSON-LD compact form. A ``[0..*]`` / ``[1..*]`` property may be a single value: the spec's own
   examples do it (``"type": "Achievement"`` in migrating-ex05 and recommended-practices-ex01)
   and 1EdTech's draft-04 schemas accept it for ``type`` and ``proof``. The oracle therefore sees
   single values of those properties wrapped in an array. (Applied to every case, not a filter.)
2. ``description`` has no JSON type in the schemas; the data model says "description String"
   (B.1.1 Achievement, B.1.2 AchievementCredential, B.1.9 Evidence, B.1.14 Profile, B.1.18).
   vckit rejects a non-string description.
3. B.1.3 AchievementSubject: "Either id or at least one identifier MUST be supplied." The schemas
   do not encode it; vckit does (also for the CLR subject).
4. B.1.22 CredentialStatus: "id URI ... [0..1]"; the 2019-09 schema requires it. vckit follows the
   data model and accepts a status without id.
5. B.1.3 activityStartDate / activityEndDate and B.1.24 Proof.created are "DateTime" (timezone
   optional, unlike "DateTimeZ"); the schemas use RFC 3339 ``date-time``, which requires one.
6. CLR only: B.1.20 ProfileRef lets ``issuer`` be a URI; the draft-04 CLR schema wants an object.
7. CLR only: ClrSubject.verifiableCredential holds AchievementCredentials (CLR 2.0 data model);
   the draft-04 schema checks only the generic VerifiableCredential shape there, and no
   ``name`` on nested EndorsementCredentials (B.1.7 says ``name`` [1]). vckit applies the full
   rules inside bundled credentials and endorsements.
8. CLR only: the ClrCredential ``@context`` "MUST be an ordered set where the first item is
   'https://www.w3.org/ns/credentials/v2', and the second item is
   'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json'" (CLR 2.0, ClrCredential);
   the draft-04 schema only asks for strings. vckit checks the order, and accepts context
   objects ("B.1.27 Context: Either a URI ... or a Map with a local context definition").
9. CLR only: draft-04 has no ``contains``, so the draft-04 schema cannot say "One of the items
   MUST be the IRI 'X'" for any ``type``; vckit checks it as the 2019-09 schemas do.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import (  # type: ignore[import-untyped]
    Draft4Validator,
    Draft201909Validator,
    FormatChecker,
)
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4, DRAFT201909
from tests.conftest import VECTORS

from vckit import openbadges as ob
from vckit.errors import ParseError
from vckit.openbadges import validate
from vckit.openbadges._rules import CLASSES, Kind

pytestmark = pytest.mark.skipif(not VECTORS.exists(), reason="../shared/vectors absent")

OB3 = VECTORS / "ob3"
INTEROP = VECTORS / "interop" / "1edtech-dc-public-validator"
EXAMPLES = OB3 / "spec-examples" / "extracted"
CASES_PER_TYPE = 1000

# ---------------------------------------------------------------- the oracle


_RFC3339 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))",
    re.ASCII,
)
FORMATS = FormatChecker(formats=["date"])


def _rfc3339(value: object) -> bool:
    """RFC 3339 section 5.6 date-time (leap seconds aside), independent of vckit's XSD parser."""
    if not isinstance(value, str):
        return True
    match = _RFC3339.fullmatch(value)
    if match is None:
        return False
    year, month, day, hour, minute, second = (int(match[i]) for i in range(1, 7))
    if match[9] is not None and (int(match[9]) > 23 or int(match[10]) > 59):
        return False
    try:
        datetime(year, month, day, hour, minute, second)
    except ValueError:
        return False
    return True


FORMATS.checks("date-time")(_rfc3339)


def _schema(path: Path, spec: Any) -> Any:
    document = json.loads(path.read_text(encoding="utf-8"))
    resource: Resource[Any] = spec.create_resource(document)
    return document, resource


def _validator(path: Path, cls: Any, spec: Any) -> Any:
    document, resource = _schema(path, spec)
    # Only the schema itself is registered: a $ref to anything else fails instead of fetching.
    registry: Registry[Any] = Registry().with_resource(document.get("$id", ""), resource)
    return cls(document, registry=registry, format_checker=FORMATS)


def _oracles() -> dict[str, Any]:
    schemas = OB3 / "schemas"
    return {
        "AchievementCredential": _validator(
            schemas / "achievementcredential.json", Draft201909Validator, DRAFT201909
        ),
        "EndorsementCredential": _validator(
            schemas / "endorsementcredential.json", Draft201909Validator, DRAFT201909
        ),
        "ClrCredential": _validator(
            schemas / "draft4-conversions" / "clr_v2p0_clrcredential_schema_draft4.json",
            Draft4Validator,
            DRAFT4,
        ),
    }


def _compact_to_arrays(value: Any, cls: str) -> Any:
    """Disagreement 1: write single values of set-valued properties as one-item arrays."""
    if not isinstance(value, dict) or cls not in CLASSES:
        return value
    out = dict(value)
    for name, prop in CLASSES[cls].props.items():
        if name not in out:
            continue
        member = out[name]
        if prop.many and not isinstance(member, list):
            member = [member]
        if prop.kind is Kind.OBJECT:
            target = prop.target
            if isinstance(member, list):
                member = [_compact_to_arrays(item, target) for item in member]
            else:
                member = _compact_to_arrays(member, target)
        elif prop.kind is Kind.PROFILE_REF:
            member = _compact_to_arrays(member, "Profile")
        out[name] = member
    return out


def _vc11_dates(value: Any) -> Any:
    """The draft-04 CLR schema knows only the VC 1.1 names of the validity dates."""
    names = {"validFrom": "issuanceDate", "validUntil": "expirationDate"}
    if isinstance(value, dict):
        return {names.get(k, k): _vc11_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_vc11_dates(v) for v in value]
    return value


def schema_valid(document: Any, cls: str) -> bool:
    normalised = _compact_to_arrays(document, cls)
    if cls == "ClrCredential":
        normalised = _vc11_dates(normalised)
    return bool(ORACLES[cls].is_valid(normalised))


# ---------------------------------------------------------------- base documents

FULL = EXAMPLES / "fullOpenBadge" / "fullOpenBadge-ex01-complete-openbadgecredential.json"
DCC = VECTORS / "interop" / "dcc-vc-test-fixtures" / "verifiableCredentials" / "v2"
Base = tuple[Path, tuple[str | int, ...]]  # a file and where the credential sits inside it
BASES: dict[str, list[Base]] = {
    "AchievementCredential": [
        (FULL, ()),
        (
            EXAMPLES
            / "basicOpenBadgeCredential"
            / "basicOpenBadgeCredential-ex01-sample-openbadgecredential.json",
            (),
        ),
        (EXAMPLES / "skillAssertionCase" / "skillAssertionCase-ex01-skill-assertion-case.json", ()),
        (
            EXAMPLES
            / "achievementAlignmentCe"
            / "achievementAlignmentCe-ex01-achievement-alignment-credential-engine.json",
            (),
        ),
        (
            OB3
            / "third-party"
            / "educredentials-obv3-examples"
            / "credentials"
            / "theed_regular_full_ho.json",
            (),
        ),
    ],
    "EndorsementCredential": [
        (EXAMPLES / "endorsement" / "endorsement-ex01-sample-endorsementcredential.json", ()),
        (INTEROP / "ob30" / "endorsement-valid.json", ()),
        (DCC / "bothSignatureTypes" / "didkey" / "legacy-noStatus-notExpired-endorsement.json", ()),
        (
            DCC
            / "bothSignatureTypes"
            / "didkey"
            / "legacy-noStatus-notExpired-endorsement-withSchema.json",
            (),
        ),
        (FULL, ("endorsement", 0)),
        (FULL, ("issuer", "endorsement", 0)),
        (FULL, ("credentialSubject", "achievement", "endorsement", 0)),
        (FULL, ("credentialSubject", "achievement", "creator", "endorsement", 0)),
        (FULL, ("credentialSubject", "achievement", "creator", "endorsement", 1)),
    ],
    "ClrCredential": [
        (EXAMPLES / "linked-data-proof-clr" / "linked-data-proof-clr-ex02-credential.json", ()),
        (INTEROP / "clr20" / "simple.json", ()),
        (INTEROP / "clr20" / "simple_v1.json", ()),
    ],
}


def _load_base(base: Base) -> Any:
    document = json.loads(base[0].read_text(encoding="utf-8"))
    for part in base[1]:
        document = document[part]
    return document


ORACLES = _oracles() if VECTORS.exists() else {}
DOCUMENTS = {
    cls: [_load_base(base) for base in bases] for cls, bases in BASES.items() if VECTORS.exists()
}

# ---------------------------------------------------------------- mutations

Path_ = tuple[str | int, ...]
SAMPLES: dict[str, Any] = {
    "string": "urn:example:mutated",
    "int": 123,
    "float": 1.5,
    "bool": True,
    "null": None,
    "object": {"id": "urn:example:mutated"},
    "array": ["urn:example:mutated"],
    "empty-array": [],
}
DATE_KEYS = {
    "validFrom",
    "validUntil",
    "issuanceDate",
    "expirationDate",
    "awardedDate",
    "activityStartDate",
    "activityEndDate",
    "created",
}
BAD_DATETIMES = [
    "2024-13-01T00:00:00Z",
    "2024-02-30T10:00:00Z",
    "yesterday",
    "2024-01-01T25:00:00Z",
    "2024-01-01 10:00:00Z",
    "",
    "2024-01-01T10:00:00+25:00",
    "2024-1-01T00:00:00Z",
    "2024-01-01",
    "2024-01-01T10:00:00",
]
BAD_DATES = ["1990-13-01", "1990-02-30", "1990/01/01", "01-01-1990", ""]
VOCAB_KEYS = {
    "achievementType",
    "targetType",
    "identityType",
    "identifierType",
    "resultType",
    "status",
    "associationType",
}


def _category(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "null" if value is None else "string"


def _sites(value: Any, path: Path_ = ()) -> Iterator[Path_]:
    """Every member and array item, except inside proofs (opaque to both sides)."""
    if isinstance(value, dict):
        for key, member in value.items():
            yield (*path, key)
            if key != "proof":
                yield from _sites(member, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield (*path, index)
            yield from _sites(item, (*path, index))


def _get(doc: Any, path: Path_) -> Any:
    for part in path:
        doc = doc[part]
    return doc


def _mutations(doc: Any, path: Path_) -> list[tuple[str, Callable[[Any], None]]]:
    """The mutations that make sense at ``path``, as (label, function applied to a copy)."""
    parent_path, last = path[:-1], path[-1]
    current = _get(doc, path)

    def setter(new: Any) -> Callable[[Any], None]:
        def apply(target: Any) -> None:
            _get(target, parent_path)[last] = copy.deepcopy(new)

        return apply

    def delete(target: Any) -> None:
        del _get(target, parent_path)[last]

    options: list[tuple[str, Callable[[Any], None]]] = [("delete", delete)]
    for label, sample in SAMPLES.items():
        if _category(sample) != _category(current):
            options.append((f"wrong-type:{label}", setter(sample)))
    if last in DATE_KEYS:
        options += [(f"bad-date:{d}", setter(d)) for d in BAD_DATETIMES]
    if last == "dateOfBirth":
        options += [(f"bad-date:{d}", setter(d)) for d in BAD_DATES]
    if last in VOCAB_KEYS:
        options.append(("bad-vocabulary", setter("NotInTheVocabulary")))
    return options


# ---------------------------------------------------------------- deliberate disagreements


def _expected_disagreement(cls: str, path: Path_, label: str, doc: Any) -> str | None:
    """The numbered disagreement (see module docstring) that covers this mutation, if any.

    Returns "vckit-stricter" or "schema-stricter" prefixed reasons; the caller checks the side.
    """
    last = path[-1]
    keys = [p for p in path if isinstance(p, str)]
    if last == "description" and label.startswith("wrong-type"):
        return "vckit-stricter:2 description is a String"
    if label == "delete" and last in ("id", "identifier") and len(keys) >= 1:
        owner = keys[-2] if last == "identifier" or len(keys) >= 2 else ""
        subject = _get(doc, path[:-1])
        if isinstance(subject, dict) and keys[-2:-1] == ["credentialSubject"]:
            return "vckit-stricter:3 id or identifier"
        if last == "identifier" and owner == "credentialSubject":
            return "vckit-stricter:3 id or identifier"
    if last == "identifier" and label == "wrong-type:empty-array":
        return "vckit-stricter:3 id or identifier"
    if label == "delete" and path[-2:] == ("credentialStatus", "id"):
        return "schema-stricter:4 credentialStatus.id is optional"
    if label == "bad-date:2024-01-01T10:00:00" and last in (
        "activityStartDate",
        "activityEndDate",
        "created",
    ):
        return "schema-stricter:5 DateTime without timezone"
    if cls == "ClrCredential":
        if "@context" in keys:
            if label == "wrong-type:object" and isinstance(path[-1], int):
                return "schema-stricter:8 B.1.27 a context may be an object"
            return "vckit-stricter:8 context order"
        if "type" in keys:
            return "vckit-stricter:9 type must include the class IRI"
        if last == "issuer" and label == "wrong-type:string":
            return "schema-stricter:6 ProfileRef"
        if "verifiableCredential" in keys or "endorsement" in keys:
            return "vckit-stricter:7 bundled credentials get the full rules"
    return None


# ---------------------------------------------------------------- the tests


@pytest.mark.parametrize("cls", list(BASES))
def test_base_documents_valid_on_both_sides(cls: str) -> None:
    for document in DOCUMENTS[cls]:
        assert validate(document) == []
        assert schema_valid(document, cls)


RUNS: dict[str, int] = dict.fromkeys(BASES, 0)
DISAGREEMENTS: dict[str, int] = {}


def _run_case(cls: str, data: st.DataObject) -> None:
    documents = DOCUMENTS[cls]
    doc = documents[data.draw(st.integers(0, len(documents) - 1), label="base")]
    sites = list(_sites(doc))
    path = sites[data.draw(st.integers(0, len(sites) - 1), label="site")]
    options = _mutations(doc, path)
    label, apply = options[data.draw(st.integers(0, len(options) - 1), label="mutation")]
    mutated = copy.deepcopy(doc)
    apply(mutated)
    ours = validate(mutated) == []
    theirs = schema_valid(mutated, cls)
    _check_round_trip(cls, mutated)
    reason = _expected_disagreement(cls, path, label, doc)
    where = "/".join(map(str, path))
    RUNS[cls] += 1
    if ours != theirs and reason is not None:
        DISAGREEMENTS[reason] = DISAGREEMENTS.get(reason, 0) + 1
    if reason is None or ours == theirs:
        assert ours == theirs, f"{label} at /{where}: vckit valid={ours}, schema valid={theirs}"
    elif reason.startswith("vckit-stricter"):
        assert (ours, theirs) == (False, True), f"{reason}: {label} at /{where}"
    else:
        assert (ours, theirs) == (True, False), f"{reason}: {label} at /{where}"


MODELS: dict[str, type[ob.VerifiableCredential]] = {
    "AchievementCredential": ob.OpenBadgeCredential,
    "EndorsementCredential": ob.EndorsementCredential,
    "ClrCredential": ob.ClrCredential,
}


def exact(a: Any, b: Any, path: str = "") -> list[str]:
    """Differences between JSON values, with int / float / bool and scalar / list kept apart."""
    if type(a) is not type(b):
        return [f"{path or '/'}: {a!r:.60} != {b!r:.60}"]
    if isinstance(a, dict):
        if a.keys() != b.keys():
            return [f"{path or '/'}: members {sorted(a.keys() ^ b.keys())}"]
        return [d for k in a for d in exact(a[k], b[k], f"{path}/{k}")]
    if isinstance(a, list):
        if len(a) != len(b):
            return [f"{path or '/'}: length {len(a)} != {len(b)}"]
        return [
            d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in exact(x, y, f"{path}/{i}")
        ]
    return [] if a == b else [f"{path or '/'}: {a!r:.60} != {b!r:.60}"]


def _check_round_trip(cls: str, mutated: Any) -> None:
    """Side property: whatever the models can load (valid or not) they give back exactly."""
    try:
        model = MODELS[cls].from_json(mutated)
    except ParseError:
        return
    assert exact(mutated, model.to_json()) == []


_SETTINGS = settings(
    max_examples=CASES_PER_TYPE,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@_SETTINGS
@given(data=st.data())
def test_open_badge_credential_mutations_agree(data: st.DataObject) -> None:
    _run_case("AchievementCredential", data)


@_SETTINGS
@given(data=st.data())
def test_endorsement_credential_mutations_agree(data: st.DataObject) -> None:
    _run_case("EndorsementCredential", data)


@_SETTINGS
@given(data=st.data())
def test_clr_credential_mutations_agree(data: st.DataObject) -> None:
    _run_case("ClrCredential", data)


def test_every_type_got_its_cases() -> None:
    """Runs after the property tests (file order): each type saw its full budget of cases."""
    if not any(RUNS.values()):
        pytest.skip("property tests deselected")
    assert all(count >= CASES_PER_TYPE for count in RUNS.values()), RUNS
    print(f"cases: {RUNS}; deliberate disagreements hit: {DISAGREEMENTS}")


def test_oracle_rejects_what_it_should() -> None:
    """The hand-written date-time checker really checks (so agreement is not vacuous)."""
    assert _rfc3339("2024-01-01T00:00:00Z")
    assert _rfc3339("2024-01-01t00:00:00.5+01:00")
    assert not _rfc3339("2024-02-30T00:00:00Z")
    assert not _rfc3339("2024-01-01T00:00:00")
    assert not _rfc3339("2024-01-01T00:00:00+24:00")
    assert date(2024, 1, 1).isoformat() == "2024-01-01"
