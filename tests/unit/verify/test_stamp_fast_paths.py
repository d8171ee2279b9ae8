"""The date-stamp checks that skip a regular expression accept only what the expression accepts.

``read_datetime``, the validity message, the Open Badges walk and its context check each try a
compiled check of the common ``YYYY-MM-DDThh:mm:ssZ`` stamp (or a known context URL) before the
regular expression that decides. The check may refuse what the expression accepts (the expression
then runs), never the other way round; and it must accept the usual stamps, or it saves nothing.
Both builds run these (the walk's tests run the pure one with ``VCKIT_PURE_PYTHON=1``).
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vckit.openbadges import _walk
from vckit.verification import _rules

_BASE = "2024-01-15T12:34:56Z"
# Characters that probe each position: the separators, ASCII digits at the range edges, a
# non-ASCII digit (which ``[0-9]`` under re.ASCII refuses), letters and a space.
_PROBES = "0123456789-T:Z.+ a\u0663\uff11"
_EDGES = [
    "0000-01-01T00:00:00Z",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "2024-00-10T00:00:00Z",
    "2024-13-10T00:00:00Z",
    "2024-02-28T00:00:00Z",
    "2024-02-29T00:00:00Z",
    "2024-02-30T00:00:00Z",
    "2024-01-31T00:00:00Z",
    "2024-01-32T00:00:00Z",
    "2024-01-00T00:00:00Z",
    "2024-01-10T24:00:00Z",
    "2024-01-10T23:60:00Z",
    "2024-01-10T23:59:60Z",
    "2024-01-10T19:59:59Z",
    "2024-01-10T20:00:00Z",
    "2024-01-10T12:00:00.5Z",
    "2024-01-10T12:00:00+00:00",
    "2024-01-10T12:00:00z",
    "2024-01-10 12:00:00Z",
    "2024-01-10T12:00:00Z\n",
    "\u0662024-01-10T12:00:00Z",
]


def _variants() -> list[str]:
    """The base stamp with one or two positions replaced by each probe, and the edge cases."""
    found = set(_EDGES)
    for index, probe in itertools.product(range(len(_BASE)), _PROBES):
        found.add(_BASE[:index] + probe + _BASE[index + 1 :])
    for (first, second), probe in itertools.product(
        itertools.combinations(range(len(_BASE)), 2), "09-"
    ):
        chars = list(_BASE)
        chars[first] = probe
        chars[second] = probe
        found.add("".join(chars))
    return sorted(found)


_CHECKS = [
    ("read_datetime", _rules._plain_utc_stamp, _rules._PLAIN_UTC_STAMP),
    ("validity message", _rules._canonical_stamp, _rules._CANONICAL_STAMP),
    ("walk", _walk._plain_utc_datetime, _walk._PLAIN_UTC_DATETIME),
]


@pytest.mark.parametrize(("name", "fast", "pattern"), _CHECKS, ids=[c[0] for c in _CHECKS])
def test_the_fast_check_accepts_only_what_the_expression_accepts(
    name: str, fast: object, pattern: object
) -> None:
    accepted = 0
    for value in _variants():
        if fast(value):  # type: ignore[operator]
            assert pattern.fullmatch(value) is not None, value  # type: ignore[attr-defined]
            accepted += 1
    assert accepted > 50  # it does accept the common form


@pytest.mark.parametrize(("name", "fast", "pattern"), _CHECKS, ids=[c[0] for c in _CHECKS])
def test_the_fast_check_accepts_the_usual_stamps(name: str, fast: object, pattern: object) -> None:
    for value in ("2024-01-15T12:00:00Z", "2026-06-01T00:00:00Z", "1999-12-28T23:59:59Z"):
        assert fast(value), value  # type: ignore[operator]
        assert pattern.fullmatch(value) is not None  # type: ignore[attr-defined]


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet="0123456789-T:Z.", min_size=18, max_size=22)
    | st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z", fullmatch=True)
)
def test_fast_checks_never_accept_what_the_expressions_refuse(value: str) -> None:
    for _, fast, pattern in _CHECKS:
        if fast(value):  # type: ignore[operator]
            assert pattern.fullmatch(value) is not None  # type: ignore[attr-defined]


def test_known_second_contexts_match_their_own_pattern_only() -> None:
    for url in _walk._KNOWN_OB_CONTEXTS:
        assert _walk._OB_CONTEXT.fullmatch(url)
        assert not _walk._CLR_CONTEXT.fullmatch(url)
    for url in _walk._KNOWN_CLR_CONTEXTS:
        assert _walk._CLR_CONTEXT.fullmatch(url)
        assert not _walk._OB_CONTEXT.fullmatch(url)


def test_a_clr_context_is_still_the_wrong_second_context_of_a_badge() -> None:
    clr = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.0.json"
    issues = _walk.walk(
        {
            "@context": ["https://www.w3.org/ns/credentials/v2", clr],
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
        },
        "AchievementCredential",
    )
    assert ("/@context/1", "context", "the second context must be the OB 3.0 one") in issues
