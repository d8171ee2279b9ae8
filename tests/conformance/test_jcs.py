"""RFC 8785 test data (cyberphone/json-canonicalization): input/*.json -> output/*.json bytes.

A second check runs node, when present, as the oracle for ECMAScript number formatting on a few
thousand random doubles and edge cases (the reference's 100-million-line file is not bundled).
"""

from __future__ import annotations

import json
import random
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from tests.conftest import VECTORS, vectors_dir

from vckit._codec import jcs
from vckit._codec.strict_json import loads_strict

_INPUTS = sorted((VECTORS / "jcs" / "testdata" / "input").glob("*.json"))


@pytest.mark.parametrize("source", _INPUTS, ids=lambda p: p.stem)
def test_vector(source: Path) -> None:
    folder = vectors_dir("jcs", "testdata")
    expected = (folder / "output" / source.name).read_bytes()
    hex_form = (folder / "outhex" / f"{source.stem}.txt").read_text(encoding="ascii")
    assert bytes.fromhex(hex_form) == expected
    assert jcs.canonicalize(loads_strict(source.read_bytes())) == expected


def test_vectors_present() -> None:
    folder = vectors_dir("jcs", "testdata", "input")
    assert {p.stem for p in folder.glob("*.json")} >= {"arrays", "structures", "values", "weird"}


def _doubles(count: int) -> list[float]:
    rng = random.Random(8785)
    values = [5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 1e21, 1e-7, 1e-6, 0.1]
    values += [float(2**53), float(2**53 + 2), 123456789012345680000.0, 1e20, 9.999999999999997e22]
    while len(values) < count:
        (value,) = struct.unpack("<d", rng.getrandbits(64).to_bytes(8, "little"))
        if value == value and abs(value) != float("inf"):
            values.append(value)
        values.append(rng.uniform(-1e6, 1e6))
        values.append(float(rng.randint(-(2**53), 2**53)) / 10 ** rng.randint(0, 25))
    return values


@pytest.mark.node
def test_numbers_match_node() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    values = _doubles(6000)
    payload = json.dumps([struct.pack("<d", v).hex() for v in values])
    decode = (
        "const v=JSON.parse(require('fs').readFileSync(0,'utf8'))"
        ".map(h=>Buffer.from(h,'hex').readDoubleLE(0));"
        "process.stdout.write(JSON.stringify(v.map(String)))"
    )
    done = subprocess.run(
        [node, "-e", decode], input=payload, capture_output=True, text=True, check=True, timeout=60
    )
    expected = json.loads(done.stdout)
    mismatches = [
        (v, e, jcs.format_number(v))
        for v, e in zip(values, expected, strict=True)
        if jcs.format_number(v) != e
    ]
    assert mismatches == []
