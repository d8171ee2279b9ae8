"""The walk behind ``openbadges.validate``: the data-model tables of ``_rules``, checked in one pass.

Every verification runs this on the credential and on each credential nested in it, so it is
built for speed without changing a single result: the tables are flattened once at import into
one ``_Member`` per (class, property) carrying everything a check needs (its position in the
rule, an integer kind, the issue label, the escaped JSON Pointer segment); an object visits only
the members it has (plus the required ones it lacks); JSON Pointers and messages are built only
for an issue; objects are told from other values by an exact ``dict`` check before the
``Mapping`` ABC. The module is compiled with mypyc (``HOT_MODULES``) and runs unchanged as pure
Python (``VCKIT_PURE_PYTHON=1``).

Issues come out exactly as the straightforward walk produced them: per object, in the rule's
property order (whatever order the JSON has), then unknown members of a closed class, the
``type`` set, the credential rules and the subject rule; objects are checked from a work list
(last pushed, first checked), so hostile nesting cannot exhaust the stack.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from vckit._codec.stamp import plain_utc_stamp
from vckit._codec.uri import is_uri
from vckit._codec.xsd import parse_datetime
from vckit.errors import ParseError
from vckit.openbadges._enums import is_extension_term
from vckit.openbadges._rules import (
    CLASSES,
    COMPACT_JWS_PATTERN,
    LANGUAGE_PATTERN,
    Kind,
    Prop,
)

__all__ = ["credential_class", "walk"]

VC_V1: Final = "https://www.w3.org/2018/credentials/v1"
VC_V2: Final = "https://www.w3.org/ns/credentials/v2"
_OB_CONTEXT: Final = re.compile(
    r"https://purl\.imsglobal\.org/spec/ob/v3p0/context(-3\.\d\.\d)?\.json"
)
_CLR_CONTEXT: Final = re.compile(
    r"https://purl\.imsglobal\.org/spec/clr/v2p0/context(-2\.\d\.\d)?\.json"
)
# RFC 3986 section 3.1: a URI starts with a scheme and a colon; nothing in it is whitespace.
_DATE: Final = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])", re.ASCII)
# A UTC dateTime every XSD reading accepts (day <= 28 exists in every month, year 0001-9999, no
# offset to push it out of range): checked without building a datetime. Anything else is parsed.
_PLAIN_UTC_DATETIME: Final = re.compile(
    r"(?!0000)[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])"
    r"T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?Z",
    re.ASCII,
)
_FIRST_CONTEXT_ISSUE: Final = f"the first context must be {VC_V2!r}"
# The published OB 3.0 and CLR 2.0 context URLs (each matches its pattern above): the second
# context of nearly every credential, accepted without a regex match.
_OB_PREFIX: Final = "https://purl.imsglobal.org/spec/ob/v3p0/context"
_CLR_PREFIX: Final = "https://purl.imsglobal.org/spec/clr/v2p0/context"
_KNOWN_OB_CONTEXTS: Final = frozenset(
    [_OB_PREFIX + ".json"] + [f"{_OB_PREFIX}-3.0.{patch}.json" for patch in range(4)]
)
_KNOWN_CLR_CONTEXTS: Final = frozenset([_CLR_PREFIX + ".json", _CLR_PREFIX + "-2.0.0.json"])

# Value kinds as small integers, most frequent first in the dispatch below.
_STRING: Final = 0
_OBJECT: Final = 1
_URI_KIND: Final = 2
_VOCABULARY: Final = 3
_PROFILE_REF: Final = 4
_CONTEXT_ITEM: Final = 5
_NUMBER: Final = 6
_BOOLEAN: Final = 7
_DATETIME: Final = 8
_DATETIMEZ: Final = 9
_DATE_KIND: Final = 10
_LANGUAGE: Final = 11
_COMPACT_JWS: Final = 12
_KINDS: Final[dict[Kind, int]] = {
    Kind.STRING: _STRING,
    Kind.OBJECT: _OBJECT,
    Kind.URI: _URI_KIND,
    Kind.VOCABULARY: _VOCABULARY,
    Kind.PROFILE_REF: _PROFILE_REF,
    Kind.CONTEXT_ITEM: _CONTEXT_ITEM,
    Kind.NUMBER: _NUMBER,
    Kind.BOOLEAN: _BOOLEAN,
    Kind.DATETIME: _DATETIME,
    Kind.DATETIMEZ: _DATETIMEZ,
    Kind.DATE: _DATE_KIND,
    Kind.LANGUAGE: _LANGUAGE,
    Kind.COMPACT_JWS: _COMPACT_JWS,
}
_CREDENTIALS: Final = frozenset({"AchievementCredential", "EndorsementCredential", "ClrCredential"})
# B.1.3 (and CLR 2.0 ClrSubject): "Either id or at least one identifier MUST be supplied."
_SUBJECTS: Final = frozenset({"AchievementSubject", "ClrSubject"})


def _escape(key: str) -> str:
    if "~" in key or "/" in key:
        return key.replace("~", "~0").replace("/", "~1")
    return key


class _Member:
    """One property of one class, with everything its check needs precomputed."""

    def __init__(self, cls: str, name: str, order: int, prop: Prop) -> None:
        self.name = name
        self.order = order
        self.kind = _KINDS[prop.kind]
        self.required = prop.required
        self.many = prop.many
        self.min_items = prop.min_items
        self.target = prop.target
        self.table: _Class | None = None  # the target's table (OBJECT), linked once all exist
        self.vocabulary = frozenset(prop.vocabulary)
        self.extensible = prop.extensible
        self.segment = "/" + _escape(name)
        self.label = f"{cls}.{name}"
        self.bit = 1 << order  # no class has more than 62 properties (checked below)
        # A string is all a String property needs (unless it must be an array of several).
        self.plain_string = self.kind == _STRING and not (self.many and self.min_items > 1)


class _Class:
    """One class of the data model: its members by name, the required ones in rule order."""

    def __init__(self, name: str) -> None:
        rule = CLASSES[name]
        self.name = name
        self.members: dict[str, _Member] = {
            prop_name: _Member(name, prop_name, order, prop)
            for order, (prop_name, prop) in enumerate(rule.props.items())
        }
        self.names: frozenset[str] = frozenset(self.members)
        self.ordered: list[_Member] = list(self.members.values())  # in the rule's order
        self.required: list[_Member] = [m for m in self.ordered if m.required]
        self.required_bits = 0
        for member in self.required:
            self.required_bits |= member.bit
        self.closed = rule.closed
        self.type_iri: tuple[str, ...] = tuple(rule.type_iri)
        self.wanted_types = " or ".join(repr(t) for t in rule.type_iri)
        self.credential = name in _CREDENTIALS
        self.subject = name in _SUBJECTS
        self.clr = name == "ClrCredential"


_MAX_MEMBERS: Final = 62  # no class has more properties (checked below): one bit each in an int
_TABLES: Final[dict[str, _Class]] = {name: _Class(name) for name in CLASSES}
for _table in _TABLES.values():
    if len(_table.ordered) > _MAX_MEMBERS:  # pragma: no cover - a guard for future tables
        raise RuntimeError(f"{_table.name} has too many properties for the walk's bit sets")
    for _member in _table.members.values():
        if _member.kind == _OBJECT:
            _member.table = _TABLES[_member.target]
# The most members any class has (a walk's list of values is that long, and small).
_WIDEST: Final = max(len(_table.ordered) for _table in _TABLES.values())
_PROFILE: Final = _TABLES["Profile"]


def _is_object(value: object) -> bool:
    if isinstance(value, dict):  # the usual case, found without the Mapping ABC
        return True
    return isinstance(value, Mapping)


def _in_vocabulary(value: str, member: _Member) -> bool:
    return value in member.vocabulary or (member.extensible and is_extension_term(value))


def _plain_utc_datetime(value: str) -> bool:
    """``_PLAIN_UTC_DATETIME.fullmatch(value) is not None`` for the strings it answers True for:
    ``YYYY-MM-DDThh:mm:ssZ`` in whole seconds (a fraction goes to the regular expression).

    A compiled regex match costs several times this; most dates in a badge have this form.
    """
    return plain_utc_stamp(value, 28)


def _real_date(value: str) -> bool:
    try:
        parse_datetime(value + "T00:00:00")
    except ParseError:
        return False
    return True


# Where an object sits, kept as a linked list ``(parent, member, index)`` (``index`` -1: not in
# an array; ``None``: the root) and spelled out as a JSON Pointer only for an issue: most objects
# have none, and a tuple costs less than a string built for each of them.
_Where = tuple[Any, "_Member", int] | None


def _pointer(where: _Where) -> str:
    """The JSON Pointer of ``where`` (``""`` for the root)."""
    parts: list[str] = []
    while where is not None:
        parent, member, index = where
        parts.append(member.segment if index < 0 else f"{member.segment}/{index}")
        where = parent
    parts.reverse()
    return "".join(parts)


def _item_path(parent: _Where, member: _Member, index: int) -> str:
    """The JSON Pointer of a member's value (``index`` >= 0: of one item of its array)."""
    return _pointer((parent, member, index))


class _Walk:
    """One validation: the issues found so far and the objects still to check."""

    def __init__(self, root_type_reported: bool) -> None:
        self.issues: list[tuple[str, str, str]] = []
        self.todo: list[tuple[Any, _Class, _Where]] = []
        self.root_type_reported = root_type_reported
        # The values of the object being checked, by member position: read once while its
        # members are found, instead of looked up again by name (objects are checked one at a
        # time, and only the positions of members present in that object are read).
        self.values: list[Any] = [None] * _WIDEST

    def run(self, value: Any, cls: str) -> list[tuple[str, str, str]]:
        todo = self.todo
        todo.append((value, _TABLES[cls], None))
        while todo:
            item, table, path = todo.pop()
            self.check_object(item, table, path)
        return self.issues

    def check_object(self, value: Any, table: _Class, path: _Where) -> None:
        if isinstance(value, dict):
            self.check_members(value, table, path)
        elif isinstance(value, Mapping):  # read like the dict it stands for
            self.check_members(dict(value.items()), table, path)
        else:
            self.issues.append((_pointer(path), "type", f"{table.name} must be a JSON object"))

    def check_members(self, value: dict[Any, Any], table: _Class, path: _Where) -> None:
        issues = self.issues
        cls = table.name
        members = table.members
        # Which members are present, as bits in the rule's order: visiting the set bits in
        # order gives the rule's order whatever order the JSON has, with no list and no sort.
        present = 0
        known = 0
        values = self.values
        for key, item in value.items():
            found = members.get(key)
            if found is not None:
                present |= found.bit
                values[found.order] = item
                known += 1
        missing = table.required_bits & ~present
        visit = present | missing
        for member in table.ordered:
            if visit == 0:
                break
            bit = member.bit
            if visit & bit:
                visit ^= bit
                if missing & bit:
                    issues.append(
                        (_item_path(path, member, -1), "required", member.label + " is required")
                    )
                else:
                    item = values[member.order]
                    if not (member.plain_string and isinstance(item, str)):
                        self.check_property(item, member, path)
        if table.closed and known != len(value):
            for name in sorted(value.keys() - table.names):
                issues.append(
                    (
                        f"{_pointer(path)}/{_escape(name)}",
                        "closed",
                        f"{cls} has no property {name!r}",
                    )
                )
        types = value.get("type")
        if (
            table.type_iri
            and isinstance(types, (list, str))
            and not (self.root_type_reported and path is None)
        ):
            values = types if isinstance(types, list) else [types]
            if not any(t in values for t in table.type_iri):
                issues.append(
                    (
                        f"{_pointer(path)}/type",
                        "type",
                        f"{cls}.type must include {table.wanted_types}",
                    )
                )
        if table.credential:
            self.check_credential(value, table, path)
        if table.subject and "id" not in value and not value.get("identifier"):
            issues.append(
                (_pointer(path), "required", f"{cls} needs an id or at least one identifier")
            )

    def check_property(self, value: Any, member: _Member, parent: _Where) -> None:
        if isinstance(value, list):
            if not member.many:
                self.issues.append(
                    (
                        _item_path(parent, member, -1),
                        "cardinality",
                        f"{member.label} takes a single value, not an array",
                    )
                )
                return
            if len(value) < member.min_items:
                self.issues.append(
                    (
                        _item_path(parent, member, -1),
                        "cardinality",
                        f"{member.label} needs at least {member.min_items} value(s)",
                    )
                )
            for index, item in enumerate(value):
                self.check_value(item, member, parent, index)
            return
        if member.many and member.min_items > 1:
            self.issues.append(
                (
                    _item_path(parent, member, -1),
                    "cardinality",
                    f"{member.label} needs at least {member.min_items} values",
                )
            )
        self.check_value(value, member, parent, -1)

    def check_value(self, value: Any, member: _Member, parent: _Where, index: int) -> None:
        """One value of ``member`` (``index``: its position in the array, -1 for none)."""
        kind = member.kind
        if kind == _STRING:
            if not isinstance(value, str):
                self.add_type(member, parent, index, "must be a string")
        elif kind == _OBJECT:
            table = member.table
            assert table is not None  # linked at import for every OBJECT member
            self.todo.append((value, table, (parent, member, index)))
        elif kind == _PROFILE_REF:
            if isinstance(value, str):
                if not is_uri(value):
                    self.add_format(member, parent, index, "must be a URI")
            else:
                self.todo.append((value, _PROFILE, (parent, member, index)))
        elif kind == _CONTEXT_ITEM:
            if not (isinstance(value, str) or _is_object(value)):
                self.add_type(member, parent, index, "items are URIs or context objects")
        elif kind == _NUMBER:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self.add_type(member, parent, index, "must be a number")
        elif kind == _BOOLEAN:
            if not isinstance(value, bool):
                self.add_type(member, parent, index, "must be true or false")
        elif not isinstance(value, str):
            self.add_type(member, parent, index, "must be a string")
        else:
            self.check_string(value, member, parent, index)

    def check_string(self, value: str, member: _Member, parent: _Where, index: int) -> None:
        kind = member.kind
        if kind == _URI_KIND:
            if not is_uri(value):
                self.add_format(member, parent, index, "must be a URI")
        elif kind == _VOCABULARY:
            if not _in_vocabulary(value, member):
                extra = " or an ext: term" if member.extensible else ""
                self.issues.append(
                    (
                        _item_path(parent, member, index),
                        "vocabulary",
                        f"{member.label} {value[:60]!r} is not a spec value{extra}",
                    )
                )
        elif kind in (_DATETIME, _DATETIMEZ):
            if _plain_utc_datetime(value) or _PLAIN_UTC_DATETIME.fullmatch(value) is not None:
                return
            try:
                parse_datetime(value, require_timezone=kind == _DATETIMEZ)
            except ParseError:
                zone = " with a timezone" if kind == _DATETIMEZ else ""
                self.add_format(member, parent, index, f"must be an XSD dateTime{zone}")
        elif kind == _DATE_KIND:
            if _DATE.fullmatch(value) is None or not _real_date(value):
                self.add_format(member, parent, index, "must be a date (YYYY-MM-DD)")
        elif kind == _LANGUAGE:
            if LANGUAGE_PATTERN.fullmatch(value) is None:
                self.add_format(member, parent, index, "must be a BCP 47 language code")
        elif kind == _COMPACT_JWS and COMPACT_JWS_PATTERN.fullmatch(value) is None:
            self.add_format(member, parent, index, "must be a compact JWS")

    def add_type(self, member: _Member, parent: _Where, index: int, what: str) -> None:
        self.issues.append((_item_path(parent, member, index), "type", f"{member.label} {what}"))

    def add_format(self, member: _Member, parent: _Where, index: int, what: str) -> None:
        self.issues.append((_item_path(parent, member, index), "format", f"{member.label} {what}"))

    def check_credential(self, value: Any, table: _Class, where: _Where) -> None:
        """The context order and the VC version's date property."""
        issues = self.issues
        path = _pointer(where)
        cls = table.name
        types = value.get("type")
        if isinstance(types, (list, str)) and "VerifiableCredential" not in (
            types if isinstance(types, list) else [types]
        ):
            issues.append(
                (f"{path}/type", "type", f"{cls}.type must include 'VerifiableCredential'")
            )
        context = value.get("@context")
        if context is None:
            return  # reported as required
        items = context if isinstance(context, list) else [context]
        first = items[0] if items else None
        if first != VC_V2 and first != VC_V1:
            issues.append((f"{path}/@context/0", "context", _FIRST_CONTEXT_ISSUE))
        second = items[1] if len(items) > 1 else None
        pattern = _CLR_CONTEXT if table.clr else _OB_CONTEXT
        known = _KNOWN_CLR_CONTEXTS if table.clr else _KNOWN_OB_CONTEXTS
        if not (isinstance(second, str) and (second in known or pattern.fullmatch(second))):
            spec = "CLR 2.0" if table.clr else "OB 3.0"
            issues.append(
                (f"{path}/@context/1", "context", f"the second context must be the {spec} one")
            )
        date = "issuanceDate" if first == VC_V1 else "validFrom"
        if date not in value:
            issues.append((f"{path}/{date}", "required", f"{cls}.{date} is required"))


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


def walk(data: Any, cls: str, *, root_type_reported: bool = False) -> list[tuple[str, str, str]]:
    """Every (path, rule, message) issue of ``data`` read as class ``cls``, in report order.

    ``root_type_reported``: the caller already reported the credential's ``type`` (no class
    could be told from it), so the root's ``type`` set is not reported again.
    """
    return _Walk(root_type_reported).run(data, cls)
