"""Signed credentials, compact on their way back from a worker process.

A signed credential is JSON that ``vckit.issue`` made: built-in containers and scalars only. A
worker sends it back as ``marshal`` bytes, which the caller reads about twice as fast as a
pickle (``marshal`` reads ASCII strings without decoding them), and only when the consumer asks
for the result (``_stream``), so a result the consumer drops never outlives a young collection.
Format version 4 writes an object met twice in the credential once and refers back to it: the
strings a worker shares between the badges of a chunk (``vckit._codec.plaincopy``) and the
member names repeated within one badge take their bytes once, and a container the credential
holds in two places arrives as one object in two places, as the worker had it (as ``pickle``
would give it).

``marshal`` refuses anything but exact built-in types (a ``dict`` subclass, an ``Enum``), and
writes a buffer (``bytearray``, ``memoryview``) as ``bytes``: neither can be in a credential
``vckit.issue`` signed, which it checked to be JSON. Whatever ``marshal`` refuses (and a JWT,
which is a string) travels as it is.
"""

from __future__ import annotations

import marshal
from typing import Any

__all__ = ["ISSUED", "MARSHAL_VERSION", "compact_issued", "expand_issued"]

MARSHAL_VERSION = 4
"""With back-references: what the credential holds twice is written once."""


def compact_issued(signed: Any) -> Any:
    """What a worker sends back for ``signed``: its ``marshal`` bytes, or itself."""
    if type(signed) is not dict:
        return signed
    try:
        return marshal.dumps(signed, MARSHAL_VERSION)
    except ValueError:  # not built-in types only, or nested beyond marshal's limit
        return signed


def expand_issued(output: Any) -> Any:
    """The signed credential ``output`` stands for (in the caller's process)."""
    if type(output) is bytes:
        return marshal.loads(output)  # noqa: S302 - written by this batch's worker
    return output


class _IssuedCodec:
    """``compact_issued`` / ``expand_issued`` as the batch engine's output codec."""

    __slots__ = ()

    def __reduce__(self) -> str:
        return "ISSUED"  # pickled as a reference to the module's one instance

    @staticmethod
    def begin() -> None:
        return None

    @staticmethod
    def compact(output: Any, item: Any, state: None) -> Any:
        return compact_issued(output)

    @staticmethod
    def table(state: None) -> None:
        return None

    @staticmethod
    def receive(table: None) -> None:
        return None

    @staticmethod
    def expand(output: Any, item: Any, received: None) -> Any:
        return expand_issued(output)


ISSUED = _IssuedCodec()
