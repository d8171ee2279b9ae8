"""Document transformations the suites share: the context allow-list, RDFC-1.0 and JCS.

The suites never canonicalize themselves: RDF canonicalization is ``vckit.jsonld.canonicalize``
(safe mode on, so a term the contexts do not define is an error rather than silently dropped) and
JSON canonicalization is ``vckit._codec.jcs``. This module only turns their failures into the
errors the engine reports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol, cast

from vckit._codec import jcs
from vckit._codec.jsoncopy import copy_json
from vckit.errors import (
    CanonicalizationError,
    CanonicalizationWorkLimitError,
    DocumentLoaderError,
    ParseError,
    SafeModeError,
)
from vckit.jsonld._api import safe_quads
from vckit.jsonld._emit import dataset
from vckit.jsonld._loader import DocumentLoader
from vckit.jsonld._reference import LoaderCallable
from vckit.proofs.dataintegrity._errors import TransformError
from vckit.rdfc._canon import canonicalize_lines

__all__ = [
    "ContextAllowList",
    "TransformError",
    "canonical_json",
    "canonical_nquads",
    "check_contexts",
    "check_top_contexts",
    "context_urls",
    "copy_json",
]

#: Contexts nest (an embedded context can name a remote one, which can scope more); the walk
#: stops here so a hostile document cannot make it recurse without bound.
_MAX_CONTEXT_DEPTH = 64


class ContextAllowList(Protocol):
    """What the engine needs from a document loader: "do you hold this URL?" and loading."""

    def __contains__(self, url: object) -> bool: ...

    def __call__(self, url: str, options: Mapping[str, Any] | None = None) -> dict[str, Any]: ...


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _collect_urls(value: Any, urls: dict[str, None], depth: int) -> bool:
    """Add every context URL under ``value`` to ``urls`` (an ordered set), depth-first; return
    whether an object below the top level (``depth`` 0) has an ``@context`` member.

    ``@context`` can appear in any node object and inside embedded contexts (scoped contexts),
    so the whole value is walked; the depth bound keeps hostile nesting from recursing on.
    Children are tested by exact type first (strings are most of them) to skip the ABC checks.
    """
    nested = False
    if depth > _MAX_CONTEXT_DEPTH:
        raise TransformError("document nests too deeply", reason="json")
    children: list[Any]
    if type(value) is dict or (type(value) is not list and isinstance(value, Mapping)):
        # exact dicts and lists below: the compiled build then uses its dict / list primitives
        node = cast("dict[str, Any]", value if type(value) is dict else dict(value))
        if depth and "@context" in node:
            nested = True
        context = node.get("@context")
        if isinstance(context, str):
            urls.setdefault(context, None)
        elif isinstance(context, list):
            for item in context:
                if isinstance(item, str):
                    urls.setdefault(item, None)
        children = list(node.values())
    else:
        children = value if type(value) is list else list(value)
    depth += 1
    for child in children:
        kind = type(child)
        if kind is str:
            continue
        if (
            kind is dict
            or kind is list
            or (kind not in _SCALARS and isinstance(child, Mapping | list))
        ) and _collect_urls(child, urls, depth):
            nested = True
    return nested


def context_urls(document: Mapping[str, Any]) -> list[str]:
    """Every context URL a document references, in document order, without duplicates."""
    urls: dict[str, None] = {}
    _collect_urls(document, urls, 0)
    return list(urls)


def check_contexts(document: Mapping[str, Any], allowed: ContextAllowList) -> bool:
    """Refuse a document that names a context the loader does not hold, before any real work.

    The loader would fail closed anyway, but only deep inside expansion; checking first gives a
    precise error and keeps a hostile document from costing a canonicalization attempt. Returns
    whether any object below the top level (a node, a proof, or an object inside a context) has
    an ``@context`` member: when none has, context validation need not walk the document again
    (``vckit.jsonld._validate.validate_top_contexts``).
    """
    urls: dict[str, None] = {}
    nested = _collect_urls(document, urls, 0)
    # vckit's own loader answers from its URL set (``DocumentLoader.__contains__`` without the
    # interpreted call); a subclass or any other loader is asked
    served = allowed.urls if type(allowed) is DocumentLoader else None
    for url in urls:
        if (url not in served) if served is not None else (url not in allowed):
            raise TransformError(
                f"context not on the allow-list: {url[:200]}", reason="context", detail={"url": url}
            )
    return nested


def check_top_contexts(
    document: Mapping[str, Any], allowed: ContextAllowList, deepest: int
) -> bool | None:
    """``check_contexts`` for a document whose limits walk (``vckit._codec.limits.json_shape``)
    found no ``@context`` below the top level, its deepest container ``deepest`` levels down.

    Then the only context URLs are the top-level ``@context``'s own (a string, or the strings of
    its list), and when ``deepest`` is within the allow-list walk's depth bound that walk could
    neither find more nor refuse the nesting: the same URLs are checked in the same order, with
    the same error, without walking the document again. Returns ``None`` when the bound does not
    hold (the caller then runs ``check_contexts``, which reports the nesting as before).
    """
    if deepest > _MAX_CONTEXT_DEPTH:
        return None
    context = document.get("@context")
    if isinstance(context, str):
        _check_urls((context,), allowed)
    elif isinstance(context, list):
        _check_urls(context, allowed)
    return False


def _check_urls(items: Sequence[Any], allowed: ContextAllowList) -> None:
    """Refuse the first string of ``items`` the loader does not hold (non-strings are skipped;
    a repeated URL passes or fails as its first occurrence did)."""
    served = allowed.urls if type(allowed) is DocumentLoader else None
    for url in items:
        if not isinstance(url, str):
            continue
        if (url not in served) if served is not None else (url not in allowed):
            raise TransformError(
                f"context not on the allow-list: {url[:200]}", reason="context", detail={"url": url}
            )


def canonical_nquads(
    document: Mapping[str, Any], loader: ContextAllowList, hash_algorithm: str
) -> str:
    """RDFC-1.0 canonical N-Quads of ``document`` in JSON-LD safe mode.

    ``jsonld.canonicalize(document, loader, hash_algorithm, safe=True)`` without its public
    argument checks, which the suites' arguments always pass (a mapping, a loader, a known hash):
    the same steps (``jsonld._api.safe_quads``: toRdf with the same options and errors; RDFC-1.0
    keeping duplicate quads), a few interpreted calls fewer on every sign and verify.

    Duplicate quads (which toRdf merges) are found after the fact: canonical labels are
    distinct, so equal quads, and only they, give equal output lines, adjacent once sorted. The
    emitted quads are canonicalized as they are, and only a document whose output has a repeated
    line is canonicalized again from its deduplicated quads (``jsonld._emit.dataset``, which keeps
    the ``rdf:nil`` of distinct empty lists): the same result as deduplicating first, without
    hashing every quad into a set on every call.
    """
    if hash_algorithm not in ("sha256", "sha384"):
        raise ValueError(f"unsupported hash algorithm: {hash_algorithm!r}")
    try:
        quads = safe_quads(document, cast("LoaderCallable", loader), unique=False)
        # Keep duplicate quads: jsonld.js and pyld hash them, and signatures must match theirs.
        try:
            lines = canonicalize_lines(quads, hash_algorithm, None, False)[0]
        except CanonicalizationWorkLimitError:
            unique = dataset(quads)
            if unique is quads:  # nothing to remove: the limit holds for this dataset
                raise
            lines = canonicalize_lines(unique, hash_algorithm, None, False)[0]
            return "".join(lines)
        previous = ""
        for line in lines:
            if line == previous:
                unique = dataset(quads)
                if unique is not quads:
                    lines = canonicalize_lines(unique, hash_algorithm, None, False)[0]
                break
            previous = line
        return "".join(lines)
    except DocumentLoaderError as error:
        raise TransformError(
            f"a context could not be loaded: {error}",
            reason="context",
            detail={"url": error.url} if error.url else None,
        ) from error
    except SafeModeError as error:
        raise TransformError(
            f"JSON-LD safe mode refused the document: {error}",
            reason="data-loss",
            detail={"path": error.path} if error.path else None,
        ) from error
    except CanonicalizationError as error:
        raise TransformError(
            f"canonicalization failed: {error}",
            reason="canonicalization",
            detail={"path": error.path} if error.path else None,
        ) from error


def canonical_json(value: Mapping[str, Any] | Sequence[Any]) -> bytes:
    """RFC 8785 (JCS) bytes; non-finite numbers and lone surrogates are refused."""
    try:
        return jcs.canonicalize(value)
    except (ParseError, ValueError, TypeError) as error:
        raise TransformError(f"not canonicalizable as I-JSON: {error}", reason="json") from error
