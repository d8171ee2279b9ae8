"""Every OB 3.0 / CLR 2.0 / Endorsement credential in ../shared/vectors loads and round-trips exactly.

"Exactly" is stricter than ``==``: ``1`` and ``1.0`` compare equal in Python, so values are
compared together with their JSON types, and a bare value must stay bare (not a one-item list).

The other JSON files under ``ob3`` and ``interop`` are not credentials of these types and are
skipped by ``classify`` with a reason (listed by ``test_skipped_files_are_explained``): profiles,
OB 2.0 BadgeClasses, bare proofs, JSON-LD contexts, JSON Schemas, example indexes, DID documents,
status lists and non-OB verifiable credentials.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import VECTORS, vectors_dir

from vckit import openbadges as ob

MODELS: dict[str, type[ob.VerifiableCredential]] = {
    "OpenBadgeCredential": ob.OpenBadgeCredential,
    "AchievementCredential": ob.OpenBadgeCredential,
    "EndorsementCredential": ob.EndorsementCredential,
    "ClrCredential": ob.ClrCredential,
}


def classify(data: Any) -> tuple[type[ob.VerifiableCredential] | None, str]:
    """The model for a parsed vector file, or None and the reason it is not one of ours."""
    if not isinstance(data, dict):
        return None, f"top level is a {type(data).__name__} (an index or a list), not a credential"
    types = data.get("type")
    types = types if isinstance(types, list) else [types]
    for name in (
        "ClrCredential",
        "EndorsementCredential",
        "OpenBadgeCredential",
        "AchievementCredential",
    ):
        if name in types:
            return MODELS[name], name
    if "@context" in data and "type" not in data:
        return None, "a JSON-LD context or untyped fragment"
    if "$schema" in data or data.get("type") == "object":
        return None, "a JSON Schema"
    if "VerifiableCredential" in types:
        return None, f"a verifiable credential of another kind: {types}"
    return None, f"not a credential: type {types}"


def _vector_files() -> list[Path]:
    if not VECTORS.exists():
        return []
    files = []
    for folder in ("ob3", "interop"):
        for path in sorted((VECTORS / folder).rglob("*")):
            if path.suffix in {".json", ".jsonld"} and "contexts" not in path.parts:
                files.append(path)
    return files


def _load(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return None


CREDENTIALS = [p for p in _vector_files() if classify(_load(p))[0] is not None]


def exact(a: Any, b: Any, path: str = "") -> list[str]:
    """Differences between two JSON values, treating int/float/bool and scalar/list as distinct."""
    if type(a) is not type(b):
        return [f"{path or '/'}: {type(a).__name__} {a!r:.60} != {type(b).__name__} {b!r:.60}"]
    if isinstance(a, dict):
        diffs = [f"{path}/{k}: missing" for k in a.keys() - b.keys()]
        diffs += [f"{path}/{k}: added" for k in b.keys() - a.keys()]
        for key in a.keys() & b.keys():
            diffs += exact(a[key], b[key], f"{path}/{key}")
        return diffs
    if isinstance(a, list):
        if len(a) != len(b):
            return [f"{path}: length {len(a)} != {len(b)}"]
        return [
            d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in exact(x, y, f"{path}/{i}")
        ]
    return [] if a == b else [f"{path}: {a!r:.60} != {b!r:.60}"]


def test_vectors_present_and_many() -> None:
    vectors_dir("ob3")
    kinds = [classify(_load(p))[1] for p in CREDENTIALS]
    assert len(CREDENTIALS) >= 100
    assert {"OpenBadgeCredential", "EndorsementCredential", "ClrCredential"} <= set(kinds)


@pytest.mark.parametrize("path", CREDENTIALS, ids=lambda p: str(p.relative_to(VECTORS)))
def test_round_trip_is_exact(path: Path) -> None:
    data = _load(path)
    model, _ = classify(data)
    assert model is not None
    credential = model.from_json(data)
    assert exact(data, credential.to_json()) == []
    # Text and bytes go through the strict parser and give the same result.
    raw = path.read_bytes()
    assert exact(data, model.from_json(raw).to_json()) == []


@pytest.mark.parametrize("path", CREDENTIALS, ids=lambda p: str(p.relative_to(VECTORS)))
def test_typed_access_matches_json(path: Path) -> None:
    data = _load(path)
    model, _ = classify(data)
    assert model is not None
    credential = model.from_json(data)
    assert credential.type is not None
    assert "VerifiableCredential" in credential.type
    subject = data["credentialSubject"]
    if isinstance(credential, ob.OpenBadgeCredential):
        achievement = credential.credential_subject.achievement
        if "achievement" in subject:
            assert achievement.name == subject["achievement"].get("name")
        else:  # a few 1EdTech negative examples omit it: an empty placeholder stands in
            assert "achievement" not in credential.credential_subject.model_fields_set
            assert achievement.name is None
    if "proof" in data:
        proofs = data["proof"] if isinstance(data["proof"], list) else [data["proof"]]
        assert credential.proof == proofs


def test_skipped_files_are_explained() -> None:
    vectors_dir("ob3")
    skipped = {}
    for path in _vector_files():
        data = _load(path)
        if data is None:
            skipped[path] = "not JSON (e.g. a schema with a syntax error upstream)"
            continue
        model, reason = classify(data)
        if model is None:
            skipped[path] = reason
    reasons = {reason.split(":")[0] for reason in skipped.values()}
    assert "a JSON-LD context or untyped fragment" in reasons
    assert "a verifiable credential of another kind" in reasons
    # Nothing typed as an OB / CLR credential is ever skipped.
    assert not any("OpenBadgeCredential" in r or "ClrCredential" in r for r in skipped.values())


PROFILES = [
    p
    for p in _vector_files()
    if isinstance(d := _load(p), dict) and d.get("type") in ("Profile", ["Profile"])
]


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: str(p.relative_to(VECTORS)))
def test_standalone_profiles_round_trip(path: Path) -> None:
    """Issuer profiles (some double as DID documents) also read and write back exactly."""
    data = _load(path)
    profile = ob.Profile.from_json(data)
    assert profile.id == data["id"]
    assert exact(data, profile.to_json()) == []
