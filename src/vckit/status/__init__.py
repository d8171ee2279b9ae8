"""Credential status: Bitstring Status List, StatusList2021 and the 1EdTech revocation list.

The verifier side checks a credential's ``credentialStatus`` entries (:class:`StatusChecker`);
the issuer side builds, signs and publishes status lists (:class:`BitstringStatusList`,
:func:`issue_status_list_credential`) and allocates indexes in a registry
(:class:`StatusRegistry`). The pipeline and ``vckit.issue`` see status support only through the
protocols defined here. See ``docs/status.md``.
"""

from __future__ import annotations

from vckit.status._bitstring import (
    DEFAULT_MAX_DECODED_BYTES,
    MIN_LIST_LENGTH,
    BitstringStatusList,
    StatusListDecodeError,
)
from vckit.status._checker import LEGACY_MIN_LIST_LENGTH, STATUS_LIST_CONTENT_TYPES, StatusChecker
from vckit.status._codes import (
    CREDENTIAL_REVOKED,
    CREDENTIAL_SUSPENDED,
    MALFORMED_VALUE_ERROR,
    RANGE_ERROR,
    STATUS_LIST_LENGTH_ERROR,
    STATUS_RETRIEVAL_ERROR,
    STATUS_VERIFICATION_ERROR,
)
from vckit.status._entry import parse_status_list_index
from vckit.status._protocols import (
    StatusResult,
    StatusVerdict,
    SupportsAsyncStatusCheck,
    SupportsStatusAllocation,
    SupportsStatusCheck,
)
from vckit.status._publish import build_status_list_credential, issue_status_list_credential
from vckit.status.registry import (
    StatusListExport,
    StatusListInfo,
    StatusRegistry,
    StatusRegistryError,
)

__all__ = [
    "CREDENTIAL_REVOKED",
    "CREDENTIAL_SUSPENDED",
    "DEFAULT_MAX_DECODED_BYTES",
    "LEGACY_MIN_LIST_LENGTH",
    "MALFORMED_VALUE_ERROR",
    "MIN_LIST_LENGTH",
    "RANGE_ERROR",
    "STATUS_LIST_CONTENT_TYPES",
    "STATUS_LIST_LENGTH_ERROR",
    "STATUS_RETRIEVAL_ERROR",
    "STATUS_VERIFICATION_ERROR",
    "BitstringStatusList",
    "StatusChecker",
    "StatusListDecodeError",
    "StatusListExport",
    "StatusListInfo",
    "StatusRegistry",
    "StatusRegistryError",
    "StatusResult",
    "StatusVerdict",
    "SupportsAsyncStatusCheck",
    "SupportsStatusAllocation",
    "SupportsStatusCheck",
    "build_status_list_credential",
    "issue_status_list_credential",
    "parse_status_list_index",
]
