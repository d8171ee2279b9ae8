"""The README's and docs' Python blocks must run as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


def _blocks(path: Path) -> list[str]:
    return _BLOCK.findall(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_python_blocks_run(page: Path) -> None:
    """All blocks of one page run in order in one namespace, as a reader would paste them."""
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    for block in _blocks(page):
        if block.startswith("# not run"):
            continue
        exec(compile(block, str(page), "exec"), namespace)


def test_readme_has_a_python_example() -> None:
    assert _blocks(REPO / "README.md")
