"""``copy_plain``: the copy a batch sends to its workers (compiled and pure builds alike)."""

from __future__ import annotations

import json
from collections import OrderedDict
from typing import Any

import pytest

from vckit._codec.plaincopy import MAX_DEPTH, NotPlain, copy_plain


def _containers(value: Any) -> list[Any]:
    found = []
    if isinstance(value, dict | list | tuple):
        found.append(value)
        for item in value.values() if isinstance(value, dict) else value:
            found.extend(_containers(item))
    return found


def test_a_copy_is_equal_in_value_order_and_type() -> None:
    value = {"b": [1, 2.5, None, True, False, "é\ud800"], "a": {"t": ("x", 1)}, "n": -(2**70)}
    copied = copy_plain(value)
    assert copied == value
    assert list(copied) == ["b", "a", "n"]
    assert type(copied["a"]["t"]) is tuple
    assert [type(v) for v in copied["b"]] == [type(v) for v in value["b"]]


def test_equal_strings_become_one_object_and_containers_stay_apart() -> None:
    shared = {"id": "did:example:issuer"}
    badges = [json.loads(json.dumps({"issuer": shared, "type": ["VC"], "n": n})) for n in range(3)]
    badges.append({"issuer": shared, "again": shared})  # one dict in two places
    assert badges[0]["issuer"]["id"] is not badges[1]["issuer"]["id"]  # parsed: distinct
    copied = copy_plain(badges)
    assert copied == badges
    assert copied[0]["issuer"]["id"] is copied[1]["issuer"]["id"]
    assert next(iter(copied[0])) is next(iter(copied[2]))  # member names too
    ids = [id(c) for c in _containers(copied)]
    assert len(ids) == len(set(ids))  # no container in two places
    assert not set(ids) & {id(c) for c in _containers(badges)}  # none of the original's
    assert copied[3]["issuer"] is not copied[3]["again"]


@pytest.mark.parametrize(
    "value",
    [
        OrderedDict(a=1),
        {"a": OrderedDict(a=1)},
        {"raw": b"x"},
        {"raw": bytearray(b"x")},
        [memoryview(b"x")],
        {1: "int key"},
        {"set": {1, 2}},
        [object()],
        [1 + 2j],
    ],
    ids=[
        "dict-subclass",
        "nested-subclass",
        "bytes",
        "bytearray",
        "memoryview",
        "int-key",
        "set",
        "object",
        "complex",
    ],
)
def test_anything_but_json_like_data_is_not_plain(value: Any) -> None:
    with pytest.raises(NotPlain):
        copy_plain(value)


def test_a_subclass_of_a_scalar_is_not_plain() -> None:
    class Text(str):
        pass

    class Number(int):
        pass

    for value in ([Text("x")], {"k": Number(1)}, {Text("k"): 1}):
        with pytest.raises(NotPlain):
            copy_plain(value)


def test_nesting_deeper_than_max_depth_or_a_cycle_is_not_plain() -> None:
    deep: Any = "leaf"
    for _ in range(MAX_DEPTH):
        deep = [deep]
    assert copy_plain(deep) == deep  # MAX_DEPTH levels of containers are copied
    with pytest.raises(NotPlain):
        copy_plain([deep])
    cyclic: list[Any] = []
    cyclic.append(cyclic)
    with pytest.raises(NotPlain):
        copy_plain(cyclic)
