"""DIDs: parsing, documents, did:key / did:jwk / did:web, HTTPS controller documents, resolvers.

    >>> from vckit import dids, keys
    >>> did = dids.did_key(keys.generate("Ed25519").public_key)
    >>> with dids.DIDResolver() as resolver:
    ...     method = resolver.dereference(did)
    >>> method.controller == did
    True

Network access (did:web, HTTPS documents) goes through :class:`HttpPolicy`; see docs/dids.md.
"""

from __future__ import annotations

from vckit._http import FetchResponse, HttpPolicy
from vckit.dids._cache import DocumentCache
from vckit.dids._document import RELATIONSHIPS, DIDDocument
from vckit.dids._methods import (
    DIDMethod,
    JwkMethod,
    KeyMethod,
    WebMethod,
    did_jwk,
    did_key,
    did_key_document,
    did_web_document,
    did_web_url,
)
from vckit.dids._resolver import (
    DEFAULT_HTTP_POLICY,
    DEFAULT_METHODS,
    AsyncDIDResolver,
    DIDResolver,
)
from vckit.dids._syntax import DID, DIDURL
from vckit.keys import VerificationMethod

__all__ = [
    "DEFAULT_HTTP_POLICY",
    "DEFAULT_METHODS",
    "DID",
    "DIDURL",
    "RELATIONSHIPS",
    "AsyncDIDResolver",
    "DIDDocument",
    "DIDMethod",
    "DIDResolver",
    "DocumentCache",
    "FetchResponse",
    "HttpPolicy",
    "JwkMethod",
    "KeyMethod",
    "VerificationMethod",
    "WebMethod",
    "did_jwk",
    "did_key",
    "did_key_document",
    "did_web_document",
    "did_web_url",
]
