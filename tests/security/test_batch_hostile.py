"""Hostile items in a batch on worker processes fail exactly as they do in the calling process.

A chunk of plain JSON crosses to a worker as ``marshal`` bytes of a copy (``vckit.batch._packed``);
anything that copy cannot carry faithfully (a ``bytearray``, which ``marshal`` would write as
``bytes``; nesting past the copy's depth; a cycle) must cross the ordinary way, so that the worker
refuses it with the same problem, naming the same type, as ``vckit.verify`` / ``vckit.issue`` in
the caller's process. A JSON Lines file's lines are parsed on the workers, strictly: each hostile
line is that item's ``ParseError``, naming the file and line. No network; every case is a few
items.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from tests.unit.batch.badges import CREATED, make_badges

import vckit
from vckit import batch, dids, keys
from vckit._codec.plaincopy import MAX_DEPTH
from vckit.errors import ParseError
from vckit.verification import IssuanceError

pytestmark = pytest.mark.timeout(120)  # bounded: a few items each


@pytest.fixture(scope="module")
def pool() -> Iterator[ProcessPoolExecutor]:
    with ProcessPoolExecutor(2) as executor:
        yield executor


@pytest.fixture(scope="module")
def key() -> keys.KeyPair:
    return keys.generate("Ed25519")


def _badge(key: keys.KeyPair) -> dict[str, Any]:
    (badge,) = make_badges(dids.did_key(key.public_key), 1)
    return badge


def _deep(levels: int) -> Any:
    value: Any = "leaf"
    for _ in range(levels):
        value = {"n": value}
    return value


def _hostile(signed: dict[str, Any]) -> list[Any]:
    with_bytearray = dict(signed, evidence=[{"raw": bytearray(b"\x00")}])
    with_bytes = dict(signed, evidence=[{"raw": b"\x00"}])
    too_deep = dict(signed, evidence=[_deep(MAX_DEPTH + 10)])
    cyclic: dict[str, Any] = dict(signed)
    cyclic["evidence"] = [cyclic]
    return [with_bytearray, with_bytes, too_deep, cyclic, signed]


def test_hostile_items_verified_on_workers_get_the_reports_of_the_calling_process(
    pool: ProcessPoolExecutor, key: keys.KeyPair
) -> None:
    signed = vckit.issue(_badge(key), key.signer(), created=CREATED)
    assert isinstance(signed, dict)
    items = _hostile(signed)
    remote = [r.output for r in batch.verify_many(items, executor=pool, chunk_size=5)]
    local = [r.output for r in batch.verify_many(items, executor=batch.SequentialExecutor())]
    assert remote == local  # the same objects as credentials: a cycle compares by identity
    assert [r.verified for r in remote] == [False, False, False, False, True]
    problems = [r.problems[0] for r in remote[:4]]
    assert [p.code for p in problems] == ["PARSING_ERROR"] * 4
    assert problems[0].message == "bytearray at $.evidence[0].raw is not a JSON value"
    assert problems[1].message.startswith("bytes at $.evidence[0].raw")
    assert problems[2].message.startswith("JSON nests deeper than 100 levels at $.evidence[0].n")
    assert problems[3].message.startswith("JSON nests deeper than 100 levels at $.evidence[0]")
    same = [[r.credential is item for r, item in zip(reports, items, strict=True)]
            for reports in (remote, local)]  # fmt: skip
    assert same[0] == same[1]


def test_hostile_credentials_issued_on_workers_are_refused_as_vckit_issue_refuses_them(
    pool: ProcessPoolExecutor, key: keys.KeyPair
) -> None:
    badge = _badge(key)
    items = [*_hostile(badge)[:3], badge]
    remote = list(batch.issue_many(items, key.signer(), executor=pool, chunk_size=4))
    local = list(batch.issue_many(items, key.signer(), executor=batch.SequentialExecutor()))
    assert [r.ok for r in remote] == [r.ok for r in local] == [False, False, False, True]
    for mine, theirs in zip(remote[:3], local[:3], strict=True):
        assert isinstance(mine.error, IssuanceError)
        assert str(mine.error) == str(theirs.error)
    with pytest.raises(
        IssuanceError,
        match=r"PARSING_ERROR: bytearray at \$\.evidence\[0\]\.raw is not a JSON value",
    ):
        raise remote[0].error  # type: ignore[misc]


def test_hostile_lines_of_a_json_lines_file_are_each_their_items_error_on_workers(
    pool: ProcessPoolExecutor, key: keys.KeyPair, tmp_path: Path
) -> None:
    signed = vckit.issue(_badge(key), key.signer(), created=CREATED)
    good = json.dumps(signed).encode()
    hostile = [
        b'{"a": 1, "a": 2}',
        b'{"a": NaN}',
        b'["\\ud800"]',
        b"[" * 100_000 + b"]" * 100_000,
        b"\xff\xfe{}",
        b"[1e999]",
        b'{"a": 1} {"b": 2}',
        b'{"pad": "' + b"x" * 300_000 + b'"}',
    ]
    path = tmp_path / "hostile.jsonl"
    path.write_bytes(b"\n".join([*hostile, good]) + b"\n")
    results = list(
        batch.verify_many(
            batch.read_jsonl(path, max_line_bytes=250_000), executor=pool, chunk_size=3
        )
    )
    assert [r.index for r in results] == list(range(9))
    errors = [r.error for r in results[:8]]
    assert all(isinstance(error, ParseError) for error in errors)
    assert [str(error) for error in errors] == [
        f"{path}:1: duplicate JSON member name 'a'",
        f"{path}:2: JSON constant NaN is not allowed",
        f"{path}:3: JSON string contains a lone surrogate",
        f"{path}:4: JSON nests deeper than 200 levels",
        f"{path}:5: JSON is not valid UTF-8",
        f"{path}:6: JSON number 1e999 is out of range",
        f"{path}:7: invalid JSON: Extra data: line 1 column 10 (char 9)",
        f"{path}:8: line longer than 250000 bytes",
    ]
    assert results[8].output.verified
    assert results[8].output.credential == signed


def test_a_json_lines_file_whose_line_never_ends_costs_no_more_memory_than_the_limit(
    tmp_path: Path,
) -> None:
    import tracemalloc

    path = tmp_path / "endless.jsonl"
    with path.open("wb") as file:
        file.write(b'{"id": "urn:uuid:1"}\n["' + b"x" * 20_000_000)  # 20 MB, no newline
    tracemalloc.start()
    try:
        results = list(
            batch.verify_many(
                batch.read_jsonl(path, max_line_bytes=10_000), executor=batch.SequentialExecutor()
            )
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2_000_000  # the file is 20 MB; the batch reads 64 KB pieces of the long line
    assert [r.ok for r in results] == [True, False]
    assert str(results[1].error) == f"{path}:2: line longer than 10000 bytes"
    with pytest.raises(ParseError, match=r"endless\.jsonl:2: line longer than 10000 bytes"):
        list(batch.read_jsonl(path, max_line_bytes=10_000))
