"""JSON-LD 1.1 context processing for the fast path, with every processed context cached.

pyld re-processes each type-scoped and property-scoped context for every node that uses it; for a
credential that is most of the work. Here an :class:`ActiveContext` is immutable once built, and
each one keeps the contexts derived from it, keyed by *what* was applied (a context URL with the
identity of the loaded document, or a scoped context by the identity of the object inside its term
definition, or an embedded context by its JSON text) and *how* (propagate / override-protected).
Deriving the same context again is one dictionary lookup, across nodes and across calls.

The processing follows pyld (the oracle) rule for rule, including where pyld departs from the
specification; anything this module does not implement raises :class:`Unsupported`, and the
caller then refuses the document (safe mode) or hands the whole of it to pyld, so the answer is
never different from pyld's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any, Final

from vckit.errors import DocumentLoaderError
from vckit.jsonld._iri import has_keyword_form, is_absolute_iri, is_keyword
from vckit.jsonld._loader import DocumentLoader

__all__ = [
    "BLANK",
    "DROPPED",
    "KEYWORD",
    "PROPERTY",
    "ActiveContext",
    "ContextProcessor",
    "TermDefinition",
    "Unsupported",
    "initial_context",
]

_MAX_DERIVED: Final = 1024  # bound on each context's derived-context cache (embedded contexts)
_MAX_CONTEXT_URLS: Final = 10  # pyld's limit on nested remote contexts
_TERM_KEYS: Final = frozenset(
    {
        "@container",
        "@id",
        "@language",
        "@reverse",
        "@type",
        "@context",
        "@direction",
        "@index",
        "@nest",
        "@prefix",
        "@protected",
    }
)
_CONTEXT_KEYWORDS: Final = frozenset(
    {
        "@base",
        "@direction",
        "@import",
        "@language",
        "@propagate",
        "@protected",
        "@version",
        "@vocab",
    }
)
_PREFIX_END: Final = re.compile(r".*[:/\?#\[\]@]$")
_IRI_LIKE_TERM: Final = re.compile(r".*((:[^:])|/)")
_SUPPORTED_CONTAINERS: Final = frozenset(
    {
        frozenset(),
        frozenset({"@set"}),
        frozenset({"@list"}),
        frozenset({"@graph"}),
        frozenset({"@graph", "@set"}),
    }
)

_UNSET: Final[Any] = object()
"""Marks a term-definition entry that is absent (distinct from an explicit ``null``)."""

KEYWORD: Final = 1
PROPERTY: Final = 2
BLANK: Final = 3
DROPPED: Final = 0
KeyInfo = tuple[str | None, int, str | None]
ScalarInfo = tuple[str | None, str | None, str | None, str | None]


class Unsupported(Exception):
    """The fast path does not handle this document: the one signal that hands it to pyld.

    Also raised for every JSON-LD error the fast path notices. Safe mode refuses the document at
    once, naming this reason; without safe mode pyld reports the error in its own words, so there
    is one source of truth for error behaviour. Any *other* exception is a bug, never a fallback.
    """


class TermDefinition:
    """One term of an active context (immutable after creation)."""

    __slots__ = (
        "container",
        "context",
        "direction",
        "has_colon",
        "iri",
        "language",
        "plain",
        "prefix",
        "protected",
        "reverse",
        "type_mapping",
    )

    def __init__(
        self,
        iri: str | None,
        *,
        prefix: bool = False,
        protected: bool = False,
        type_mapping: str | None = None,
        container: frozenset[str] = frozenset(),
        language: Any = _UNSET,
        direction: Any = _UNSET,
        context: Any = _UNSET,
        has_colon: bool = False,
        reverse: bool = False,
    ) -> None:
        self.iri = iri
        self.reverse = reverse
        self.prefix = prefix
        self.protected = protected
        self.type_mapping = type_mapping
        self.container = container
        self.language = language
        self.direction = direction
        self.context = context
        self.has_colon = has_colon
        # A string value of a plain term is one scalar in the node's own context: no reverse
        # property, JSON literal, scoped context or container to consider (the emitter's
        # shortcut for the most common property of a credential).
        self.plain = not reverse and type_mapping != "@json" and context is _UNSET and not container

    def same_as(self, other: TermDefinition) -> bool:
        """pyld's protected-term comparison: equal in everything (scoped contexts by value)."""
        return (
            self.iri == other.iri
            and self.prefix == other.prefix
            and self.protected == other.protected
            and self.type_mapping == other.type_mapping
            and self.container == other.container
            and _same(self.language, other.language)
            and _same(self.direction, other.direction)
            and _same(self.context, other.context)
            and self.has_colon == other.has_colon
            and self.reverse == other.reverse
        )

    @property
    def has_context(self) -> bool:
        return self.context is not _UNSET


def _same(left: Any, right: Any) -> bool:
    if left is _UNSET or right is _UNSET:
        return left is right
    return bool(left == right)


class KeyPlan:
    """Everything the emitter needs about one key of a node object in one active context,
    found with one cache lookup (cached per context, as ``key_info``).

    ``expanded``, ``kind``: as ``key_info``; ``predicate``: the predicate term, ``""`` when the
    key is not a property; ``definition``: the key's term definition (or ``None``); ``plain``:
    a string value is one scalar in the node's own context (``TermDefinition.plain``, or no
    definition); ``string_literal``: moreover that scalar is a plain ``xsd:string`` literal (no
    ``@id`` / ``@vocab`` / datatype coercion, no language, no direction).
    """

    __slots__ = ("definition", "expanded", "key", "kind", "plain", "predicate", "string_literal")

    def __init__(
        self,
        key: str,
        info: KeyInfo,
        definition: TermDefinition | None,
        scalar: ScalarInfo,
    ) -> None:
        self.key = key
        self.expanded = info[0]
        self.kind = info[1]
        predicate = info[2]
        self.predicate = predicate if predicate is not None else ""
        self.definition = definition
        self.plain = definition is None or definition.plain
        self.string_literal = self.plain and scalar == (None, None, None, None)


class ActiveContext:
    """An immutable active context plus its caches (derived contexts, expanded keys)."""

    __slots__ = (
        "base",
        "derived",
        "has_protected",
        "key_cache",
        "key_info_cache",
        "language",
        "plan_cache",
        "previous",
        "scalar_cache",
        "scoped_cache",
        "terms",
        "vocab",
    )

    def __init__(
        self,
        terms: dict[str, TermDefinition],
        *,
        base: str | None,
        vocab: str | None = None,
        language: str | None = None,
        previous: ActiveContext | None = None,
    ) -> None:
        self.terms = terms
        self.base = base
        self.vocab = vocab
        self.language = language
        self.previous = previous
        self.has_protected = any(term.protected for term in terms.values())
        self.derived: dict[Any, tuple[Any, ActiveContext]] = {}
        self.key_cache: dict[str, str | None] = {}
        self.key_info_cache: dict[str, KeyInfo] = {}
        self.scalar_cache: dict[str, ScalarInfo] = {}
        self.plan_cache: dict[str, KeyPlan] = {}
        # term definition -> this context after its scoped context, for the two ways the
        # emitter applies one: (propagate, override_protected) = (True, True) for a property's,
        # (False, False) for a type's. Keyed by the definition itself (kept alive as the key).
        self.scoped_cache: tuple[dict[TermDefinition, ActiveContext], ...] = ({}, {})

    def key_plan(self, key: str) -> KeyPlan:
        """The emitter's ``KeyPlan`` for ``key`` here (cached; read the cache inline first)."""
        plan = self.plan_cache.get(key)
        if plan is None:
            plan = KeyPlan(key, self.key_info(key), self.terms.get(key), self.scalar_info(key))
            if len(self.plan_cache) < 4096:
                self.plan_cache[key] = plan
        return plan

    def key_info(self, key: str) -> KeyInfo:
        """How a key of a node object expands here, with its predicate term (cached).

        ``(expanded, kind, predicate)``: ``kind`` is one of ``KEYWORD``, ``PROPERTY``, ``BLANK``
        (a blank node predicate: not RDF) or ``DROPPED`` (undefined, null-mapped or relative).
        """
        try:
            return self.key_info_cache[key]
        except KeyError:
            pass
        expanded = self.expand_vocab(key)
        info: KeyInfo
        if expanded is None:
            info = (None, DROPPED, None)
        elif is_keyword(expanded):
            info = (expanded, KEYWORD, None)
        elif not is_absolute_iri(expanded):
            info = (expanded, DROPPED, None)
        elif expanded.startswith("_:"):
            info = (expanded, BLANK, None)
        else:
            info = (expanded, PROPERTY, "<" + expanded + ">")
        if len(self.key_info_cache) < 4096:
            self.key_info_cache[key] = info
        return info

    def scalar_info(self, key: str | None) -> ScalarInfo:
        """Value expansion settings for scalars of property ``key``: ``(type, datatype,
        language, direction)`` (pyld ``_expand_value``), cached."""
        if key is None:
            return (None, None, None, None)
        try:
            return self.scalar_cache[key]
        except KeyError:
            pass
        definition = self.terms.get(key)
        kind = definition.type_mapping if definition is not None else None
        datatype = kind if kind not in (None, "@id", "@vocab", "@none") else None
        language = self.language
        direction = None
        if definition is not None:
            if definition.language is not _UNSET:
                language = definition.language
            if definition.direction is not _UNSET:
                direction = definition.direction
        info = (kind, datatype, language, direction)
        if len(self.scalar_cache) < 4096:
            self.scalar_cache[key] = info
        return info

    def expand_vocab(self, value: str) -> str | None:
        """IRI expansion with ``vocab = true`` (keys, types), cached per context."""
        try:
            return self.key_cache[value]
        except KeyError:
            pass
        result = expand_iri(self, value, vocab=True)
        if len(self.key_cache) < 4096:
            self.key_cache[value] = result
        return result


def initial_context(base: str | None) -> ActiveContext:
    """A fresh initial context (no terms, no vocabulary) for a document base."""
    return ActiveContext({}, base=base)


def resolve_iri(value: str, base: str | None) -> str:
    """Resolve ``value`` against the document base exactly as pyld does (no base: unchanged)."""
    if not base:
        return value
    from pyld.iri_resolver import resolve  # only with a base (conformance tests)

    return str(resolve(value, base))


def expand_iri(
    ctx: ActiveContext,
    value: str,
    *,
    vocab: bool = False,
    document_relative: bool = False,
    builder: _Builder | None = None,
) -> str | None:
    """JSON-LD IRI expansion, following pyld's ``_expand_iri`` (including its quirks)."""
    if value[:1] == "@":  # keywords and keyword-like strings all start with "@"
        if is_keyword(value):
            return value
        if has_keyword_form(value):
            return None
    if builder is not None:
        builder.define_dependency(value)
    if vocab and value in ctx.terms:
        return ctx.terms[value].iri
    colon = value.find(":")
    if colon > 0:
        prefix, suffix = value[:colon], value[colon + 1 :]
        if prefix == "_" or suffix.startswith("//"):
            return value
        if builder is not None:
            builder.define_dependency(prefix)
        mapping = ctx.terms.get(prefix)
        if mapping is not None and mapping.prefix and mapping.iri is not None:
            return mapping.iri + suffix
        if is_absolute_iri(value):
            return value
    if vocab and ctx.vocab is not None:
        return ctx.vocab + value
    if document_relative:
        return resolve_iri(value, ctx.base)
    return value


LoaderCallable = Callable[[str, Any], Mapping[str, Any]]


class ContextProcessor:
    """Applies local contexts to active contexts, loading remote ones through ``loader``."""

    __slots__ = ("loader",)

    def __init__(self, loader: LoaderCallable) -> None:
        self.loader = loader

    # -- public entry points -------------------------------------------------------------

    def apply(
        self,
        active: ActiveContext,
        local: Any,
        *,
        propagate: bool = True,
        override_protected: bool = False,
    ) -> ActiveContext:
        """The active context after ``local`` (an ``@context`` value) is applied to ``active``."""
        items = local if isinstance(local, list) else [local]
        if not items:
            return active
        first = items[0]
        if (
            type(first) is not str  # (most contexts are URLs: skip the abstract Mapping check)
            and isinstance(first, Mapping)
            and isinstance(first.get("@propagate"), bool)
        ):
            propagate = first["@propagate"]
        result = active
        if not propagate and result.previous is None:
            result = _with_previous(active)
        for item in items:
            result = self._apply_one(result, item, override_protected, ())
        return result

    # -- internals -----------------------------------------------------------------------

    def _apply_one(
        self,
        active: ActiveContext,
        item: Any,
        override_protected: bool,
        remote: tuple[str, ...],
    ) -> ActiveContext:
        if item is None:
            if not override_protected and active.has_protected:
                raise Unsupported("null context would clear protected terms")
            return initial_context(active.base)
        if isinstance(item, str):
            return self._apply_url(active, item, override_protected, remote)
        if not isinstance(item, Mapping):
            raise Unsupported("invalid local context")
        key = ("inline", _json_key(item), override_protected)
        cached = active.derived.get(key)
        if cached is not None:
            return cached[1]
        result = self._process(active, item, override_protected, remote)
        _remember(active, key, item, result)
        return result

    def _apply_url(
        self,
        active: ActiveContext,
        url: str,
        override_protected: bool,
        remote: tuple[str, ...],
    ) -> ActiveContext:
        if not is_absolute_iri(url) or url.startswith("_:"):
            raise Unsupported("relative context URL")
        if url in remote or len(remote) > _MAX_CONTEXT_URLS:
            raise Unsupported("recursive or too many remote contexts")
        anchor, document, identity = self._load(url)
        key = ("url", url, identity, override_protected)
        cached = active.derived.get(key)
        if cached is not None and cached[0] is anchor:
            return cached[1]
        if not isinstance(document, Mapping):
            raise Unsupported("remote context is not a JSON object")
        local = document.get("@context", {})
        inner = local if isinstance(local, list) else [local]
        validate = not _is_bundled(url, document)
        result = active
        for part in inner:
            if isinstance(part, Mapping):
                result = self._process(
                    result, part, override_protected, (*remote, url), validate=validate
                )
            elif isinstance(part, str):
                result = self._apply_url(result, part, override_protected, (*remote, url))
            else:
                raise Unsupported("unsupported remote context shape")
        _remember(active, key, anchor, result)
        return result

    def _load(self, url: str) -> tuple[Any, Any, int]:
        """``(anchor, document, identity)`` for ``url``.

        The cache key holds ``identity`` and the cache entry keeps ``anchor`` alive, so an id is
        never reused while its entry exists. vckit's ``DocumentLoader.get`` returns the shared
        parsed document (stable identity); a foreign loader's ``"static"`` documents are keyed by
        the loader (as pyld caches them); anything else by the document object it returned.
        """
        loader = self.loader
        if type(loader) is DocumentLoader:
            # vckit's own loader (not a subclass): ``DocumentLoader.get``'s first step, its
            # offline table, read here without the interpreted call; a miss takes ``get``
            document = loader._offline.get(url)
            if document is not None:
                return document, document, id(document)
        try:
            getter = getattr(self.loader, "get", None)
            if callable(getter) and hasattr(self.loader, "urls"):
                document = getter(url)
                return document, document, id(document)
            remote = self.loader(url, {})
        except DocumentLoaderError:
            raise
        except Exception as error:  # a foreign loader: translate at the boundary
            raise DocumentLoaderError(f"could not load context {url}: {error}", url=url) from error
        if not isinstance(remote, Mapping) or remote.get("contextUrl"):
            raise Unsupported("loader result not supported by the fast path")
        document = remote.get("document")
        if remote.get("tag") == "static":
            return self.loader, document, id(self.loader)
        return document, document, id(document)

    def _process(
        self,
        active: ActiveContext,
        local: Mapping[str, Any],
        override_protected: bool,
        remote: tuple[str, ...],
        *,
        validate: bool = True,
    ) -> ActiveContext:
        """Process one context object (pyld ``_process_context`` body for a map).

        ``validate`` processes each scoped context once as soon as its term is defined, as pyld
        does, so an invalid one fails even if unused. Bundled contexts skip that (their scoped
        contexts are known to be valid: ``tests/unit/jsonld/test_context.py`` checks them all).
        """
        if "@context" in local or "@import" in local or "@base" in local:
            raise Unsupported("@context/@import/@base inside a context")
        if "@direction" in local:
            raise Unsupported("default @direction")
        if "@version" in local and local["@version"] != 1.1:
            raise Unsupported("bad @version")
        if local.get("@protected", True) is not True or "_uuid" in local:
            raise Unsupported("'@protected': false or a '_uuid' term (pyld mishandles both)")
        builder = _Builder(self, active, local, override_protected, remote)
        if "@vocab" in local:
            value = local["@vocab"]
            if value is None:
                if builder.vocab is None:
                    raise Unsupported("@vocab null without a vocabulary (pyld fails)")
                builder.vocab = None
            elif not isinstance(value, str):
                raise Unsupported("bad @vocab")
            else:
                builder.vocab = expand_iri(
                    builder.snapshot(), value, vocab=True, document_relative=True
                )
        if "@language" in local:
            value = local["@language"]
            if value is None:
                if builder.language is None:
                    raise Unsupported("@language null without a default (pyld fails)")
                builder.language = None
            elif not isinstance(value, str):
                raise Unsupported("bad @language")
            else:
                builder.language = value.lower()
        if "@propagate" in local and not isinstance(local["@propagate"], bool):
            raise Unsupported("bad @propagate")
        for term, value in local.items():
            builder.define(term)
            if validate and isinstance(value, Mapping) and "@context" in value:
                builder.validate_scoped(value["@context"])
        return builder.build()


class _Builder:
    """Mutable state while one context object is processed (pyld's ``rval`` + ``defined``)."""

    def __init__(
        self,
        processor: ContextProcessor,
        active: ActiveContext,
        local: Mapping[str, Any],
        override_protected: bool,
        remote: tuple[str, ...],
    ) -> None:
        self.processor = processor
        self.local = local
        self.override_protected = override_protected
        self.remote = remote
        self.terms = dict(active.terms)
        self.base = active.base
        self.vocab = active.vocab
        self.language = active.language
        self.previous = active.previous
        self.defined: dict[str, bool] = {}
        self.protected_default = bool(local.get("@protected", False))

    def snapshot(self) -> ActiveContext:
        return ActiveContext(
            dict(self.terms),
            base=self.base,
            vocab=self.vocab,
            language=self.language,
            previous=self.previous,
        )

    def build(self) -> ActiveContext:
        return ActiveContext(
            self.terms,
            base=self.base,
            vocab=self.vocab,
            language=self.language,
            previous=self.previous,
        )

    def define_dependency(self, term: str) -> None:
        if term in self.local and self.defined.get(term) is not True:
            self.define(term)

    def validate_scoped(self, scoped: Any) -> None:
        """pyld checks each scoped context when its term is defined; so does the fast path."""
        if isinstance(scoped, str) and scoped in self.remote:
            return
        self.processor.apply(self.snapshot(), scoped, override_protected=True)

    def _expand(self, value: str) -> str | None:
        return expand_iri(self.snapshot_view(), value, vocab=True, builder=self)

    def snapshot_view(self) -> ActiveContext:
        """A context sharing the live term map (cheap; used only for IRI expansion)."""
        # built empty, then given the live terms (not ``__new__``: mypyc classes need __init__)
        view = ActiveContext(
            {}, base=self.base, vocab=self.vocab, language=self.language, previous=self.previous
        )
        view.terms = self.terms
        return view

    def define(self, term: str) -> None:
        """Create the term definition for ``term`` (pyld ``_create_term_definition``)."""
        if term in self.defined:
            if self.defined[term]:
                return
            raise Unsupported("cyclical context definition")
        if term in _CONTEXT_KEYWORDS:
            self.defined[term] = True
            return
        self.defined[term] = False
        value = self.local.get(term)
        if is_keyword(term) or term == "":
            raise Unsupported("keyword redefinition or empty term")
        if has_keyword_form(term):
            return  # reserved: ignored (pyld warns)
        previous = self.terms.pop(term, None)
        simple = False
        if value is None or isinstance(value, str):
            simple = True
            value = {"@id": value}
        if not isinstance(value, Mapping):
            raise Unsupported("term definition must be a string or object")
        if not _TERM_KEYS.issuperset(value):
            raise Unsupported("unknown term definition entry")
        if "@nest" in value or "@index" in value:
            raise Unsupported("@nest/@index term")
        colon = term.find(":")
        has_colon = colon > 0
        iri: str | None
        prefix = False
        id_set = False
        reverse = False
        iri = None
        if "@reverse" in value:
            target = value["@reverse"]
            if "@id" in value or not isinstance(target, str) or has_keyword_form(target):
                raise Unsupported("unusual @reverse term")
            iri = self._expand(target)
            if iri is None or not is_absolute_iri(iri):
                raise Unsupported("@reverse is not an IRI")
            id_set = reverse = True
        elif "@id" in value:
            raw = value["@id"]
            if raw is not None and not isinstance(raw, str):
                raise Unsupported("bad @id in term definition")
            if raw is None:
                id_set = True
            elif not is_keyword(raw) and has_keyword_form(raw):
                if previous is not None:
                    self.terms[term] = previous
                return
            elif raw != term:
                iri = self._expand(raw)
                if iri is None or not (is_absolute_iri(iri) or is_keyword(iri)):
                    raise Unsupported("term @id is not an IRI")
                if _IRI_LIKE_TERM.match(term):
                    saved = self.defined.get(term)
                    self.defined[term] = True
                    term_iri = self._expand(term)
                    self.defined[term] = saved if saved is not None else False
                    if term_iri != iri:
                        raise Unsupported("term in IRI form expands differently")
                id_set = True
                prefix = (
                    simple
                    and not has_colon
                    and (iri.startswith("_:") or _PREFIX_END.match(iri) is not None)
                )
        if not id_set:
            if has_colon:
                head = term[:colon]
                if head in self.local:
                    self.define(head)
                mapping = self.terms.get(head)
                if mapping is not None:
                    if mapping.iri is None:
                        raise Unsupported("prefix with null mapping")
                    iri = mapping.iri + term[colon + 1 :]
                else:
                    iri = term
            else:
                if self.vocab is None:
                    raise Unsupported("term without @id and no @vocab")
                iri = self.vocab + term
        protected = bool(value.get("@protected")) or (
            self.protected_default and bool(value.get("@protected", True))
        )
        type_mapping: str | None = None
        if "@type" in value:
            kind = value["@type"]
            if not isinstance(kind, str):
                raise Unsupported("bad @type in term definition")
            if kind not in ("@json", "@none", "@id", "@vocab"):
                expanded = self._expand(kind)
                if expanded is None or not is_absolute_iri(expanded) or expanded.startswith("_:"):
                    raise Unsupported("term @type is not an IRI")
                kind = expanded
            type_mapping = kind
        container: frozenset[str] = frozenset()
        if "@container" in value:
            raw_container = value["@container"]
            values = raw_container if isinstance(raw_container, list) else [raw_container]
            if not all(isinstance(v, str) for v in values):
                raise Unsupported("bad @container")
            container = frozenset(values)
            if container not in _SUPPORTED_CONTAINERS or len(values) != len(container):
                raise Unsupported("container kind not supported by the fast path")
            if reverse and not container <= {"@set"}:
                raise Unsupported("@reverse term with a container other than @set")
        language: Any = _UNSET
        if "@language" in value and "@type" not in value:
            raw_language = value["@language"]
            if raw_language is not None and not isinstance(raw_language, str):
                raise Unsupported("bad @language in term definition")
            language = raw_language.lower() if isinstance(raw_language, str) else None
        direction: Any = _UNSET
        if "@direction" in value:
            direction = value["@direction"]
            if direction not in (None, "ltr", "rtl"):
                raise Unsupported("bad @direction in term definition")
        if "@prefix" in value:
            flag = value["@prefix"]
            if re.match(r".*(:|/)", term) or not isinstance(flag, bool):
                raise Unsupported("bad @prefix")
            if iri is not None and is_keyword(iri):
                raise Unsupported("keyword used as prefix")
            prefix = flag
        context: Any = _UNSET
        if "@context" in value:
            context = False if value["@context"] is None else value["@context"]
        if iri in ("@context", "@preserve"):
            raise Unsupported("@context/@preserve alias")
        definition = TermDefinition(
            iri,
            prefix=prefix,
            protected=protected,
            type_mapping=type_mapping,
            container=container,
            language=language,
            direction=direction,
            context=context,
            has_colon=has_colon,
            reverse=reverse,
        )
        if previous is not None and previous.protected and not self.override_protected:
            definition.protected = True
            if not definition.same_as(previous):
                raise Unsupported("protected term redefinition")
        self.terms[term] = definition
        self.defined[term] = True


def _is_bundled(url: str, document: Any) -> bool:
    """True when ``document`` is the very context vckit bundles for ``url`` (not an override)."""
    from vckit.jsonld._loader import bundled_context_urls, default_loader

    if url not in bundled_context_urls():
        return False
    try:
        return default_loader().get(url) is document
    except DocumentLoaderError:
        return False


def _with_previous(active: ActiveContext) -> ActiveContext:
    """``active`` marked as not propagated (its own previous context), cached on ``active``."""
    cached = active.derived.get(("previous",))
    if cached is not None:
        return cached[1]
    result = ActiveContext(
        active.terms,
        base=active.base,
        vocab=active.vocab,
        language=active.language,
        previous=active,
    )
    _remember(active, ("previous",), None, result)
    return result


def _json_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _remember(active: ActiveContext, key: Any, anchor: Any, result: ActiveContext) -> None:
    """Cache ``result``; ``anchor`` (the object whose identity is in the key) is kept alive."""
    if len(active.derived) >= _MAX_DERIVED:
        active.derived.clear()
    active.derived[key] = (anchor, result)


def apply_scoped(
    processor: ContextProcessor,
    active: ActiveContext,
    definition: TermDefinition,
    *,
    propagate: bool,
    override_protected: bool,
) -> ActiveContext:
    """Apply a term's scoped context, cached by the identity of the context object.

    The emitter's two combinations are first looked up by the definition itself (one dict
    lookup by identity, no key tuple to build and hash).
    """
    fast: dict[TermDefinition, ActiveContext] | None = None
    if propagate == override_protected:
        fast = active.scoped_cache[0 if propagate else 1]
        known = fast.get(definition)
        if known is not None:
            return known
    scoped = definition.context
    key = ("scoped", id(scoped), propagate, override_protected)
    cached = active.derived.get(key)
    if cached is not None and cached[0] is scoped:
        result = cached[1]
    else:
        local = None if scoped is False else scoped
        result = processor.apply(
            active, local, propagate=propagate, override_protected=override_protected
        )
        _remember(active, key, scoped, result)
    if fast is not None:
        if len(fast) >= _MAX_DERIVED:
            fast.clear()
        fast[definition] = result
    return result
