"""``credentialSchema`` support: a per-instance map from schema URL to a validator.

A credential names the schemas it claims to follow; a verifier checks the ones it knows and
reports the ones it does not. The official 1EdTech schema URLs map to ``validate`` (the data-model
rules, which the differential test holds to those schemas); callers add their own JSON Schemas,
checked with ``jsonschema``. Nothing is ever fetched: a ``$ref`` outside the registered schema
fails as an issue instead of going to the network.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final

from vckit.errors import ParseError
from vckit.openbadges._base import OBModel
from vckit.openbadges._validate import ValidationIssue, _as_json, validate

__all__ = ["OFFICIAL_SCHEMAS", "SchemaRegistry", "SchemaValidator"]

SchemaValidator = Callable[[Mapping[str, Any]], list[ValidationIssue]]
"""Checks a credential (parsed JSON) and returns its issues; [] when it conforms."""

JSON_SCHEMA_VALIDATOR_2019: Final = "1EdTechJsonSchemaValidator2019"

_OB = "https://purl.imsglobal.org/spec/ob/v3p0/schema"
_CLR = "https://purl.imsglobal.org/spec/clr/v2p0/schema"
OFFICIAL_SCHEMAS: Final[frozenset[str]] = frozenset(
    {
        f"{_OB}/json/ob_v3p0_achievementcredential_schema.json",
        f"{_OB}/json/ob_v3p0_endorsementcredential_schema.json",
        f"{_OB}/json/ob_v3p0_achievementcredential-jsonschema1.json",
        f"{_OB}/json/ob_v3p0_endorsementcredential-jsonschema1.json",
        f"{_OB}/achievementcredential.json",
        f"{_OB}/endorsementcredential.json",
        f"{_CLR}/json/clr_v2p0_clrcredential_schema.json",
    }
)
"""1EdTech's published schema URLs (and the aliases seen in the wild) for the three credentials."""


class SchemaRegistry:
    """Which ``credentialSchema`` ids this verifier can check, and how.

    >>> registry = SchemaRegistry()                      # the official schemas only
    >>> registry.register("https://example.edu/schema/badge.json", my_json_schema)  # doctest: +SKIP
    >>> registry.validate(credential)                    # doctest: +SKIP
    """

    def __init__(
        self,
        schemas: Mapping[str, Mapping[str, Any] | SchemaValidator] | None = None,
        *,
        official: bool = True,
    ) -> None:
        self._validators: dict[str, SchemaValidator] = {}
        if official:
            for url in OFFICIAL_SCHEMAS:
                self._validators[url] = validate
        for url, schema in (schemas or {}).items():
            self.register(url, schema)

    def register(self, url: str, schema: Mapping[str, Any] | SchemaValidator) -> None:
        """Map ``url`` to a JSON Schema (checked now, ``ValueError`` if invalid) or a callable."""
        if callable(schema):
            self._validators[url] = schema
        else:
            self._validators[url] = _json_schema_validator(url, schema)

    def __contains__(self, url: object) -> bool:
        return url in self._validators

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._validators))

    @property
    def urls(self) -> frozenset[str]:
        """The schema URLs this registry can check."""
        return frozenset(self._validators)

    def validate(
        self, credential: Mapping[str, Any] | OBModel | str | bytes
    ) -> list[ValidationIssue]:
        """Check ``credential`` against each schema its ``credentialSchema`` names.

        An unknown schema type or unregistered URL is an issue (rule ``credentialSchema``), so a
        verifier cannot mistake "not checked" for "conforms".
        """
        try:
            data = _as_json(credential)
        except ParseError as exc:
            return [ValidationIssue("", "parse", str(exc))]
        if not isinstance(data, Mapping):
            return [ValidationIssue("", "type", "a credential must be a JSON object")]
        entries = data.get("credentialSchema")
        if entries is None:
            return []
        issues: list[ValidationIssue] = []
        for index, entry in enumerate(entries if isinstance(entries, list) else [entries]):
            path = (
                f"/credentialSchema/{index}" if isinstance(entries, list) else "/credentialSchema"
            )
            if not isinstance(entry, Mapping) or not isinstance(entry.get("id"), str):
                issues.append(ValidationIssue(path, "credentialSchema", "needs an id URL"))
                continue
            if entry.get("type") != JSON_SCHEMA_VALIDATOR_2019:
                message = f"schema type {str(entry.get('type'))[:60]!r} is not supported"
                issues.append(ValidationIssue(f"{path}/type", "credentialSchema", message))
                continue
            checker = self._validators.get(entry["id"])
            if checker is None:
                message = f"schema {entry['id'][:200]!r} is not registered"
                issues.append(ValidationIssue(f"{path}/id", "credentialSchema", message))
                continue
            issues.extend(checker(data))
        return issues


def _json_schema_validator(url: str, schema: Mapping[str, Any]) -> SchemaValidator:
    """Compile a JSON Schema once, with a registry that can resolve nothing but itself."""
    try:
        import jsonschema
        from referencing import Registry, Resource
        from referencing.exceptions import Unresolvable
        from referencing.jsonschema import DRAFT202012
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ImportError(
            "registering JSON Schemas needs the 'jsonschema' package (pip install jsonschema)"
        ) from exc

    document = dict(schema)
    cls = jsonschema.validators.validator_for(document)
    try:
        cls.check_schema(document)
    except jsonschema.SchemaError as exc:
        raise ValueError(f"invalid JSON Schema for {url}: {exc.message}") from None
    resource = Resource.from_contents(document, default_specification=DRAFT202012)
    # A fresh Registry retrieves nothing: an unknown $ref raises Unresolvable, never fetches.
    registry: Registry[Any] = Registry().with_resource(url, resource)
    validator = cls(document, registry=registry, format_checker=cls.FORMAT_CHECKER)

    def check(credential: Mapping[str, Any]) -> list[ValidationIssue]:
        try:
            errors = list(validator.iter_errors(credential))
        except Unresolvable as exc:
            return [ValidationIssue("", "credentialSchema", f"{url}: unresolvable $ref ({exc})")]
        issues = []
        for error in errors:
            pointer = "".join(f"/{_escape(str(part))}" for part in error.absolute_path)
            issues.append(ValidationIssue(pointer, "schema", f"{url}: {error.message[:300]}"))
        return issues

    return check


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")
