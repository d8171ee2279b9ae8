"""The ``vckit`` command line (``pip install 'vckit[cli]'``): keys, DIDs, issuing, baking,
verifying and status lists from a shell. See docs/cli.md.

The library never imports this package; it needs click and rich, which only the ``cli`` extra
installs. One module per command group; :func:`main` is the console script.
"""

from __future__ import annotations

import importlib.util
import sys

__all__ = ["main"]

_MISSING = [name for name in ("click", "rich") if importlib.util.find_spec(name) is None]


def main(argv: list[str] | None = None) -> None:
    """Run ``vckit`` (the console script and ``python -m vckit``); exits with the command's code."""
    if _MISSING:
        print(
            f"vckit: the command line needs {' and '.join(_MISSING)}: pip install 'vckit[cli]'",
            file=sys.stderr,
        )
        raise SystemExit(2)
    from vckit.cli._commands import cli

    cli.main(args=argv, prog_name="vckit")
