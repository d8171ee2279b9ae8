"""What was handed to ``vckit.verify``: a dict, JSON text, a JWT, a presentation or an image.

Detection is pure and bounded: sizes are checked before anything is parsed, JSON goes through the
strict parser (duplicate keys, NaN, lone surrogates refused), a dict is walked once for depth and
breadth (a cyclic or 300,000-member object is refused here, before any check costs time), and an
image goes through ``vckit.openbadges.baking.extract`` when that module is installed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from vckit._codec import base64url
from vckit._codec.limits import check_json_limits, json_shape
from vckit._codec.strict_json import loads_strict
from vckit.errors import ParseError, VckitError
from vckit.verification import _codes as codes

__all__ = ["Parsed", "detect", "detect_json", "is_ob2", "peek_jwt_kind"]

DEFAULT_MAX_INPUT_BYTES: Final = 4 * 1024 * 1024
MAX_IMAGE_BYTES: Final = 16 * 1024 * 1024
MAX_DEPTH: Final = 100
MAX_NODES: Final = 100_000
MAX_MEMBERS: Final = 10_000

_PNG: Final = b"\x89PNG\r\n\x1a\n"
_JWS: Final = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
# VC 2.0 EnvelopedVerifiableCredential data URLs (vc-ld+jwt: the media type of earlier drafts).
_ENVELOPE: Final = re.compile(r"data:application/(?:vc\+jwt|vc-ld\+jwt)(?:;base64url)?,")
OB2_CONTEXT: Final = "https://w3id.org/openbadges/v2"


class Parsed:
    """One input after detection: JSON ``data`` or a compact ``token``, or the ``problem``.

    Read-only by convention. A plain class rather than a dataclass: this module is compiled, and a
    compiled dataclass still runs the generated Python ``__init__`` (once per verification).
    """

    __slots__ = (
        "container", "data", "deepest", "fatal_error", "nested_context", "problem", "token"
    )  # fmt: skip

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        token: str | None = None,
        container: str | None = None,
        problem: tuple[str, str] | None = None,  # (code, message)
        fatal_error: bool = False,  # the problem is an ERROR (could not check), not a FAILED
        nested_context: bool = True,  # False only when the bounds walk saw none below the top
        deepest: int = -1,  # the bounds walk's deepest container level; -1: not walked
    ) -> None:
        self.data = data
        self.token = token
        self.container = container
        self.problem = problem
        self.fatal_error = fatal_error
        self.nested_context = nested_context
        self.deepest = deepest


def _failed(code: str, message: str, container: str | None = None) -> Parsed:
    return Parsed(problem=(code, message), container=container)


def check_bounds(value: Any, *, max_depth: int = MAX_DEPTH, max_nodes: int = MAX_NODES) -> bool:
    """``ParseError`` unless ``value`` is plain JSON of bounded depth, breadth and size.

    The one bounds walk of a verification (``vckit._codec.limits``, JSON types enforced): the
    Data Integrity engine and the Open Badges rules run after it without walking again. A cyclic
    structure (possible in a Python dict, not in JSON) runs into the depth or node bound.
    Returns whether an object below the top level has an ``@context`` member.
    """
    return check_json_limits(
        value, max_depth=max_depth, max_nodes=max_nodes, max_members=MAX_MEMBERS, json_types=True
    )


def bounds_shape(value: Any) -> tuple[bool, int]:
    """``check_bounds``, also returning the depth of its deepest container: the shape the Data
    Integrity engine would otherwise walk the document again to learn (``json_shape``)."""
    return json_shape(
        value, max_depth=MAX_DEPTH, max_nodes=MAX_NODES, max_members=MAX_MEMBERS, json_types=True
    )


def is_ob2(data: Mapping[str, Any]) -> bool:
    """An Open Badges 2.0 assertion (its context, or the 2.0 ``Assertion`` shape)."""
    context = data.get("@context")
    contexts = context if isinstance(context, list) else [context]
    if OB2_CONTEXT in contexts:
        return True
    types = data.get("type")
    values = types if isinstance(types, list) else [types]
    return "Assertion" in values and "badge" in data and "verification" in data


def peek_jwt_kind(token: str) -> str:
    """``"vp"`` when the (unverified) token carries a presentation, else ``"vc"``.

    Only routes the token; the JOSE layer decides everything that matters.
    """
    try:
        header = loads_strict(base64url.decode(token.split(".", 2)[0]))
        payload = loads_strict(base64url.decode(token.split(".", 2)[1]))
    except (ParseError, ValueError, IndexError):
        return "vc"
    if isinstance(header, Mapping) and header.get("typ") == "vp+jwt":
        return "vp"
    if not isinstance(payload, Mapping):
        return "vc"
    if "vp" in payload:
        return "vp"
    types = payload.get("type")
    values = types if isinstance(types, list) else [types]
    return "vp" if "VerifiablePresentation" in values else "vc"


def _enveloped(data: Mapping[str, Any]) -> str | None:
    types = data.get("type")
    values = types if isinstance(types, list) else [types]
    ident = data.get("id")
    enveloped = "EnvelopedVerifiableCredential" in values
    found = _ENVELOPE.match(ident) if enveloped and isinstance(ident, str) else None
    return ident[found.end() :] if found is not None and isinstance(ident, str) else None


def detect_json(data: Any, container: str | None = None) -> Parsed:
    """Check a parsed JSON value (or a caller's dict) and route it."""
    if isinstance(data, str):
        return _text(data, container)
    if type(data) is not dict and not isinstance(data, Mapping):
        return _failed(codes.PARSING_ERROR, "a credential must be a JSON object", container)
    try:
        nested_context, deepest = bounds_shape(data)
    except ParseError as exc:
        return _failed(codes.PARSING_ERROR, str(exc), container)
    token = _enveloped(data)
    if token is not None:
        return Parsed(token=token, container=container)
    return Parsed(data=data, container=container, nested_context=nested_context, deepest=deepest)


def _text(text: str, container: str | None) -> Parsed:
    stripped = text.strip()
    if _JWS.fullmatch(stripped):
        return Parsed(token=stripped, container=container)
    if stripped.startswith(("{", "[")):
        try:
            value = loads_strict(stripped)
        except ParseError as exc:
            return _failed(codes.PARSING_ERROR, f"not acceptable JSON: {exc}", container)
        return detect_json(value, container)
    return _failed(
        codes.FORMAT_NOT_RECOGNIZED,
        "neither JSON, a compact JWT, a PNG nor an SVG",
        container,
    )


def _image(content: bytes, container: str) -> Parsed:
    if len(content) > MAX_IMAGE_BYTES:
        return _failed(
            codes.INPUT_TOO_LARGE, f"the image is larger than {MAX_IMAGE_BYTES} bytes", container
        )
    from vckit.openbadges import baking  # imported only for images

    try:
        baked = baking.extract(content)
    except VckitError as exc:
        return _failed(codes.PARSING_ERROR, f"no usable credential in the image: {exc}", container)
    found = str(getattr(baked, "container", container))
    if str(getattr(baked, "version", "3.0")) == "2.0":
        return Parsed(data={"@context": OB2_CONTEXT, "type": "Assertion"}, container=found)
    return detect_json(baked.payload, found)


def _looks_like_svg(content: bytes) -> bool:
    head = content[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<svg"):
        return True
    return head.startswith((b"<?xml", b"<!--", b"<!doctype svg")) and b"<svg" in head


def detect(thing: Any, *, max_bytes: int = DEFAULT_MAX_INPUT_BYTES) -> Parsed:
    """Route ``thing`` by what it is; never raises for bad input (a ``TypeError`` for bad types)."""
    if type(thing) is dict:  # the usual input, told apart without the ABC checks below
        return detect_json(thing)
    if isinstance(thing, os.PathLike):
        path = Path(thing)
        try:
            size = path.stat().st_size
            if size > MAX_IMAGE_BYTES:
                return _failed(
                    codes.INPUT_TOO_LARGE, f"{path.name} is larger than {MAX_IMAGE_BYTES} bytes"
                )
            thing = path.read_bytes()
        except OSError as exc:
            return _failed(codes.PARSING_ERROR, f"cannot read {path.name}: {exc.strerror}")
    if isinstance(thing, bytes | bytearray | memoryview):
        content = bytes(thing)
        if content.startswith(_PNG):
            return _image(content, "png")
        if _looks_like_svg(content):
            return _image(content, "svg")
        if len(content) > max_bytes:
            return _failed(codes.INPUT_TOO_LARGE, f"the input is larger than {max_bytes} bytes")
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            return _failed(codes.PARSING_ERROR, "the input is not UTF-8 text")
        return _text(text.removeprefix("\ufeff"), None)
    if isinstance(thing, str):
        if len(thing) > max_bytes:
            return _failed(codes.INPUT_TOO_LARGE, f"the input is larger than {max_bytes} bytes")
        return _text(thing, None)
    if isinstance(thing, Mapping):
        return detect_json(thing)
    to_json = getattr(thing, "to_json", None)  # an Open Badges model
    if callable(to_json):
        return detect_json(to_json())
    raise TypeError(
        "verify() takes a dict, JSON text or bytes, a compact JWT, PNG/SVG bytes or a path, "
        f"not {type(thing).__name__}"
    )
