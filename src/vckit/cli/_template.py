"""Credential templates: completing one for the issuer, and filling it from a recipient row."""

from __future__ import annotations

import copy
import re
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from vckit.cli._common import fail

VC1_CONTEXT = "https://www.w3.org/2018/credentials/v1"
_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z0-9_.\-]+)\s*\}\}")


class RowError(ValueError):
    """A recipient row that cannot fill the template (reported for that row only)."""


def placeholders(value: Any) -> set[str]:
    """The ``{{name}}`` placeholders anywhere in ``value``'s strings."""
    found: set[str] = set()
    if isinstance(value, str):
        found.update(_PLACEHOLDER.findall(value))
    elif isinstance(value, Mapping):
        for item in value.values():
            found |= placeholders(item)
    elif isinstance(value, list):
        for item in value:
            found |= placeholders(item)
    return found


def fill(value: Any, row: Mapping[str, Any]) -> Any:
    """``value`` with each ``{{name}}`` replaced by ``row[name]``.

    A string that is exactly one placeholder takes the row's value as it is (a number, an
    object from a JSON Lines row); inside a longer string the value is inserted as text.
    """
    if isinstance(value, str):
        whole = _PLACEHOLDER.fullmatch(value.strip())
        if whole is not None:
            return copy.deepcopy(_lookup(row, whole.group(1)))

        def text(match: re.Match[str]) -> str:
            found = _lookup(row, match.group(1))
            if isinstance(found, dict | list):
                raise RowError(f"column {match.group(1)!r} is not text; use it as a whole value")
            return "" if found is None else str(found)

        return _PLACEHOLDER.sub(text, value)
    if isinstance(value, Mapping):
        return {key: fill(item, row) for key, item in value.items()}
    if isinstance(value, list):
        return [fill(item, row) for item in value]
    return value


def _lookup(row: Mapping[str, Any], name: str) -> Any:
    if name not in row:
        raise RowError(f"the row has no column {name!r}")
    return row[name]


def now_stamp() -> str:
    """The current time as an XSD dateTimeStamp, to the second, in UTC."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def issuer_of(template: Mapping[str, Any]) -> str | None:
    """The template's issuer id, if it names one."""
    issuer = template.get("issuer")
    if isinstance(issuer, str):
        return issuer
    if isinstance(issuer, Mapping) and isinstance(issuer.get("id"), str):
        return str(issuer["id"])
    return None


def complete(template: Mapping[str, Any], *, issuer: str, now: str) -> dict[str, Any]:
    """A copy of ``template`` with ``issuer``, ``validFrom`` (``issuanceDate`` for VC 1.1) and a
    fresh ``urn:uuid`` ``id`` wherever the template leaves them out."""
    data = copy.deepcopy(dict(template))
    current = data.get("issuer")
    if current is None:
        data["issuer"] = issuer
    elif isinstance(current, Mapping) and "id" not in current:
        data["issuer"] = {"id": issuer, **current}
    elif not isinstance(current, str | Mapping):
        fail("the template's 'issuer' must be a DID string or an object with an 'id'")
    contexts = data.get("@context")
    vc1 = contexts == VC1_CONTEXT or (isinstance(contexts, list) and VC1_CONTEXT in contexts)
    if vc1:
        data.setdefault("issuanceDate", now)
    elif "validFrom" not in data:
        data["validFrom"] = now
    if "id" not in data:
        data["id"] = f"urn:uuid:{uuid.uuid4()}"
    return data
