"""What the verification pipeline and the issuing facade need from status support.

The pipeline (``vckit.verify``, L4) and ``vckit.issue`` depend only on these shapes, so a caller can
plug in any status back end (a KMS-backed registry, a cached service) that has them. Protocols are
structural: ``vckit.status.StatusChecker`` and ``vckit.status.StatusRegistry`` satisfy them without
inheriting.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Protocol, runtime_checkable

__all__ = [
    "StatusResult",
    "StatusVerdict",
    "SupportsAsyncStatusCheck",
    "SupportsStatusAllocation",
    "SupportsStatusCheck",
]

_EMPTY: Mapping[str, Any] = MappingProxyType({})


class StatusVerdict(StrEnum):
    """The tri-state answer (plus the two "not valid" kinds); ``UNDETERMINED`` is never valid."""

    VALID = "valid"
    REVOKED = "revoked"
    SUSPENDED = "suspended"
    UNDETERMINED = "undetermined"


@dataclass(frozen=True, slots=True)
class StatusResult:
    """The outcome of checking one ``credentialStatus`` entry.

    ``purpose`` is the entry's ``statusPurpose`` (``"revocation"`` for a 1EdTech revocation list).
    ``code`` is a problem code when the verdict is not ``VALID`` (``STATUS_RETRIEVAL_ERROR``,
    ``STATUS_VERIFICATION_ERROR``, ...). ``detail`` carries machine-readable facts such as
    ``statusListCredential``, ``statusListIndex``, ``status`` (the raw value), ``statusMessage``
    and ``age_seconds`` (how old the status information was when checked).
    """

    verdict: StatusVerdict
    purpose: str
    code: str | None = None
    message: str = ""
    detail: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)

    def __bool__(self) -> bool:
        raise TypeError("use result.verdict; a StatusResult has no truth value")

    def __reduce__(self) -> tuple[Any, ...]:
        # A mappingproxy does not pickle, and results travel back from batch worker processes.
        return (
            _status_result,
            (self.verdict, self.purpose, self.code, self.message, dict(self.detail)),
        )


def _status_result(
    verdict: StatusVerdict, purpose: str, code: str | None, message: str, detail: dict[str, Any]
) -> StatusResult:
    """Unpickle a ``StatusResult``, giving its detail back its read-only view."""
    return StatusResult(
        verdict, purpose, code, message, MappingProxyType(detail) if detail else _EMPTY
    )


@runtime_checkable
class SupportsStatusCheck(Protocol):
    """A synchronous status checker, as the pipeline's ``Verifier`` calls it."""

    def check(
        self, credential: Mapping[str, Any], entry: Mapping[str, Any], *, now: datetime
    ) -> StatusResult:
        """Never raise for bad input or network failure: return ``UNDETERMINED`` with the reason."""
        ...


@runtime_checkable
class SupportsAsyncStatusCheck(Protocol):
    """An asynchronous status checker, as the pipeline's ``AsyncVerifier`` awaits it."""

    async def acheck(
        self, credential: Mapping[str, Any], entry: Mapping[str, Any], *, now: datetime
    ) -> StatusResult:
        """Same contract as :meth:`SupportsStatusCheck.check`."""
        ...


@runtime_checkable
class SupportsStatusAllocation(Protocol):
    """What ``vckit.issue(..., status=...)`` calls to add a status entry before signing."""

    def allocate(self, credential_id: str, *, purpose: str = "revocation") -> dict[str, Any]:
        """Return the ``credentialStatus`` entry (e.g. a ``BitstringStatusListEntry`` dict).

        Idempotent per ``credential_id``: asking again returns the same entry.
        """
        ...
