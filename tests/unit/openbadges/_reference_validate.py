"""The OB validation walker as it was before the table-driven ``_walk`` (the test oracle).

``vckit.openbadges.validate`` must report exactly what this straightforward walker reports, issue
for issue and in the same order; ``test_ob_walk.py`` compares the two on mutated credentials.
Kept verbatim (apart from this docstring and its public names) so the comparison means something.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from vckit._codec.strict_json import loads_strict
from vckit._codec.xsd import parse_datetime
from vckit.errors import ParseError
from vckit.openbadges._base import OBModel, check_size
from vckit.openbadges._enums import is_extension_term
from vckit.openbadges._rules import (
    CLASSES,
    COMPACT_JWS_PATTERN,
    LANGUAGE_PATTERN,
    Kind,
    Prop,
)

__all__ = ["reference_validate"]

VC_V1: Final = "https://www.w3.org/2018/credentials/v1"
VC_V2: Final = "https://www.w3.org/ns/credentials/v2"
_OB_CONTEXT = re.compile(r"https://purl\.imsglobal\.org/spec/ob/v3p0/context(-3\.\d\.\d)?\.json")
_CLR_CONTEXT = re.compile(r"https://purl\.imsglobal\.org/spec/clr/v2p0/context(-2\.\d\.\d)?\.json")
# RFC 3986 section 3.1: a URI starts with a scheme and a colon; nothing in it is whitespace.
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s]*", re.ASCII)
# B.1.3 (and CLR 2.0 ClrSubject): "Either id or at least one identifier MUST be supplied."
_SUBJECTS = frozenset({"AchievementSubject", "ClrSubject"})
_DATE = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])", re.ASCII)


@dataclass(frozen=True, slots=True)
class ValidationIssue:
    """One broken data-model rule: where (JSON Pointer), which rule, and a readable message."""

    path: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.path or '/'}: {self.message} [{self.rule}]"


def credential_class(data: Mapping[str, Any]) -> str | None:
    """The data-model class of a credential by its ``type``: Clr, Endorsement or Achievement."""
    types = data.get("type")
    values = types if isinstance(types, list) else [types]
    if "ClrCredential" in values:
        return "ClrCredential"
    if "EndorsementCredential" in values:
        return "EndorsementCredential"
    if "OpenBadgeCredential" in values or "AchievementCredential" in values:
        return "AchievementCredential"
    return None


def reference_validate(
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
    walker = _Walker(issues)
    if cls is None:
        issues.append(
            ValidationIssue(
                "/type",
                "type",
                "type must include OpenBadgeCredential, AchievementCredential, "
                "EndorsementCredential or ClrCredential",
            )
        )
        cls = "AchievementCredential"
        walker.type_reported.add("")
    walker.run(data, cls, "")
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


# Per class: each property's position in the rule, and the required ones in rule order.
_ORDER: dict[str, dict[str, int]] = {
    cls: {name: index for index, name in enumerate(rule.props)} for cls, rule in CLASSES.items()
}
_REQUIRED: dict[str, tuple[str, ...]] = {
    cls: tuple(name for name, prop in rule.props.items() if prop.required)
    for cls, rule in CLASSES.items()
}


def _escape(key: str) -> str:
    if "~" in key or "/" in key:
        return key.replace("~", "~0").replace("/", "~1")
    return key


class _Walker:
    """Checks one object at a time from a work list (no recursion)."""

    def __init__(self, issues: list[ValidationIssue]) -> None:
        self.issues = issues
        self.type_reported: set[str] = set()  # paths whose ``type`` was already reported
        self.todo: list[tuple[Any, str, str]] = []

    def add(self, path: str, rule: str, message: str) -> None:
        self.issues.append(ValidationIssue(path, rule, message))

    def run(self, value: Any, cls: str, path: str) -> None:
        self.todo.append((value, cls, path))
        while self.todo:
            self.check_object(*self.todo.pop())

    def check_object(self, value: Any, cls: str, path: str) -> None:
        if not isinstance(value, Mapping):
            self.add(path, "type", f"{cls} must be a JSON object")
            return
        rule = CLASSES[cls]
        props = rule.props
        # Issues come out in the rule's property order, whatever order the JSON has; only the
        # members present (and the required ones) are visited: an object has a few of its
        # class's dozens of members.
        order = _ORDER[cls]
        names = {name for name in value if name in props}
        names.update(_REQUIRED[cls])
        for name in sorted(names, key=order.__getitem__):
            if name not in value:
                self.add(f"{path}/{_escape(name)}", "required", f"{cls}.{name} is required")
            else:
                self.check_property(
                    value[name], props[name], f"{path}/{_escape(name)}", f"{cls}.{name}"
                )
        if rule.closed:
            for name in sorted(value.keys() - rule.props.keys()):
                self.add(f"{path}/{_escape(name)}", "closed", f"{cls} has no property {name!r}")
        types = value.get("type")
        if rule.type_iri and isinstance(types, list | str) and path not in self.type_reported:
            values = types if isinstance(types, list) else [types]
            if not any(t in values for t in rule.type_iri):
                wanted = " or ".join(repr(t) for t in rule.type_iri)
                self.add(f"{path}/type", "type", f"{cls}.type must include {wanted}")
        if cls in ("AchievementCredential", "EndorsementCredential", "ClrCredential"):
            self.check_credential(value, cls, path)
        if cls in _SUBJECTS and "id" not in value and not value.get("identifier"):
            self.add(path, "required", f"{cls} needs an id or at least one identifier")

    def check_property(self, value: Any, prop: Prop, path: str, label: str) -> None:
        if prop.many and isinstance(value, list):
            if len(value) < prop.min_items:
                self.add(path, "cardinality", f"{label} needs at least {prop.min_items} value(s)")
            for index, item in enumerate(value):
                self.check_value(item, prop, f"{path}/{index}", label)
        elif isinstance(value, list):
            self.add(path, "cardinality", f"{label} takes a single value, not an array")
        elif prop.many and prop.min_items > 1:
            self.add(path, "cardinality", f"{label} needs at least {prop.min_items} values")
            self.check_value(value, prop, path, label)
        else:
            self.check_value(value, prop, path, label)

    def check_value(self, value: Any, prop: Prop, path: str, label: str) -> None:
        kind = prop.kind
        if kind is Kind.OBJECT:
            self.todo.append((value, prop.target, path))
        elif kind is Kind.PROFILE_REF:
            if isinstance(value, str):
                self.check_uri(value, path, label)
            else:
                self.todo.append((value, "Profile", path))
        elif kind is Kind.CONTEXT_ITEM:
            if not isinstance(value, str | Mapping):
                self.add(path, "type", f"{label} items are URIs or context objects")
        elif kind is Kind.NUMBER:
            if isinstance(value, bool) or not isinstance(value, int | float):
                self.add(path, "type", f"{label} must be a number")
        elif kind is Kind.BOOLEAN:
            if not isinstance(value, bool):
                self.add(path, "type", f"{label} must be true or false")
        elif not isinstance(value, str):
            self.add(path, "type", f"{label} must be a string")
        else:
            self.check_string(value, prop, path, label)

    def check_string(self, value: str, prop: Prop, path: str, label: str) -> None:
        kind = prop.kind
        if kind is Kind.URI:
            self.check_uri(value, path, label)
        elif kind in (Kind.DATETIME, Kind.DATETIMEZ):
            try:
                parse_datetime(value, require_timezone=kind is Kind.DATETIMEZ)
            except ParseError:
                zone = " with a timezone" if kind is Kind.DATETIMEZ else ""
                self.add(path, "format", f"{label} must be an XSD dateTime{zone}")
        elif kind is Kind.DATE:
            if _DATE.fullmatch(value) is None or not _real_date(value):
                self.add(path, "format", f"{label} must be a date (YYYY-MM-DD)")
        elif kind is Kind.LANGUAGE:
            if LANGUAGE_PATTERN.fullmatch(value) is None:
                self.add(path, "format", f"{label} must be a BCP 47 language code")
        elif kind is Kind.COMPACT_JWS:
            if COMPACT_JWS_PATTERN.fullmatch(value) is None:
                self.add(path, "format", f"{label} must be a compact JWS")
        elif kind is Kind.VOCABULARY and not _in_vocabulary(value, prop):
            extra = " or an ext: term" if prop.extensible else ""
            self.add(path, "vocabulary", f"{label} {value[:60]!r} is not a spec value{extra}")

    def check_uri(self, value: str, path: str, label: str) -> None:
        if _URI.fullmatch(value) is None:
            self.add(path, "format", f"{label} must be a URI")

    def check_credential(self, value: Mapping[str, Any], cls: str, path: str) -> None:
        """The context order and the VC version's date property."""
        types = value.get("type")
        if isinstance(types, list | str) and "VerifiableCredential" not in (
            types if isinstance(types, list) else [types]
        ):
            self.add(f"{path}/type", "type", f"{cls}.type must include 'VerifiableCredential'")
        context = value.get("@context")
        if context is None:
            return  # reported as required
        items = context if isinstance(context, list) else [context]
        first = items[0] if items else None
        if first not in (VC_V2, VC_V1):
            self.add(f"{path}/@context/0", "context", f"the first context must be {VC_V2!r}")
        second = items[1] if len(items) > 1 else None
        pattern = _CLR_CONTEXT if cls == "ClrCredential" else _OB_CONTEXT
        if not (isinstance(second, str) and pattern.fullmatch(second)):
            spec = "CLR 2.0" if cls == "ClrCredential" else "OB 3.0"
            self.add(f"{path}/@context/1", "context", f"the second context must be the {spec} one")
        date = "issuanceDate" if first == VC_V1 else "validFrom"
        if date not in value:
            self.add(f"{path}/{date}", "required", f"{cls}.{date} is required")


def _in_vocabulary(value: str, prop: Prop) -> bool:
    return value in prop.vocabulary or (prop.extensible and is_extension_term(value))


def _real_date(value: str) -> bool:
    try:
        parse_datetime(value + "T00:00:00")
    except ParseError:
        return False
    return True
