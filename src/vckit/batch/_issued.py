"""Signed credentials, compact on their way back from a worker process.

``vckit.issue`` returns a copy of the credential it was given with a ``proof`` added (and an
``id`` when it had none). Sent back whole, that copy costs a worker about 9 µs to pickle and the
caller about 13 µs to unpickle per representative badge, parsed from JSON: the caller's core is
one the workers need, and it already holds the credential. So a worker sends only what the
caller lacks, the proof and the generated ``id``, and the caller rebuilds the signed credential
from its own item with ``copy_json`` (about 7 µs), as ``vckit.issue`` makes it.

The worker sends the short form only when it has checked that the rebuilt credential is the one
it signed: the chunk crossed as plain data (``Packed.plain``: built-in containers and scalars,
no object in two places), the item is a ``dict`` without a ``proof``, and the signed credential
has the item's members, equal and in the same order, with the ``id`` where ``vckit.issue``
puts it and the ``proof`` last. Anything else (a model, a JWT, a credential whose ``@context``
the proof engine extended, a tuple that became a list) travels whole: slower, never different.
"""

from __future__ import annotations

from typing import Any

from vckit._codec.jsoncopy import copy_json

__all__ = ["ISSUED", "IssuedProof", "compact_issued", "expand_issued"]


class IssuedProof:
    """A signed credential in transit: the caller's item plus ``id`` (if generated) and ``proof``."""

    __slots__ = ("id", "proof")

    def __init__(self, id: str | None, proof: Any) -> None:
        self.id = id
        self.proof = proof

    def __reduce__(self) -> tuple[type[IssuedProof], tuple[str | None, Any]]:
        return (IssuedProof, (self.id, self.proof))


def _keys_with_id(keys: list[str]) -> list[str]:
    """Where ``vckit.issue`` writes a generated ``id``: after ``@context``, else first."""
    if "@context" in keys:
        after = keys.index("@context") + 1
        return [*keys[:after], "id", *keys[after:]]
    return ["id", *keys]


def compact_issued(signed: Any, item: Any, plain: bool) -> Any:
    """What a worker sends back for ``signed`` (made from ``item``): ``IssuedProof`` or itself."""
    if not plain or type(signed) is not dict or type(item) is not dict or "proof" in item:
        return signed
    keys = list(signed)
    if not keys or keys[-1] != "proof":
        return signed
    generated = None
    if "id" in item:
        expected = list(item)
    else:
        generated = signed.get("id")
        if type(generated) is not str:
            return signed
        expected = _keys_with_id(list(item))
    if keys[:-1] != expected:
        return signed
    for key, value in item.items():
        if signed[key] != value:  # a tuple that became a list, a context the engine added
            return signed
    return IssuedProof(generated, signed["proof"])


def expand_issued(output: Any, item: Any) -> Any:
    """The signed credential an ``IssuedProof`` stands for (in the caller's process)."""
    if type(output) is not IssuedProof:
        return output
    data: dict[str, Any] = copy_json(item)
    if output.id is not None:
        data = {key: data[key] if key != "id" else output.id for key in _keys_with_id(list(data))}
    data["proof"] = output.proof
    return data


class _IssuedCodec:
    """``compact_issued`` / ``expand_issued`` as the batch engine's output codec."""

    __slots__ = ()

    def __reduce__(self) -> str:
        return "ISSUED"  # pickled as a reference to the module's one instance

    @staticmethod
    def compact(output: Any, item: Any, plain: bool) -> Any:
        return compact_issued(output, item, plain)

    @staticmethod
    def expand(output: Any, item: Any) -> Any:
        return expand_issued(output, item)


ISSUED = _IssuedCodec()
