"""The context check: every ``@context`` a known URL, in an allowed order, no inline redefinition.

A signed credential whose terms are redefined by an inline context keeps its RDF (so its proof
still verifies) while every JSON reader sees different values (the 2024 "context substitution"
disclosure). The check therefore runs before the proof, on every credential, endorsement and
presentation. It uses ``vckit.jsonld.validate_contexts`` when the installed jsonld layer has it,
and otherwise this module's own rules: known URLs only (bundled, or added to the loader), the VC
base context first, the undefined-terms context only last, no inline context objects unless the
caller allow-lists their exact content.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, Final

from vckit.verification import _codes as codes
from vckit.verification._rules import VC_V1, VC_V2, RuleIssue

__all__ = ["context_issues"]

UNDEFINED_TERMS: Final = "https://www.w3.org/ns/credentials/undefined-terms/v2"
# Members whose values are whole credentials with their own @context (checked on their own).
_EMBEDDED: Final = frozenset({"endorsement", "verifiableCredential"})


def _entries(context: Any) -> list[Any]:
    return context if isinstance(context, list) else [context]


def _check_list(
    context: Any,
    path: str,
    loader: Collection[str],
    allowed_inline: list[Any],
    issues: list[RuleIssue],
    *,
    top: bool,
) -> None:
    entries = _entries(context)
    for index, entry in enumerate(entries):
        where = f"{path}/{index}" if isinstance(context, list) else path
        if isinstance(entry, str):
            if entry not in loader:
                issues.append(
                    RuleIssue(
                        where, codes.CONTEXT_VALIDATION_ERROR, f"unknown context {entry[:120]!r}"
                    )
                )
            elif entry == UNDEFINED_TERMS and index != len(entries) - 1:
                issues.append(
                    RuleIssue(
                        where,
                        codes.CONTEXT_VALIDATION_ERROR,
                        "the undefined-terms context may only come last",
                    )
                )
            elif top and index > 0 and entry in (VC_V1, VC_V2):
                issues.append(
                    RuleIssue(
                        where, codes.CONTEXT_VALIDATION_ERROR, "the VC base context must come first"
                    )
                )
        elif isinstance(entry, Mapping):
            if entry not in allowed_inline:
                issues.append(
                    RuleIssue(
                        where,
                        codes.CONTEXT_VALIDATION_ERROR,
                        "inline context objects are refused (they can redefine signed terms); "
                        "allow-list the exact object with allowed_inline_contexts",
                    )
                )
        else:
            issues.append(
                RuleIssue(where, codes.CONTEXT_VALIDATION_ERROR, "a context entry must be a URL")
            )


def _has_nested_context(document: Mapping[str, Any]) -> bool:
    """A quick walk without paths: most credentials have no nested ``@context`` at all."""
    stack: list[Any] = [v for k, v in document.items() if k != "@context" and k not in _EMBEDDED]
    while stack:
        item = stack.pop()
        if type(item) is dict or isinstance(item, Mapping):
            if "@context" in item:
                return True
            stack.extend(v for k, v in item.items() if k not in _EMBEDDED)
        elif type(item) is list:
            stack.extend(item)
    return False


def _fallback(
    document: Mapping[str, Any],
    loader: Collection[str],
    allowed_inline: list[Any],
    nested: bool,
) -> list[RuleIssue]:
    issues: list[RuleIssue] = []
    if "@context" in document:
        _check_list(document["@context"], "/@context", loader, allowed_inline, issues, top=True)
    if not nested or not _has_nested_context(document):
        return issues
    stack: list[tuple[Any, str]] = [
        (value, f"/{key}") for key, value in document.items() if key not in ("@context", *_EMBEDDED)
    ]
    while stack:
        item, path = stack.pop()
        if isinstance(item, Mapping):
            for key, value in item.items():
                if key == "@context":
                    _check_list(
                        value, f"{path}/@context", loader, allowed_inline, issues, top=False
                    )
                elif key not in _EMBEDDED:
                    stack.append((value, f"{path}/{key}"))
        elif isinstance(item, list):
            stack.extend((value, f"{path}/{index}") for index, value in enumerate(item))
    return issues


def context_issues(
    document: Mapping[str, Any],
    loader: Any,
    allowed_inline: Collection[Mapping[str, Any]],
    *,
    nested: bool = True,
) -> list[RuleIssue]:
    """Every context problem of ``document`` (embedded credentials are checked on their own).

    ``nested=False`` says the caller already knows no object below the top level has an
    ``@context`` (the input walk of ``_detect`` finds out for free).
    """
    from vckit import jsonld

    validate = getattr(jsonld, "validate_contexts", None)
    if validate is not None:
        outer = {key: value for key, value in document.items() if key not in _EMBEDDED}
        problems = validate(outer, allowed_inline=tuple(allowed_inline), loader=loader)
        return [
            RuleIssue(
                str(problem.detail.get("path", "/@context")),
                codes.CONTEXT_VALIDATION_ERROR,
                problem.message,
            )
            for problem in problems
        ]
    return _fallback(document, loader, list(allowed_inline), nested)
