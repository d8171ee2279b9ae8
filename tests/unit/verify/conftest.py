"""Fixtures for the pipeline tests (builders in ``_support``)."""

from __future__ import annotations

from typing import Any

import pytest
from tests.unit.verify._support import Issuer


@pytest.fixture(scope="session")
def issuer() -> Issuer:
    return Issuer()


@pytest.fixture(scope="session")
def other() -> Issuer:
    return Issuer()


@pytest.fixture(scope="session")
def badge(issuer: Issuer) -> dict[str, Any]:
    return issuer.signed()
