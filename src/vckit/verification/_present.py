"""``vckit.present``: wrap credentials in a presentation signed by their holder."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Final

from vckit.verification._issue import JWT_PROFILES, as_json, signer_controller
from vckit.verification._rules import VC_V2

__all__ = ["present"]

_ENVELOPE: Final = "data:application/vc+jwt,"


def _items(credentials: Any) -> list[Any]:
    if isinstance(credentials, str | Mapping) or hasattr(credentials, "to_json"):
        return [credentials]
    if isinstance(credentials, Sequence):
        return list(credentials)
    raise TypeError("credentials must be a credential or a sequence of them")


def _enveloped(token: str) -> dict[str, Any]:
    return {"@context": VC_V2, "type": "EnvelopedVerifiableCredential", "id": _ENVELOPE + token}


def present(
    credentials: Any,
    holder_signer: Any,
    *,
    challenge: str | None,
    domain: str | None,
    proof: str = "eddsa-rdfc-2022",
    holder: str | None = None,
    created: datetime | str | None = None,
) -> dict[str, Any] | str:
    """A VerifiablePresentation of ``credentials`` signed by ``holder_signer``.

    ``challenge`` and ``domain`` are what the verifier asked for (required; ``None`` only when
    the verifier waived them). ``proof`` is a Data Integrity cryptosuite (an ``authentication``
    proof, returns a dict) or ``"vc-jwt"`` / ``"vc+jwt"`` (returns the JWT; ``challenge`` becomes
    ``nonce`` and ``domain`` ``aud``). ``holder`` defaults to the signer's DID. JWT credentials
    are carried as strings (vc-jwt) or ``EnvelopedVerifiableCredential`` objects.
    """
    method = getattr(holder_signer, "verification_method", None)
    if not isinstance(method, str) or not method:
        raise TypeError("holder_signer must be a keys.Signer with a verification_method")
    holder = holder or signer_controller(method)
    items = _items(credentials)
    embedded: list[Any] = []
    for item in items:
        if isinstance(item, str):
            embedded.append(item if proof == "vc-jwt" else _enveloped(item))
        else:
            embedded.append(as_json(item))
    vp: dict[str, Any] = {
        "@context": [VC_V2],
        "type": ["VerifiablePresentation"],
        "holder": holder,
        "verifiableCredential": embedded,
    }
    if proof in JWT_PROFILES:
        from vckit.proofs import jose

        return jose.sign_presentation_jwt(
            vp, holder_signer, profile=proof, nonce=challenge, audience=domain, now=created
        )
    from vckit.proofs.dataintegrity import add_proof

    return add_proof(
        vp,
        holder_signer,
        cryptosuite=proof,
        proof_purpose="authentication",
        challenge=challenge,
        domain=domain,
        created=created,
    )
