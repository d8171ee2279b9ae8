"""The operations the sans-IO pipeline asks its driver to perform.

The pipeline (``_flow``) is a generator: it yields one of these, and the driver (``Verifier`` or
``AsyncVerifier``) performs it with its sync or async back ends and sends the answer back, or
throws the exception the back end raised into the generator. Everything that needs a resolver, a
status checker or the network is an operation; everything else is pure and lives in the flow.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

__all__ = ["CheckStatusEntry", "FetchRefresh", "Operation", "VerifyDataIntegrity", "VerifyJwt"]


@dataclass(frozen=True, slots=True)
class VerifyDataIntegrity:
    """Verify every Data Integrity proof of ``document`` (answer: ProofVerificationResult)."""

    document: Mapping[str, Any]
    purpose: str
    controller: str | None
    challenge: str | None
    domain: str | None
    now: datetime
    shape: tuple[bool, int] | None = None
    """What the pipeline's bounds walk of ``document`` found (``vckit._codec.limits.json_shape``:
    an ``@context`` below the top, the deepest container level), when it walked this very object;
    the engine then skips its own context allow-list walk where that walk could find nothing."""


@dataclass(frozen=True, slots=True)
class VerifyJwt:
    """Verify a credential (``kind="vc"``) or presentation (``"vp"``) JWT.

    Answer: ``JwtVerificationResult`` / ``JwtPresentationVerificationResult``.
    """

    token: str
    kind: str
    now: datetime
    nonce: str | None = None
    audience: str | None = None


@dataclass(frozen=True, slots=True)
class CheckStatusEntry:
    """Check one ``credentialStatus`` entry (answer: ``vckit.status.StatusResult``)."""

    credential: Mapping[str, Any]
    entry: Mapping[str, Any]
    now: datetime


@dataclass(frozen=True, slots=True)
class FetchRefresh:
    """GET a refresh service URL under the HTTP policy (answer: the response body bytes)."""

    url: str


Operation = VerifyDataIntegrity | VerifyJwt | CheckStatusEntry | FetchRefresh
