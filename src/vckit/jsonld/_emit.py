"""The fast path: expand a JSON-LD document and emit its quads in one pass.

pyld expands the whole document, builds a node map, then walks the map to write triples. Here each
node object is expanded and its quads are written as soon as its subject is known; nothing is
materialised but the quads. The traversal mirrors pyld's ``_expand`` step for step (context
reverting, property-scoped contexts, embedded contexts, type-scoped contexts in sorted order) so the
dataset is the one pyld produces, up to blank node labels.

Anything this module does not implement raises :class:`Unsupported` (the caller falls back to
pyld). Anything JSON-LD would silently drop is a *violation*: an error naming the JSON path in
safe mode, skipped (as pyld skips it) otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final, cast

from vckit._codec.jcs import canonicalize as jcs_canonicalize
from vckit.errors import CanonicalizationError, SafeModeError
from vckit.jsonld._context import (
    _UNSET,
    BLANK,
    KEYWORD,
    PROPERTY,
    ActiveContext,
    ContextProcessor,
    KeyPlan,
    TermDefinition,
    Unsupported,
    apply_scoped,
    expand_iri,
)
from vckit.jsonld._iri import is_absolute_iri, is_keyword
from vckit.jsonld._paths import Path, format_path
from vckit.rdfc._terms import XSD_STRING, Quad, literal

__all__ = ["EMPTY_LIST", "MAX_DEPTH", "MAX_VALUES", "Emitter", "dataset"]

MAX_DEPTH: Final = 200
"""Deepest JSON nesting accepted (as ``vckit._codec.strict_json``); deeper is an error."""
MAX_VALUES: Final = 200_000
"""Most JSON values (object members plus array items) one document may hold; the representative
OB 3.0 badge has about 150, a CLR with 50 large badges about 50,000."""

RDF: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDF_TYPE: Final = "<" + RDF + "type>"
_RDF_FIRST: Final = "<" + RDF + "first>"
_RDF_REST: Final = "<" + RDF + "rest>"
_RDF_NIL: Final = "<" + RDF + "nil>"
EMPTY_LIST: Final = "".join(("<", RDF, "nil>"))
"""``rdf:nil`` for an empty list: an equal but distinct string object. pyld and jsonld.js never
merge list values, so two empty lists under one property give the same quad twice, and both
stacks hash it twice; ``dataset`` keeps quads with this object (by identity) undeduplicated."""
_RDF_JSON: Final = RDF + "JSON"
_XSD: Final = "http://www.w3.org/2001/XMLSchema#"
_XSD_BOOLEAN: Final = _XSD + "boolean"
_XSD_DOUBLE: Final = _XSD + "double"
_XSD_INTEGER: Final = _XSD + "integer"
_I18N: Final = "https://www.w3.org/ns/i18n#"
_BCP47: Final = re.compile(r"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$")
_DOUBLE_EXPONENT: Final = re.compile(r"(\d)0*E\+?(-)?0*(\d)")
_VALUE_KEYS: Final = frozenset({"@value", "@language", "@direction", "@index"})
_NODE_KEYWORDS: Final = frozenset({"@id", "@graph"})


def canonical_double(value: float) -> str:
    """The canonical ``xsd:double`` lexical form, exactly as pyld writes it."""
    return _DOUBLE_EXPONENT.sub(r"\1E\2\3", f"{value:1.15E}")


def _json_literal(value: Any) -> str:
    """An ``rdf:JSON`` literal: the value in RFC 8785 (JCS) form, as JSON-LD 1.1 requires."""
    return literal(jcs_canonicalize(value).decode("utf-8"), _RDF_JSON)


class Emitter:
    """One toRdf run: the quads, the blank node labels and the safe-mode policy."""

    __slots__ = (
        "labels",
        "max_values",
        "next_label",
        "paths",
        "processor",
        "quads",
        "rdf_direction",
        "remaining",
        "safe",
    )

    def __init__(
        self,
        processor: ContextProcessor,
        *,
        safe: bool,
        rdf_direction: str | None,
        max_values: int = MAX_VALUES,
        record_paths: bool = False,
    ) -> None:
        self.processor = processor
        self.safe = safe
        self.rdf_direction = rdf_direction
        self.quads: list[Quad] = []
        self.labels: dict[str, str] = {}
        self.next_label = 0
        self.max_values = max_values
        self.remaining = max_values
        # blank node label -> JSON path of the value that produced it (deep_iteration_nodes)
        self.paths: dict[str, Path] | None = {} if record_paths else None

    # -- helpers -------------------------------------------------------------------------

    def blank(self) -> str:
        label = f"_:b{self.next_label}"
        self.next_label += 1
        return label

    def relabel(self, label: str) -> str:
        """Document blank node labels are renamed so they cannot clash with issued ones."""
        issued = self.labels.get(label)
        if issued is None:
            issued = self.labels[label] = self.blank()
        return issued

    def charge(self, count: int, path: Path) -> None:
        """Count JSON values against ``max_values``: the cost of a run is bounded up front."""
        self.remaining -= count
        if self.remaining < 0:
            raise CanonicalizationError(
                f"JSON-LD document has more than {self.max_values} values (max_values)",
                path=format_path(path),
            )

    def remember(self, label: str, path: Path) -> None:
        """Record where blank node ``label`` comes from (only when paths are recorded)."""
        paths = self.paths
        if paths is not None and label not in paths:
            paths[label] = path

    def violation(self, path: Path, message: str) -> None:
        """Something JSON-LD drops silently: fatal in safe mode, skipped otherwise."""
        if self.safe:
            where = format_path(path)
            raise SafeModeError(f"safe mode: {message} at {where}", path=where)

    def node_term(self, iri: str | None, path: Path, what: str) -> str | None:
        """An expanded ``@id`` as an N-Quads term; ``None`` (dropped) when relative."""
        if iri is None or is_keyword(iri):
            raise Unsupported("reserved or keyword @id value")
        if iri.startswith("_:"):
            return self.relabel(iri)
        if not is_absolute_iri(iri):
            self.violation(path, f"relative IRI {iri!r} as {what} (base IRI is null)")
            return None
        return f"<{iri}>"

    # -- documents -----------------------------------------------------------------------

    def document(self, ctx: ActiveContext, element: Any) -> None:
        """Expand a whole document (pyld ``expand`` + ``toRdf``)."""
        path: Path = None
        if isinstance(element, list):
            for index, item in enumerate(element):
                self.top_item(ctx, item, (path, index), "", 1)
            return
        if type(element) is not dict and not isinstance(element, Mapping):
            self.violation(path, "the document is not a JSON object")
            return
        self.top_item(ctx, element, path, "", 0)

    def top_item(
        self, ctx: ActiveContext, element: Any, path: Path, graph: str | None, depth: int
    ) -> None:
        """A node at the top level or inside ``@graph`` (free-floating values are dropped)."""
        if isinstance(element, list):
            if depth > MAX_DEPTH:
                raise CanonicalizationError(
                    f"JSON-LD document nests deeper than {MAX_DEPTH} levels",
                    path=format_path(path),
                )
            self.charge(len(element), path)
            for index, item in enumerate(element):
                self.top_item(ctx, item, (path, index), graph, depth + 1)
            return
        if type(element) is not dict and not isinstance(element, Mapping):
            if element is not None:
                self.violation(path, "free-floating value outside any node")
            return
        self.node(ctx, None, None, element, path, graph, depth, [], top=True)

    # -- node objects --------------------------------------------------------------------

    def node(
        self,
        ctx: ActiveContext,
        prop: str | None,
        prop_def: TermDefinition | None,
        element: Mapping[str, Any],
        path: Path,
        graph: str | None,
        depth: int,
        out: list[str],
        *,
        top: bool = False,
    ) -> None:
        """Expand an object element under ``prop``, appending the object terms it produces to
        ``out`` (no list of its own: most nodes produce one term)."""
        if depth > MAX_DEPTH:
            raise CanonicalizationError(
                f"JSON-LD document nests deeper than {MAX_DEPTH} levels", path=format_path(path)
            )
        # the node as an exact dict, so the compiled build uses dict primitives on it
        members = cast("dict[str, Any]", element if type(element) is dict else dict(element))
        self.remaining -= len(members)
        if self.remaining < 0:
            self.charge(0, path)
        previous = ctx.previous
        if previous is not None:
            # revert a type-scoped context unless this is a value object or a node reference
            must_revert = True
            if len(members) <= 2 and "@context" not in members:
                for key in sorted(members):
                    expanded = ctx.key_info(key)[0]
                    if expanded == "@value" or (expanded == "@id" and len(members) == 1):
                        must_revert = False
                        break
            if must_revert:
                ctx = previous
        if prop_def is not None and prop_def.context is not _UNSET:
            ctx = apply_scoped(
                self.processor, ctx, prop_def, propagate=True, override_protected=True
            )
        if "@context" in members:
            local = members["@context"]
            # (exact types first: the abstract Mapping check is slow, and lists are common here)
            if (
                type(local) is not list
                and type(local) is not str
                and isinstance(local, Mapping)
                and len(local) == 1
                and "@context" in local
            ):
                raise Unsupported("@context inside @context")
            ctx = self.processor.apply(ctx, local)
        type_ctx = ctx
        # One plan per member (read from the cache inline: the method call is what it saves),
        # looked up again only when a type-scoped context changes the context.
        cache = ctx.plan_cache
        plans: list[KeyPlan] = []
        member_values: list[Any] = []  # (the members read once: the loops below index these)
        type_keys: list[str] | None = None
        for key, value in members.items():
            member_values.append(value)
            plan = cache.get(key)
            if plan is None:
                plan = ctx.key_plan(key)
            if plan.expanded == "@type":
                if type_keys is None:
                    type_keys = [key]
                else:
                    type_keys.append(key)
            plans.append(plan)
        if type_keys is not None:
            scoped = self._type_scoped(ctx, members, type_keys)
            if scoped is not ctx:
                ctx = scoped
                cache = ctx.plan_cache
                plans = []
                for key in members:
                    plan = cache.get(key)
                    if plan is None:
                        plan = ctx.key_plan(key)
                    plans.append(plan)
        # classify the entries with the final context (pyld ``_expand_object``); properties
        # as two parallel lists (their plans and values), without a tuple per property
        keywords: dict[str, tuple[str, Any]] = {}
        properties: list[KeyPlan] = []
        property_values: list[Any] = []
        types: list[tuple[str, Any]] = []
        for index in range(len(plans)):
            plan = plans[index]
            value = member_values[index]
            key = plan.key
            if key == "@context":
                continue
            kind = plan.kind
            if kind == PROPERTY:
                properties.append(plan)
                property_values.append(value)
            elif kind == KEYWORD:
                expanded = cast(str, plan.expanded)
                if expanded == "@type":
                    types.append((key, value))
                elif expanded in keywords:
                    raise Unsupported("colliding keywords")
                else:
                    keywords[expanded] = (key, value)
            elif kind == BLANK:
                self.violation((path, key), f"term {key!r} maps to a blank node, not a predicate")
                properties.append(plan)  # its predicate is "": values expanded, no quads
                property_values.append(value)
            else:
                self.violation((path, key), f"term {key!r} is not defined by the context")
        if keywords:
            if "@value" in keywords:
                self.value_object(type_ctx, keywords, types, properties, path, top, out)
                return
            if "@list" in keywords:
                if properties or types or len(keywords) > (2 if "@index" in keywords else 1):
                    raise Unsupported("list object with other entries")
                if top:
                    self.violation(path, "free-floating list outside any node")
                    return
                key, value = keywords["@list"]
                definition = ctx.terms.get(prop) if prop is not None else None
                items: list[str] = []
                self.values(
                    ctx, prop, definition, value, (path, key), graph, depth, items, inside_list=True
                )
                out.append(self.rdf_list(items, graph, (path, key)))
                return
            if "@set" in keywords:
                if properties or types or len(keywords) > 1:
                    raise Unsupported("set object with other entries")
                key, value = keywords["@set"]
                self.values(ctx, prop, prop_def, value, (path, key), graph, depth + 1, out, top=top)
                return
            for keyword in keywords:  # (a loop: ``issuperset`` is a generic call when compiled)
                if keyword not in _NODE_KEYWORDS:
                    raise Unsupported(
                        f"keywords not supported by the fast path: {sorted(keywords)}"
                    )
        subject = self.node_object(
            ctx, type_ctx, keywords, types, properties, property_values, path, graph, depth, top
        )
        if subject is not None:
            out.append(subject)

    def _type_scoped(
        self, ctx: ActiveContext, element: Mapping[str, Any], type_keys: list[str]
    ) -> ActiveContext:
        """Apply the scoped contexts of the node's types, in sorted order (pyld order).

        Type terms are looked up in the context as it was before any of them is applied.
        """
        type_ctx = ctx
        if len(type_keys) == 1:  # the usual node: one type key naming one type
            value = element[type_keys[0]]
            name: Any = value
            if type(value) is list and len(value) == 1:
                name = value[0]
            if type(name) is str:
                definition = type_ctx.terms.get(name)
                if (
                    definition is None
                    or definition.context is _UNSET
                    or definition.context is False
                ):
                    return ctx
                return apply_scoped(
                    self.processor, ctx, definition, propagate=False, override_protected=False
                )
        for key in sorted(type_keys):
            value = element[key]
            names = value if isinstance(value, list) else [value]
            if len(names) > 1:
                names = sorted(n for n in names if isinstance(n, str))
            for name in names:
                if not isinstance(name, str):
                    continue
                definition = type_ctx.terms.get(name)
                if (
                    definition is None
                    or definition.context is _UNSET
                    or definition.context is False
                ):
                    continue
                ctx = apply_scoped(
                    self.processor, ctx, definition, propagate=False, override_protected=False
                )
        return ctx

    def node_object(
        self,
        ctx: ActiveContext,
        type_ctx: ActiveContext,
        keywords: dict[str, tuple[str, Any]],
        types: list[tuple[str, Any]],
        properties: list[KeyPlan],
        property_values: list[Any],
        path: Path,
        graph: str | None,
        depth: int,
        top: bool,
    ) -> str | None:
        """A node object's quads; return its subject term (``None``: dropped, or none)."""
        subject: str | None
        identity = keywords.get("@id")
        graph_entry = keywords.get("@graph")
        if identity is not None and not isinstance(identity[1], str):
            raise Unsupported("@id must be a string")
        if top and not types and graph_entry is None and not properties:
            self.violation(path, "node object with no properties is dropped")
            return None
        if identity is not None:
            key, value = identity
            subject = self.node_term(
                expand_iri(ctx, value, document_relative=True), (path, key), "@id"
            )
        elif top and graph_entry is not None and not types and not properties:
            key, value = graph_entry
            self.top_item(ctx, value, (path, key), graph, depth + 1)
            return None
        else:
            subject = self.blank()
        if self.paths is not None and subject is not None and subject[:2] == "_:":
            self.remember(subject, path)
        emit = subject is not None and graph is not None
        quads = self.quads
        # With no base, a type expands as a key does, so a type whose cached key info is a
        # property IRI needs no further checks: its term is that info's predicate.
        key_infos = type_ctx.key_info_cache if not type_ctx.base else None
        for key, value in types:
            names = value if isinstance(value, list) else [value]
            for index, name in enumerate(names):
                if not isinstance(name, str):
                    raise Unsupported("@type values must be strings")
                if key_infos is not None:
                    info = key_infos.get(name) or type_ctx.key_info(name)
                    if info[1] == PROPERTY:
                        if emit:
                            quads.append((subject, _RDF_TYPE, info[2], graph))  # type: ignore[arg-type]
                        continue
                iri = expand_iri(type_ctx, name, vocab=True, document_relative=True)
                if iri is None or is_keyword(iri):
                    raise Unsupported("@type value is a keyword")
                where: Path = ((path, key), index) if isinstance(value, list) else (path, key)
                term = self.node_term(iri, where, "@type")
                if emit and term is not None:
                    quads.append((subject, _RDF_TYPE, term, graph))  # type: ignore[arg-type]
        for index in range(len(properties)):
            plan = properties[index]
            value = property_values[index]
            key = plan.key
            predicate = plan.predicate
            if type(value) is str and plan.plain:
                # term_values' own first step for a string, without its list and frame; a
                # plain xsd:string literal needs neither the scalar settings nor a path
                if plan.string_literal:
                    if emit and predicate:
                        quads.append((subject, predicate, literal(value), graph))  # type: ignore[arg-type]
                    continue
                term = self.scalar(ctx, key, value, (path, key))
                if emit and predicate and term is not None:
                    quads.append((subject, predicate, term, graph))  # type: ignore[arg-type]
                continue
            definition = plan.definition
            if definition is not None and definition.reverse:
                self.reverse_property(
                    ctx, key, predicate, value, (path, key), subject, graph, depth
                )
                continue
            objects = self.term_values(ctx, key, definition, value, (path, key), graph, depth)
            if emit and predicate:
                for obj in objects:
                    quads.append((subject, predicate, obj, graph))  # type: ignore[arg-type]
        if graph_entry is not None:
            key, value = graph_entry
            if subject is None:
                self.violation((path, key), "named graph with a relative IRI is dropped")
            self.top_item(ctx, value, (path, key), subject, depth + 1)
        return subject

    def reverse_property(
        self,
        ctx: ActiveContext,
        key: str,
        predicate: str,
        value: Any,
        path: Path,
        subject: str | None,
        graph: str | None,
        depth: int,
    ) -> None:
        """A ``@reverse`` term: each value (a node) is the subject, this node the object."""
        for item, _ in _flatten(value, path):
            if isinstance(item, Mapping) and any(
                ctx.key_info(k)[0] in ("@value", "@list") for k in item
            ):
                raise Unsupported("@reverse value must be a node")
        objects = self.property_values(ctx, key, value, path, graph, depth)
        for obj in objects:
            if obj.startswith('"'):
                raise Unsupported("@reverse value must be a node")
            if subject is not None and graph is not None and predicate:
                self.quads.append((obj, predicate, subject, graph))

    # -- property values -----------------------------------------------------------------

    def property_values(
        self,
        ctx: ActiveContext,
        key: str,
        value: Any,
        path: Path,
        graph: str | None,
        depth: int,
    ) -> list[str]:
        """The object terms of one property (pyld ``_expand_object`` for a non-keyword key)."""
        return self.term_values(ctx, key, ctx.terms.get(key), value, path, graph, depth)

    def term_values(
        self,
        ctx: ActiveContext,
        key: str,
        definition: TermDefinition | None,
        value: Any,
        path: Path,
        graph: str | None,
        depth: int,
    ) -> list[str]:
        """``property_values`` with the key's term definition in ``ctx`` already looked up."""
        if definition is None:
            term_ctx = ctx
            container: frozenset[str] = frozenset()
        else:
            if definition.type_mapping == "@json":
                return [_json_literal(value)]
            term_ctx = ctx
            if definition.context is not _UNSET:
                term_ctx = apply_scoped(
                    self.processor, ctx, definition, propagate=True, override_protected=True
                )
            container = definition.container
        term_def = term_ctx.terms.get(key) if term_ctx is not ctx else definition
        out: list[str] = []
        if not container:
            if isinstance(value, str):  # the common case, without the generic machinery
                term = self.scalar(term_ctx, key, value, path)
                return [term] if term is not None else out
            self.values(term_ctx, key, term_def, value, path, graph, depth, out)
            return out
        if "@list" in container:
            kind = type(value)  # (exact types first: the abstract Mapping check is slow)
            is_list_object = (
                kind is dict
                or (kind is not list and kind is not str and isinstance(value, Mapping))
            ) and any(term_ctx.key_info(k)[0] == "@list" for k in value)
            if not is_list_object:
                self.values(
                    term_ctx, key, term_def, value, path, graph, depth, out, inside_list=True
                )
                return [self.rdf_list(out, graph, path)]
        if "@graph" in container:
            names: list[str] = []
            for item, where in _flatten(value, path):
                if item is None:
                    continue
                name = self.blank()
                self.remember(name, where)
                inner: list[str] = []
                self.values(term_ctx, key, term_def, item, where, name, depth, inner)
                # pyld wraps whatever the item expands to, even a dropped relative reference
                names.append(name)
            return names
        self.values(term_ctx, key, term_def, value, path, graph, depth, out)
        return out

    def values(
        self,
        ctx: ActiveContext,
        prop: str | None,
        definition: TermDefinition | None,
        value: Any,
        path: Path,
        graph: str | None,
        depth: int,
        out: list[str],
        *,
        top: bool = False,
        inside_list: bool = False,
    ) -> None:
        """Expand ``value`` (scalar, object or array) under ``prop``, appending object terms.

        ``top``: the value is at the top level or in ``@graph`` (free-floating values are
        dropped); ``inside_list``: it is an item of a ``@list`` (nested arrays are refused).
        """
        if type(value) is not str:  # a string (the common case) goes straight to the scalar tail
            if isinstance(value, list):
                if depth > MAX_DEPTH:  # arrays nest without node objects in between
                    raise CanonicalizationError(
                        f"JSON-LD document nests deeper than {MAX_DEPTH} levels",
                        path=format_path(path),
                    )
                self.remaining -= len(value)
                if self.remaining < 0:
                    self.charge(0, path)
                for index, item in enumerate(value):
                    if inside_list and isinstance(item, list):
                        raise Unsupported("list of lists")
                    self.values(
                        ctx,
                        prop,
                        definition,
                        item,
                        (path, index),
                        graph,
                        depth + 1,
                        out,
                        top=top,
                        inside_list=inside_list,
                    )
                return
            if value is None:
                return
            if type(value) is dict or isinstance(value, Mapping):
                self.node(ctx, prop, definition, value, path, graph, depth + 1, out, top=top)
                return
        if top:
            self.violation(path, "free-floating value outside any node")
            return
        term = self.scalar(ctx, prop, value, path)
        if term is not None:
            out.append(term)
        elif inside_list:
            raise Unsupported("dropped value inside a list")

    def scalar(self, ctx: ActiveContext, prop: str | None, value: Any, path: Path) -> str | None:
        """pyld ``_expand_value`` followed by ``_object_to_rdf`` for a JSON scalar."""
        info = ctx.scalar_cache.get(prop) if prop is not None else None  # inline cache read
        kind, datatype, language, direction = info or ctx.scalar_info(prop)
        if type(value) is str:
            if kind == "@id":
                return self.node_term(
                    expand_iri(ctx, value, document_relative=True), path, "@id value"
                )
            if kind == "@vocab":
                return self.node_term(
                    expand_iri(ctx, value, vocab=True, document_relative=True), path, "@id value"
                )
            if datatype is not None:
                if datatype == _XSD_DOUBLE or datatype == "@json":
                    return self.literal(value, datatype, None, None, path)
                return literal(value, datatype)
            if direction is None and language is None:
                return literal(value)
            return self.literal(value, None, language, direction, path)
        if not isinstance(value, (str, int, float)):
            raise Unsupported("unexpected scalar type")
        return self.literal(value, datatype, None, None, path)

    def literal(
        self,
        value: Any,
        datatype: str | None,
        language: str | None,
        direction: str | None,
        path: Path,
    ) -> str:
        """pyld ``_object_to_rdf`` for a value object, as a canonical N-Quads literal."""
        if datatype == "@json":
            return _json_literal(value)
        if isinstance(value, bool):
            return literal("true" if value else "false", datatype or _XSD_BOOLEAN)
        if isinstance(value, float) and not value.is_integer():
            return literal(canonical_double(value), datatype or _XSD_DOUBLE)
        if datatype == _XSD_DOUBLE:
            try:
                number = float(value)
            except (TypeError, ValueError):
                return literal(str(value), _XSD_DOUBLE)
            return literal(canonical_double(number), _XSD_DOUBLE)
        if isinstance(value, (int, float)):
            if abs(value) >= 1e21:
                try:
                    return literal(canonical_double(value), datatype or _XSD_DOUBLE)
                except OverflowError as error:
                    raise Unsupported("number out of range") from error
            return literal(str(int(value)), datatype or _XSD_INTEGER)
        if direction is not None and self.rdf_direction == "i18n-datatype":
            return literal(value, f"{_I18N}{language or ''}_{direction}")
        if direction is not None and self.rdf_direction is not None:
            raise Unsupported("compound-literal direction")
        if language is not None:
            if not _BCP47.match(language):
                self.violation(path, f"invalid language tag {language!r}")
            return literal(value, datatype or XSD_STRING, language)
        return literal(value, datatype or XSD_STRING)

    def value_object(
        self,
        type_ctx: ActiveContext,
        keywords: dict[str, tuple[str, Any]],
        types: list[tuple[str, Any]],
        properties: list[KeyPlan],
        path: Path,
        top: bool,
        out: list[str],
    ) -> None:
        """An ``@value`` object: one literal, appended to ``out``."""
        if properties or len(types) > 1 or not _VALUE_KEYS.issuperset(keywords):
            raise Unsupported("value object with other entries")
        value_key, raw = keywords["@value"]
        if "@index" in keywords and not isinstance(keywords["@index"][1], str):
            raise Unsupported("@index must be a string")
        datatype: str | None = None
        if types:
            if "@language" in keywords or "@direction" in keywords:
                raise Unsupported("value object with @type and @language/@direction")
            kind = types[0][1]
            if not isinstance(kind, str):
                raise Unsupported("value object @type must be a string")
            datatype = expand_iri(type_ctx, kind, vocab=True, document_relative=True)
            if datatype != "@json" and (
                datatype is None or not is_absolute_iri(datatype) or datatype.startswith("_:")
            ):
                raise Unsupported("value object @type is not an IRI")
        if datatype == "@json":
            if top:
                self.violation(path, "free-floating value outside any node")
                return
            out.append(_json_literal(raw))
            return
        if raw is None:
            self.violation((path, value_key), "@value is null (value dropped)")
            return
        if isinstance(raw, (Mapping, list)):
            raise Unsupported("@value must be a scalar")
        language: str | None = None
        if "@language" in keywords:
            tag = keywords["@language"][1]
            if not isinstance(tag, str) or not isinstance(raw, str):
                raise Unsupported("bad language-tagged value")
            language = tag.lower()
        direction: str | None = None
        if "@direction" in keywords:
            direction = keywords["@direction"][1]
            if direction not in ("ltr", "rtl"):
                raise Unsupported("bad @direction")
        if top:
            self.violation(path, "free-floating value outside any node")
            return
        out.append(self.literal(raw, datatype, language, direction, path))

    def rdf_list(self, items: list[str], graph: str | None, path: Path) -> str:
        """Write ``rdf:first`` / ``rdf:rest`` quads for ``items``; return the head term.

        The list's cells are recorded at ``path``, the JSON array they come from.
        """
        if not items:
            return EMPTY_LIST
        nodes = [self.blank() for _ in items]
        if self.paths is not None:
            for node in nodes:
                self.remember(node, path)
        if graph is not None:
            quads = self.quads
            for index, item in enumerate(items):
                node = nodes[index]
                rest = nodes[index + 1] if index + 1 < len(nodes) else _RDF_NIL
                quads.append((node, _RDF_FIRST, item, graph))
                quads.append((node, _RDF_REST, rest, graph))
        return nodes[0]


def dataset(quads: list[Quad]) -> list[Quad]:
    """The emitted quads without duplicates, as pyld's node map merges equal values (except the
    ``rdf:nil`` of distinct empty lists, see ``EMPTY_LIST``)."""
    if len(set(quads)) == len(quads):  # the usual case, decided in C: nothing to remove
        return quads
    seen: set[Quad] = set()
    result: list[Quad] = []
    for quad in quads:
        if quad[2] is EMPTY_LIST:
            result.append(quad)
        elif quad not in seen:
            seen.add(quad)
            result.append(quad)
    return result


def _flatten(value: Any, path: Path) -> list[tuple[Any, Path]]:
    """Items of a (possibly nested) array with their paths; a non-array is one item."""
    if not isinstance(value, list):
        return [(value, path)]
    items: list[tuple[Any, Path]] = []
    for index, item in enumerate(value):
        items.extend(_flatten(item, (path, index)))
    return items
