"""The key types vckit supports, looked up by name, multicodec code or JWK ``kty``/``crv``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vckit._codec import multibase, multicodec
from vckit.errors import KeyFormatError, ParseError, UnsupportedAlgorithmError
from vckit.keys._ec import P256Spec, P384Spec, Secp256k1Spec
from vckit.keys._okp import Ed25519Spec, X25519Spec
from vckit.keys._rsa import RSASpec
from vckit.keys._spec import KEY_MATERIAL_MEMBERS, KeySpec

AnySpec = KeySpec[Any, Any]

SPECS: dict[str, AnySpec] = {
    spec.key_type: spec
    for spec in (Ed25519Spec(), X25519Spec(), P256Spec(), P384Spec(), Secp256k1Spec(), RSASpec())
}
KEY_TYPES: tuple[str, ...] = tuple(SPECS)
_BY_PUBLIC_CODE = {spec.public_code: spec for spec in SPECS.values()}
_BY_PRIVATE_CODE = {spec.private_code: spec for spec in SPECS.values()}
# Key codecs that are real but that vckit does not implement: named in the error message.
_UNSUPPORTED_CODES = {
    multicodec.P521_PUB: "P-521",
    multicodec.ED448_PUB: "Ed448",
    multicodec.X448_PUB: "X448",
    multicodec.BLS12_381_G1_PUB: "BLS12-381 G1",
    multicodec.BLS12_381_G2_PUB: "BLS12-381 G2",
    multicodec.BLS12_381_G1G2_PUB: "BLS12-381 G1G2",
}

_JWK_CURVES = {
    "OKP": {"Ed25519": "Ed25519", "X25519": "X25519"},
    "EC": {"P-256": "P-256", "P-384": "P-384", "secp256k1": "secp256k1"},
}
_JWK_UNSUPPORTED_CURVES = {"OKP": {"Ed448", "X448"}, "EC": {"P-521"}}

#: Longest Multikey value accepted: an RSA-8192 secret key is about 6,400 characters.
MAX_MULTIKEY_LENGTH = multibase.DEFAULT_MAX_LENGTH


def spec_for(key_type: str) -> AnySpec:
    """The spec of a key type name such as ``"Ed25519"`` or ``"P-256"``."""
    spec = SPECS.get(key_type)
    if spec is None:
        raise UnsupportedAlgorithmError(
            f"unsupported key type {key_type!r}; expected one of {', '.join(KEY_TYPES)}"
        )
    return spec


def decode_multikey(value: object, *, private: bool) -> tuple[AnySpec, bytes]:
    """Decode a Multikey value (``z`` + base58btc(header + key)) into its spec and raw key."""
    if not isinstance(value, str):
        raise KeyFormatError("Multikey value must be a string")
    if not value.startswith("z"):
        raise KeyFormatError("Multikey value must be base58btc (start with 'z')")
    try:
        code, raw = multicodec.split(multibase.decode(value, max_length=MAX_MULTIKEY_LENGTH))
    except ParseError as exc:
        raise KeyFormatError(f"invalid Multikey value: {exc}") from None
    wanted, other = (
        (_BY_PRIVATE_CODE, _BY_PUBLIC_CODE) if private else (_BY_PUBLIC_CODE, _BY_PRIVATE_CODE)
    )
    spec = wanted.get(code)
    if spec is not None:
        return spec, raw
    if code in other:
        kind = "public" if private else "secret"
        raise KeyFormatError(f"Multikey holds a {kind} key ({multicodec.NAMES[code]})")
    if code in _UNSUPPORTED_CODES:
        raise UnsupportedAlgorithmError(f"{_UNSUPPORTED_CODES[code]} keys are not supported")
    raise KeyFormatError(f"multicodec 0x{code:x} is not a supported key type")


def encode_multikey(code: int, raw: bytes) -> str:
    return multibase.encode(multicodec.add_prefix(code, raw), "base58btc")


def spec_for_jwk(jwk: object) -> AnySpec:
    """Pick the spec from ``kty``/``crv`` and refuse members of another key family."""
    if not isinstance(jwk, Mapping):
        raise KeyFormatError("a JWK must be a JSON object")
    kty, crv = jwk.get("kty"), jwk.get("crv")
    if not isinstance(kty, str):
        raise KeyFormatError("JWK 'kty' is missing or not a string")
    if kty == "RSA":
        if "crv" in jwk:
            raise KeyFormatError("an RSA JWK has no 'crv' member")
        spec = SPECS["RSA"]
    elif kty in _JWK_CURVES:
        if not isinstance(crv, str):
            raise KeyFormatError(f"{kty} JWK 'crv' is missing or not a string")
        if crv in _JWK_CURVES[kty]:
            spec = SPECS[_JWK_CURVES[kty][crv]]
        elif crv in _JWK_UNSUPPORTED_CURVES[kty]:
            raise UnsupportedAlgorithmError(f"JWK curve {crv!r} is not supported")
        elif any(crv in curves for curves in _JWK_CURVES.values()):
            raise KeyFormatError(f"JWK 'crv' {crv!r} does not belong to 'kty' {kty!r}")
        else:
            raise UnsupportedAlgorithmError(f"unknown JWK curve {crv!r}")
    else:
        raise UnsupportedAlgorithmError(f"unsupported JWK key type {kty!r}")
    stray = (KEY_MATERIAL_MEMBERS & set(jwk)) - spec.jwk_public_members - spec.jwk_private_members
    if stray:
        raise KeyFormatError(f"{spec.key_type} JWK has foreign members {sorted(stray)}")
    alg = jwk.get("alg")
    if alg is not None and spec.algorithms and alg not in spec.algorithms:
        raise KeyFormatError(f"JWK 'alg' {alg!r} cannot be used with a {spec.key_type} key")
    return spec
