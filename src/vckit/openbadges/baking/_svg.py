"""SVG baking: ``<openbadges:credential>`` as the first child of the root ``<svg>``.

SVG is parsed with defusedxml (no entity declarations, no external references; expat never
fetches a DTD). Elements are matched by namespace URI, never by prefix, so an ``openbadges:``
prefix bound to another namespace is not a credential. Baking edits the issuer's bytes in place
(the root start tag and one inserted element) instead of re-serialising the tree, so the picture
is untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Final

from vckit.errors import BakingError

__all__ = ["MAX_SVG_BYTES", "OB2_NAMESPACE", "OB3_NAMESPACE", "bake_svg", "find_svg_text"]

OB3_NAMESPACE: Final = "https://purl.imsglobal.org/ob/v3p0"
OB2_NAMESPACE: Final = "http://openbadges.org"
SVG_NAMESPACE: Final = "http://www.w3.org/2000/svg"
#: The largest SVG vckit parses.
MAX_SVG_BYTES: Final = 32 * 1024 * 1024
_OB3_TAG: Final = f"{{{OB3_NAMESPACE}}}credential"
_OB2_TAG: Final = f"{{{OB2_NAMESPACE}}}assertion"
_ENCODING: Final = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")


@dataclass
class _Found:
    version: str
    start: int
    attrib: dict[str, str]
    depth: int
    end: int = -1
    text: list[str] = field(default_factory=list)
    size: int = 0


class _Collector:
    """An ElementTree parser target that records the root and the Open Badges elements."""

    def __init__(self, cap: int) -> None:
        self.parser: Any = None
        self.cap = cap
        self.depth = 0
        self.root: str | None = None
        self.root_start = -1
        self.root_ns: dict[str, str] = {}
        self._pending_ns: dict[str, str] = {}
        self.found: list[_Found] = []
        self._open: _Found | None = None

    def _index(self) -> int:
        return int(self.parser.parser.CurrentByteIndex)

    def start_ns(self, prefix: str, uri: str) -> None:
        self._pending_ns[prefix] = uri

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if self.depth == 0:
            self.root = tag
            self.root_start = self._index()
            self.root_ns = self._pending_ns
        self._pending_ns = {}
        if self._open is not None:
            raise BakingError("the Open Badges element must hold only text, not elements")
        if tag in (_OB3_TAG, _OB2_TAG):
            version = "3.0" if tag == _OB3_TAG else "2.0"
            self._open = _Found(version, self._index(), dict(attrib), self.depth)
            self.found.append(self._open)
        self.depth += 1

    def data(self, text: str) -> None:
        if self._open is not None:
            self._open.size += len(text)
            if self._open.size > self.cap:
                raise BakingError(f"the SVG credential is larger than {self.cap} bytes")
            self._open.text.append(text)

    def end(self, tag: str) -> None:
        self.depth -= 1
        if self._open is not None and self.depth == self._open.depth:
            self._open.end = self._index()
            self._open = None

    def close(self) -> None:
        return None


def _parse(image: bytes, cap: int) -> _Collector:
    try:
        from defusedxml import DefusedXmlException
        from defusedxml.common import (
            DTDForbidden,
            EntitiesForbidden,
            ExternalReferenceForbidden,
        )
        from defusedxml.ElementTree import DefusedXMLParser, ParseError
    except ImportError:
        raise BakingError(
            "reading SVG badge images needs defusedxml: pip install 'vckit[svg]'"
        ) from None
    if len(image) > MAX_SVG_BYTES:
        raise BakingError(f"the SVG image is larger than {MAX_SVG_BYTES} bytes")
    collector = _Collector(cap)
    parser = DefusedXMLParser(
        target=collector, forbid_dtd=False, forbid_entities=True, forbid_external=True
    )
    collector.parser = parser
    try:
        parser.feed(image)
        parser.close()
    except EntitiesForbidden:
        raise BakingError(
            "the SVG declares an XML entity; entities are refused (entity expansion, "
            "external entities)"
        ) from None
    except ExternalReferenceForbidden:
        raise BakingError("the SVG refers to an external resource; refused") from None
    except DTDForbidden:  # pragma: no cover - DTDs are allowed, their entities are not
        raise BakingError("the SVG has a DTD; refused") from None
    except DefusedXmlException as exc:  # pragma: no cover - future defusedxml checks
        raise BakingError(f"the SVG was refused by the XML parser: {exc}") from None
    except ParseError as exc:
        raise BakingError(f"the SVG is not well-formed XML: {exc}") from None
    except BakingError:
        raise
    except Exception as exc:  # expat and codecs raise LookupError, UnicodeError, ...
        raise BakingError(f"the SVG could not be read: {type(exc).__name__}") from None
    if collector.root not in (f"{{{SVG_NAMESPACE}}}svg", "svg"):
        raise BakingError(f"not an SVG image: the root element is {str(collector.root)[:80]!r}")
    return collector


def _element_text(found: _Found) -> str:
    verify = found.attrib.get("verify")
    text = "".join(found.text).strip()
    if verify is not None and text:
        raise BakingError("the Open Badges element has both a verify attribute and content")
    return verify if verify is not None else text


def find_svg_text(image: bytes, cap: int) -> tuple[str, str] | None:
    """``(text, version)`` of the one Open Badges element, preferring 3.0; None when none."""
    collector = _parse(image, cap)
    for version, name in (("3.0", "openbadges:credential"), ("2.0", "openbadges:assertion")):
        found = [f for f in collector.found if f.version == version]
        if len(found) > 1:
            raise BakingError(f"the SVG carries more than one {name} element")
        if found:
            return _element_text(found[0]), version
    return None


def _tag_end(image: bytes, start: int) -> int:
    """Index just past the ``>`` closing the tag that starts at ``start`` (quotes respected)."""
    quote = 0
    for index in range(start + 1, len(image)):
        byte = image[index]
        if quote:
            if byte == quote:
                quote = 0
        elif byte in (0x22, 0x27):
            quote = byte
        elif byte == 0x3E:
            return index + 1
    raise BakingError("the SVG has an unterminated tag")  # pragma: no cover - parser saw it


def _element_end(image: bytes, found: _Found) -> int:
    start_tag_end = _tag_end(image, found.start)
    if image[start_tag_end - 2 : start_tag_end] == b"/>":
        return start_tag_end
    return _tag_end(image, found.end)


def _check_encoding(image: bytes) -> None:
    if image.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BakingError("vckit bakes UTF-8 SVG only; this one is UTF-16")
    match = _ENCODING.match(image)
    if match and match.group(1).lower() not in (b"utf-8", b"utf8", b"us-ascii", b"ascii"):
        raise BakingError(f"vckit bakes UTF-8 SVG only; this one is {match.group(1).decode()!r}")


def _element(text: str, *, jwt: bool) -> bytes:
    if jwt:
        return f'<openbadges:credential verify="{text}"/>'.encode()
    safe = text.replace("]]>", "]]]]><![CDATA[>")
    return f"<openbadges:credential><![CDATA[{safe}]]></openbadges:credential>".encode()


def bake_svg(image: bytes, text: str, *, jwt: bool, replace: bool, cap: int) -> bytes:
    """``image`` with ``<openbadges:credential>`` holding ``text`` as the root's first child."""
    _check_encoding(image)
    collector = _parse(image, cap)
    if collector.found and not replace:
        raise BakingError(
            "the image already carries an Open Badges credential; pass replace=True to replace it"
        )
    bound = collector.root_ns.get("openbadges")
    if bound is not None and bound != OB3_NAMESPACE:
        raise BakingError(f"the SVG binds the openbadges prefix to {bound[:100]!r}; cannot bake")
    edits: list[tuple[int, int, bytes]] = [
        (f.start, _element_end(image, f), b"") for f in collector.found
    ]
    root_end = _tag_end(image, collector.root_start)
    empty = image[root_end - 2 : root_end] == b"/>"
    close_at = root_end - 2 if empty else root_end - 1
    namespace = b"" if bound else f' xmlns:openbadges="{OB3_NAMESPACE}"'.encode()
    element = _element(text, jwt=jwt)
    if empty:
        name = re.match(rb"<([^\s/>]+)", image[collector.root_start : root_end])
        assert name is not None
        insert = namespace + b">\n" + element + b"\n</" + name.group(1) + b">"
        edits.append((close_at, root_end, insert))
    else:
        edits.append((close_at, close_at, namespace))
        edits.append((root_end, root_end, b"\n" + element))
    result = image
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        result = result[:start] + replacement + result[end:]
    return result
