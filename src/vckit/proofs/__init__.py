"""Proofs: Data Integrity (``vckit.proofs.dataintegrity``) and JOSE (``vckit.proofs.jose``).

Both load on first use: a verifier of Data Integrity proofs never imports jwcrypto.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vckit.proofs import dataintegrity, jose

__all__ = ["dataintegrity", "jose"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        module = importlib.import_module(f"vckit.proofs.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'vckit.proofs' has no attribute {name!r}")
