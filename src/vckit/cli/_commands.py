"""The root group with every command group attached."""

from __future__ import annotations

from vckit.cli._app import cli
from vckit.cli._bake import bake, unbake
from vckit.cli._demo import demo
from vckit.cli._issue import issue
from vckit.cli._keys import did, keygen
from vckit.cli._status import status
from vckit.cli._verify import verify

__all__ = ["cli"]

for _command in (keygen, did, issue, verify, bake, unbake, status, demo):
    cli.add_command(_command)
