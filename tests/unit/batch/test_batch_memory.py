"""A batch over a generator of 100,000 items runs in flat memory (peak RSS, fresh process).

Measured in a subprocess so the figure is the batch's own: peak RSS after 10,000 items and after
100,000 items of the same stream must be within a few megabytes. No time is asserted.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

SCRIPT = r"""
import json, resource
from vckit import batch

def items():
    for n in range(100_000):
        yield '{"@context": "not a credential", "n": %d}' % n   # parsed, refused fast

marks = {}
count = 0
for result in batch.verify_many(items(), executor=batch.SequentialExecutor(), chunk_size=64):
    count += result.ok and not result.output.verified
    if result.index + 1 in (10_000, 100_000):
        marks[result.index + 1] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"count": count, "marks": marks}))
"""


@pytest.mark.timeout(300)
def test_100000_items_stream_in_flat_memory() -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True
    ).stdout
    figures = json.loads(out)
    assert figures["count"] == 100_000  # every item got its (failing) report
    after_10k, after_100k = figures["marks"]["10000"], figures["marks"]["100000"]
    assert after_100k - after_10k < 16 * 1024  # KiB: a list of 100,000 reports would be far more
