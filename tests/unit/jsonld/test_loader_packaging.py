"""The bundled contexts ship inside the wheel and load from an installed copy of vckit.

An editable install reads ``src/`` directly, so it cannot show that hatchling actually packs the
context files. These tests build a wheel, unpack it, and import vckit from there in a fresh
interpreter whose working directory is neither the repository nor ``../shared``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import zipfile
from importlib import resources
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
MANIFEST = json.loads(
    resources.files("vckit.jsonld").joinpath("contexts", "manifest.json").read_text("utf-8")
)


def _context_files() -> set[str]:
    entries = [*MANIFEST["contexts"], *MANIFEST["alternates"]]
    files = {entry["file"] for entry in entries} | {"manifest.json"}
    files |= {entry["licence_file"] for entry in entries if "licence_file" in entry}
    return {f"vckit/jsonld/contexts/{name}" for name in files}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling", reason="building the wheel offline needs hatchling")
    out = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
    subprocess.run(
        [*pip, "--wheel-dir", str(out), str(REPO)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("vckit-*.whl")
    return built


def test_wheel_contains_every_bundled_context(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert _context_files() <= names
    assert "vckit/jsonld/_loader.py" in names


def test_installed_copy_serves_every_bundled_context(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(site)!r})
        import vckit, vckit.jsonld
        assert vckit.__file__.startswith({str(site)!r}), vckit.__file__
        loader = vckit.jsonld.default_loader()
        urls = vckit.jsonld.bundled_context_urls()
        for url in urls:
            assert "@context" in loader.get(url), url
        print(len(urls))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) == len({u for e in MANIFEST["contexts"] for u in e["urls"]})


def test_import_works_from_an_unrelated_directory(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import vckit, vckit.jsonld; print(vckit.jsonld.default_loader())"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "DocumentLoader" in result.stdout
