"""A JSON Lines file passed to a batch is read by the caller and parsed where each chunk runs."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from tests.unit.batch.badges import CREATED, make_badges

import vckit
from vckit import batch, keys
from vckit.batch import _lines
from vckit.errors import ParseError


def _write(path: Path, values: list[Any], *, bad: dict[int, str] | None = None) -> Path:
    """``values`` one per line; ``bad`` puts raw text at given positions (blank lines between)."""
    lines = [json.dumps(value) for value in values]
    for position, text in sorted((bad or {}).items()):
        lines.insert(position, text)
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return path


def _signed(key: keys.KeyPair, badges: list[dict[str, Any]]) -> list[Any]:
    return [vckit.issue(badge, key.signer(), created=CREATED) for badge in badges]


def _outcomes(results: list[batch.BatchResult[Any]]) -> list[tuple[int, Any, str | None]]:
    return [
        (r.index, r.output, None if r.error is None else f"{type(r.error).__name__}: {r.error}")
        for r in results
    ]


@pytest.mark.parametrize("pool", ["sequential", "threads", "processes"])
def test_issuing_from_a_file_gives_what_issuing_the_parsed_badges_gives(
    tmp_path: Path, issuer_key: keys.KeyPair, issuer_did: str, pool: str
) -> None:
    badges = make_badges(issuer_did, 7)
    path = _write(tmp_path / "badges.jsonl", badges, bad={3: '{"id": "x", "id": "y"}'})
    executor: Any = {
        "sequential": batch.SequentialExecutor,
        "threads": lambda: ThreadPoolExecutor(2),
        "processes": lambda: ProcessPoolExecutor(2),
    }[pool]()
    with executor:
        results = list(
            batch.issue_many(
                batch.read_jsonl(path),
                issuer_key.signer(),
                executor=executor,
                chunk_size=2,
                created=CREATED,
            )
        )
    assert [r.index for r in results] == list(range(8))
    expected = _signed(issuer_key, badges)
    assert [r.output for r in results if r.ok] == expected
    refused = results[3]
    assert isinstance(refused.error, ParseError)
    assert str(refused.error) == (
        f"{path}:7: duplicate JSON member name 'id'"  # line 7: blank lines between badges
    )


@pytest.mark.parametrize("pool", ["sequential", "processes"])
def test_verifying_a_file_gives_the_reports_of_the_parsed_badges_with_their_credentials(
    tmp_path: Path, issuer_key: keys.KeyPair, issuer_did: str, pool: str
) -> None:
    signed = _signed(issuer_key, make_badges(issuer_did, 6))
    signed[4]["credentialSubject"]["tampered"] = True
    path = _write(tmp_path / "signed.jsonl", signed, bad={2: "[1, 2", 5: '"not a credential"'})
    executor: Any = batch.SequentialExecutor() if pool == "sequential" else ProcessPoolExecutor(2)
    with executor:
        from_file = list(batch.verify_many(batch.read_jsonl(path), executor=executor, chunk_size=3))
    parsed = [*signed[:2], *signed[2:4], "not a credential", *signed[4:]]
    reference = list(batch.verify_many(parsed, executor=batch.SequentialExecutor()))
    assert [r.index for r in from_file] == list(range(8))
    bad_line = from_file[2]
    assert isinstance(bad_line.error, ParseError)
    assert str(bad_line.error).startswith(f"{path}:5: invalid JSON")
    reports = [r.output for r in from_file[:2] + from_file[3:]]
    assert reports == [r.output for r in reference]
    assert [report.verified for report in reports] == [True] * 4 + [False, False, True]
    assert reports[0].credential == signed[0]  # each report carries its credential
    assert type(reports[0].credential) is dict


def test_the_lines_are_parsed_where_the_chunks_run_not_in_the_calling_thread(
    tmp_path: Path, issuer_key: keys.KeyPair, issuer_did: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    signed = _signed(issuer_key, make_badges(issuer_did, 6))
    path = _write(tmp_path / "signed.jsonl", signed)
    parsed_in: list[int] = []
    parse = _lines.loads_strict

    def recording(data: bytes) -> Any:
        parsed_in.append(threading.get_ident())
        return parse(data)

    monkeypatch.setattr(_lines, "loads_strict", recording)
    with ThreadPoolExecutor(2) as pool:
        results = list(batch.verify_many(batch.read_jsonl(path), executor=pool, chunk_size=2))
    assert [r.output.verified for r in results] == [True] * 6
    assert len(parsed_in) == 6
    assert threading.get_ident() not in parsed_in


def test_a_started_reader_is_read_on_as_values_by_the_batch(
    tmp_path: Path, issuer_key: keys.KeyPair, issuer_did: str
) -> None:
    signed = _signed(issuer_key, make_badges(issuer_did, 4))
    path = _write(tmp_path / "signed.jsonl", signed, bad={3: "{nope"})
    reader = batch.read_jsonl(path)
    assert next(reader) == signed[0]
    assert reader.started
    results = batch.verify_many(reader, executor=batch.SequentialExecutor())
    first = next(results)
    assert first.index == 0
    assert first.output.credential == signed[1]
    assert next(results).output.credential == signed[2]
    with pytest.raises(ParseError, match=r"signed\.jsonl:7: invalid JSON"):
        next(results)  # values, not lines: the reader raises at the bad line, as it always did


def test_issuing_from_a_file_with_a_status_registry_allocates_in_the_caller(
    tmp_path: Path, issuer_key: keys.KeyPair, issuer_did: str
) -> None:
    from tests.unit.batch.test_batch import CountingAllocator

    badges = make_badges(issuer_did, 3)
    path = _write(tmp_path / "badges.jsonl", badges)
    registry = CountingAllocator()
    results = list(
        batch.issue_many(
            batch.read_jsonl(path),
            issuer_key.signer(),
            status=registry,
            executor=batch.SequentialExecutor(),
            created=CREATED,
        )
    )
    assert registry.calls == 3
    assert [r.output["credentialStatus"]["statusListIndex"] for r in results] == ["0", "1", "2"]
    bad = _write(tmp_path / "bad.jsonl", badges, bad={1: "{nope"})
    issued = batch.issue_many(
        batch.read_jsonl(bad),
        issuer_key.signer(),
        status=registry,
        executor=batch.SequentialExecutor(),
        created=CREATED,
    )
    assert next(issued).ok
    with pytest.raises(ParseError, match=r"bad\.jsonl:3: invalid JSON"):
        next(issued)  # parsed in the caller: the bad line ends the batch, as reading it would


def test_an_over_long_line_is_that_items_error_in_a_batch_and_stops_plain_reading(
    tmp_path: Path, issuer_key: keys.KeyPair, issuer_did: str
) -> None:
    signed = _signed(issuer_key, make_badges(issuer_did, 2))
    path = _write(tmp_path / "signed.jsonl", signed, bad={1: json.dumps({"pad": "x" * 5000})})
    results = list(
        batch.verify_many(
            batch.read_jsonl(path, max_line_bytes=4096), executor=batch.SequentialExecutor()
        )
    )
    assert [r.ok for r in results] == [True, False, True]
    assert str(results[1].error) == f"{path}:3: line longer than 4096 bytes"
    with pytest.raises(ParseError, match=r":3: line longer than 4096 bytes"):
        list(batch.read_jsonl(path, max_line_bytes=4096))


def test_a_reader_is_an_iterator_that_reads_its_file_once(tmp_path: Path) -> None:
    path = _write(tmp_path / "values.jsonl", [{"a": 1}, [2], "three"])
    reader = batch.read_jsonl(path)
    assert iter(reader) is reader
    assert not reader.started
    assert list(reader) == [{"a": 1}, [2], "three"]
    assert list(reader) == []
    taken = batch.read_jsonl(path)
    assert _lines.raw_lines(taken) is not None
    assert _lines.raw_lines(taken) is None  # its lines were taken by a batch
    assert list(taken) == []


def test_the_last_chunks_of_a_file_are_cut_smaller_so_every_worker_shares_the_tail(
    tmp_path: Path,
) -> None:
    from vckit.batch._api import _known
    from vckit.batch._stream import _chunks

    path = tmp_path / "values.jsonl"  # forty lines of one length: the estimate is exact
    path.write_text("".join(f'{{"n": "{n:03d}"}}\n' for n in range(40)), encoding="utf-8")
    lines = _lines.raw_lines(batch.read_jsonl(path))
    assert lines is not None
    assert lines.remaining() == 40  # the first line is read ahead
    assert _known(None, lines.remaining) == 40  # what the chunk size is chosen from
    sizes = [len(values) for _, values in _chunks(lines.lines, 8, None, 2, lines.remaining)]
    assert sizes == [8, 8, 8, 8, 4, 2, 1, 1]
    assert lines.remaining() == 0
    small = _lines.raw_lines(batch.read_jsonl(path))
    assert small is not None
    sizes = [len(values) for _, values in _chunks(small.lines, 64, None, 2, small.remaining)]
    assert sizes == [20, 10, 8, 2]  # smaller than a chunk, and shared from the first one


def test_a_pipe_has_no_estimate_and_runs_in_full_chunks(tmp_path: Path) -> None:
    import os

    from vckit.batch._stream import _chunks

    fifo = tmp_path / "values.fifo"
    os.mkfifo(fifo)
    writer = threading.Thread(
        target=lambda: fifo.write_text("".join(f"[{n}]\n" for n in range(20)), encoding="utf-8")
    )
    writer.start()
    lines = _lines.raw_lines(batch.read_jsonl(fifo))
    assert lines is not None
    sizes = [len(values) for _, values in _chunks(lines.lines, 8, None, 2, lines.remaining)]
    writer.join()
    assert lines.remaining() is None
    assert sizes == [8, 8, 4]
