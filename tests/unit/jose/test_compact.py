"""Compact JWS parsing: one spelling per token, caps before decoding."""

from __future__ import annotations

import pytest

from vckit.problems import PARSING_ERROR
from vckit.proofs.jose import JWE_NOT_SUPPORTED_ERROR, JWT_TOO_LARGE_ERROR
from vckit.proofs.jose._compact import encode_json, parse_compact, serialize
from vckit.proofs.jose._rejected import Rejected

HEADER = {"alg": "EdDSA", "typ": "JWT"}
PAYLOAD = {"iss": "did:example:a", "n": 1}


def _token() -> str:
    return serialize(HEADER, PAYLOAD, lambda data: b"sig:" + data[:4])


def _code(token: str | bytes, **kwargs: int) -> str:
    with pytest.raises(Rejected) as caught:
        parse_compact(token, **kwargs)
    return caught.value.problem.code


def test_serialize_then_parse_gives_back_every_part() -> None:
    token = _token()
    parsed = parse_compact(token)
    assert parsed.header == HEADER
    assert parsed.payload == PAYLOAD
    assert parsed.signing_input == token.rsplit(".", 1)[0].encode()
    assert parsed.signature == b"sig:" + token.encode()[:4]


def test_serialize_signs_exactly_the_signing_input() -> None:
    seen: list[bytes] = []

    def sign(data: bytes) -> bytes:
        seen.append(data)
        return b"x"

    token = serialize(HEADER, PAYLOAD, sign)
    assert seen == [token.rsplit(".", 1)[0].encode("ascii")]


def test_encode_json_is_compact_utf8_and_refuses_nan() -> None:
    assert encode_json({"a": "é", "b": [1, 2]}) == '{"a":"é","b":[1,2]}'.encode()
    with pytest.raises(ValueError, match="Out of range"):
        encode_json({"a": float("nan")})


def test_bytes_tokens_are_accepted() -> None:
    assert parse_compact(_token().encode()).payload == PAYLOAD


@pytest.mark.parametrize(
    ("token", "code"),
    [
        ("a.b", PARSING_ERROR),
        ("a.b.c.d", PARSING_ERROR),
        ("a.b.c.d.e", JWE_NOT_SUPPORTED_ERROR),
        ("eyJhbGciOiJFZERTQSJ9..c2ln", PARSING_ERROR),  # detached payload
        ("", PARSING_ERROR),
    ],
)
def test_shape(token: str, code: str) -> None:
    assert _code(token) == code


def test_size_is_checked_before_anything_else() -> None:
    assert _code("x" * 101, max_bytes=100) == JWT_TOO_LARGE_ERROR
    assert _code(b"x" * 101, max_bytes=100) == JWT_TOO_LARGE_ERROR


def test_non_ascii_bytes_are_a_parsing_problem() -> None:
    assert _code(b"\xff.a.b") == PARSING_ERROR


def test_header_that_is_not_an_object() -> None:
    token = serialize({"alg": "EdDSA"}, PAYLOAD, lambda data: b"s")
    bad = "WzFd" + token[token.index(".") :]  # base64url of "[1]"
    with pytest.raises(Rejected, match="JWS header is not a JSON object") as caught:
        parse_compact(bad)
    assert caught.value.problem.code == PARSING_ERROR
    assert caught.value.problem.detail["part"] == "header"


def test_non_string_token_is_a_programmer_error() -> None:
    with pytest.raises(TypeError, match="token must be str or bytes, not int"):
        parse_compact(123)  # type: ignore[arg-type]
