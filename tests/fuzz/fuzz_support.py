"""Shared pieces of the fuzz suite: settings, the "only documented errors" oracle, JSON
mutations and validly signed inputs to mutate.

Every target runs a few dozen examples under ``make test`` (the whole directory stays well under
30 s) and many more under ``make fuzz``, which sets ``VCKIT_FUZZ=long`` (scale the run with
``VCKIT_FUZZ_SCALE``, default 100). The deadline is the time oracle: an example that takes longer
than ``VCKIT_FUZZ_DEADLINE_MS`` (default 2000 ms) fails, so inputs are kept small on purpose.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from vckit import keys
from vckit.proofs import dataintegrity, jose

LONG = os.environ.get("VCKIT_FUZZ", "") == "long"
SCALE = int(os.environ.get("VCKIT_FUZZ_SCALE", "100")) if LONG else 1
DEADLINE = timedelta(milliseconds=int(os.environ.get("VCKIT_FUZZ_DEADLINE_MS", "2000")))

NOW = datetime(2025, 6, 1, 12, 0, 0, tzinfo=UTC)


def fuzz(examples: int) -> settings:
    """Settings for one target: ``examples`` in ``make test``, ``examples * SCALE`` in a long run."""
    return settings(
        max_examples=examples * SCALE,
        deadline=DEADLINE,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        # the database would replay long-run finds in make test; keep make test reproducible
        database=None if not LONG else settings.default.database,
        derandomize=not LONG,
    )


def only(
    errors: tuple[type[BaseException], ...], call: Callable[..., Any], *args: Any, **kwargs: Any
) -> Any:
    """Run ``call``; an exception outside ``errors`` (a foreign one, or an undocumented one)
    fails the test with its type named. Returns the call's result, or the expected exception."""
    try:
        return call(*args, **kwargs)
    except errors as error:
        return error
    except Exception as error:  # the oracle: nothing else may escape
        pytest.fail(
            f"{call.__qualname__} leaked {type(error).__module__}.{type(error).__name__}: "
            f"{error!r}"[:2000]
        )


# --- JSON values and mutations ------------------------------------------------------------------

KEYWORDS = (
    "@context",
    "@id",
    "@type",
    "@value",
    "@language",
    "@direction",
    "@list",
    "@set",
    "@graph",
    "@reverse",
    "@index",
    "@nest",
    "@included",
    "@json",
    "@base",
    "@vocab",
    "@version",
    "@protected",
    "@propagate",
    "@import",
    "@container",
    "@none",
    "@ignoreMe",
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(["", "urn:x", "https://example.org/a", "_:b0", "did:key:z6Mk", "@id"]),
)
member_names = st.one_of(st.text(max_size=8), st.sampled_from(KEYWORDS))

json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(member_names, inner, max_size=4),
    ),
    max_leaves=12,
)


def same_json(a: Any, b: Any) -> bool:
    """Equal as JSON (``True`` and ``1`` differ, as do ``1`` and ``1.0``)."""
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, member in value.items():
            found.extend(_paths(member, (*prefix, key)))
    elif isinstance(value, list):
        for index, member in enumerate(value):
            found.extend(_paths(member, (*prefix, index)))
    return found


@st.composite
def mutated(draw: st.DrawFn, original: Any, values: st.SearchStrategy[Any] = json_values) -> Any:
    """``original`` with one to three changes: a value replaced, a member or item deleted, a
    member added, a string edited by one character. The result may equal the original (callers
    check with ``same_json``)."""
    document = copy.deepcopy(original)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = _paths(document)
        path = draw(st.sampled_from(paths))
        parent: Any = None
        target: Any = document
        for step in path:
            parent, target = target, target[step]
        operation = draw(st.sampled_from(["replace", "delete", "add", "edit"]))
        if operation == "add" and isinstance(target, dict):
            target[draw(member_names)] = copy.deepcopy(draw(values))
        elif operation == "add" and isinstance(target, list):
            target.insert(draw(st.integers(0, len(target))), copy.deepcopy(draw(values)))
        elif operation == "delete" and parent is not None:
            del parent[path[-1]]
        elif operation == "edit" and isinstance(target, str) and parent is not None:
            position = draw(st.integers(0, len(target)))
            char = draw(st.characters(codec="utf-8"))
            cut = draw(st.integers(0, 1))
            parent[path[-1]] = target[:position] + char + target[position + cut :]
        elif parent is not None:
            parent[path[-1]] = copy.deepcopy(draw(values))
        else:
            document = copy.deepcopy(draw(values))
    return document


@st.composite
def byte_mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` with one to three bytes replaced, inserted or deleted."""
    data = bytearray(original)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        position = draw(st.integers(0, max(len(data) - 1, 0)))
        operation = draw(st.sampled_from(["replace", "insert", "delete"]))
        byte = draw(st.integers(0, 255))
        if operation == "replace" and data:
            data[position] = byte
        elif operation == "insert":
            data.insert(position, byte)
        elif data:
            del data[position]
    return bytes(data)


# --- validly signed inputs -------------------------------------------------------------------

ISSUER_KEY = keys.KeyPair.from_raw("Ed25519", bytes(range(32)))
ISSUER_DID = "did:key:" + ISSUER_KEY.public_key.multibase
ISSUER_P256 = keys.KeyPair.from_raw("P-256", (7).to_bytes(32, "big"))
ISSUER_P256_DID = "did:key:" + ISSUER_P256.public_key.multibase
ATTACKER_KEY = keys.KeyPair.from_raw("Ed25519", bytes(range(1, 33)))


def badge(issuer: str = ISSUER_DID) -> dict[str, Any]:
    """A small OB 3.0.3 credential with text, a number, a date, a list and nested nodes."""
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:2c2ac4d5-7a35-4d0e-9a0b-6e3cd5f1f0a1",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer, "type": ["Profile"], "name": "Example LMS"},
        "validFrom": "2025-01-01T00:00:00Z",
        "name": "Python 101 — Grundlagen",
        "credentialSubject": {
            "id": "did:example:learner",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://lms.example/achievements/py101",
                "type": ["Achievement"],
                "name": "Python 101",
                "description": "Writes and tests small Python programs.",
                "criteria": {"narrative": "Pass the course with 80 %."},
                "alignment": [
                    {
                        "type": ["Alignment"],
                        "targetName": "Programming",
                        "targetUrl": "https://framework.example/prog",
                    }
                ],
            },
            "result": [{"type": ["Result"], "value": "85"}],
            "creditsEarned": 2.5,
        },
    }


def sign_badge(cryptosuite: str = "eddsa-rdfc-2022") -> dict[str, Any]:
    if cryptosuite.startswith("ecdsa"):
        pair, issuer = ISSUER_P256, ISSUER_P256_DID
    else:
        pair, issuer = ISSUER_KEY, ISSUER_DID
    return dataintegrity.add_proof(
        badge(issuer), pair.signer(), cryptosuite=cryptosuite, created="2025-01-01T00:00:00Z"
    )


def sign_jwt(profile: str = "vc-jwt") -> str:
    return jose.sign_credential_jwt(badge(), ISSUER_KEY.signer(), profile=profile, now=NOW)
