"""The context check: every ``@context`` a known URL, in an allowed order, no inline redefinition.

A signed credential whose terms are redefined by an inline context keeps its RDF (so its proof
still verifies) while every JSON reader sees different values (the 2024 "context substitution"
disclosure). The check therefore runs before the proof, on every credential, endorsement and
presentation, with ``vckit.jsonld.validate_contexts`` (the one implementation of the rules): known
URLs only (bundled, or added to the loader), the VC base context first, the undefined-terms
context only last, no inline or nested context unless the caller allow-lists its exact content.
Embedded credentials (endorsements, a CLR's or a presentation's credentials) are checked when the
pipeline verifies them.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, Final

from vckit.verification import _codes as codes
from vckit.verification._rules import RuleIssue

__all__ = ["context_issues"]

# Members whose values are whole credentials with their own @context (checked on their own).
_EMBEDDED: Final = frozenset({"endorsement", "verifiableCredential"})


def context_issues(
    document: Mapping[str, Any],
    loader: Any,
    allowed_inline: Collection[Mapping[str, Any]],
    *,
    nested: bool = True,
) -> list[RuleIssue]:
    """Every context problem of ``document`` outside its embedded credentials.

    ``nested=False`` says (from the pipeline's bounds walk, which visited the whole document
    within its depth bound) that no object below the top level has an ``@context``: then only
    the top-level rules can fail, and ``validate_top_contexts`` gives the same problems without
    walking the document again.
    """
    import vckit.jsonld as jsonld  # on first use
    from vckit.jsonld._validate import validate_top_contexts

    if "endorsement" in document or "verifiableCredential" in document:
        outer: Mapping[str, Any] = {
            key: value for key, value in document.items() if key not in _EMBEDDED
        }
    else:  # nothing embedded (the usual case): no copy
        outer = document
    validate = jsonld.validate_contexts if nested else validate_top_contexts
    problems = validate(outer, allowed_inline=tuple(allowed_inline), loader=loader)
    return [
        RuleIssue(
            str(problem.detail.get("path", "/@context")),
            codes.CONTEXT_VALIDATION_ERROR,
            problem.message,
        )
        for problem in problems
    ]
