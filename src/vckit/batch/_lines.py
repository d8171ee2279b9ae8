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
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from vckit._codec.strict_json import loads_strict
from vckit.batch._results import BatchResult, RefusedItem
from vckit.errors import ParseError

__all__ = ["JsonLines", "parse_lines", "raw_lines"]

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
        for item in self._raw():
            if isinstance(item, RefusedItem):
                raise item.error
            yield parse_line(self.label, item)

    def _raw(self) -> Iterator[RawLine | RefusedItem]:
        with Path(self.path).open("rb") as handle:
            for number, line in enumerate(handle, start=1):
                if len(line) > self.max_line_bytes:
                    yield RefusedItem(
                        ParseError(f"{self.label}:{number}: line longer than "
                                   f"{self.max_line_bytes} bytes")
                    )  # fmt: skip
                elif line.strip():
                    yield number, line


def raw_lines(items: Any) -> tuple[Iterator[RawLine | RefusedItem], str] | None:
    """``items``' raw lines and the file's name, if it is a ``JsonLines`` nobody has read; else
    None (the batch then iterates ``items`` as it is)."""
    if type(items) is not JsonLines or items.started:
        return None
    lines = items._raw()
    items._values = iter(())  # taken: the batch reads the file now
    return lines, items.label


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
