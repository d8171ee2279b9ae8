"""vckit: issue and verify W3C Verifiable Credentials, Open Badges 3.0 and CLR 2.0 first.

``vckit.issue``, ``vckit.verify`` / ``vckit.averify``, ``vckit.present`` and
``vckit.verify_presentation`` are the front door (the pipeline lives in ``vckit.verification``;
the package is not called ``vckit.verify`` because that name is the function). The subpackages are
the layers underneath (``vckit.keys``, ``vckit.dids``, ``vckit.jsonld``, ``vckit.rdfc``,
``vckit.proofs``, ``vckit.openbadges``, ``vckit.status``, ``vckit.display``, ``vckit.batch``).
Everything loads on first use, so
importing ``vckit`` stays cheap: a verifier that only canonicalizes never pays for pydantic or httpx.
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
    from vckit import (
        batch,
        dids,
        display,
        jsonld,
        keys,
        openbadges,
        proofs,
        rdfc,
        status,
        verification,
    )
    from vckit.verification import (
        AsyncVerifier,
        CheckResult,
        CheckStatus,
        VerificationReport,
        Verifier,
        averify,
        issue,
        present,
        verify,
        verify_presentation,
    )

__version__ = "0.1.0.dev0"

_LAZY = frozenset(
    {
        "batch",
        "dids",
        "display",
        "jsonld",
        "keys",
        "openbadges",
        "proofs",
        "rdfc",
        "status",
        "verification",
    }
)
# Names that live in vckit.verification and are re-exported here.
_PIPELINE = frozenset(
    {
        "AsyncVerifier",
        "CheckResult",
        "CheckStatus",
        "VerificationReport",
        "Verifier",
        "averify",
        "issue",
        "present",
        "verify",
        "verify_presentation",
    }
)

__all__ = [
    "AsyncVerifier",
    "CheckResult",
    "CheckStatus",
    "Problem",
    "VckitError",
    "VerificationReport",
    "Verifier",
    "__version__",
    "averify",
    "batch",
    "dids",
    "display",
    "errors",
    "issue",
    "jsonld",
    "keys",
    "openbadges",
    "present",
    "problems",
    "proofs",
    "rdfc",
    "status",
    "verification",
    "verify",
    "verify_presentation",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module = importlib.import_module(f"vckit.{name}")
        globals()[name] = module
        return module
    if name in _PIPELINE:
        value = getattr(importlib.import_module("vckit.verification"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'vckit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _LAZY | _PIPELINE)
