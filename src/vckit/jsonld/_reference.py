"""The pyld path: JSON-LD toRdf and URDNA2015 by pyld, with pyld's errors translated.

pyld is vckit's oracle and its fallback for JSON-LD the fast path does not cover. Everything pyld
raises is translated here, at the boundary, so no ``JsonLdError`` ever reaches a caller: loading
problems become :class:`DocumentLoaderError` (the one the loader raised, when there is one), and
everything else becomes :class:`CanonicalizationError`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from typing import Any, Final

from vckit.errors import (
    CanonicalizationError,
    CanonicalizationWorkLimitError,
    DocumentLoaderError,
    VckitError,
)
from vckit.rdfc._terms import XSD_STRING, Quad, literal

__all__ = ["PYLD_LIMITS", "LoaderCallable", "PyldLimits", "pyld_to_rdf", "translate_errors"]

LoaderCallable = Callable[[str, Any], Mapping[str, Any]]
"""Anything pyld accepts as ``documentLoader``: ``(url, options) -> remote document``."""

# pyld error codes that mean "a document could not be loaded"
_LOADING_CODES: Final = frozenset(
    {
        "loading document failed",
        "loading remote context failed",
        "recursive context inclusion",
        "invalid remote context",
        "context overflow",
    }
)


def _vckit_cause(error: BaseException) -> VckitError | None:
    """The first vckit error in ``error``'s cause chain (what our loader raised), if any."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, VckitError):
            return current
        seen.add(id(current))
        details = getattr(current, "details", None)
        nested = details.get("cause") if isinstance(details, dict) else None
        if isinstance(nested, BaseException):
            current = nested
            continue
        current = current.__cause__ or current.__context__
    return None


def _codes(error: BaseException) -> Iterator[str]:
    """Every pyld error code (``JsonLdError.code``) along the cause chain."""
    current: BaseException | None = error
    depth = 0
    while current is not None and depth < 32:
        code = getattr(current, "code", None)
        if isinstance(code, str):
            yield code
        current = current.__cause__ or current.__context__
        depth += 1


@contextmanager
def translate_errors() -> Iterator[None]:
    """Run pyld code, turning whatever it raises into a vckit error."""
    try:
        yield
    except VckitError:
        raise
    except RecursionError as error:
        raise CanonicalizationError("JSON-LD document is nested too deeply") from error
    except Exception as error:
        cause = _vckit_cause(error)
        if cause is not None:
            raise cause from error
        codes = list(_codes(error))
        message = f"JSON-LD processing failed: {codes[-1] if codes else type(error).__name__}"
        if any(code in _LOADING_CODES for code in codes):
            raise DocumentLoaderError(message) from error
        raise CanonicalizationError(message) from error


class PyldLimits:
    """Bounds on pyld's own work in one call (pyld has none).

    pyld processes every scoped context again for every node that uses it: a 500-term inline
    type-scoped context on 500 nodes is 250,000 term definitions, seconds of CPU. The typical
    credentials stay far below these (the large OB 3.0 fixture: about 1,000 term definitions,
    120 context applications and 650 expansion steps).
    """

    __slots__ = ("contexts", "expansions", "term_definitions")

    def __init__(
        self, *, term_definitions: int = 10_000, contexts: int = 2_000, expansions: int = 100_000
    ) -> None:
        self.term_definitions = term_definitions
        self.contexts = contexts
        self.expansions = expansions


PYLD_LIMITS: Final = PyldLimits()


@cache
def _processor_class() -> Any:
    """pyld's ``JsonLdProcessor`` counting its own work (built once, on first use of pyld)."""
    from pyld.jsonld import JsonLdProcessor

    class BoundedProcessor(JsonLdProcessor):  # type: ignore[misc]
        def __init__(self, limits: PyldLimits) -> None:
            super().__init__()
            self.limits = limits
            self.terms = self.contexts = self.expansions = 0

        def _create_term_definition(self, *args: Any, **kwargs: Any) -> Any:
            self.terms += 1
            if self.terms > self.limits.term_definitions:
                _exceeded(self.limits.term_definitions, "term definitions")
            return super()._create_term_definition(*args, **kwargs)

        def _process_context(self, *args: Any, **kwargs: Any) -> Any:
            self.contexts += 1
            if self.contexts > self.limits.contexts:
                _exceeded(self.limits.contexts, "context applications")
            return super()._process_context(*args, **kwargs)

        def _expand(self, *args: Any, **kwargs: Any) -> Any:
            self.expansions += 1
            if self.expansions > self.limits.expansions:
                _exceeded(self.limits.expansions, "expansion steps")
            return super()._expand(*args, **kwargs)

    return BoundedProcessor


def _exceeded(limit: int, what: str) -> None:
    raise CanonicalizationWorkLimitError(
        f"JSON-LD processing exceeded its work limit ({limit} {what}): the document is too "
        "costly for the pyld path"
    )


def _term(node: Mapping[str, Any]) -> str:
    kind = node["type"]
    if kind == "IRI":
        return "<" + str(node["value"]) + ">"
    if kind == "blank node":
        return str(node["value"])
    return literal(node["value"], node.get("datatype") or XSD_STRING, node.get("language"))


def _graph_term(name: str) -> str:
    if name == "@default":
        return ""
    return name if name.startswith("_:") else "<" + name + ">"


def pyld_to_rdf(
    document: Any,
    loader: LoaderCallable,
    *,
    processing_mode: str = "json-ld-1.1",
    rdf_direction: str | None = "i18n-datatype",
    base: str | None = None,
    expand_context: Any = None,
    limits: PyldLimits = PYLD_LIMITS,
) -> list[Quad]:
    """JSON-LD 1.1 toRdf by pyld, as canonical-term quads (the defaults are vckit's settings).

    pyld's work is bounded by ``limits``: past them, :class:`CanonicalizationWorkLimitError`.
    """
    options: dict[str, Any] = {
        "base": base,
        "documentLoader": loader,
        "processingMode": processing_mode,
        "produceGeneralizedRdf": False,
        "rdfDirection": rdf_direction,
    }
    if expand_context is not None:
        options["expandContext"] = expand_context
    with translate_errors():
        dataset = _processor_class()(limits).to_rdf(document, options)
    quads: list[Quad] = []
    for name, triples in dataset.items():
        graph = _graph_term(name)
        for triple in triples:
            if triple["object"] is None:  # pyld emits this for a relative IRI inside a list
                raise CanonicalizationError("JSON-LD processing failed: relative IRI in a list")
            quads.append(
                (
                    _term(triple["subject"]),
                    _term(triple["predicate"]),
                    _term(triple["object"]),
                    graph,
                )
            )
    return quads
