"""Context validation (VC Data Integrity 1.0, "Validating Contexts" and "Context Validation").

Data Integrity signs the RDF of a document, not its JSON. Whoever controls the ``@context`` can
therefore change what the JSON *says* without changing the RDF: an inline context that swaps the
IRIs of two terms, with the two JSON values swapped too, leaves every signature valid while every
JSON consumer reads forged values (the 2024 "context substitution" disclosure). The specification
requires verifiers to accept only contexts they understand.

vckit's rule, strict by default:

* the top-level ``@context`` is a list of URLs the loader serves offline (bundled or added by the
  caller), the first one a VC base context (VC 1.1 or 2.0) and nowhere else, the
  undefined-terms context only last;
* an inline context object is refused unless the caller allow-lists it with its exact content;
* a ``@context`` anywhere below the top level is refused unless its whole value is allow-listed,
  except where JSON-LD documents legitimately nest: an embedded credential or presentation
  (its own ``@context`` follows the top-level rules) and a ``proof`` (its ``@context`` is the
  document's own, or URLs the loader serves).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping
from typing import Any, Final, cast

from vckit.jsonld._emit import MAX_DEPTH
from vckit.jsonld._loader import DocumentLoader, default_loader
from vckit.jsonld._paths import Path, format_path
from vckit.jsonld._reference import LoaderCallable
from vckit.problems import CONTEXT_VALIDATION_ERROR, Problem

__all__ = [
    "UNDEFINED_TERMS_CONTEXT",
    "VC_BASE_CONTEXTS",
    "validate_contexts",
]

VC_V1: Final = "https://www.w3.org/2018/credentials/v1"
VC_V2: Final = "https://www.w3.org/ns/credentials/v2"
VC_BASE_CONTEXTS: Final = (VC_V1, VC_V2)
"""The base contexts of the VC Data Model (1.1 and 2.0): one of them comes first."""
UNDEFINED_TERMS_CONTEXT: Final = "https://www.w3.org/ns/credentials/undefined-terms/v2"
"""Maps every term no earlier context defines (an ``@vocab``): allowed only as the last entry."""

_EMBEDDED_TYPES: Final = frozenset(
    {
        "VerifiableCredential",
        "VerifiablePresentation",
        "EnvelopedVerifiableCredential",
        "EnvelopedVerifiablePresentation",
    }
)


def validate_contexts(
    document: Mapping[str, Any],
    *,
    allowed_inline: Iterable[Mapping[str, Any] | list[Any] | str] = (),
    loader: LoaderCallable | None = None,
    base_contexts: Collection[str] | None = VC_BASE_CONTEXTS,
) -> tuple[Problem, ...]:
    """Problems with the ``@context``s of ``document``; empty when every one is understood.

    ``allowed_inline`` lists context values accepted verbatim (compared as JSON, so ``1`` and
    ``true`` differ): an inline context object in an ``@context`` array, or the whole value of a
    nested ``@context``. ``loader`` decides which URLs are known (``None``: the bundled contexts).
    ``base_contexts`` are the URLs one of which must come first (``None``: no such rule, for
    JSON-LD documents that are not credentials). Each problem has the code
    ``CONTEXT_VALIDATION_ERROR`` and ``detail`` with the JSON ``path`` and a ``reason``.
    """
    return _validate(document, allowed_inline, loader, base_contexts, walk=True)


def validate_top_contexts(
    document: Mapping[str, Any],
    *,
    allowed_inline: Iterable[Mapping[str, Any] | list[Any] | str] = (),
    loader: LoaderCallable | None = None,
    base_contexts: Collection[str] | None = VC_BASE_CONTEXTS,
) -> tuple[Problem, ...]:
    """``validate_contexts`` for a document the caller knows has no ``@context`` below its top
    level, nested no deeper than ``MAX_DEPTH``: the same problems, without walking it again.

    The Data Integrity engine's context allow-list walk (``check_contexts``) finds that out on
    its way; with no ``@context`` below the top, the walk of ``validate_contexts`` could only
    report nesting beyond ``MAX_DEPTH``, which that walk refuses long before.
    """
    return _validate(document, allowed_inline, loader, base_contexts, walk=False)


def _validate(
    document: Mapping[str, Any],
    allowed_inline: Iterable[Mapping[str, Any] | list[Any] | str],
    loader: LoaderCallable | None,
    base_contexts: Collection[str] | None,
    *,
    walk: bool,
) -> tuple[Problem, ...]:
    if type(document) is not dict and not isinstance(document, Mapping):
        raise TypeError("document must be a JSON object (a Mapping)")
    allowed = frozenset(_json_key(value) for value in allowed_inline)
    # (``_api.resolve_loader`` inline: an interpreted call on every verify otherwise)
    checker = _Checker(loader if loader is not None else default_loader(), allowed, base_contexts)
    checker.document(document, None)
    if walk:
        checker.walk(document, None)
    return tuple(checker.problems)


def _json_key(value: Any) -> str:
    try:
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    except (TypeError, ValueError) as error:
        raise TypeError(f"allowed_inline entries must be JSON values: {error}") from None


def _types(node: Mapping[str, Any]) -> set[str]:
    found: set[str] = set()
    for key in ("type", "@type"):
        value = node.get(key)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                found.add(item)
    return found


class _Checker:
    """One validation run: the rules, the known URLs and the problems found so far."""

    def __init__(
        self,
        loader: LoaderCallable,
        allowed: frozenset[str],
        base_contexts: Collection[str] | None,
    ) -> None:
        self.loader = loader
        self.allowed = allowed
        self.base_contexts = frozenset(base_contexts) if base_contexts is not None else None
        self.known: dict[str, bool] = {}
        self.problems: list[Problem] = []

    def problem(self, path: Path, reason: str, message: str, **detail: Any) -> None:
        where = format_path(path)
        self.problems.append(
            Problem(
                CONTEXT_VALIDATION_ERROR,
                f"{message} at {where}",
                {"path": where, "reason": reason, **detail},
            )
        )

    def is_known(self, url: str) -> bool:
        """Whether the loader serves ``url`` without being told more (never fetches for vckit's
        own loader; a foreign loader is asked once per URL)."""
        cached = self.known.get(url)
        if cached is not None:
            return cached
        loader = self.loader
        if type(loader) is DocumentLoader:  # its own URL set, without an interpreted call
            result = url in loader.urls
        elif isinstance(loader, DocumentLoader):
            result = url in loader
        else:
            try:
                loader(url, {})
                result = True
            except Exception:  # a foreign loader refusing the URL, in whatever way it does
                result = False
        self.known[url] = result
        return result

    # -- the rules ---------------------------------------------------------------------

    def document(self, node: Mapping[str, Any], path: Path) -> None:
        """The ``@context`` of a document (top level, or an embedded credential)."""
        where: Path = (path, "@context")
        if "@context" not in node:
            self.problem(where, "missing", "the document has no @context")
            return
        value = node["@context"]
        entries = value if isinstance(value, list) else [value]
        if not entries:
            self.problem(where, "missing", "the document's @context is empty")
            return
        self.entries(entries, where, isinstance(value, list))
        base = self.base_contexts
        if base is not None:
            first = entries[0]
            if not (isinstance(first, str) and first in base):
                self.problem(
                    _entry(where, 0, isinstance(value, list)),
                    "base-context-not-first",
                    "the first @context entry is not a VC base context "
                    f"({' or '.join(sorted(base))})",
                )
            for index, entry in enumerate(entries[1:], start=1):
                if isinstance(entry, str) and entry in base:
                    self.problem(
                        _entry(where, index, True),
                        "base-context-not-first",
                        f"the VC base context {entry!r} may only be the first @context entry",
                        url=entry,
                    )

    def entries(self, entries: list[Any], where: Path, is_list: bool) -> None:
        """Every entry a known URL or an allow-listed object; undefined-terms only last."""
        last = len(entries) - 1
        for index, entry in enumerate(entries):
            at = _entry(where, index, is_list)
            if isinstance(entry, str):
                if not self.is_known(entry):
                    self.problem(
                        at,
                        "unknown-context",
                        f"the context {entry[:200]!r} is not known to the loader",
                        url=entry[:200],
                    )
                elif entry == UNDEFINED_TERMS_CONTEXT and index != last:
                    self.problem(
                        at,
                        "undefined-terms-not-last",
                        "the undefined-terms context may only be the last @context entry",
                        url=entry,
                    )
            elif isinstance(entry, Mapping):
                if _json_key(entry) not in self.allowed:
                    self.problem(
                        at,
                        "inline-context",
                        "an inline context object is not allowed (allow-list its exact content "
                        "with allowed_inline)",
                    )
            else:
                self.problem(
                    at, "invalid-context", "an @context entry must be a URL or a context object"
                )

    def proof(self, node: Mapping[str, Any], path: Path, document_context: Any) -> None:
        """A proof's ``@context``: the document's own, or entries that pass ``entries``."""
        value = node["@context"]
        if value == document_context or _json_key(value) in self.allowed:
            return
        entries = value if isinstance(value, list) else [value]
        self.entries(entries, (path, "@context"), isinstance(value, list))

    def nested(self, node: Mapping[str, Any], path: Path) -> None:
        value = node["@context"]
        if _json_key(value) not in self.allowed:
            self.problem(
                (path, "@context"),
                "nested-context",
                "a nested @context is not allowed (allow-list its exact value with allowed_inline)",
            )

    # -- the walk ----------------------------------------------------------------------

    def walk(self, root: Mapping[str, Any], path: Path) -> None:
        """Visit every object below ``root`` (iteratively: depth is attacker-chosen).

        Only containers are pushed, children in reverse so problems come out in document order.
        """
        stack: list[tuple[Any, Path, Any, bool, int]] = []
        self.push_members(stack, root, path, root.get("@context"), 1)
        while stack:
            value, where, document_context, in_proof, depth = stack.pop()
            if depth > MAX_DEPTH:
                self.problem(where, "too-deep", f"the document nests deeper than {MAX_DEPTH}")
                return
            if isinstance(value, list):
                listed: list[Any] = value  # typed: the compiled build iterates natively
                items = [
                    (item, (where, index), document_context, in_proof, depth + 1)
                    for index, item in enumerate(listed)
                    if _is_container(item)
                ]
                items.reverse()
                stack.extend(items)
                continue
            node = cast("dict[str, Any]", value if type(value) is dict else dict(value))
            if "@context" in node:
                if _types(node) & _EMBEDDED_TYPES:
                    self.document(node, where)
                    document_context = node["@context"]
                elif in_proof:
                    self.proof(node, where, document_context)
                else:
                    self.nested(node, where)
            self.push_members(stack, node, where, document_context, depth + 1)

    @staticmethod
    def push_members(
        stack: list[tuple[Any, Path, Any, bool, int]],
        node: Mapping[str, Any],
        where: Path,
        document_context: Any,
        depth: int,
    ) -> None:
        members = cast("dict[str, Any]", node if type(node) is dict else dict(node))
        items = [
            (member, (where, key), document_context, key == "proof", depth)
            for key, member in members.items()
            if key != "@context" and _is_container(member)
        ]
        items.reverse()
        stack.extend(items)


def _is_container(value: Any) -> bool:
    """A JSON object or array (the exact types first: this runs for every member)."""
    kind = type(value)
    if kind is dict or kind is list:
        return True
    if kind is str or kind is int or kind is float or kind is bool or value is None:
        return False
    return isinstance(value, (Mapping, list))


def _entry(where: Path, index: int, is_list: bool) -> Path:
    return (where, index) if is_list else where
