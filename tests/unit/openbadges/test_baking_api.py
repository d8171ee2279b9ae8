"""bake / unbake / extract: argument types, format detection, the error tree."""

from __future__ import annotations

import pytest
from tests.unit.openbadges.baking_support import CREDENTIAL, JWT, SVG, png

from vckit.errors import BakingError, ParseError, VckitError
from vckit.openbadges import baking


def test_error_tree() -> None:
    assert issubclass(BakingError, ParseError)
    assert issubclass(BakingError, VckitError)
    assert issubclass(BakingError, ValueError)
    assert issubclass(baking.OpenBadges2Error, BakingError)
    assert baking.BakingError is BakingError


def test_format_is_detected_from_the_bytes() -> None:
    assert baking.extract(baking.bake(png(), JWT)).container == "png"
    assert baking.extract(baking.bake(SVG, JWT)).container == "svg"
    assert baking.extract(bytearray(baking.bake(png(), JWT))).payload == JWT
    with pytest.raises(BakingError, match="not a PNG or SVG image"):
        baking.unbake(b"GIF89a....")
    with pytest.raises(BakingError, match="not a PNG or SVG image"):
        baking.bake(b"", JWT)


def test_wrong_argument_types_are_programmer_errors() -> None:
    with pytest.raises(TypeError, match="image must be bytes, not str"):
        baking.unbake("<svg/>")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="credential must be a dict or a str, not int"):
        baking.bake(png(), 7)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not plain JSON"):
        baking.bake(png(), {"a": float("nan")})
    with pytest.raises(ValueError, match="not plain JSON"):
        baking.bake(png(), {"a": (1, 2)})


def test_credential_strings_must_be_json_objects_or_compact_jwts() -> None:
    with pytest.raises(BakingError, match="neither a JSON object nor a compact JWT"):
        baking.bake(png(), "hello")
    with pytest.raises(BakingError, match="neither a JSON object nor a compact JWT"):
        baking.bake(png(), "a.b.c.d.e")  # a JWE is not a credential
    with pytest.raises(BakingError, match="not acceptable JSON"):
        baking.bake(png(), '{"a": NaN}')


def test_credential_size_is_capped() -> None:
    big = {"name": "x" * (baking.MAX_CREDENTIAL_BYTES + 1)}
    with pytest.raises(BakingError, match="larger than"):
        baking.bake(png(), big)


def test_baked_credential_is_a_frozen_value() -> None:
    found = baking.extract(baking.bake(png(), CREDENTIAL))
    assert found == baking.BakedCredential(CREDENTIAL, "png", "3.0")
    with pytest.raises(AttributeError, match="cannot assign to field 'version'"):
        found.version = "2.0"  # type: ignore[misc]
