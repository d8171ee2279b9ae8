"""The shared machinery of the Open Badges models: strict JSON types, shape memory, limits.

JSON-LD lets an issuer write a one-element set as a bare value (``"type": "Achievement"``) and a
node as just its IRI (``"issuer": "did:key:..."``). The models expose one precise Python type per
property (always a ``list`` for sets, always a model for nodes) so ``mypy --strict`` and editors
can follow ``badge.credential_subject.achievement.name``. To give the issuer's JSON back exactly,
each model remembers which set-valued members arrived as bare values and whether it arrived as a
bare IRI, and its serializer restores those shapes as long as the value still fits them.

Everything else round-trips through pydantic itself: unknown members are kept verbatim
(``extra="allow"``), numbers keep their JSON type (``1`` stays ``int``, ``1.0`` stays ``float``)
because the models are strict, and dates stay the issuer's strings.
"""

from __future__ import annotations

import copy
import difflib
import math
import re
import types
import typing
from collections.abc import Mapping
from typing import Any, ClassVar, Self, TypeAlias

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    model_serializer,
    model_validator,
)
from pydantic.alias_generators import to_camel

from vckit._codec.strict_json import DEFAULT_MAX_DEPTH, loads_strict
from vckit.errors import ParseError

__all__ = [
    "MAX_ARRAY_ITEMS",
    "MAX_NODES",
    "JsonObject",
    "LanguageString",
    "LanguageValue",
    "Number",
    "OBModel",
    "check_size",
    "localized",
]

Number: TypeAlias = int | float
"""A JSON number; ``int`` and ``float`` are kept apart so ``1`` and ``1.0`` round-trip."""

JsonObject: TypeAlias = dict[str, Any]

_READING = "vckit.openbadges.reading"
"""Validation-context key: set by ``from_json`` so no defaults are added to what is read."""

MAX_ARRAY_ITEMS = 10_000
"""No credential needs more members in one object or array; more is a resource attack."""
MAX_NODES = 500_000
"""Total JSON values (objects, arrays, scalars) accepted in one credential."""

_SNAKE_CASE: re.Pattern[str] = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+")
"""A Python-style keyword (``achievement_type``): never a member name an OB issuer writes."""


def check_size(value: Any, *, max_depth: int = DEFAULT_MAX_DEPTH) -> None:
    """Raise ``ParseError`` unless ``value`` is plain, finite JSON of bounded size.

    One iterative walk bounds everything later steps pay for per member: nesting deeper than
    ``max_depth``, objects with more than ``MAX_ARRAY_ITEMS`` members or arrays with more items
    (a 300,000-member object would cost seconds in pydantic and in validation), more than
    ``MAX_NODES`` values in total. A dict handed in by the caller may also hold what JSON cannot
    (NaN, infinities, tuples, bytes, non-string keys, lone surrogates); those are refused rather
    than silently converted on the way out. Exact-type checks first: this runs on every badge.
    """
    stack: list[tuple[Any, int]] = [(value, 0)]
    pop = stack.pop
    push = stack.append
    nodes = 0
    while stack:
        item, depth = pop()
        nodes += 1
        if nodes > MAX_NODES:
            raise ParseError(f"credential has more than {MAX_NODES} JSON values")
        kind = type(item)
        if kind is str or (kind is not dict and kind is not list and isinstance(item, str)):
            if not item.isascii():
                _check_text(item)
        elif kind is dict or kind is list or isinstance(item, dict | list):
            if depth >= max_depth:
                raise ParseError(f"JSON nests deeper than {max_depth} levels")
            is_object = isinstance(item, dict)
            if len(item) > MAX_ARRAY_ITEMS:
                unit = "object has" if is_object else "array has"
                what = "members" if is_object else "items"
                raise ParseError(f"JSON {unit} {len(item)} {what} (limit {MAX_ARRAY_ITEMS})")
            if is_object:
                for key, member in item.items():
                    if type(key) is not str:
                        raise ParseError("JSON object member names must be strings")
                    if not key.isascii():
                        _check_text(key)
                    push((member, depth + 1))
            else:
                for member in item:
                    push((member, depth + 1))
        elif kind is float or isinstance(item, float):
            if not math.isfinite(item):
                raise ParseError(f"JSON numbers are finite, not {item!r}")
        elif item is not None and not isinstance(item, int):  # int covers bool
            raise ParseError(f"{type(item).__name__} is not a JSON value")


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ParseError("JSON string contains a lone surrogate") from None


def _unwrap_optional(annotation: Any) -> Any:
    """``X | None`` -> ``X``; anything else unchanged."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(members) == 1:
            return members[0]
    return annotation


def _node_model(annotation: Any) -> bool:
    """True when ``annotation`` is an OB model class that has an ``id`` (so an IRI can name it)."""
    return (
        isinstance(annotation, type)
        and issubclass(annotation, OBModel)
        and "id" in annotation.model_fields
    )


class OBModel(BaseModel):
    """Base of every Open Badges / CLR class: strict JSON types, unknown members kept."""

    model_config = ConfigDict(
        extra="allow",
        strict=True,
        alias_generator=to_camel,
        validate_by_name=True,
        validate_by_alias=True,
        validate_assignment=True,
        serialize_by_alias=True,
    )

    # Per class: aliases of set-valued members, and of members that may be given as a bare IRI
    # (single node or set of nodes). Filled in by __pydantic_init_subclass__.
    _list_members: ClassVar[frozenset[str]] = frozenset()
    _node_members: ClassVar[frozenset[str]] = frozenset()
    _python_only_names: ClassVar[frozenset[str]] = frozenset()  # field names unlike their alias
    # Python name -> alias, for set-valued members whose name differs from their alias, so a
    # bare value given by Python name (``credential_status=entry``) is normalised like JSON.
    _list_names: ClassVar[dict[str, str]] = {}
    _known_keys: ClassVar[frozenset[str]] = frozenset()  # every field name and alias
    # The spec's ``type`` for objects built in Python (never added to JSON that is read); a str
    # is written as a bare value, a tuple as an array, as the official JSON Schemas expect.
    _default_type: ClassVar[tuple[str, ...] | str | None] = None

    # Per instance: which set-valued members arrived as a bare value; whether this node arrived
    # as a bare IRI.
    _singular: frozenset[str] = PrivateAttr(default_factory=frozenset)
    _from_iri: bool = PrivateAttr(default=False)
    # Members read from JSON whose name is the Python name of another member (``"context"``,
    # ``"credential_subject"``): pydantic would confuse them with that field, so they are kept
    # aside and written back as they came.
    _shadowed: dict[str, Any] = PrivateAttr(default_factory=dict)

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls._classify_members()

    @classmethod
    def _classify_members(cls) -> None:
        lists: set[str] = set()
        nodes: set[str] = set()
        for name, info in cls.model_fields.items():
            alias = info.alias or name
            annotation = _unwrap_optional(info.annotation)
            if typing.get_origin(annotation) is list:
                lists.add(alias)
                (item,) = typing.get_args(annotation) or (Any,)
                if _node_model(item):
                    nodes.add(alias)
            elif _node_model(annotation):
                nodes.add(alias)
        cls._list_members = frozenset(lists)
        cls._node_members = frozenset(nodes)
        cls._python_only_names = frozenset(
            name for name, info in cls.model_fields.items() if (info.alias or name) != name
        )
        cls._list_names = {
            name: info.alias
            for name, info in cls.model_fields.items()
            if info.alias and info.alias != name and info.alias in lists
        }
        cls._known_keys = frozenset(cls.model_fields) | frozenset(
            info.alias for info in cls.model_fields.values() if info.alias
        )

    def model_post_init(self, context: Any) -> None:
        """Give objects built in Python their spec ``type``; JSON that is read stays as written."""
        if (
            not self._reading(context)
            and self._default_type is not None
            and "type" in type(self).model_fields
            and "type" not in self.model_fields_set
        ):
            default = self._default_type
            if isinstance(default, str):  # the spec writes this type as a single IRI
                self._set_quietly("type", [default])
                self._singular = self._singular | {"type"}
            else:
                self._set_quietly("type", list(default))

    @staticmethod
    def _reading(context: Any) -> bool:
        return isinstance(context, dict) and context.get(_READING) is True

    def _set_quietly(self, name: str, value: Any) -> None:
        """Set a member known to be valid without re-running validation (which resets shapes)."""
        self.__dict__[name] = value
        self.model_fields_set.add(name)

    @model_validator(mode="wrap")
    @classmethod
    def _remember_shapes(
        cls, data: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo
    ) -> Any:
        """Normalise bare values to sets and IRIs to nodes, and note it for serialisation."""
        if not isinstance(data, Mapping):
            return handler(data)
        singular: set[str] = set()
        iris: dict[str, set[int]] = {}
        normalised = dict(data)
        shadowed: dict[str, Any] = {}
        if cls._reading(info.context):
            for name in cls._python_only_names & normalised.keys():
                shadowed[name] = normalised.pop(name)
        else:
            cls._refuse_unknown_keywords(normalised)
        for alias in cls._list_members:
            if alias in normalised and not isinstance(normalised[alias], list | type(None)):
                normalised[alias] = [normalised[alias]]
                singular.add(alias)
        for name, alias in cls._list_names.items():
            if name in normalised and not isinstance(normalised[name], list | type(None)):
                normalised[name] = [normalised[name]]
                singular.add(alias)
        for alias in cls._node_members:
            value = normalised.get(alias)
            if isinstance(value, str):
                normalised[alias] = {"id": value}
                iris[alias] = {-1}
            elif isinstance(value, list):
                positions = {i for i, item in enumerate(value) if isinstance(item, str)}
                if positions:
                    normalised[alias] = [{"id": v} if isinstance(v, str) else v for v in value]
                    iris[alias] = positions
        model = handler(normalised)
        if isinstance(model, OBModel):
            model._singular = model._singular | frozenset(singular)
            if shadowed:
                model._shadowed = shadowed
            for alias, positions in iris.items():
                cls._mark_iris(model, alias, positions)
        return model

    @classmethod
    def _refuse_unknown_keywords(cls, data: Mapping[str, Any]) -> None:
        """A misspelt Python keyword must fail loudly, not become a JSON member of the badge.

        Unknown members are kept (``extra="allow"``) because issuers extend badges with their own
        camelCase terms; a snake_case name is never such a term, it is a typo for a field
        (``acheivement_type=``) that would otherwise be signed into the credential.
        """
        for key in data:
            if isinstance(key, str) and key not in cls._known_keys and _SNAKE_CASE.fullmatch(key):
                close = difflib.get_close_matches(key, list(cls.model_fields), n=1)
                suggestion = f"; did you mean {close[0]!r}?" if close else ""
                raise TypeError(f"{cls.__name__} has no field {key!r}{suggestion}")

    @classmethod
    def _mark_iris(cls, model: OBModel, alias: str, positions: set[int]) -> None:
        name = next(n for n, f in cls.model_fields.items() if (f.alias or n) == alias)
        value = getattr(model, name)
        if isinstance(value, OBModel):
            value._from_iri = True
        elif isinstance(value, list):
            for index in positions:
                item = value[index]
                if isinstance(item, OBModel):
                    item._from_iri = True

    @model_serializer(mode="wrap")
    def _restore_shapes(
        self, handler: SerializerFunctionWrapHandler, info: SerializationInfo
    ) -> Any:
        """Give back bare values and bare IRIs where the issuer wrote them and they still fit."""
        out = handler(self)
        if not isinstance(out, dict):
            return out
        # ``by_alias=None`` means the model's own setting, which is to serialise by alias.
        by_alias = info.by_alias is not False
        if not info.exclude_unset:
            self._drop_unset(out, by_alias=by_alias)
        if not by_alias:
            return out
        self._add_filled_placeholders(out, info)
        for alias in self._singular:
            value = out.get(alias)
            if isinstance(value, list) and len(value) == 1:
                out[alias] = value[0]
        out.update(self._shadowed)
        if self._from_iri and list(out) == ["id"] and isinstance(out["id"], str):
            return out["id"]
        return out

    def _drop_unset(self, out: dict[str, Any], *, by_alias: bool) -> None:
        """Never emit a member the credential does not have, even when asked for defaults.

        ``model_dump()`` (as FastAPI's ``response_model`` calls it) would otherwise write
        ``"description": null`` for every absent member, and a verifier canonicalizing that JSON
        sees a different credential than the one signed.
        """
        for name, field in type(self).model_fields.items():
            if name in self.model_fields_set:
                continue
            value = self.__dict__.get(name)
            if isinstance(value, OBModel) and value._filled():
                continue
            out.pop((field.alias or name) if by_alias else name, None)

    def _add_filled_placeholders(self, out: dict[str, Any], info: SerializationInfo) -> None:
        """Emit a placeholder node (see ``placeholder``) once the caller has filled it in."""
        if not info.exclude_unset:
            return
        for name, field in type(self).model_fields.items():
            value = self.__dict__.get(name)
            if name not in self.model_fields_set and isinstance(value, OBModel) and value._filled():
                out[field.alias or name] = value.model_dump(
                    mode=info.mode, by_alias=True, exclude_unset=True
                )

    def _filled(self) -> bool:
        """True when something was set here or in a placeholder below."""
        if self.model_fields_set or self.model_extra:
            return True
        return any(
            isinstance(value, OBModel) and value._filled() for value in self.__dict__.values()
        )

    @classmethod
    def placeholder(cls) -> Self:
        """An empty node standing in for a required member the JSON lacks.

        Required nodes (``issuer``, ``credentialSubject``, ``achievement``, ``criteria``) are
        typed without ``None`` so ``badge.credential_subject.achievement.name`` type-checks;
        when the JSON lacks one, this empty node takes its place. It is not written back unless
        something is set on it, so reading and writing stays exact.
        """
        return cls.model_validate({}, context={_READING: True})

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | str | bytes) -> Self:
        """Read a JSON object (already parsed, or text / UTF-8 bytes) into this model.

        Text goes through the strict parser (NaN, duplicate keys, lone surrogates, more than
        10 MB or deep nesting are ``ParseError``); a dict is depth- and size-checked and copied,
        so the model never shares mutable state with the caller. A member of the wrong JSON type
        is a ``ParseError`` naming its path; spec rules are ``validate``'s business, not this.
        """
        if isinstance(data, str | bytes | bytearray):
            value = loads_strict(data)
            check_size(value)
        elif isinstance(data, Mapping):
            check_size(data)
            value = data
        else:
            raise TypeError(f"expected a JSON object, str or bytes, got {type(data).__name__}")
        if not isinstance(value, Mapping):
            raise ParseError(f"expected a JSON object, got {type(value).__name__}")
        try:
            return cls.model_validate(
                copy.deepcopy(dict(value)),
                by_alias=True,
                by_name=False,
                context={_READING: True},
            )
        except ValidationError as exc:
            raise ParseError(_describe(exc)) from None

    @classmethod
    def from_iri(cls, iri: str) -> Self:
        """A node known only by its IRI; it serialises back to the bare IRI until given members."""
        node = cls.model_validate({"id": iri}, context={_READING: True})
        node._from_iri = True
        return node

    def to_json(self) -> JsonObject:
        """The JSON object: the issuer's members, shapes and values, plus any changes made since."""
        out = self.model_dump(mode="json", by_alias=True, exclude_unset=True)
        if not isinstance(out, dict):  # a bare IRI at the top level: give the node form
            return {"id": out}
        return out


class LanguageValue(OBModel):
    """A VC 2.0 language value object: ``{"@value": ..., "@language": ..., "@direction": ...}``.

    VC Data Model 2.0 (section 11.1) lets ``name`` and ``description`` carry a language and base
    direction this way, alone or as an array of translations.
    """

    value: str | None = Field(default=None, alias="@value")
    language: str | None = Field(default=None, alias="@language")
    direction: str | None = Field(default=None, alias="@direction")


LanguageString: TypeAlias = str | LanguageValue | list[str | LanguageValue]
"""A plain string, one language value object, or several (translations)."""


def localized(value: LanguageString | None, *, language: str | None = None) -> str | None:
    """The text to show for a ``name`` / ``description``: plain, or the best translation.

    With ``language``, the first value tagged with it (or its primary subtag: ``en`` matches
    ``en-GB``) wins; otherwise the first untagged value, then the first value at all.
    """
    if value is None or isinstance(value, str):
        return value
    items = value if isinstance(value, list) else [value]
    candidates: list[tuple[str | None, str]] = []
    for item in items:
        if isinstance(item, str):
            candidates.append((None, item))
        elif item.value is not None:
            candidates.append((item.language, item.value))
    if language is not None:
        wanted = language.lower()
        for tag, text in candidates:
            if tag is not None and (tag.lower() == wanted or tag.lower().split("-")[0] == wanted):
                return text
    for tag, text in candidates:
        if tag is None:
            return text
    return candidates[0][1] if candidates else None


def _describe(exc: ValidationError) -> str:
    """A short message naming the first bad member by its JSON path."""
    first = exc.errors(include_url=False)[0]
    path = "/".join(str(part) for part in first["loc"] if not _is_union_tag(part))
    more = exc.error_count() - 1
    suffix = f" (and {more} more)" if more > 0 else ""
    return f"{path or '<root>'}: {first['msg']}{suffix}"


def _is_union_tag(part: Any) -> bool:
    """pydantic adds the union member tried (``int``, ``float``, ``str``) to error locations."""
    return isinstance(part, str) and part in {"int", "float", "str", "bool", "list[str]"}
