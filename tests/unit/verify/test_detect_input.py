"""Input detection and the bounds every dict passes before any check runs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from vckit.errors import ParseError
from vckit.verification._detect import check_bounds, detect, peek_jwt_kind


@pytest.mark.parametrize(
    ("value", "match"),
    [
        ({"a": float("nan")}, "NaN"),
        ({"a": [1, float("inf")]}, "NaN"),
        ({"a": b"bytes"}, r"bytes at \$\.a is not a JSON value"),
        ({1: "x"}, r"member name 1 at \$ is not a string"),
        ({"a": {f"k{i}": i for i in range(10_001)}}, r"\$\.a has 10001 members; at most 10000"),
        ({"a": list(range(10_001))}, r"\$\.a has 10001 items; at most 10000"),
        ({"a": (1, 2)}, r"tuple at \$\.a is not a JSON value"),
        ({"a": "\ud800"}, r"string at \$\.a contains a lone surrogate"),
    ],
)
def test_check_bounds_refuses(value: Any, match: str) -> None:
    with pytest.raises(ParseError, match=match):
        check_bounds(value)


def test_check_bounds_depth_and_size() -> None:
    deep: Any = "leaf"
    for _ in range(150):
        deep = {"a": deep}
    with pytest.raises(ParseError, match="deeper than 100"):
        check_bounds(deep)
    wide = {"a": [[0] * 5000 for _ in range(30)]}
    with pytest.raises(ParseError, match="more than 100000 JSON values"):
        check_bounds(wide)


def test_check_bounds_accepts_json_and_subclasses_of_its_types() -> None:
    class Text(str):
        pass

    check_bounds({"a": [1, 2.5, True, None, "s", Text("t"), {"b": []}]})


def test_detect_routes_each_kind(tmp_path: Path) -> None:
    credential = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": "VerifiableCredential",
    }
    assert detect(credential).data == credential
    assert detect(json.dumps(credential)).data == credential
    assert detect(b"\xef\xbb\xbf" + json.dumps(credential).encode()).data == credential
    assert (
        detect("  eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2ln \n").token
        == "eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2ln"
    )
    envelope = {
        "@context": "https://www.w3.org/ns/credentials/v2",
        "type": "EnvelopedVerifiableCredential",
        "id": "data:application/vc+jwt,aaa.bbb.ccc",
    }
    assert detect(envelope).token == "aaa.bbb.ccc"
    path = tmp_path / "badge.json"
    path.write_text(json.dumps(credential), encoding="utf-8")
    assert detect(path).data == credential
    missing = detect(tmp_path / "absent.png")
    assert missing.problem is not None
    assert missing.problem[0] == "PARSING_ERROR"
    assert detect(b"\xff\xfe not utf-8").problem == ("PARSING_ERROR", "the input is not UTF-8 text")


def test_svg_and_png_are_recognised_as_images() -> None:
    for content, container in (
        (b"\x89PNG\r\n\x1a\n....", "png"),
        (b'<?xml version="1.0"?>\n<svg xmlns="x"/>', "svg"),
    ):
        parsed = detect(content)
        assert parsed.container == container


def test_peek_jwt_kind() -> None:
    import base64

    def part(value: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    header = part({"alg": "EdDSA"})
    assert peek_jwt_kind(f"{header}.{part({'vp': {}})}.sig") == "vp"
    assert peek_jwt_kind(f"{part({'alg': 'EdDSA', 'typ': 'vp+jwt'})}.{part({})}.sig") == "vp"
    assert peek_jwt_kind(f"{header}.{part({'type': ['VerifiablePresentation']})}.sig") == "vp"
    assert peek_jwt_kind(f"{header}.{part({'vc': {}})}.sig") == "vc"
    assert peek_jwt_kind("garbage.garbage.x") == "vc"
