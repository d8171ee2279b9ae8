"""The installed dependencies meet the floors pyproject.toml declares, and the floors that keep
known advisories out are declared (issue 16: cryptography, httpcore, h11, pyjwt)."""

from __future__ import annotations

import tomllib
from importlib.metadata import PackageNotFoundError, version

import pytest
from packaging.requirements import Requirement
from packaging.version import Version
from tests.conftest import REPO

PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
RUNTIME = [Requirement(text) for text in PROJECT["dependencies"]]
TEST = [Requirement(text) for text in PROJECT["optional-dependencies"]["test"]]

#: Floors that exclude published advisories; lowering one must fail this test.
SECURITY_FLOORS = {
    "cryptography": "44.0.1",
    "httpcore": "1.0.9",
    "h11": "0.16",
    "pyjwt": "2.13",
}


def _floor(requirement: Requirement) -> Version | None:
    floors = [Version(s.version) for s in requirement.specifier if s.operator in (">=", "==")]
    return max(floors) if floors else None


@pytest.mark.parametrize(("name", "minimum"), SECURITY_FLOORS.items())
def test_security_floor_is_declared(name: str, minimum: str) -> None:
    declared = {r.name.lower(): r for r in RUNTIME + TEST}
    assert name in declared, f"{name} has no declared floor"
    floor = _floor(declared[name])
    assert floor is not None
    assert floor >= Version(minimum), f"{name} floor {floor} is below {minimum}"


@pytest.mark.parametrize("requirement", RUNTIME + TEST, ids=lambda r: r.name)
def test_installed_version_meets_the_declared_floor(requirement: Requirement) -> None:
    try:
        installed = Version(version(requirement.name))
    except PackageNotFoundError:
        pytest.fail(f"{requirement.name} is declared but not installed")
    assert requirement.specifier.contains(installed, prereleases=True), (
        f"{requirement.name} {installed} does not satisfy {requirement.specifier}"
    )
