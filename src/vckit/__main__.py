"""``python -m vckit``: the command line (needs the ``cli`` extra: ``pip install 'vckit[cli]'``)."""

from __future__ import annotations

from vckit.cli import main

if __name__ == "__main__":
    main()
