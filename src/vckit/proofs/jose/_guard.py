"""The last line of defence: an unexpected exception is a failed check, never a crash.

Every expected failure is a ``Rejected`` with a spec-named problem. Anything else (a bug, a
misbehaving resolver or ``credential_verifier``, a foreign exception from a dependency) is logged
with its traceback on the ``vckit.proofs.jose`` logger and reported as ``PROOF_VERIFICATION_ERROR``,
as the Data Integrity engine does: the verifier fails closed and the caller's process keeps going.
"""

from __future__ import annotations

import logging

from vckit.problems import PROOF_VERIFICATION_ERROR, Problem

__all__ = ["unexpected"]

_log = logging.getLogger("vckit.proofs.jose")


def unexpected(error: Exception, what: str) -> Problem:
    """Log ``error`` (with its traceback) and describe it as a verification failure."""
    _log.warning("%s failed unexpectedly", what, exc_info=error)
    return Problem(
        PROOF_VERIFICATION_ERROR,
        f"{what} failed unexpectedly",
        {"exception": type(error).__name__},
    )
