"""JSON Lines files, read by the batch's workers: the caller hands out lines, not parsed badges.

``read_jsonl`` returns a ``JsonLines``: an iterator of each line's JSON value, parsed strictly
(``loads_strict``: duplicate member names, ``NaN`` and lone surrogates refused), raising
``ParseError`` at the first bad line. A batch given one that nobody has started reading takes
its raw lines instead (``raw_lines``), and each chunk parses its own lines where it runs
(``parse_lines``), so the calling process only reads the file. Parsing a representative badge
strictly costs about 50 µs, and sending the parsed badge on to a worker about 10 µs more; done by
the caller, that was a core's worth of work for every four workers, and the caller of a batch is
one process however many workers it feeds.

Inside a batch, a line that is not JSON (or is longer than ``max_line_bytes``) is that item's
error, a ``ParseError`` naming the file and line, and the batch goes on, as for any other item
that cannot be processed.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from vckit._codec.strict_json import loads_strict
from vckit.batch._results import BatchResult, RefusedItem
from vckit.errors import ParseError

__all__ = ["JsonLines", "Lines", "parse_lines", "raw_lines"]

RawLine = tuple[int, bytes]
"""A line as a batch ships it: its 1-based line number in the file, and its bytes."""


class JsonLines(Iterator[Any]):
    """The JSON value of each non-blank line of a JSON Lines file, read lazily and strictly.

    An iterator, as a generator would be; ``vckit.batch.issue_many`` and ``verify_many`` read one
    that has not been started line by line and parse each line in the worker that processes it.
    """

    __slots__ = ("_values", "label", "max_line_bytes", "path")

    def __init__(self, path: str | os.PathLike[str], *, max_line_bytes: int) -> None:
        self.path = path
        self.label = str(path)
        self.max_line_bytes = max_line_bytes
        self._values: Iterator[Any] | None = None

    def __iter__(self) -> JsonLines:
        return self

    def __next__(self) -> Any:
        if self._values is None:
            self._values = self._parsed()
        return next(self._values)

    @property
    def started(self) -> bool:
        """True once a value (or the raw lines) has been asked for: it cannot be read twice."""
        return self._values is not None

    def _parsed(self) -> Iterator[Any]:
        for item in self._raw(_Reading()):
            if isinstance(item, RefusedItem):
                raise item.error
            yield parse_line(self.label, item)

    def _raw(self, reading: _Reading) -> Iterator[RawLine | RefusedItem]:
        """Each non-blank line with its number; a ``RefusedItem`` for one over the limit.

        A line is read at most ``max_line_bytes + 1`` bytes at a time, so a hostile file whose
        line never ends costs no more memory than the limit.
        """
        limit = self.max_line_bytes
        with Path(self.path).open("rb") as handle:
            status = os.fstat(handle.fileno())
            reading.size = status.st_size if stat.S_ISREG(status.st_mode) else None
            number = 0
            while line := handle.readline(limit + 1):
                number += 1
                reading.bytes_read += len(line)
                if len(line) > limit:
                    while not line.endswith(b"\n"):  # the rest of it, a piece at a time
                        line = handle.readline(max(limit + 1, _SKIP_PIECE))
                        if not line:
                            break
                        reading.bytes_read += len(line)
                    reading.items += 1
                    yield RefusedItem(
                        ParseError(f"{self.label}:{number}: line longer than {limit} bytes")
                    )
                elif line.strip():
                    reading.items += 1
                    yield number, line


_SKIP_PIECE = 1 << 16
"""The rest of an over-long line is read and dropped in pieces of this many bytes."""


class _Reading:
    """How far a batch has read its file: what ``Lines.remaining`` estimates from."""

    __slots__ = ("ahead", "bytes_read", "items", "size")

    def __init__(self) -> None:
        self.size: int | None = None
        self.bytes_read = 0
        self.items = 0
        self.ahead = 0
        """Items read but not yet handed out."""

    def remaining(self) -> int | None:
        """Items not handed out yet: those read ahead, and those still in the file, estimated
        from the bytes left and the bytes an item took so far; None for a file of unknown size
        (a pipe) or before the first line."""
        if self.size is None or not self.items:
            return None
        left = max(0, self.size - self.bytes_read)
        return self.ahead + -(-left * self.items // self.bytes_read)


class Lines(NamedTuple):
    """A ``JsonLines`` file as a batch reads it."""

    lines: Iterator[RawLine | RefusedItem]
    label: str
    """The file's name, as the messages of its lines' errors give it."""
    remaining: Callable[[], int | None]
    """About how many items are still to be read: so that the last chunks, near the end of the
    file, are cut smaller and every worker gets a share of the tail (``_stream``)."""


def raw_lines(items: Any) -> Lines | None:
    """``items``' raw lines, if it is a ``JsonLines`` nobody has read; else None (the batch then
    iterates ``items`` as it is)."""
    if type(items) is not JsonLines or items.started:
        return None
    reading = _Reading()
    lines = items._raw(reading)
    items._values = iter(())  # taken: the batch reads the file now
    first = next(lines, None)  # read ahead, so that even the first chunk has an estimate
    if first is not None:
        reading.ahead = 1
        lines = _handing_out(first, lines, reading)
    return Lines(lines, items.label, reading.remaining)


def _handing_out(
    first: RawLine | RefusedItem, rest: Iterator[RawLine | RefusedItem], reading: _Reading
) -> Iterator[RawLine | RefusedItem]:
    reading.ahead = 0
    yield first
    yield from rest


def parse_line(label: str, line: RawLine) -> Any:
    """The JSON value of ``line``; ``ParseError`` naming the file and line number."""
    number, data = line
    try:
        return loads_strict(data)
    except ParseError as exc:
        raise ParseError(f"{label}:{number}: {exc}") from None


def parse_lines(
    function: Callable[[Any, list[tuple[int, Any]], bool], list[BatchResult[Any]]],
    label: str,
    job: Any,
    chunk: list[tuple[int, Any]],
    owned: bool = False,
) -> list[BatchResult[Any]]:
    """``function`` (a ``ChunkFunction``) over the parsed lines of ``chunk``, where it runs.

    A line that does not parse reaches ``function`` as a ``RefusedItem`` holding its
    ``ParseError``, so it is that item's error. The parsed values are this call's own, so
    ``function`` may consume them (``owned``).
    """
    parsed: list[tuple[int, Any]] = []
    for index, line in chunk:
        if type(line) is tuple:
            try:
                line = parse_line(label, line)
            except ParseError as exc:
                line = RefusedItem(exc)
        parsed.append((index, line))
    return function(job, parsed, True)
