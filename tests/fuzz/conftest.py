"""A hang guard for every fuzz target: hypothesis's deadline only judges an example once it has
finished, so an input that loops forever is stopped by pytest-timeout instead."""

from __future__ import annotations

import pytest
from tests.fuzz.fuzz_support import SCALE


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if (
            item.get_closest_marker("fuzz") is not None
            and item.get_closest_marker("timeout") is None
        ):
            item.add_marker(pytest.mark.timeout(120 * SCALE))
