"""Baked images across implementations: 1EdTech's OB 3.0 samples unbake in vckit, and images
vckit bakes read the same in an independent PNG reader (pypng) and XML parser (ElementTree)."""

from __future__ import annotations

import base64
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import png as pypng
import pytest
from tests.conftest import vectors_dir
from tests.unit.openbadges.baking_support import CREDENTIAL, JWT

from vckit.openbadges import badge_image, badge_png, baking

SAMPLES = ("interop", "1edtech-dc-public-validator", "ob30")


def _sample(name: str) -> Path:
    return vectors_dir(*SAMPLES) / name


def _jwt_payload(token: str) -> dict[str, Any]:
    part = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", ["simple-json.png", "simple-json.svg"])
def test_1edtech_json_samples(name: str) -> None:
    found = baking.extract(_sample(name).read_bytes())
    assert (found.container, found.version) == (name[-3:], "3.0")
    assert isinstance(found.payload, dict)
    assert found.payload["name"] == "Teamwork Badge"
    assert found.payload["proof"][0]["cryptosuite"] == "eddsa-rdfc-2022"
    reference = json.loads(_sample("simple.json").read_text())
    assert {k: v for k, v in found.payload.items() if k != "proof"} == {
        k: v for k, v in reference.items() if k != "proof"
    }


def test_1edtech_png_and_svg_carry_the_same_credential() -> None:
    assert baking.unbake(_sample("simple-json.png").read_bytes()) == baking.unbake(
        _sample("simple-json.svg").read_bytes()
    )


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("simple-jwt.png", "Teamwork Badge"),
        ("simple-jwt.svg", "Teamwork Badge"),
        ("simple-jwt_v1.png", "Example University Degree"),
        ("simple-jwt_v1.svg", "Example University Degree"),
    ],
)
def test_1edtech_jwt_samples(name: str, title: str) -> None:
    found = baking.extract(_sample(name).read_bytes())
    assert (found.container, found.version) == (name[-3:], "3.0")
    assert isinstance(found.payload, str)
    claims = _jwt_payload(found.payload)
    assert (claims.get("name") or claims["vc"]["name"]) == title


def test_rebaked_1edtech_png_reads_the_same_in_pypng() -> None:
    original = _sample("simple-json.png").read_bytes()
    rebaked = baking.bake(original, JWT, replace=True)
    # pypng checks every CRC while it walks the chunks
    chunks = list(pypng.Reader(bytes=rebaked).chunks())
    texts = [data for ctype, data in chunks if ctype == b"iTXt"]
    assert texts == [b"openbadgecredential\x00\x00\x00\x00\x00" + JWT.encode()]
    assert [c for c, _ in chunks][-2:] == [b"iTXt", b"IEND"]
    # the picture is untouched
    before = pypng.Reader(bytes=original).read_flat()
    after = pypng.Reader(bytes=rebaked).read_flat()
    assert before[:2] == after[:2]
    assert list(before[2]) == list(after[2])


def test_vckit_png_reads_the_same_in_pypng() -> None:
    baked = baking.bake(badge_png(size=64), CREDENTIAL)
    chunks = dict(pypng.Reader(bytes=baked).chunks())
    keyword, _, rest = chunks[b"iTXt"].partition(b"\x00")
    assert keyword == b"openbadgecredential"
    assert rest[:4] == b"\x00\x00\x00\x00"  # uncompressed, no language, no translated keyword
    assert json.loads(rest[4:].decode("utf-8")) == CREDENTIAL
    assert baking.unbake(baked) == CREDENTIAL


def test_vckit_svg_reads_the_same_in_elementtree() -> None:
    baked = baking.bake(badge_image("Teamwork", "Example Corp").encode(), CREDENTIAL)
    root = ET.fromstring(baked)
    element = root[0]
    assert element.tag == "{https://purl.imsglobal.org/ob/v3p0}credential"
    assert json.loads(element.text or "") == CREDENTIAL
    jwt_baked = baking.bake(_sample("simple-json.svg").read_bytes(), JWT, replace=True)
    elements = ET.fromstring(jwt_baked).findall("{https://purl.imsglobal.org/ob/v3p0}credential")
    assert [e.get("verify") for e in elements] == [JWT]
