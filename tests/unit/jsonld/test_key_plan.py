"""``ActiveContext.key_plan``: the one cached answer the emitter reads per key of a node.

A plan says whether a string value is one scalar in the node's own context (``plain``) and
whether that scalar is a plain ``xsd:string`` literal (``string_literal``): the emitter writes
such values without the general machinery, so a term with a scoped context, ``@json`` type,
container, reverse mapping, type coercion or language must never be marked so.
"""

from __future__ import annotations

import pytest

from vckit.jsonld._context import (
    KEYWORD,
    PROPERTY,
    ActiveContext,
    ContextProcessor,
    initial_context,
)
from vckit.jsonld._loader import default_loader

EX = "https://example.org/vocab#"
CONTEXT = {
    "@version": 1.1,
    "ex": EX,
    "name": "ex:name",
    "id": "@id",
    "homepage": {"@id": "ex:homepage", "@type": "@id"},
    "born": {"@id": "ex:born", "@type": "http://www.w3.org/2001/XMLSchema#date"},
    "data": {"@id": "ex:data", "@type": "@json"},
    "tags": {"@id": "ex:tags", "@container": "@list"},
    "label": {"@id": "ex:label", "@language": "en"},
    "scoped": {"@id": "ex:scoped", "@context": {"inner": "ex:inner"}},
    "parent": {"@reverse": "ex:child"},
}


@pytest.fixture(scope="module")
def ctx() -> ActiveContext:
    return ContextProcessor(default_loader()).apply(initial_context(None), CONTEXT)


def test_a_plain_term_is_a_plain_string_literal(ctx: ActiveContext) -> None:
    plan = ctx.key_plan("name")
    assert (plan.key, plan.expanded, plan.kind) == ("name", EX + "name", PROPERTY)
    assert plan.predicate == f"<{EX}name>"
    assert plan.plain
    assert plan.string_literal
    assert ctx.key_plan("name") is plan  # cached per context


@pytest.mark.parametrize("term", ["homepage", "born", "label"])
def test_coerced_or_tagged_strings_are_plain_but_not_plain_literals(
    ctx: ActiveContext, term: str
) -> None:
    plan = ctx.key_plan(term)
    assert plan.plain
    assert not plan.string_literal


@pytest.mark.parametrize("term", ["data", "tags", "scoped", "parent"])
def test_json_list_scoped_and_reverse_terms_are_not_plain(ctx: ActiveContext, term: str) -> None:
    plan = ctx.key_plan(term)
    assert plan.definition is not None
    assert not plan.plain
    assert not plan.string_literal


def test_keywords_and_undefined_keys(ctx: ActiveContext) -> None:
    keyword = ctx.key_plan("id")
    assert (keyword.expanded, keyword.kind, keyword.predicate) == ("@id", KEYWORD, "")
    undefined = ctx.key_plan("nowhere")
    assert undefined.kind not in (KEYWORD, PROPERTY)
    assert undefined.predicate == ""
    assert undefined.definition is None
