"""Run every ``bench_*.py`` in this folder, each in its own interpreter, one after another.

The convention (benchmarks/README.md): a ``bench_<name>.py`` module defines ``main() -> int``
that prints its own table and returns an exit status, and runs nothing at import. ``run.py``
discovers the modules by name, imports each in a fresh interpreter and calls ``main()``.
``python benchmarks/run.py core cold`` runs only ``bench_core`` and ``bench_cold``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def discover(selected: list[str]) -> list[str]:
    names = sorted(path.stem for path in HERE.glob("bench_*.py"))
    if selected:
        wanted = {name if name.startswith("bench_") else f"bench_{name}" for name in selected}
        unknown = wanted - set(names)
        if unknown:
            raise SystemExit(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
        names = [name for name in names if name in wanted]
    return names


def main(argv: list[str] | None = None) -> int:
    names = discover(sys.argv[1:] if argv is None else argv)
    status = 0
    for name in names:
        print(f"== {name}", flush=True)
        code = f"import sys; sys.path.insert(0, {str(HERE)!r}); import {name}; "
        code += f"raise SystemExit({name}.main())"
        status |= subprocess.call([sys.executable, "-c", code])
    return status


if __name__ == "__main__":
    raise SystemExit(main())
