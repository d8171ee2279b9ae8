"""Random mutations of a signed badge through the whole pipeline: never a crash, never verified.

Any change to a signed member must fail (proof, contexts, data model, or parse); the pipeline must
return a report for every input and never raise. Bounded example count; ``make fuzz`` style long
runs can raise it with HYPOTHESIS settings profiles.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.unit.verify._support import NOW, Issuer

import vckit

pytestmark = pytest.mark.usefixtures("no_network")

_ISSUER = Issuer()
_BADGE = _ISSUER.signed()
_VERIFIER = vckit.Verifier()

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.text(max_size=20)
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, (*prefix, index)))
    return found


_PATHS = [p for p in _paths(_BADGE) if p[0] != "proof"]


def _set(document: Any, path: tuple[Any, ...], value: Any) -> None:
    for step in path[:-1]:
        document = document[step]
    document[path[-1]] = value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_PATHS), json_values)
def test_mutated_badge_is_never_verified(path: tuple[Any, ...], value: Any) -> None:
    mutated = copy.deepcopy(_BADGE)
    before = json.dumps(mutated, sort_keys=True)
    _set(mutated, path, value)
    report = _VERIFIER.verify(mutated, now=NOW)
    if json.dumps(mutated, sort_keys=True) == before:
        assert report.verified is True
    else:
        assert report.verified is False
        assert report.problems


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200))
def test_garbage_input_gives_a_report(data: bytes | str) -> None:
    report = _VERIFIER.verify(data, now=NOW)
    assert report.verified is False
    assert report.checks[0].check == "parse"
