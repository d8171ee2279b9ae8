"""badge_image (accessible SVG) and badge_png (a pure-Python PNG) render what they promise."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zlib

import png as pypng
import pytest

from vckit.openbadges import badge_image, badge_png
from vckit.openbadges._image import contrast_ratio

SVG_NS = "{http://www.w3.org/2000/svg}"


def _texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG_NS}text")]


def test_accessible_structure() -> None:
    svg = badge_image("Teamwork", "Example Corp")
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    title = root.find(f"{SVG_NS}title")
    desc = root.find(f"{SVG_NS}desc")
    assert title is not None
    assert title.text == "Badge “Teamwork” issued by Example Corp"
    assert desc is not None
    assert desc.text == "Badge “Teamwork” issued by Example Corp"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert _texts(svg) == ["T", "Teamwork", "Example Corp"]


def test_every_string_is_escaped() -> None:
    svg = badge_image(
        "<script>alert(1)</script>", 'Evil "Corp" & <b>', icon="<", description="</desc><x/>"
    )
    root = ET.fromstring(svg)  # still well-formed
    assert root.find(f"{SVG_NS}script") is None
    assert not [e for e in root.iter() if e.tag.endswith("}x") or e.tag == "x"]
    assert "<script>alert(1)</script>" in "".join(_texts(svg))
    desc = root.find(f"{SVG_NS}desc")
    assert desc is not None
    assert desc.text == "</desc><x/>"


def test_xml_illegal_characters_are_dropped() -> None:
    svg = badge_image("Bad\x00\x01name\ufffe", "Issuer\x0b")
    assert _texts(svg)[1:] == ["Badname", "Issuer"]


def test_long_names_wrap_to_three_lines_and_shorten() -> None:
    name = "Advanced Certificate in Sustainable Supply Chain Management and Logistics Excellence"
    svg = badge_image(name, "A university with a very long name indeed, really")
    root = ET.fromstring(svg)
    tspans = [t.text or "" for t in root.iter(f"{SVG_NS}tspan")]
    assert len(tspans) == 3
    assert all(len(line) <= 16 for line in tspans)
    assert tspans[-1].endswith("…")
    assert _texts(svg)[-1] == "A university with a ver…"
    unbroken = badge_image("Pneumonoultramicroscopicsilicovolcanoconiosis", "X")
    assert [t.text for t in ET.fromstring(unbroken).iter(f"{SVG_NS}tspan")] == [
        "Pneumonoultramic",
        "roscopicsilicovo",
        "lcanoconiosis",
    ]


@pytest.mark.parametrize("colour", ["#ffffff", "#f5c518", "#000000", "#1f4e8c", "#0a7", "#777777"])
def test_lettering_contrasts_with_the_colour(colour: str) -> None:
    svg = badge_image("Teamwork", "Example", colour=colour)
    root = ET.fromstring(svg)
    group = root.find(f"{SVG_NS}g")
    assert group is not None
    ink = group.get("fill", "")
    fill = root.findall(f"{SVG_NS}circle")[1].get("fill", "")
    rgb = tuple(int(fill[i : i + 2], 16) for i in (1, 3, 5))
    ink_rgb = tuple(int(ink[i : i + 2], 16) for i in (1, 3, 5))
    assert contrast_ratio(rgb, ink_rgb) >= 4.5  # type: ignore[arg-type]
    if colour == "#1f4e8c":
        assert fill == colour  # a colour that already reads well is kept


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="colour must be #rgb or #rrggbb"):
        badge_image("a", "b", colour="red;stroke:url(javascript:x)")
    with pytest.raises(ValueError, match="icon must be at most 3 characters"):
        badge_image("a", "b", icon="ABCD")
    with pytest.raises(ValueError, match="size must be an int"):
        badge_image("a", "b", size=10**6)
    with pytest.raises(ValueError, match="size must be an int"):
        badge_png(size=4)


def test_badge_png_is_a_valid_png_read_by_an_independent_reader() -> None:
    data = badge_png(colour="#b91c1c", size=48)
    width, height, rows, info = pypng.Reader(bytes=data).read()
    pixels = [list(r) for r in rows]
    assert (width, height, info["alpha"], info["bitdepth"]) == (48, 48, True, 8)
    assert pixels[0][3] == 0  # transparent corner
    centre_left = pixels[24][4 * 6 : 4 * 6 + 4]  # inside the disc, left of the tick
    assert centre_left == [0xB9, 0x1C, 0x1C, 255]
    assert zlib.crc32(data) == zlib.crc32(badge_png(colour="#b91c1c", size=48))  # deterministic
