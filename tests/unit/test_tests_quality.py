"""Rules the test suite keeps about itself, checked by reading the test sources with ``ast``.

* Every ``pytest.raises`` in ``tests/security/`` names the exact failure with ``match=`` (a
  hostile input must fail for the reason the test is about, not for any reason of that type).
* No test asserts on elapsed time (an ``assert`` reading ``time.perf_counter`` /
  ``time.monotonic`` / ``time.time``, directly or through a variable): speed belongs to the
  benchmarks, and a hang guard is ``@pytest.mark.timeout`` (pytest-timeout).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
SECURITY = sorted((TESTS / "security").glob("*.py"))
ALL_TESTS = sorted(TESTS.rglob("*.py"))
CLOCKS = {"perf_counter", "perf_counter_ns", "monotonic", "monotonic_ns", "time", "time_ns"}


def _is_raises(func: ast.expr) -> bool:
    if isinstance(func, ast.Attribute):
        return (
            func.attr == "raises" and isinstance(func.value, ast.Name) and func.value.id == "pytest"
        )
    return isinstance(func, ast.Name) and func.id == "raises"


def raises_without_match(source: str) -> Iterator[int]:
    """Line numbers of ``pytest.raises(...)`` calls with no ``match=``, or a ``match`` that a
    constant string makes meaningless (empty, ``.*``, no word character)."""
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and _is_raises(node.func)):
            continue
        match = next((keyword for keyword in node.keywords if keyword.arg == "match"), None)
        if match is None or not _meaningful(match.value):
            yield node.lineno


def _meaningful(pattern: ast.expr) -> bool:
    """A constant pattern must name something (a word character); an expression is trusted."""
    if not isinstance(pattern, ast.Constant):
        return True
    return isinstance(pattern.value, str) and any(char.isalnum() for char in pattern.value)


def _clock_call(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr in CLOCKS
        and isinstance(func.value, ast.Name)
        and func.value.id == "time"
    )


def clock_assertions(source: str) -> Iterator[int]:
    """Line numbers of ``assert`` statements on elapsed time: an assert that reads the clock
    (``time.perf_counter()`` ...) or uses a name assigned from a clock reading.

    A deadline in a polling loop (``deadline = time.monotonic() + 90``) is fine; asserting on how
    long something took is how timing tests start (use ``@pytest.mark.timeout`` for a hang guard).
    """
    tree = ast.parse(source)
    timed: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(_clock_call(sub) for sub in ast.walk(node.value)):
            timed.update(target.id for target in node.targets if isinstance(target, ast.Name))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert) and any(
            _clock_call(sub) or (isinstance(sub, ast.Name) and sub.id in timed)
            for sub in ast.walk(node.test)
        ):
            yield node.lineno


def test_the_checks_catch_what_they_are_for() -> None:
    source = (
        "import pytest, time\n"
        "def test_a():\n"
        "    with pytest.raises(ValueError):\n"
        "        pass\n"
        "    with pytest.raises(ValueError, match='bad value'):\n"
        "        pass\n"
        "    with pytest.raises(KeyError, match='.*'):\n"
        "        pass\n"
        "    start = time.perf_counter()\n"
        "    clock = time.monotonic\n"
        "    elapsed = time.perf_counter() - start\n"
        "    assert elapsed < 5\n"
        "    assert time.monotonic() - start < 5\n"
        "    deadline = time.monotonic() + 90\n"
        "    while time.monotonic() < deadline:\n"
        "        break\n"
    )
    assert list(raises_without_match(source)) == [3, 7]
    assert sorted(clock_assertions(source)) == [12, 13]


def test_there_are_security_tests_to_check() -> None:
    assert len(SECURITY) >= 10
    assert sum("pytest.raises(" in path.read_text(encoding="utf-8") for path in SECURITY) >= 5


@pytest.mark.parametrize("path", SECURITY, ids=lambda path: path.name)
def test_every_security_raises_names_the_failure(path: Path) -> None:
    lines = list(raises_without_match(path.read_text(encoding="utf-8")))
    assert lines == [], f"{path.name}: pytest.raises without a meaningful match= at lines {lines}"


def test_no_test_asserts_on_elapsed_time() -> None:
    found = [
        f"{path.relative_to(TESTS)}:{line}"
        for path in ALL_TESTS
        if path.name != Path(__file__).name
        for line in clock_assertions(path.read_text(encoding="utf-8"))
    ]
    assert found == [], f"elapsed-time assertions (use @pytest.mark.timeout): {found}"
