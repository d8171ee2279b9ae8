"""The front door: ``vckit.verify``, ``vckit.averify`` and ``vckit.verify_presentation``."""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

from vckit.verification._flow import REQUIRED
from vckit.verification._report import VerificationReport
from vckit.verification._verifier import AsyncVerifier, Verifier

__all__ = ["averify", "averify_presentation", "verify", "verify_presentation"]

_lock = threading.Lock()
_defaults: dict[str, Any] = {}


def _default(kind: type[Verifier] | type[AsyncVerifier]) -> Any:
    """One shared default verifier per kind (offline), so repeated calls keep warm caches."""
    with _lock:
        found = _defaults.get(kind.__name__)
        if found is None:
            found = _defaults[kind.__name__] = kind()
        return found


def _pick(verifier: Any, options: dict[str, Any], kind: type[Any]) -> Any:
    if verifier is not None and options:
        raise TypeError("pass either verifier= or Verifier options, not both")
    if verifier is not None:
        if not isinstance(verifier, kind):
            raise TypeError(f"verifier must be a {kind.__name__}")
        return verifier
    return kind(**options) if options else _default(kind)


def verify(
    thing: Any,
    *,
    verifier: Verifier | None = None,
    now: datetime | str | None = None,
    recipient: str | None = None,
    refresh: bool = False,
    challenge: str | None = REQUIRED,  # type: ignore[assignment]
    domain: str | None = REQUIRED,  # type: ignore[assignment]
    **options: Any,
) -> VerificationReport:
    """Verify a credential, presentation or baked badge and report every check.

    ``thing`` is a dict, JSON text or bytes, a compact JWT (VC-JWT or vc+jwt), PNG / SVG bytes or
    a ``pathlib.Path`` to one. Bad input never raises: the report says what failed and why
    (``report.verified``, ``str(report)``, ``report.to_json()``). ``recipient`` (a DID, URI or
    e-mail address) adds the recipient check; ``refresh=True`` follows a
    ``1EdTechCredentialRefresh`` service once (needs ``allow_network=True``). For presentations
    pass the ``challenge`` and ``domain`` you issued (``None`` waives one explicitly).
    ``verifier`` reuses a configured :class:`Verifier`; other keyword options build one
    (``status=``, ``trusted_issuers=``, ``resolver=``, ``clock_skew=``, ``allow_network=``, ...).
    """
    chosen: Verifier = _pick(verifier, options, Verifier)
    return chosen.verify(
        thing, now=now, recipient=recipient, refresh=refresh, challenge=challenge, domain=domain
    )


async def averify(
    thing: Any,
    *,
    verifier: AsyncVerifier | None = None,
    now: datetime | str | None = None,
    recipient: str | None = None,
    refresh: bool = False,
    challenge: str | None = REQUIRED,  # type: ignore[assignment]
    domain: str | None = REQUIRED,  # type: ignore[assignment]
    **options: Any,
) -> VerificationReport:
    """The awaitable :func:`verify`, driven by an :class:`AsyncVerifier` (async resolver,
    async status checker, async HTTP client)."""
    chosen: AsyncVerifier = _pick(verifier, options, AsyncVerifier)
    return await chosen.verify(
        thing, now=now, recipient=recipient, refresh=refresh, challenge=challenge, domain=domain
    )


def verify_presentation(
    presentation: Any,
    *,
    challenge: str | None,
    domain: str | None,
    verifier: Verifier | None = None,
    now: datetime | str | None = None,
    **options: Any,
) -> VerificationReport:
    """Verify a presentation (JSON with a Data Integrity ``authentication`` proof, or a JWT VP).

    ``challenge`` and ``domain`` are required: pass the values you gave the holder, or ``None`` to
    waive that check explicitly. The proof must be the holder's, and every embedded credential is
    run through the whole pipeline (nested reports under the ``credentials`` check).
    """
    chosen: Verifier = _pick(verifier, options, Verifier)
    return chosen.verify(
        presentation, now=now, challenge=challenge, domain=domain, presentation=True
    )


async def averify_presentation(
    presentation: Any,
    *,
    challenge: str | None,
    domain: str | None,
    verifier: AsyncVerifier | None = None,
    now: datetime | str | None = None,
    **options: Any,
) -> VerificationReport:
    """The awaitable :func:`verify_presentation`."""
    chosen: AsyncVerifier = _pick(verifier, options, AsyncVerifier)
    return await chosen.verify(
        presentation, now=now, challenge=challenge, domain=domain, presentation=True
    )
