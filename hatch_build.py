"""Build hook: compile vckit's hot core with mypyc, falling back to pure Python.

Hatchling runs ``MypycBuildHook`` for every wheel (``pip install .``, ``pip wheel .``, ``python -m
build``) and editable install (``pip install -e .``). It compiles ``HOT_MODULES`` into one mypyc
group (``vckit._hotcore__mypyc`` plus one small extension per module, next to the ``.py`` file it
replaces). The ``.py`` sources always ship too: they are what Python imports when no compiled
module is there, and what ``VCKIT_PURE_PYTHON=1`` forces at run time.

* standard wheel: the extensions are added to the wheel, which is then tagged for this platform.
* editable install: the extensions are written next to the sources in ``src/`` (gitignored), so
  the editable package imports them; ``make`` rebuilds them when a hot source changes.
* no C compiler, no mypy, or a mypyc error: a warning says so and the wheel is pure Python
  (``VCKIT_REQUIRE_COMPILED=1`` turns that into a build failure, for CI and wheel builders).
* ``VCKIT_PURE_PYTHON=1`` at build time skips compilation altogether.

Run as a script (``python hatch_build.py --inplace``) it does the editable step with the current
interpreter's mypy, skipping the work when every extension is newer than every hot source.
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
SRC = ROOT / "src"

#: The modules compiled by mypyc (paths under ``src``). ``vckit._build.HOT_MODULES`` lists the
#: same modules by name; tests/unit/test_build.py checks that the two agree.
HOT_MODULES = (
    "vckit/jsonld/_iri.py",
    "vckit/jsonld/_paths.py",
    "vckit/jsonld/_context.py",
    "vckit/jsonld/_emit.py",
    "vckit/rdfc/_terms.py",
    "vckit/rdfc/_nquads.py",
    "vckit/rdfc/_ndegree.py",
    "vckit/rdfc/_canon.py",
    # input checks and proof plumbing on every sign / verify (issue 15, helper "core")
    "vckit/_codec/limits.py",
    "vckit/_codec/jsoncopy.py",
    "vckit/jsonld/_validate.py",
    "vckit/proofs/dataintegrity/_transform.py",
    "vckit/proofs/dataintegrity/_base58.py",
    "vckit/proofs/dataintegrity/_hotpath.py",
    # The verification pipeline's own hot path (task "pipe").
    "vckit/_codec/uri.py",
    "vckit/_codec/stamp.py",
    "vckit/openbadges/_walk.py",
    "vckit/verification/_rules.py",
    "vckit/verification/_detect.py",
    "vckit/verification/_flow.py",
    # The verifier's per-call driver and the context check around the flow (task "pipe3").
    "vckit/verification/_drive.py",
    "vckit/verification/_contexts.py",
    # The Data Integrity verify path's proof checks and resolver driver (task "core3").
    "vckit/proofs/dataintegrity/_options.py",
    "vckit/proofs/dataintegrity/_resolve.py",
    # What a batch sends to its worker processes (issue 13).
    "vckit/_codec/plaincopy.py",
)
#: Modules the compiled code calls into: a change there can change what the compiled code
#: assumes about them, so it also triggers a rebuild (the Makefile lists the same files).
DEPENDENCIES = (
    "vckit/errors.py",
    "vckit/_codec/jcs.py",
    "vckit/_codec/limit_error.py",
    "vckit/proofs/dataintegrity/_errors.py",
    "vckit/proofs/dataintegrity/_result.py",
)
GROUP = "vckit._hotcore"
_SUFFIX = sysconfig.get_config_var("EXT_SUFFIX") or ".so"


class CompileError(Exception):
    """mypyc or the C compiler failed; the message says which and why."""


def _extension_files(base: Path) -> list[Path]:
    """The files a build of the hot core produces, relative to ``base`` (``src`` or a wheel)."""
    files = [base / (GROUP.replace(".", "/") + "__mypyc" + _SUFFIX)]
    files.extend(base / (module[: -len(".py")] + _SUFFIX) for module in HOT_MODULES)
    return files


def _up_to_date(*, include_hook: bool = True) -> bool:
    """True when every extension in ``src`` is newer than every hot source (and this hook)."""
    built = _extension_files(SRC)
    if not all(path.exists() for path in built):
        return False
    newest_input = max((SRC / module).stat().st_mtime for module in (*HOT_MODULES, *DEPENDENCIES))
    if include_hook:
        newest_input = max(newest_input, Path(__file__).stat().st_mtime)
    return min(path.stat().st_mtime for path in built) >= newest_input


def remove_inplace() -> None:
    """Delete compiled hot-core files from ``src`` (so the pure sources are imported)."""
    for path in _extension_files(SRC):
        path.unlink(missing_ok=True)


def compile_hot_core(out_dir: Path) -> list[Path]:
    """Compile ``HOT_MODULES`` with mypyc into ``out_dir`` (package layout); return the files.

    Raises ``CompileError`` when mypy/mypyc is missing, mypyc rejects the code, or the C
    compiler is absent or fails.
    """
    try:
        from mypyc.build import mypycify
        from setuptools import Distribution
        from setuptools.command.build_ext import build_ext
    except ImportError as exc:
        raise CompileError(f"mypyc is not installed ({exc}); install the 'mypy' package") from exc
    work = Path(tempfile.mkdtemp(prefix="vckit-mypyc-"))
    cwd = Path.cwd()
    try:
        os.chdir(ROOT)  # mypy reads [tool.mypy] from pyproject.toml and finds src/ packages
        try:
            extensions = mypycify(
                [str(Path("src") / module) for module in HOT_MODULES],
                opt_level=os.environ.get("VCKIT_MYPYC_OPT_LEVEL", "3"),
                group_name=GROUP,
                target_dir=str(work / "c"),
            )
        except SystemExit as exc:  # mypyc reports type errors and exits
            raise CompileError(f"mypyc rejected the hot core (exit status {exc.code})") from exc
        distribution = Distribution({"name": "vckit", "ext_modules": extensions})
        command = build_ext(distribution)
        command.build_lib = str(out_dir)
        command.build_temp = str(work / "temp")
        command.inplace = False
        try:
            command.ensure_finalized()
            command.run()
        except (Exception, SystemExit) as exc:
            raise CompileError(f"the C compiler failed: {exc}") from exc
    finally:
        os.chdir(cwd)
        shutil.rmtree(work, ignore_errors=True)
    built = _extension_files(out_dir)
    missing = [str(path) for path in built if not path.exists()]
    if missing:
        raise CompileError(f"mypyc build did not produce {missing}")
    return built


def compile_inplace(*, force: bool = False) -> str:
    """Build the extensions next to the sources in ``src``; return what happened."""
    if not force and _up_to_date():
        return "compiled hot core is up to date"
    remove_inplace()  # never leave stale extensions shadowing edited sources
    compile_hot_core(SRC)
    return f"compiled {len(HOT_MODULES)} hot-core modules with mypyc into {SRC}"


def _required() -> bool:
    return os.environ.get("VCKIT_REQUIRE_COMPILED") == "1"


def _pure_requested() -> bool:
    return os.environ.get("VCKIT_PURE_PYTHON") == "1"


def _fallback_message(exc: BaseException) -> str:
    return (
        f"vckit: could not compile the hot core ({exc}). Building the pure-Python package "
        "instead: it is complete and correct, only slower (see docs/performance.md). Set "
        "VCKIT_REQUIRE_COMPILED=1 to make this an error."
    )


try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # run as a script in an environment without hatchling
    BuildHookInterface = object  # type: ignore[assignment,misc]


class MypycBuildHook(BuildHookInterface):  # type: ignore[misc,valid-type]
    """Hatchling build hook (``[tool.hatch.build.targets.wheel.hooks.custom]``)."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if _pure_requested():
            self.app.display_info("vckit: VCKIT_PURE_PYTHON=1, building the pure-Python package")
            return
        try:
            if version == "editable":
                self.app.display_info("vckit: " + compile_inplace())
                return
            out_dir = Path(self.directory) / "mypyc-build"
            shutil.rmtree(out_dir, ignore_errors=True)
            built = compile_hot_core(out_dir)
        except CompileError as exc:
            if _required():
                raise
            if version == "editable":
                remove_inplace()
            self.app.display_warning(_fallback_message(exc))
            return
        force_include = build_data.setdefault("force_include", {})
        for path in built:
            force_include[str(path)] = path.relative_to(out_dir).as_posix()
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        self.app.display_info(f"vckit: compiled {len(HOT_MODULES)} hot-core modules with mypyc")


def _main(argv: Iterable[str]) -> int:
    args = list(argv)
    if args == ["--clean"]:
        remove_inplace()
        print("removed the compiled hot core from src/ (pure Python from now on)")
        return 0
    if args not in (["--inplace"], ["--inplace", "--force"]):
        print("usage: python hatch_build.py --inplace [--force] | --clean", file=sys.stderr)
        return 2
    if _pure_requested():
        remove_inplace()
        print("vckit: VCKIT_PURE_PYTHON=1, compiled hot core removed; using pure Python")
        return 0
    try:
        print("vckit: " + compile_inplace(force="--force" in args))
    except CompileError as exc:
        remove_inplace()
        if _required():
            print(f"vckit: could not compile the hot core ({exc}); VCKIT_REQUIRE_COMPILED=1")
            return 1
        print(_fallback_message(exc), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
