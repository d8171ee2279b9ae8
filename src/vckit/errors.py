"""Exceptions raised by vckit.

Verifying untrusted input does not raise: it returns a result with per-check problems. Exceptions
are for operations that cannot be done (``VckitError`` and its subclasses) and for programmer
mistakes (plain ``TypeError`` / ``ValueError``). Exceptions from the libraries vckit uses (pyld,
httpx, jwcrypto, cryptography) are translated at the boundary and never leak.

The tree::

    VckitError
    ├── KeyFormatError                  a key could not be imported: bad encoding, wrong multicodec
    │                                   header or length, point off the curve, weak key, ...
    ├── UnsupportedAlgorithmError       a key type, curve, algorithm or cryptosuite vckit does not do
    ├── ParseError                      input that is not acceptable JSON / date / encoding
    │   └── BakingError                 a badge image (PNG / SVG) that cannot be baked or unbaked:
    │                                   corrupt chunks, hostile XML, no or two credentials
    ├── DocumentLoaderError             a JSON-LD document (context) could not be loaded: not on the
    │                                   allow-list, remote loading disabled, fetch failed
    ├── CanonicalizationError           JSON-LD -> RDF -> RDFC-1.0 failed (bad N-Quads, limits)
    │   ├── SafeModeError                   JSON-LD safe mode refused the document: it would drop
    │   │                                   data, or needs a feature safe mode cannot vouch for
    │   └── CanonicalizationWorkLimitError   a work limit was hit (poison dataset, costly JSON-LD)
    ├── FetchError                      an HTTP fetch broke the HTTP policy or failed
    │   ├── FetchStatusError            the server answered with a non-2xx status (``status``)
    │   └── FetchBudgetExceededError    the network budget of the current work (fetch count or
    │                                   time, ``vckit._http.fetch_budget``) is spent
    ├── DIDResolutionError              a DID could not be resolved; ``kind`` says why
    ├── SigningError                    a proof or token could not be created
    └── VerificationError               a signature or proof is invalid (raised only by low-level
                                        APIs such as ``PublicKey.verify``; high-level verifiers
                                        return results instead), or ``report.raise_for_failure()``
                                        on a report that is not verified (``.report``)
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

__all__ = [
    "BakingError",
    "CanonicalizationError",
    "CanonicalizationWorkLimitError",
    "DIDResolutionError",
    "DIDResolutionErrorKind",
    "DocumentLoaderError",
    "FetchBudgetExceededError",
    "FetchError",
    "FetchStatusError",
    "KeyFormatError",
    "ParseError",
    "SafeModeError",
    "SigningError",
    "UnsupportedAlgorithmError",
    "VckitError",
    "VerificationError",
]


class VckitError(Exception):
    """Base class of every error vckit raises on purpose."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Errors travel back from batch worker processes. Subclasses take keyword-only details
        # (``status=``, ``url=``, ``problems``), which the default ``cls(*args)`` would drop or
        # fail on; rebuild without calling ``__init__`` and restore every attribute instead.
        return (_rebuild_error, (type(self), self.args, self.__dict__))


def _rebuild_error(
    cls: type[VckitError], args: tuple[Any, ...], state: dict[str, Any]
) -> VckitError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class KeyFormatError(VckitError):
    """A key could not be imported or exported in the requested form."""


class UnsupportedAlgorithmError(VckitError):
    """A key type, curve, signature algorithm or cryptosuite that vckit does not support."""


class ParseError(VckitError, ValueError):
    """Input that is not acceptable: malformed JSON, a non-XSD date, bad base64url, ..."""


class BakingError(ParseError):
    """A badge image could not be baked or unbaked: not a PNG or SVG, corrupt, hostile or ambiguous."""


class DocumentLoaderError(VckitError):
    """A JSON-LD document could not be loaded; ``url`` names it."""

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        self.url = url


class CanonicalizationError(VckitError):
    """A document could not be turned into canonical N-Quads.

    ``path`` is the JSON path of the offending value when the error comes from JSON-LD safe mode.
    """

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


class SafeModeError(CanonicalizationError):
    """JSON-LD safe mode refused the document (VC Data Integrity: ``DATA_LOSS_DETECTION_ERROR``).

    Either JSON-LD would silently drop part of it (``path`` names the JSON value), or it needs a
    JSON-LD feature outside vckit's checked fast path, so nothing can vouch that nothing is lost.
    """


class CanonicalizationWorkLimitError(CanonicalizationError):
    """RDFC-1.0 exceeded its work limit: the dataset is too costly to canonicalize (poison)."""


class FetchError(VckitError):
    """An HTTP fetch was refused by the HTTP policy or failed; ``url`` names the target."""

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        self.url = url


class FetchStatusError(FetchError):
    """The server answered with a non-2xx status; ``status`` is the HTTP status code."""

    def __init__(self, message: str, *, url: str | None = None, status: int) -> None:
        super().__init__(message, url=url)
        self.status = status


class FetchBudgetExceededError(FetchError):
    """The fetch count or the time of the current network budget is spent; no request was made
    (count) or the request was cut short (time). Verifiers report it as an error, never a pass."""


class DIDResolutionErrorKind(StrEnum):
    """Why a DID could not be resolved (the error names of DID Resolution)."""

    INVALID_DID = "invalidDid"
    NOT_FOUND = "notFound"
    METHOD_NOT_SUPPORTED = "methodNotSupported"
    REPRESENTATION_NOT_SUPPORTED = "representationNotSupported"
    INVALID_DID_URL = "invalidDidUrl"
    INVALID_DID_DOCUMENT = "invalidDidDocument"
    FETCH_FAILED = "fetchFailed"
    INVALID_PUBLIC_KEY_LENGTH = "invalidPublicKeyLength"


class DIDResolutionError(VckitError):
    """A DID or DID URL could not be resolved or dereferenced."""

    def __init__(
        self, message: str, *, kind: DIDResolutionErrorKind, did: str | None = None
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.did = did


class SigningError(VckitError):
    """A proof or a token could not be created."""


class VerificationError(VckitError):
    """A signature did not verify (low-level APIs), or a report was not verified.

    ``report`` is the ``vckit.verification.VerificationReport`` when the error comes from
    ``report.raise_for_failure()``, else ``None``.
    """

    def __init__(self, message: str, *, report: Any = None) -> None:
        super().__init__(message)
        self.report = report
