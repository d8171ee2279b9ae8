"""Which build of the hot core is running: mypyc-compiled or pure Python.

The modules in ``HOT_MODULES`` ship both as ``.py`` sources and, in binary wheels and ``make``
builds, as mypyc-compiled extensions next to them (Python prefers the extension). With
``VCKIT_PURE_PYTHON=1`` in the environment when vckit is first imported, ``install_pure_finder``
makes Python load the ``.py`` sources instead: the same code, interpreted, for testing that both
builds agree and for debugging. ``build_info()`` says which build is active;
``describe()`` says it in words.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Sequence
    from importlib.machinery import ModuleSpec
    from types import ModuleType

__all__ = [
    "HOT_MODULES",
    "PURE_ENV",
    "BuildInfo",
    "build_info",
    "describe",
    "install_pure_finder",
    "pure_requested",
]

#: Environment variable that forces the pure-Python modules (``"1"``).
PURE_ENV = "VCKIT_PURE_PYTHON"

#: The modules compiled by mypyc (``hatch_build.HOT_MODULES`` lists the same files).
HOT_MODULES = (
    "vckit.jsonld._iri",
    "vckit.jsonld._paths",
    "vckit.jsonld._context",
    "vckit.jsonld._emit",
    "vckit.rdfc._terms",
    "vckit.rdfc._nquads",
    "vckit.rdfc._ndegree",
    "vckit.rdfc._canon",
    # input checks and proof plumbing on every sign / verify (issue 15, helper "core")
    "vckit._codec.limits",
    "vckit._codec.jsoncopy",
    "vckit.jsonld._validate",
    "vckit.proofs.dataintegrity._transform",
    "vckit.proofs.dataintegrity._base58",
    "vckit.proofs.dataintegrity._hotpath",
    # The verification pipeline's own hot path (task "pipe").
    "vckit._codec.uri",
    "vckit._codec.stamp",
    "vckit.openbadges._walk",
    "vckit.verification._rules",
    "vckit.verification._detect",
    "vckit.verification._flow",
    # The verifier's per-call driver and the context check around the flow (task "pipe3").
    "vckit.verification._drive",
    "vckit.verification._contexts",
    # The Data Integrity verify path's proof checks and resolver driver (task "core3").
    "vckit.proofs.dataintegrity._options",
    "vckit.proofs.dataintegrity._resolve",
    "vckit._codec.plaincopy",
)


class BuildInfo(NamedTuple):
    """``build``: ``"compiled"`` (every hot module is a mypyc extension), ``"pure"`` (none is) or
    ``"mixed"`` (a broken install); ``forced_pure``: ``VCKIT_PURE_PYTHON=1`` was set;
    ``modules``: hot module name -> the file it was loaded from."""

    build: str
    forced_pure: bool
    modules: dict[str, str]


class _PureSourceFinder:
    """A meta path finder that loads the hot modules from their ``.py`` sources."""

    @classmethod
    def find_spec(
        cls,
        fullname: str,
        path: Sequence[str] | None = None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        if fullname not in HOT_MODULES or not path:
            return None
        import importlib.util

        leaf = fullname.rpartition(".")[2] + ".py"
        for folder in path:
            source = os.path.join(folder, leaf)
            if os.path.isfile(source):
                return importlib.util.spec_from_file_location(fullname, source)
        return None


def pure_requested() -> bool:
    """True when ``VCKIT_PURE_PYTHON=1`` asks for the pure-Python hot core."""
    return os.environ.get(PURE_ENV) == "1"


def install_pure_finder() -> None:
    """Load the hot modules from source from now on (idempotent; before they are imported)."""
    if _PureSourceFinder not in sys.meta_path:
        sys.meta_path.insert(0, _PureSourceFinder)


def _is_extension(filename: str) -> bool:
    from importlib.machinery import EXTENSION_SUFFIXES

    return filename.endswith(tuple(EXTENSION_SUFFIXES))


def build_info() -> BuildInfo:
    """Import the hot modules and report which build they come from."""
    modules: dict[str, str] = {}
    for name in HOT_MODULES:
        module = importlib.import_module(name)
        modules[name] = str(getattr(module, "__file__", ""))
    compiled = [_is_extension(filename) for filename in modules.values()]
    build = "compiled" if all(compiled) else "pure" if not any(compiled) else "mixed"
    return BuildInfo(build, _PureSourceFinder in sys.meta_path, modules)


def describe() -> str:
    """The active build and where each hot module was loaded from, for a bug report."""
    info = build_info()
    lines = [
        f"vckit hot core: {info.build}" + (" (VCKIT_PURE_PYTHON=1)" if info.forced_pure else "")
    ]
    lines.extend(f"  {name}: {filename}" for name, filename in info.modules.items())
    return "\n".join(lines)
