"""vckit: issue and verify W3C Verifiable Credentials, Open Badges 3.0 and CLR 2.0 first.

The subpackages are the public API (``vckit.keys``, ``vckit.dids``, ``vckit.jsonld``,
``vckit.rdfc``, ``vckit.proofs``, ``vckit.openbadges``). They load on first use, so importing
``vckit`` stays cheap: a verifier that only canonicalizes never pays for pydantic or httpx.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from vckit import _build

if _build.pure_requested():  # VCKIT_PURE_PYTHON=1: load the hot core from its .py sources
    _build.install_pure_finder()

from vckit import errors, problems
from vckit.errors import VckitError
from vckit.problems import Problem

if TYPE_CHECKING:
    from vckit import dids, jsonld, keys, openbadges, proofs, rdfc

__version__ = "0.1.0.dev0"

_LAZY = frozenset({"dids", "jsonld", "keys", "openbadges", "proofs", "rdfc"})

__all__ = [
    "Problem",
    "VckitError",
    "__version__",
    "dids",
    "errors",
    "jsonld",
    "keys",
    "openbadges",
    "problems",
    "proofs",
    "rdfc",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module = importlib.import_module(f"vckit.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'vckit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _LAZY)
