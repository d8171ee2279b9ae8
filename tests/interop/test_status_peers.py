"""vckit's status lists against Digital Bazaar's ``@digitalbazaar/vc-bitstring-status-list`` 2.0.

Lists vckit encodes decode to the same set bits in the JS library, and lists the JS library
encodes decode to the same bits in vckit (``../shared/peers/run.sh status encode|decode``).
Skips with the reason when node or ``../shared/peers`` is missing.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess

import pytest
from tests.conftest import PEERS

from vckit.status import BitstringStatusList

pytestmark = pytest.mark.node

CASES = [
    (131_072, []),
    (131_072, [0, 7, 8, 94_567, 131_071]),
    (131_072, sorted(random.Random(11).sample(range(131_072), 500))),
    (262_144, [1, 131_072, 262_143]),
    (100_000, [2, 6, 8]),
]


def _peer(*args: str) -> str:
    if not (PEERS / "run.sh").exists():
        pytest.skip(f"JS peer not available: {PEERS} is absent")
    if shutil.which("node") is None:
        pytest.skip("JS peer not available: node is not installed")
    completed = subprocess.run(
        [str(PEERS / "run.sh"), "status", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return completed.stdout.strip()


@pytest.mark.parametrize(("length", "indexes"), CASES, ids=[f"{n}-{len(i)}" for n, i in CASES])
def test_vckit_lists_decode_identically_in_digital_bazaar(length: int, indexes: list[int]) -> None:
    lst = BitstringStatusList(length)
    for index in indexes:
        lst.set(index)
    decoded = json.loads(_peer("decode", lst.encode(), str(length)))
    assert decoded == {"length": length, "set": indexes}


@pytest.mark.parametrize(("length", "indexes"), CASES, ids=[f"{n}-{len(i)}" for n, i in CASES])
def test_digital_bazaar_lists_decode_identically_in_vckit(length: int, indexes: list[int]) -> None:
    encoded = _peer("encode", str(length), ",".join(map(str, indexes)))
    lst = BitstringStatusList.decode(encoded)
    assert lst.size == length
    assert list(lst.set_indexes()) == indexes
