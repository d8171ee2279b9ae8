"""Structural validation of OB 3.0 / CLR 2.0 credentials against the spec's data model.

``validate`` never raises for bad input: it returns every ``ValidationIssue`` it finds, each with
the JSON Pointer of the offending value, a short rule name and a message. The walk is iterative,
so hostile nesting cannot exhaust the stack, and input is depth- and size-checked first. The walk
itself (``_walk``, compiled with mypyc) reads the data-model tables of ``_rules``.

Two readings of the spec are deliberate (and pinned by the differential test against the official
JSON Schemas): a ``[0..*]`` / ``[1..*]`` property may hold a single value instead of an array (the
JSON-LD compact form used by the spec's own examples and by 1EdTech's draft-04 schemas), and VC 1.1
credentials (``issuanceDate``, OB context 3.0.0-3.0.2) are valid alongside VC 2.0 ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from vckit._codec.strict_json import loads_strict
from vckit.errors import ParseError
from vckit.openbadges._base import OBModel, check_size
from vckit.openbadges._walk import credential_class, walk

__all__ = ["ValidationIssue", "credential_class", "validate"]


@dataclass(frozen=True, slots=True)
class ValidationIssue:
    """One broken data-model rule: where (JSON Pointer), which rule, and a readable message."""

    path: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.path or '/'}: {self.message} [{self.rule}]"


def validate(
    credential: Mapping[str, Any] | OBModel | str | bytes, *, input_checked: bool = False
) -> list[ValidationIssue]:
    """Check an OpenBadgeCredential, EndorsementCredential or ClrCredential; [] when valid.

    A dict is first bounded (depth, breadth, JSON types) unless ``input_checked=True`` says the
    caller has already done so with ``vckit._codec.limits.check_json_limits(...,
    json_types=True)``, as the ``vckit.verify`` pipeline does once per credential.
    """
    try:
        if input_checked and isinstance(credential, Mapping):
            data: Any = credential
        else:
            data = _as_json(credential)
    except ParseError as exc:
        return [ValidationIssue("", "parse", str(exc))]
    if not isinstance(data, Mapping):
        return [ValidationIssue("", "type", "a credential must be a JSON object")]
    issues: list[ValidationIssue] = []
    cls = credential_class(data)
    if cls is None:
        issues.append(
            ValidationIssue(
                "/type",
                "type",
                "type must include OpenBadgeCredential, AchievementCredential, "
                "EndorsementCredential or ClrCredential",
            )
        )
    found = walk(data, cls or "AchievementCredential", root_type_reported=cls is None)
    issues.extend(ValidationIssue(path, rule, message) for path, rule, message in found)
    return issues


def _as_json(credential: Mapping[str, Any] | OBModel | str | bytes) -> Any:
    if isinstance(credential, OBModel):
        return credential.to_json()
    if isinstance(credential, str | bytes | bytearray):
        value = loads_strict(credential)
        check_size(value)
    else:
        check_size(credential)
        value = credential
    return value
