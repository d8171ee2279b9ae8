"""SVG baking: <openbadges:credential> as the root's first child, matched by namespace URI."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET

import pytest
from tests.unit.openbadges.baking_support import CREDENTIAL, JWT, SVG, svg_with

from vckit.errors import BakingError
from vckit.openbadges import badge_image, baking

OB3 = "{https://purl.imsglobal.org/ob/v3p0}credential"


def _root(image: bytes) -> ET.Element:
    return ET.fromstring(image)  # the test's own trusted output, read by a second parser


def test_json_roundtrip_and_placement() -> None:
    baked = baking.bake(SVG, CREDENTIAL)
    assert baking.unbake(baked) == CREDENTIAL
    root = _root(baked)
    assert root[0].tag == OB3  # the first child of <svg>
    assert b'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"' in baked
    assert b"<openbadges:credential><![CDATA[" in baked


def test_cdata_terminator_inside_the_json_is_split_safely() -> None:
    baked = baking.bake(SVG, CREDENTIAL)  # the name holds "]]>"
    assert b"]]]]><![CDATA[>" in baked
    assert baking.unbake(baked)["name"] == "Teamwork ]]> & <friends>"  # type: ignore[index]


def test_jwt_goes_into_the_verify_attribute() -> None:
    baked = baking.bake(SVG, JWT)
    element = _root(baked)[0]
    assert element.tag == OB3
    assert element.get("verify") == JWT
    assert baking.unbake(baked) == JWT


def test_the_issuers_picture_is_untouched() -> None:
    baked = baking.bake(SVG, JWT)
    inserted = f'\n<openbadges:credential verify="{JWT}"/>'.encode()
    namespace = b' xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"'
    assert baked.replace(inserted, b"").replace(namespace, b"") == SVG


def test_an_existing_namespace_declaration_is_reused() -> None:
    image = svg_with("")
    baked = baking.bake(image, JWT)
    assert baked.count(b"xmlns:openbadges=") == 1


def test_a_self_closing_root_and_a_prefixed_root() -> None:
    empty = b'<svg xmlns="http://www.w3.org/2000/svg"/>'
    assert baking.unbake(baking.bake(empty, JWT)) == JWT
    prefixed = b'<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:rect width="1" height="1"/></s:svg>'
    baked = baking.bake(prefixed, CREDENTIAL)
    assert baking.unbake(baked) == CREDENTIAL
    assert _root(baked)[0].tag == OB3


def test_any_prefix_bound_to_the_namespace_is_recognised() -> None:
    image = svg_with(
        f'<ob:credential verify="{JWT}"/>', ns='xmlns:ob="https://purl.imsglobal.org/ob/v3p0"'
    )
    assert baking.unbake(image) == JWT


def test_refused_without_replace_and_replaced_with_it() -> None:
    baked = baking.bake(SVG, JWT)
    with pytest.raises(BakingError, match="already carries an Open Badges credential"):
        baking.bake(baked, CREDENTIAL)
    again = baking.bake(baked, CREDENTIAL, replace=True)
    assert baking.unbake(again) == CREDENTIAL
    assert again.count(b"<openbadges:credential") == 1


def test_open_badges_2_assertion_is_reported_as_2() -> None:
    image = svg_with(
        '<openbadges:assertion verify="https://example.org/assertions/1"/>',
        ns='xmlns:openbadges="http://openbadges.org"',
    )
    found = baking.extract(image)
    assert (found.version, found.payload, found.container) == (
        "2.0",
        "https://example.org/assertions/1",
        "svg",
    )
    with pytest.raises(baking.OpenBadges2Error, match=r"carries an Open Badges 2\.0 assertion"):
        baking.unbake(image)
    with pytest.raises(
        BakingError, match=r"binds the openbadges prefix to 'http://openbadges\.org'"
    ):
        baking.bake(image, JWT, replace=True)


def test_verify_attribute_and_content_together_are_ambiguous() -> None:
    image = svg_with(f'<openbadges:credential verify="{JWT}">{{"a":1}}</openbadges:credential>')
    with pytest.raises(BakingError, match="both a verify attribute and content"):
        baking.unbake(image)


def test_plain_text_content_without_cdata_is_read() -> None:
    image = svg_with(
        '<openbadges:credential>{"type": ["VerifiableCredential"]}</openbadges:credential>'
    )
    assert baking.unbake(image) == {"type": ["VerifiableCredential"]}


def test_the_root_must_be_svg() -> None:
    with pytest.raises(BakingError, match="not an SVG image: the root element is 'html'"):
        baking.unbake(b"<html><body/></html>")


def test_no_credential() -> None:
    with pytest.raises(BakingError, match="the SVG image carries no Open Badges credential"):
        baking.unbake(SVG)


def test_malformed_xml() -> None:
    with pytest.raises(BakingError, match="the SVG is not well-formed XML"):
        baking.unbake(b"<svg xmlns='http://www.w3.org/2000/svg'><g></svg>")


def test_only_utf8_is_baked_but_any_encoding_is_read() -> None:
    latin = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">'
        '<openbadges:credential><![CDATA[{"name": "Café"}]]></openbadges:credential></svg>'
    ).encode("latin-1")
    assert baking.unbake(latin) == {"name": "Café"}
    with pytest.raises(BakingError, match="vckit bakes UTF-8 SVG only; this one is 'ISO-8859-1'"):
        baking.bake(latin, JWT, replace=True)
    with pytest.raises(BakingError, match="this one is UTF-16"):
        baking.bake(SVG.decode().encode("utf-16"), JWT)


def test_the_1edtech_style_prolog_with_a_doctype_is_accepted() -> None:
    prolog = (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
    )
    image = svg_with(f'<openbadges:credential verify="{JWT}"/>', prolog=prolog)
    assert baking.unbake(image) == JWT


def test_generated_badge_image_bakes() -> None:
    svg = badge_image("Teamwork", "Example Corp").encode()
    baked = baking.bake(svg, CREDENTIAL)
    assert baking.unbake(baked) == CREDENTIAL
    assert _root(baked)[0].tag == OB3


def test_without_defusedxml_svg_raises_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m == "defusedxml" or m.startswith("defusedxml.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "defusedxml", None)
    with pytest.raises(BakingError, match=r"needs defusedxml: pip install 'vckit\[svg\]'"):
        baking.unbake(SVG)
