"""Years 1 and 9999 with every timezone offset: a defined result or a ParseError, never a crash.

The XSD codec is checked exhaustively (every minute offset from -14:00 to +14:00 at the first and
last instants of both years); the JOSE verifiers (sync and async, credential and presentation)
over every whole-hour offset, and hypothesis draws the rest (any minute offset, any time of the
edge days, every date member).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.unit.jose.jose_support import NOW, credential, did_key_issuer, forge, vc_jwt_claims

from vckit._codec.xsd import format_datetime_stamp, parse_datetime, parse_datetime_stamp
from vckit.errors import ParseError
from vckit.proofs import jose

ISSUER = did_key_issuer("Ed25519")
HOLDER = did_key_issuer("Ed25519")
SKEW = jose.DEFAULT_CLOCK_SKEW
OFFSETS = [m for m in range(-14 * 60, 14 * 60 + 1) if abs(m) < 14 * 60 or m % 60 == 0]
EDGES = ("0001-01-01T00:00:00", "0001-01-01T23:59:59.999999", "9999-12-31T00:00:00")
EDGES += ("9999-12-31T23:59:59.999999", "9999-12-31T24:00:00")
MEMBERS = ("validFrom", "validUntil", "issuanceDate", "expirationDate")
STARTS = ("validFrom", "issuanceDate")


def _zone(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _expected_instant(text: str) -> datetime | None:
    """The UTC instant by arithmetic on the parts (no datetime overflow), None when outside
    years 1-9999 UTC or not a valid date (9999-12-31T24:00:00 is year 10000)."""
    date, _, rest = text.partition("T")
    year, month, day = (int(part) for part in date.split("-"))
    clock, zone = rest[:-6], rest[-6:]
    offset = (1 if zone[0] == "+" else -1) * (int(zone[1:3]) * 60 + int(zone[4:6]))
    hours, minutes, seconds = clock.split(":")
    micro = round(float(seconds) % 1 * 1e6)
    total = timedelta(
        hours=int(hours), minutes=int(minutes) - offset, seconds=int(float(seconds))
    ) + timedelta(microseconds=micro)
    start = datetime(year, month, day, tzinfo=UTC)
    lowest, highest = datetime.min.replace(tzinfo=UTC), datetime.max.replace(tzinfo=UTC)
    if total >= timedelta(0):
        return start + total if highest - start >= total else None
    return start + total if start - lowest >= -total else None


def test_xsd_codec_at_both_edges_with_every_offset() -> None:
    for edge in EDGES:
        for minutes in OFFSETS:
            text = edge + _zone(minutes)
            expected = _expected_instant(text)
            if expected is None:
                with pytest.raises(ParseError, match=r"0001-9999|not a valid date"):
                    parse_datetime_stamp(text)
                continue
            parsed = parse_datetime(text)
            assert parsed == expected, text
            formatted = format_datetime_stamp(parsed)
            assert parse_datetime_stamp(formatted) == expected, text
            assert formatted[:4] in ("0001", "9999"), formatted


def _token(member: str, value: str) -> str:
    vc = credential(ISSUER.did)
    if member in ("issuanceDate", "expirationDate"):
        del vc["validFrom"]
        if member == "expirationDate":
            vc["issuanceDate"] = "2025-01-01T00:00:00Z"
    vc[member] = value
    claims = vc_jwt_claims(ISSUER.did, vc=vc)
    del claims["nbf"]
    return forge(ISSUER.pair, {"alg": "EdDSA", "typ": "JWT", "kid": ISSUER.kid}, claims)


def _results(token: str) -> list[jose.JwtVerificationResult]:
    vp = {"type": ["VerifiablePresentation"], "holder": HOLDER.did, "verifiableCredential": [token]}
    presentation = jose.sign_presentation_jwt(vp, HOLDER.signer(), now=NOW)
    sync_vp = jose.verify_presentation_jwt(presentation, now=NOW)
    async_vp = asyncio.run(jose.averify_presentation_jwt(presentation, now=NOW))
    assert sync_vp.verified is async_vp.verified
    return [
        jose.verify_credential_jwt(token, now=NOW),
        asyncio.run(jose.averify_credential_jwt(token, now=NOW)),
        sync_vp.credential_results[0],
        async_vp.credential_results[0],
    ]


def _check(member: str, value: str) -> None:
    expected = _expected_instant(value)
    if expected is None:
        codes = [jose.JWT_CLAIM_INVALID_ERROR]
    elif member in STARTS:
        codes = [jose.JWT_NOT_YET_VALID_ERROR] if expected - NOW > SKEW else []
    else:
        codes = [jose.JWT_EXPIRED_ERROR] if NOW - expected >= SKEW else []
    for result in _results(_token(member, value)):
        assert [p.code for p in result.problems] == codes, (member, value, result.problems)
        assert result.verified is (not codes)


@pytest.mark.parametrize("member", MEMBERS)
@pytest.mark.parametrize("edge", EDGES)
def test_every_jose_verifier_at_both_edges_with_every_hour_offset(member: str, edge: str) -> None:
    for hours in range(-14, 15):
        _check(member, edge + _zone(hours * 60))


@settings(max_examples=150, deadline=None)
@given(
    year=st.sampled_from([1, 9999]),
    minutes=st.sampled_from(OFFSETS),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    second=st.integers(0, 59),
    member=st.sampled_from(MEMBERS),
)
def test_every_jose_verifier_at_any_time_of_the_edge_days(
    year: int, minutes: int, hour: int, minute: int, second: int, member: str
) -> None:
    day = "0001-01-01" if year == 1 else "9999-12-31"
    _check(member, f"{day}T{hour:02d}:{minute:02d}:{second:02d}{_zone(minutes)}")


@pytest.mark.usefixtures("no_network")
def test_edge_dates_never_reach_the_network(no_network: list[Any]) -> None:
    _check("validFrom", "9999-12-31T23:59:59-14:00")
    assert no_network == []
