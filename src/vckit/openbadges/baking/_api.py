"""bake / unbake / extract: the format is detected from the bytes, never from a file name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from vckit.errors import BakingError
from vckit.openbadges.baking._payload import (
    MAX_CREDENTIAL_BYTES,
    decode_payload,
    encode_credential,
    is_compact_jws,
)
from vckit.openbadges.baking._png import PNG_SIGNATURE, bake_png, find_text, read_chunks
from vckit.openbadges.baking._svg import bake_svg, find_svg_text

__all__ = ["BakedCredential", "OpenBadges2Error", "bake", "extract", "unbake"]


class OpenBadges2Error(BakingError):
    """The image carries an Open Badges 2.0 assertion, not an OB 3.0 credential.

    ``baked`` holds what was found, so a caller that handles OB 2.0 can still read it.
    """

    def __init__(self, message: str, *, baked: BakedCredential) -> None:
        super().__init__(message)
        self.baked = baked


@dataclass(frozen=True, slots=True)
class BakedCredential:
    """What an image carries: the ``payload`` (a JSON dict or a JWT / URL string), the
    ``container`` it came from and the Open Badges ``version`` its carrier names."""

    payload: dict[str, Any] | str
    container: Literal["png", "svg"]
    version: Literal["3.0", "2.0"]


def _as_bytes(image: object) -> bytes:
    if isinstance(image, bytes):
        return image
    if isinstance(image, bytearray | memoryview):
        return bytes(image)
    raise TypeError(f"image must be bytes, not {type(image).__name__}")


def _container(image: bytes) -> Literal["png", "svg"]:
    if image.startswith(PNG_SIGNATURE):
        return "png"
    head = image[:64].lstrip(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"<") or image.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "svg"
    raise BakingError("not a PNG or SVG image")


def extract(image: bytes) -> BakedCredential:
    """What ``image`` carries, Open Badges 3.0 or 2.0; ``BakingError`` for a bad or bare image.

    Never raises for an OB 2.0 image: ``version`` says which carrier was found.
    """
    data = _as_bytes(image)
    container = _container(data)
    if container == "png":
        found = find_text(data, read_chunks(data), MAX_CREDENTIAL_BYTES)
    else:
        found = find_svg_text(data, MAX_CREDENTIAL_BYTES)
    if found is None:
        raise BakingError(f"the {container.upper()} image carries no Open Badges credential")
    text, version = found
    payload = decode_payload(text, version=version)
    return BakedCredential(payload, container, "3.0" if version == "3.0" else "2.0")


def unbake(image: bytes) -> dict[str, Any] | str:
    """The Open Badges 3.0 credential baked into ``image``: a dict (JSON) or a compact JWT.

    Raises ``OpenBadges2Error`` for an OB 2.0 image and ``BakingError`` for anything else wrong.
    """
    baked = extract(image)
    if baked.version != "3.0":
        raise OpenBadges2Error(
            "the image carries an Open Badges 2.0 assertion, not an OB 3.0 credential",
            baked=baked,
        )
    return baked.payload


def bake(image: bytes, credential: dict[str, Any] | str, *, replace: bool = False) -> bytes:
    """``image`` (PNG or SVG) with ``credential`` baked in, as Open Badges 3.0 specifies.

    ``credential`` is the signed JSON credential (a dict, or its JSON text kept byte for byte) or
    a compact VC-JWT. An image that already carries a credential (3.0 or 2.0) is refused unless
    ``replace=True``. The result is read back before it is returned, so what you get unbakes to
    exactly the credential you passed.
    """
    data = _as_bytes(image)
    text = encode_credential(credential)
    container = _container(data)
    if container == "png":
        baked = bake_png(data, text, replace=replace)
    else:
        baked = bake_svg(
            data, text, jwt=is_compact_jws(text), replace=replace, cap=MAX_CREDENTIAL_BYTES
        )
    check = extract(baked)
    expected = decode_payload(text, version="3.0")
    if check.version != "3.0" or check.payload != expected:  # pragma: no cover - a vckit bug
        raise BakingError("the baked image does not read back as the credential")
    return baked
