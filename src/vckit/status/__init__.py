"""Credential status: Bitstring Status List, StatusList2021 and the 1EdTech revocation list.

The verifier side checks a credential's ``credentialStatus`` entries; the issuer side builds,
signs and publishes status lists and allocates indexes in a registry. The pipeline and
``vckit.issue`` see status support only through the protocols defined here.
"""

from __future__ import annotations

from vckit.status._protocols import (
    StatusResult,
    StatusVerdict,
    SupportsAsyncStatusCheck,
    SupportsStatusAllocation,
    SupportsStatusCheck,
)

__all__ = [
    "StatusResult",
    "StatusVerdict",
    "SupportsAsyncStatusCheck",
    "SupportsStatusAllocation",
    "SupportsStatusCheck",
]
