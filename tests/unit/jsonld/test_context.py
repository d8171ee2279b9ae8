"""Context processing: every bundled context is valid as pyld would check it (so the fast path may
skip re-validating their scoped contexts), and protected terms behave."""

from __future__ import annotations

from typing import Any

import pytest

from vckit.jsonld import bundled_context_urls, default_loader
from vckit.jsonld._context import ContextProcessor, Unsupported, initial_context


@pytest.mark.parametrize("url", sorted(bundled_context_urls()))
def test_bundled_context_and_all_its_scoped_contexts_are_valid(url: str) -> None:
    loader = default_loader()
    document = loader.get(url)
    processor = ContextProcessor(loader)
    # process the document's context as an embedded one: this validates every scoped context
    local = document["@context"]
    items = local if isinstance(local, list) else [local]
    ctx = initial_context(None)
    for item in items:
        if isinstance(item, str):
            ctx = processor.apply(ctx, item)
        else:
            ctx = processor._process(ctx, item, False, (), validate=True)
    assert ctx.terms or ctx.vocab


def test_scoped_context_errors_surface_when_not_bundled() -> None:
    processor = ContextProcessor(default_loader())
    local: dict[str, Any] = {
        "t": {"@id": "https://example.org/t", "@context": {"bad": {"@id": 5}}},
    }
    with pytest.raises(Unsupported):
        processor.apply(initial_context(None), local)


def test_contexts_are_cached_per_parent() -> None:
    processor = ContextProcessor(default_loader())
    base = initial_context(None)
    first = processor.apply(base, "https://www.w3.org/ns/credentials/v2")
    assert processor.apply(base, "https://www.w3.org/ns/credentials/v2") is first
    term = first.terms["VerifiableCredential"]
    assert term.protected
