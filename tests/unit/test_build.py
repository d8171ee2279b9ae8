"""Which build of the hot core runs, and that the build hook falls back cleanly.

``make test`` sets ``VCKIT_EXPECT_BUILD`` (``compiled`` when the in-place mypyc build produced the
extensions, ``pure`` for the ``VCKIT_PURE_PYTHON=1`` pass), so these tests prove the suite really
ran on the build it claims.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from vckit import _build

REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "src"


def _hook_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("vckit_hatch_build", REPO / "hatch_build.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _in_fresh_process(code: str, *, pure: bool) -> str:
    env = {k: v for k, v in os.environ.items() if k != _build.PURE_ENV}
    if pure:
        env[_build.PURE_ENV] = "1"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    return done.stdout.strip()


def _compiled_in_src() -> bool:
    return any(SRC.joinpath("vckit").glob("_hotcore__mypyc.*"))


def test_hook_and_runtime_name_the_same_modules() -> None:
    files = _hook_module().HOT_MODULES
    assert tuple(f[: -len(".py")].replace("/", ".") for f in files) == _build.HOT_MODULES


def test_active_build_is_the_one_make_built() -> None:
    info = _build.build_info()
    assert info.build in ("compiled", "pure")  # never a mix of both
    assert info.forced_pure == _build.pure_requested()
    if info.forced_pure:
        assert info.build == "pure"
    expected = os.environ.get("VCKIT_EXPECT_BUILD")
    if expected is not None:
        assert info.build == expected, _build.describe()


def test_pure_python_switch_loads_the_sources() -> None:
    out = _in_fresh_process(
        "import vckit.rdfc._canon as c, vckit.jsonld._emit as e; print(c.__file__, e.__file__)",
        pure=True,
    )
    canon, emit = out.split()
    assert canon.endswith("_canon.py")
    assert emit.endswith("_emit.py")


def test_compiled_modules_are_imported_when_built() -> None:
    if not _compiled_in_src():
        pytest.skip("no compiled hot core in src/ (built without a C compiler, or `make pure`)")
    out = _in_fresh_process(
        "from vckit._build import build_info; print(build_info().build)", pure=False
    )
    assert out == "compiled"
    out = _in_fresh_process("import vckit.rdfc._canon as c; print(c.__file__)", pure=False)
    assert out.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))


def test_compiled_modules_are_not_older_than_their_sources() -> None:
    if not _compiled_in_src():
        pytest.skip("no compiled hot core in src/")
    assert _hook_module()._up_to_date(include_hook=False), (
        "a hot-core source changed after the last mypyc build: run `make build` (stale "
        "extensions would hide the change)"
    )


class _App:
    def __init__(self) -> None:
        self.warnings: list[str] = []
        self.infos: list[str] = []

    def display_warning(self, message: str) -> None:
        self.warnings.append(message)

    def display_info(self, message: str) -> None:
        self.infos.append(message)


def _hook(module: ModuleType, app: _App, tmp_path: Path) -> Any:
    return module.MypycBuildHook(str(REPO), {}, None, None, str(tmp_path), "wheel", app)


def _failing_compile(out_dir: Path) -> list[Path]:
    raise _failing_compile.error  # type: ignore[attr-defined]


def test_build_without_a_compiler_falls_back_to_pure_python_with_a_message(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    module = _hook_module()
    _failing_compile.error = module.CompileError(  # type: ignore[attr-defined]
        "the C compiler failed: command 'cc' failed: No such file or directory"
    )
    monkeypatch.setattr(module, "compile_hot_core", _failing_compile)
    monkeypatch.delenv("VCKIT_REQUIRE_COMPILED", raising=False)
    monkeypatch.delenv(_build.PURE_ENV, raising=False)
    app = _App()
    build_data: dict[str, Any] = {}
    _hook(module, app, tmp_path).initialize("standard", build_data)
    assert build_data == {}  # nothing added: a pure-Python, platform-independent wheel
    assert len(app.warnings) == 1
    assert "could not compile the hot core" in app.warnings[0]
    assert "No such file or directory" in app.warnings[0]
    assert "pure-Python package" in app.warnings[0]


def test_required_compilation_fails_the_build(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    module = _hook_module()
    _failing_compile.error = module.CompileError("mypyc rejected the hot core (exit status 1)")  # type: ignore[attr-defined]
    monkeypatch.setattr(module, "compile_hot_core", _failing_compile)
    monkeypatch.setenv("VCKIT_REQUIRE_COMPILED", "1")
    monkeypatch.delenv(_build.PURE_ENV, raising=False)
    with pytest.raises(module.CompileError, match="mypyc rejected the hot core"):
        _hook(module, _App(), tmp_path).initialize("standard", {})


def test_compiled_wheel_data_names_every_extension(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    module = _hook_module()

    def fake_compile(out_dir: Path) -> list[Path]:
        return module._extension_files(out_dir)  # type: ignore[no-any-return]

    monkeypatch.setattr(module, "compile_hot_core", fake_compile)
    monkeypatch.delenv(_build.PURE_ENV, raising=False)
    build_data: dict[str, Any] = {}
    _hook(module, _App(), tmp_path).initialize("standard", build_data)
    assert build_data["pure_python"] is False
    assert build_data["infer_tag"] is True
    targets = sorted(build_data["force_include"].values())
    assert len(targets) == len(module.HOT_MODULES) + 1
    assert any(t.startswith("vckit/_hotcore__mypyc.") for t in targets)
    assert any(t.startswith("vckit/rdfc/_canon.") for t in targets)


def test_a_missing_c_compiler_is_reported_as_a_compile_error(tmp_path: Path) -> None:
    """The real path, not a stand-in: mypyc runs, then the (absent) C compiler fails."""
    pytest.importorskip("mypyc.build")
    code = (
        "import importlib.util, pathlib, sys\n"
        f"spec = importlib.util.spec_from_file_location('hb', {str(REPO / 'hatch_build.py')!r})\n"
        "hb = importlib.util.module_from_spec(spec); spec.loader.exec_module(hb)\n"
        "try:\n"
        f"    hb.compile_hot_core(pathlib.Path({str(tmp_path)!r}))\n"
        "except hb.CompileError as exc:\n"
        "    print('CompileError:', exc)\n"
    )
    env = {**os.environ, "CC": str(tmp_path / "no-such-cc")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert "CompileError: the C compiler failed" in done.stdout
    assert "no-such-cc" in done.stdout
    assert not list(tmp_path.rglob("*.so"))


def test_makefile_rebuilds_on_the_same_files_as_the_hook() -> None:
    import re

    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    block = makefile.split("HOT_SOURCES :=", 1)[1].split("\n# ", 1)[0]
    listed = set(re.findall(r"src/(vckit/[\w/]+\.py)", block))
    module = _hook_module()
    assert listed == set(module.HOT_MODULES) | set(module.DEPENDENCIES)
