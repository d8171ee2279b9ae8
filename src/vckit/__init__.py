"""vckit: issue and verify W3C Verifiable Credentials, Open Badges 3.0 and CLR 2.0 first."""

from __future__ import annotations

from vckit import errors
from vckit.errors import VckitError

__version__ = "0.1.0.dev0"

__all__ = ["VckitError", "__version__", "errors"]
