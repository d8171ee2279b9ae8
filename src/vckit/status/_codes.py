"""Problem codes a status check reports (Bitstring Status List 1.0 and VC Data Model 2.0 names)."""

from __future__ import annotations

from typing import Final

from vckit.problems import STATUS_RETRIEVAL_ERROR, STATUS_VERIFICATION_ERROR

__all__ = [
    "CREDENTIAL_REVOKED",
    "CREDENTIAL_SUSPENDED",
    "MALFORMED_VALUE_ERROR",
    "RANGE_ERROR",
    "STATUS_LIST_LENGTH_ERROR",
    "STATUS_RETRIEVAL_ERROR",
    "STATUS_VERIFICATION_ERROR",
]

#: The status list is shorter than herd privacy needs, or longer than the decoder's cap.
STATUS_LIST_LENGTH_ERROR: Final = "STATUS_LIST_LENGTH_ERROR"
#: ``statusListIndex`` points past the end of the list.
RANGE_ERROR: Final = "RANGE_ERROR"
#: A value (entry member, ``encodedList``, ``statusMessage``) is not in the form the spec requires.
MALFORMED_VALUE_ERROR: Final = "MALFORMED_VALUE_ERROR"
#: The verdict codes of a credential whose status bit is set (not processing errors).
CREDENTIAL_REVOKED: Final = "CREDENTIAL_REVOKED"
CREDENTIAL_SUSPENDED: Final = "CREDENTIAL_SUSPENDED"
