"""The offline JSON-LD document loader: bundled contexts, caller-added documents, opt-in remote.

A context URL inside a credential is chosen by whoever wrote the credential. Fetching it would make
verification depend on the network (server-side request forgery, tracking, outages) and on what a
server answers today: a changed context silently changes what a signature means. So the loader
serves the contexts vckit ships (``contexts/``, described by ``contexts/manifest.json``), the
documents the caller adds, and nothing else. Remote loading exists only for URLs the caller
allow-lists, and goes through :mod:`vckit._http`'s policy.

pyld caches processed contexts in one process-wide cache keyed by URL alone, for documents the
loader tags ``"static"``. Only bundled documents get that tag: they are the same for every loader,
so sharing them is safe and makes repeated ``expand``/``toRdf`` calls cheap. Caller-added and
fetched documents are returned untagged, because a process-wide cache keyed by URL would let one
loader's documents answer for another loader (and let a fail-closed loader "serve" a URL that only
a remote-enabled loader fetched).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from vckit._codec.jsoncopy import copy_json
from vckit._codec.strict_json import check_depth, loads_strict
from vckit.errors import DocumentLoaderError, ParseError, VckitError

if TYPE_CHECKING:
    import httpx

    from vckit._http import HttpPolicy

__all__ = [
    "DocumentLoader",
    "bundled_context_urls",
    "context_alternates",
    "default_loader",
    "with_context_alternate",
]

#: Media types a remote context may be served as.
REMOTE_CONTENT_TYPES = ("application/ld+json", "application/json")
#: How deeply a fetched context may nest (real contexts nest a handful of levels).
REMOTE_MAX_DEPTH = 64
#: How many fetched documents one loader keeps (a prefix allow-list admits many URLs).
REMOTE_CACHE_SIZE = 256
_MAX_URL_IN_MESSAGE = 200


@dataclass(frozen=True)
class _Entry:
    """One bundled file, as the manifest describes it."""

    file: str
    sha256: str


@dataclass(frozen=True)
class _Alternate:
    """A second published version of a context, served under a vckit-local alias URL."""

    url: str
    name: str
    alias: str
    entry: _Entry


def _short(url: str) -> str:
    return url if len(url) <= _MAX_URL_IN_MESSAGE else url[:_MAX_URL_IN_MESSAGE] + "..."


class _Folder:
    """The bundled ``contexts/`` folder on disk, read with plain ``open`` (no pathlib)."""

    def __init__(self, path: str) -> None:
        self.path = path

    def joinpath(self, name: str) -> _Folder:
        return _Folder(os.path.join(self.path, name))

    def read_bytes(self) -> bytes:
        with open(self.path, "rb") as file:
            return file.read()

    def read_text(self, encoding: str = "utf-8") -> str:
        return self.read_bytes().decode(encoding)


def _contexts_dir() -> Any:
    """The bundled ``contexts/`` folder: a plain directory next to this file when installed
    normally; through ``importlib.resources`` only otherwise, e.g. from a zip file (both cost
    start-up time: importlib.resources and pathlib import tens of modules)."""
    here = os.path.join(os.path.dirname(__file__), "contexts")
    if os.path.isdir(here):
        return _Folder(here)
    from importlib import resources

    return resources.files("vckit.jsonld").joinpath("contexts")


class _Bundle:
    """The bundled contexts: the manifest is read at import, each file on first use.

    Files are checked against the manifest's sha256 before they are parsed, so a damaged or edited
    installation fails loudly instead of changing what signatures mean.
    """

    def __init__(self) -> None:
        self._dir = _contexts_dir()
        manifest = json.loads(self._dir.joinpath("manifest.json").read_text(encoding="utf-8"))
        entries: dict[str, _Entry] = {}
        for item in manifest["contexts"]:
            entry = _Entry(file=item["file"], sha256=item["sha256"])
            for url in item["urls"]:
                entries[url] = entry
        alternates: list[_Alternate] = []
        for item in manifest.get("alternates", ()):
            entry = _Entry(file=item["file"], sha256=item["sha256"])
            alternates.append(_Alternate(item["url"], item["name"], item["alias"], entry))
        self.published: Mapping[str, _Entry] = entries
        self.alternates: tuple[_Alternate, ...] = tuple(alternates)
        self.served: Mapping[str, _Entry] = {
            **entries,
            **{alternate.alias: alternate.entry for alternate in alternates},
        }
        self._parsed: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()

    def document(self, url: str) -> dict[str, Any]:
        """The parsed document bundled for ``url`` (shared: callers must not mutate it)."""
        entry = self.served[url]
        parsed = self._parsed.get(entry.file)
        if parsed is not None:
            return parsed
        with self._lock:
            parsed = self._parsed.get(entry.file)
            if parsed is None:
                parsed = self._parse(url, entry)
                self._parsed[entry.file] = parsed
        return parsed

    def _parse(self, url: str, entry: _Entry) -> dict[str, Any]:
        data = self._dir.joinpath(entry.file).read_bytes()
        if hashlib.sha256(data).hexdigest() != entry.sha256:
            raise DocumentLoaderError(
                f"bundled context {entry.file} does not match the sha256 in its manifest; "
                "the installation is damaged",
                url=url,
            )
        document = loads_strict(data)
        if not isinstance(document, dict):
            raise DocumentLoaderError(f"bundled context {entry.file} is not a JSON object", url=url)
        return document


_BUNDLE = _Bundle()


def bundled_context_urls() -> frozenset[str]:
    """The published context URLs vckit ships a copy of (aliases of alternates not included)."""
    return frozenset(_BUNDLE.published)


def context_alternates(url: str) -> Mapping[str, str]:
    """Other published versions of the context at ``url``: version name -> vckit alias URL.

    Some context URLs have served more than one document over time, and credentials were signed
    against each. The alias URLs are served by every :class:`DocumentLoader`; replacing ``url``
    by an alias in a document's ``@context`` processes it with that version (context URLs are
    not part of the RDF dataset, so canonical N-Quads, and so signatures, are unaffected by the
    swap itself). Aliases are vckit-local names: never put them in a credential you issue.
    """
    return {
        alternate.name: alternate.alias for alternate in _BUNDLE.alternates if alternate.url == url
    }


def with_context_alternate(document: Mapping[str, Any], url: str, name: str) -> dict[str, Any]:
    """A copy of ``document`` that processes ``url`` as its alternate version ``name``.

    ``url`` is replaced by the alternate's alias wherever it is listed in the top-level
    ``@context`` and in the ``@context`` of the ``proof`` object(s), which Data Integrity copies
    from the document. Nothing else changes and ``document`` itself is not modified. A verifier
    that accepts both versions verifies with the published document first and, if that fails,
    once more with this copy.
    """
    alias = context_alternates(url).get(name)
    if alias is None:
        raise ValueError(f"no bundled alternate {name!r} for {url!r}")
    copied = _swap_context(document, url, alias)
    proof = document.get("proof")
    if isinstance(proof, Mapping):
        copied["proof"] = _swap_context(proof, url, alias)
    elif isinstance(proof, list):
        copied["proof"] = [
            _swap_context(item, url, alias) if isinstance(item, Mapping) else item for item in proof
        ]
    return copied


def _swap_context(node: Mapping[str, Any], url: str, alias: str) -> dict[str, Any]:
    copied = dict(node)
    context = node.get("@context")
    if context == url:
        copied["@context"] = alias
    elif isinstance(context, list):
        copied["@context"] = [alias if entry == url else entry for entry in context]
    return copied


def _check_allow_entry(entry: str, policy: HttpPolicy | None) -> str:
    """Validate one allow-list entry: an exact URL, or a prefix ending in ``/``."""
    if not isinstance(entry, str):
        raise TypeError("allow_remote entries must be strings")
    scheme, sep, rest = entry.partition("://")
    host = rest.split("/", 1)[0]
    if not sep or scheme not in ("https", "http") or not host or "/" not in rest:
        raise ValueError(
            f"allow_remote entry {entry!r} must be an absolute https URL with a path "
            "(an exact URL, or a prefix ending in '/')"
        )
    if scheme == "http" and not (policy is not None and policy.allow_http):
        raise ValueError(
            f"allow_remote entry {entry!r} is http: but the HTTP policy does not allow http "
            "(pass http=HttpPolicy(allow_http=True) to loosen it)"
        )
    if _has_dot_segment(entry):
        raise ValueError(f"allow_remote entry {entry!r} contains '.' or '..' path segments")
    return entry


def _has_dot_segment(url: str) -> bool:
    """True when ``url``'s path could be rewritten by dot-segment removal (``..``, ``%2e``)."""
    path = url.split("://", 1)[-1].partition("/")[2].split("?", 1)[0].split("#", 1)[0]
    return any(part in (".", "..") for part in path.split("/")) or "%2e" in path.lower()


def _unsafe_characters(url: str) -> bool:
    return any(ord(char) <= 0x20 or char in '\\"<>^`{|}' or ord(char) == 0x7F for char in url)


class DocumentLoader:
    """A pyld-compatible document loader that fails closed.

    ``DocumentLoader()`` serves the bundled contexts. ``extra`` adds documents (URL -> parsed
    JSON-LD document); they may not replace a bundled URL with a different document, because
    pyld would keep serving whichever version it processed first. ``allow_remote`` names URLs that
    may be fetched: an exact URL, or a prefix that ends in ``/`` (so ``https://example.com/ctx/``
    cannot match ``https://example.com/ctx-evil``). Fetching uses :func:`vckit._http.fetch` with
    ``http`` (default: the safe :class:`~vckit._http.HttpPolicy`) and ``client``; fetched documents
    are parsed strictly, must be JSON objects, and are kept per loader.

    Everything else raises :class:`~vckit.errors.DocumentLoaderError` naming the URL, without
    touching the network.
    """

    def __init__(
        self,
        extra: Mapping[str, Any] | None = None,
        *,
        allow_remote: Iterable[str] = (),
        http: HttpPolicy | None = None,
        client: httpx.Client | None = None,
    ) -> None:
        if isinstance(allow_remote, str):
            raise TypeError("allow_remote must be an iterable of URLs, not a single string")
        self._extra = self._copy_extra(extra or {})
        entries = tuple(_check_allow_entry(entry, http) for entry in allow_remote)
        self._allow_exact = frozenset(entry for entry in entries if not entry.endswith("/"))
        self._allow_prefixes = tuple(entry for entry in entries if entry.endswith("/"))
        self._http = http
        self._client = client
        self._fetched: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self.urls: frozenset[str] = frozenset(_BUNDLE.served) | frozenset(self._extra)
        # url -> document for the bundled and caller-added URLs already asked for: those never
        # change for this loader's life, and ``get`` runs twice for every sign and verify
        self._offline: dict[str, dict[str, Any]] = {}

    @staticmethod
    def _copy_extra(extra: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
        if not isinstance(extra, Mapping):
            raise TypeError("extra must map URLs to JSON-LD documents")
        copied: dict[str, dict[str, Any]] = {}
        for url, document in extra.items():
            if not isinstance(url, str) or not url:
                raise TypeError("extra keys must be non-empty URL strings")
            if not isinstance(document, Mapping):
                raise TypeError(f"extra[{url!r}] must be a JSON object (a Mapping)")
            try:
                # A deep copy detaches the loader from later edits by the caller.
                own = json.loads(json.dumps(document, allow_nan=False))
                check_depth(own)
            except (TypeError, ValueError) as error:
                raise ValueError(f"extra[{url!r}] is not plain JSON: {error}") from None
            if url in _BUNDLE.served:
                if own != _BUNDLE.document(url):
                    raise ValueError(
                        f"extra[{url!r}] differs from the bundled context for that URL; bundled "
                        "contexts cannot be replaced (see jsonld.context_alternates for other "
                        "versions)"
                    )
                continue  # the same document: keep serving the bundled copy
            copied[url] = own
        return copied

    def __repr__(self) -> str:
        allowed = len(self._allow_exact) + len(self._allow_prefixes)
        return (
            f"DocumentLoader(bundled={len(_BUNDLE.served)}, extra={len(self._extra)}, "
            f"allow_remote={allowed})"
        )

    def __contains__(self, url: object) -> bool:
        """Whether ``url`` is served without the network (bundled or caller-added)."""
        return isinstance(url, str) and url in self.urls

    def __call__(self, url: str, options: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """pyld's ``documentLoader`` interface: the remote-document dictionary for ``url``.

        The document is a private deep copy: pyld edits the contexts it is given in place.
        """
        document, static = self._load(url)
        return {
            "contextUrl": None,
            "documentUrl": url,
            "document": copy_json(document),
            "tag": "static" if static else None,
        }

    def get(self, url: str) -> Mapping[str, Any]:
        """The parsed document for ``url``. It is shared with other callers: never mutate it."""
        document = self._offline.get(url) if type(url) is str else None
        if document is None:
            document = self._load(url)[0]
            if url in self.urls and len(self._offline) < REMOTE_CACHE_SIZE:
                self._offline[url] = document
        return document

    def _load(self, url: str) -> tuple[dict[str, Any], bool]:
        if not isinstance(url, str):
            raise TypeError(f"document URL must be a string, got {type(url).__name__}")
        if url in self._extra:
            return self._extra[url], False
        if url in _BUNDLE.served:
            return _BUNDLE.document(url), True
        fetched = self._fetched.get(url)
        if fetched is not None:
            return fetched, False
        if not self._remote_allowed(url):
            raise DocumentLoaderError(
                f"document {_short(url)!r} is not bundled, not added by the caller and not "
                "allowed for remote loading; vckit loads contexts offline (add it with "
                "DocumentLoader(extra={url: document}) or allow it with allow_remote=[url])",
                url=url,
            )
        document = self._fetch(url)
        with self._lock:
            if len(self._fetched) < REMOTE_CACHE_SIZE:
                self._fetched[url] = document
        return document, False

    def _remote_allowed(self, url: str) -> bool:
        if _unsafe_characters(url) or _has_dot_segment(url) or "#" in url:
            return False
        if url in self._allow_exact:
            return True
        return any(url.startswith(prefix) for prefix in self._allow_prefixes)

    def _fetch(self, url: str) -> dict[str, Any]:
        from vckit._http import HttpPolicy, fetch  # network code loads only when used

        policy = self._http or HttpPolicy()
        try:
            response = fetch(
                url,
                policy=policy,
                client=self._client,
                accept="application/ld+json, application/json;q=0.9",
                allowed_content_types=REMOTE_CONTENT_TYPES,
            )
            document = loads_strict(
                response.content, max_bytes=policy.max_bytes, max_depth=REMOTE_MAX_DEPTH
            )
        except ParseError as error:
            raise DocumentLoaderError(
                f"remote document {_short(url)!r} is not acceptable JSON: {error}", url=url
            ) from error
        except VckitError as error:  # FetchError and its subclasses
            raise DocumentLoaderError(
                f"remote document {_short(url)!r} could not be fetched: {error}", url=url
            ) from error
        if not isinstance(document, dict):
            raise DocumentLoaderError(
                f"remote document {_short(url)!r} is not a JSON object", url=url
            )
        return document


@cache
def default_loader() -> DocumentLoader:
    """The shared loader that serves the bundled contexts only."""
    return DocumentLoader()
