"""DID and DID URL syntax (DID Core §3.1, §3.2), with errors that say what is wrong.

Parsing is strict on purpose: a DID is an identifier a verifier compares and maps to URLs, so
anything ambiguous (bad percent-encoding, empty segments, upper-case method names) is refused
rather than normalised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vckit.errors import DIDResolutionError, DIDResolutionErrorKind

__all__ = ["DID", "DIDURL", "MAX_DID_URL_LENGTH"]

#: Longer input is refused before any parsing (a did:jwk with an RSA-4096 key is ~1 KB).
MAX_DID_URL_LENGTH = 8192

_IDCHAR = r"(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})"
_METHOD_ID = re.compile(rf"(?:{_IDCHAR}*:)*{_IDCHAR}+")
_METHOD_NAME = re.compile(r"[a-z0-9]+")
_PCT = re.compile(r"%(?![0-9A-Fa-f]{2})")
# RFC 3986 pchar plus "/" and "?" (query and fragment share this alphabet).
_URI_PART = re.compile(r"[A-Za-z0-9._~!$&'()*+,;=:@/?%-]*")


def _invalid(message: str, did: str, kind: DIDResolutionErrorKind) -> DIDResolutionError:
    return DIDResolutionError(message, kind=kind, did=did[:200])


@dataclass(frozen=True)
class DID:
    """A DID: ``did:<method>:<method-specific-id>``."""

    method: str
    method_specific_id: str

    @classmethod
    def parse(cls, value: str) -> DID:
        """Parse a bare DID (no path, query or fragment); :class:`DIDResolutionError` otherwise."""
        url = DIDURL.parse(value)
        if url.path or url.query is not None or url.fragment is not None:
            raise _invalid(
                "expected a DID, got a DID URL", value, DIDResolutionErrorKind.INVALID_DID
            )
        return url.did

    def __str__(self) -> str:
        return f"did:{self.method}:{self.method_specific_id}"


@dataclass(frozen=True)
class DIDURL:
    """A DID URL: a DID plus optional path, query and fragment (kept percent-encoded)."""

    did: DID
    path: str = ""
    query: str | None = None
    fragment: str | None = None

    @classmethod
    def parse(cls, value: str) -> DIDURL:
        if not isinstance(value, str):
            raise TypeError("a DID URL must be a str")
        if len(value) > MAX_DID_URL_LENGTH:
            raise _invalid(
                f"DID URL longer than {MAX_DID_URL_LENGTH} characters",
                value,
                DIDResolutionErrorKind.INVALID_DID,
            )
        rest, hash_, fragment = value.partition("#")
        rest, qmark, query = rest.partition("?")
        did_part, slash, path = rest.partition("/")
        did = _parse_did(did_part, value)
        for label, part in (("path", path), ("query", query), ("fragment", fragment)):
            if not _URI_PART.fullmatch(part) or _PCT.search(part):
                raise _invalid(
                    f"invalid character or percent-encoding in the {label}",
                    value,
                    DIDResolutionErrorKind.INVALID_DID_URL,
                )
        return cls(
            did,
            slash + path,
            query if qmark else None,
            fragment if hash_ else None,
        )

    def __str__(self) -> str:
        text = f"{self.did}{self.path}"
        if self.query is not None:
            text += f"?{self.query}"
        if self.fragment is not None:
            text += f"#{self.fragment}"
        return text


def _parse_did(text: str, original: str) -> DID:
    scheme, _, rest = text.partition(":")
    if scheme != "did":
        raise _invalid("a DID starts with 'did:'", original, DIDResolutionErrorKind.INVALID_DID)
    method, colon, specific = rest.partition(":")
    if not colon or not _METHOD_NAME.fullmatch(method):
        raise _invalid(
            f"invalid method name {method[:40]!r} (lower-case letters and digits)",
            original,
            DIDResolutionErrorKind.INVALID_DID,
        )
    if _PCT.search(specific):
        raise _invalid(
            "malformed percent-encoding in the method-specific id",
            original,
            DIDResolutionErrorKind.INVALID_DID,
        )
    if not _METHOD_ID.fullmatch(specific):
        raise _invalid(
            "invalid method-specific id (empty, empty last segment, or a character outside "
            "ALPHA / DIGIT / . - _ / %XX)",
            original,
            DIDResolutionErrorKind.INVALID_DID,
        )
    return DID(method, specific)
