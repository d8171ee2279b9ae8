"""JOSE header rules for the two credential profiles.

Most JOSE CVEs start in the header: ``alg: none``, HMAC keyed with a public key, keys fetched from
``jku``/``x5u``, trust in an embedded ``jwk``, ``crit`` extensions a library silently ignores. The
header is therefore checked against a closed list per profile before any key is looked up: a name
that is not on the list fails, and no header value ever causes a fetch.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal

from vckit.proofs.jose._problems import (
    JWS_ALGORITHM_NOT_ALLOWED_ERROR,
    JWS_HEADER_INVALID_ERROR,
    JWS_HEADER_NOT_ALLOWED_ERROR,
)
from vckit.proofs.jose._rejected import Rejected

__all__ = [
    "DEFAULT_ALGORITHMS",
    "VC_JOSE_COSE",
    "VC_JWT",
    "Kind",
    "Profile",
    "TokenHeader",
    "check_algorithms",
    "check_header",
]

Profile = Literal["vc-jwt", "vc+jwt"]
Kind = Literal["vc", "vp"]
VC_JWT: Final[Profile] = "vc-jwt"
VC_JOSE_COSE: Final[Profile] = "vc+jwt"

# Every asymmetric algorithm vckit.keys can verify. Symmetric (HS*) and "none" are not here and
# cannot be added: a credential is verified by parties who must not be able to forge it.
DEFAULT_ALGORITHMS: Final = frozenset(
    {"EdDSA", "ES256", "ES384", "ES256K", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512"}
)
_NEVER: Final = re.compile(r"none|HS[0-9]+", re.IGNORECASE)

_ALLOWED_NAMES: Final[Mapping[Profile, frozenset[str]]] = {
    VC_JWT: frozenset({"alg", "typ", "kid", "jwk"}),
    VC_JOSE_COSE: frozenset({"alg", "typ", "cty", "kid"}),
}


@dataclass(frozen=True, slots=True)
class TokenHeader:
    """The checked header: which profile it is, its algorithm and where its key comes from."""

    profile: Profile
    alg: str
    kid: str | None
    jwk: Mapping[str, Any] | None


def check_algorithms(algorithms: Collection[str]) -> frozenset[str]:
    """Validate a caller's allow-list: only algorithms vckit can verify, never none / HMAC."""
    if isinstance(algorithms, str):
        raise TypeError("algorithms must be a collection of names, not a single string")
    chosen = frozenset(algorithms)
    if not chosen:
        raise ValueError("algorithms is empty: no token could ever verify")
    unknown = sorted(chosen - DEFAULT_ALGORITHMS)
    if unknown:
        raise ValueError(f"JWS algorithms not supported (asymmetric only): {unknown}")
    return chosen


def _media_types(kind: Kind) -> tuple[frozenset[str], frozenset[str]]:
    """The accepted ``typ`` and ``cty`` spellings for VC-JOSE-COSE (compared case-insensitively)."""
    return (
        frozenset({f"{kind}+jwt", f"application/{kind}+jwt"}),
        frozenset({kind, f"application/{kind}"}),
    )


def _profile_of(typ: object, kind: Kind) -> Profile:
    if typ is None:
        return VC_JWT
    if not isinstance(typ, str):
        raise Rejected(JWS_HEADER_INVALID_ERROR, "header typ is not a string", header="typ")
    lowered = typ.lower()
    if lowered in ("jwt", "application/jwt"):
        return VC_JWT
    if lowered in _media_types(kind)[0]:
        return VC_JOSE_COSE
    raise Rejected(
        JWS_HEADER_INVALID_ERROR,
        f"header typ {typ[:64]!r} is not a {kind} JWT type",
        header="typ",
        value=typ[:64],
    )


def _check_alg(alg: object, algorithms: frozenset[str]) -> str:
    if not isinstance(alg, str):
        raise Rejected(JWS_ALGORITHM_NOT_ALLOWED_ERROR, "header alg is missing or not a string")
    if _NEVER.fullmatch(alg):
        raise Rejected(
            JWS_ALGORITHM_NOT_ALLOWED_ERROR,
            f"alg {alg[:16]!r} is never accepted (unsigned or symmetric)",
            alg=alg[:16],
        )
    if alg not in algorithms:
        raise Rejected(
            JWS_ALGORITHM_NOT_ALLOWED_ERROR,
            f"alg {alg[:16]!r} is not an allowed algorithm",
            alg=alg[:16],
            allowed=sorted(algorithms),
        )
    return alg


def check_header(
    header: Mapping[str, Any],
    *,
    kind: Kind,
    algorithms: frozenset[str],
    profile: Profile | None = None,
) -> TokenHeader:
    """Apply the header rules; ``Rejected`` names the first rule broken."""
    alg = _check_alg(header.get("alg"), algorithms)
    found = _profile_of(header.get("typ"), kind)
    if profile is not None and found != profile:
        raise Rejected(
            JWS_HEADER_INVALID_ERROR,
            f"token is a {found} token, the verifier expects {profile}",
            header="typ",
        )
    extra = sorted(set(header) - _ALLOWED_NAMES[found])
    if extra:
        raise Rejected(
            JWS_HEADER_NOT_ALLOWED_ERROR,
            f"header parameters not allowed in {found}: {', '.join(n[:32] for n in extra[:8])}",
            headers=[n[:32] for n in extra[:8]],
        )
    cty = header.get("cty")
    if cty is not None and (not isinstance(cty, str) or cty.lower() not in _media_types(kind)[1]):
        raise Rejected(
            JWS_HEADER_INVALID_ERROR, "header cty does not name the content", header="cty"
        )
    kid = header.get("kid")
    if kid is not None and (not isinstance(kid, str) or not kid):
        raise Rejected(
            JWS_HEADER_INVALID_ERROR, "header kid is not a non-empty string", header="kid"
        )
    jwk = header.get("jwk")
    if jwk is not None and not isinstance(jwk, dict):
        raise Rejected(JWS_HEADER_INVALID_ERROR, "header jwk is not a JSON object", header="jwk")
    if kid is not None and jwk is not None:
        raise Rejected(
            JWS_HEADER_INVALID_ERROR,
            "header has both kid and jwk: the key is ambiguous",
            header="kid",
        )
    if found == VC_JOSE_COSE and kid is None:
        raise Rejected(JWS_HEADER_INVALID_ERROR, f"{found} requires a kid header", header="kid")
    return TokenHeader(profile=found, alg=alg, kid=kid, jwk=jwk)
