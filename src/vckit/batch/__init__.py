"""Issuing and verifying at scale: ordered, streaming batches on every core or a Dask cluster.

```python
from vckit import batch

for result in batch.issue_many(credentials, key.signer()):      # a process per core
    if result.ok: store(result.index, result.output)
    else: log(result.index, result.error)

from distributed import Client
with Client("tcp://scheduler:8786") as client:                  # a Dask cluster
    reports = list(batch.verify_many(batch.read_jsonl("badges.jsonl"),
                                     executor=client.get_executor()))
```
"""

from __future__ import annotations

from vckit.batch._api import issue_many, read_jsonl, verify_many, write_jsonl
from vckit.batch._lines import JsonLines
from vckit.batch._results import BatchItemError, BatchResult
from vckit.batch._stream import SequentialExecutor

__all__ = [
    "BatchItemError",
    "BatchResult",
    "JsonLines",
    "SequentialExecutor",
    "issue_many",
    "read_jsonl",
    "verify_many",
    "write_jsonl",
]
