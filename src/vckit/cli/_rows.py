"""Recipient lists (CSV or JSON Lines) and the resumable JSON Lines output of a batch issue.

The output has one line per issued credential: ``{"row": KEY, "credential": ...}``. ``KEY`` is
the recipient row's value in the ``--row-key`` column, or its 1-based row number in the list.
Running the same command again reads the keys already in the output and issues only the rest.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from vckit.cli._common import fail, note

MAX_ROW_BYTES = 1024 * 1024


def _csv_rows(path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle, strict=True)
            if not reader.fieldnames:
                return
            if len(set(reader.fieldnames)) != len(reader.fieldnames):
                fail(f"recipient list {path}: the header names a column twice")
            for number, row in enumerate(reader, start=1):
                if None in row:
                    fail(f"recipient list {path}: row {number} has more fields than the header")
                yield number, {name: value for name, value in row.items() if name is not None}
    except csv.Error as exc:
        fail(f"recipient list {path} is not valid CSV: {exc}")
    except UnicodeDecodeError:
        fail(f"recipient list {path} is not UTF-8 text")


def _jsonl_rows(path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    from vckit.batch import read_jsonl
    from vckit.errors import ParseError

    try:
        for number, row in enumerate(read_jsonl(path, max_line_bytes=MAX_ROW_BYTES), start=1):
            if not isinstance(row, dict):
                fail(f"recipient list {path}: row {number} is not a JSON object")
            yield number, row
    except ParseError as exc:
        fail(f"recipient list {path}: {exc}")


def read_rows(path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(row number, row)`` for each recipient: CSV by a ``.csv`` name, else JSON Lines."""
    target = Path(path)
    if not target.is_file():
        fail(f"recipient list {path} does not exist or is not a file")
    if path.lower().endswith(".csv"):
        return _csv_rows(path)
    return _jsonl_rows(path)


def row_key(number: int, row: dict[str, Any], column: str | None, path: str) -> Any:
    """The key the output records for a row: its ``column`` value, or its row number."""
    if column is None:
        return number
    value = row.get(column)
    if not isinstance(value, str | int) or isinstance(value, bool) or value == "":
        fail(f"recipient list {path}: row {number} has no usable {column!r} value for --row-key")
    return value


def done_keys(path: str) -> set[Any]:
    """The row keys already issued into output ``path`` (empty when it does not exist).

    A last line cut short by an interrupted run is removed (that row is issued again). Anything
    that is not a vckit batch output is refused rather than appended to.
    """
    target = Path(path)
    if not target.exists():
        return set()
    if not target.is_file():
        fail(f"{path} is not a file")
    data = target.read_bytes()
    complete_length = data.rfind(b"\n") + 1
    if complete_length < len(data):
        note(f"{path}: dropping an incomplete last line left by an interrupted run")
        with target.open("r+b") as handle:
            handle.truncate(complete_length)
            handle.flush()
            os.fsync(handle.fileno())
    keys: set[Any] = set()
    for number, line in enumerate(io.BytesIO(data[:complete_length]), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            record = None
        if not isinstance(record, dict) or "row" not in record or "credential" not in record:
            fail(
                f"{path} line {number} is not a vckit issue record; refusing to append to it "
                "(pass --force to start the output afresh)"
            )
        keys.add(record["row"])
    return keys
