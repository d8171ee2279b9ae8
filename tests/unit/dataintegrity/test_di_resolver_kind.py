"""``is_async_resolver`` answers exactly as ``inspect.iscoroutinefunction`` does.

Its fast path reads a plain method's code flags instead of calling ``inspect`` on every
verification; every other kind of ``dereference`` goes to ``inspect``.
"""

from __future__ import annotations

import functools
import inspect
from typing import Any

import pytest

from vckit.proofs.dataintegrity._resolve import CO_COROUTINE, is_async_resolver


class Sync:
    def dereference(self, method_id: str, relationship: str = "assertionMethod") -> Any:
        return None


class Async:
    async def dereference(self, method_id: str, relationship: str = "assertionMethod") -> Any:
        return None


class ClassMethods:
    @classmethod
    def dereference(cls, method_id: str, relationship: str = "assertionMethod") -> Any:
        return None


class AsyncStatic:
    @staticmethod
    async def dereference(method_id: str, relationship: str = "assertionMethod") -> Any:
        return None


async def _async_function(method_id: str, relationship: str = "assertionMethod") -> Any:
    return None


class OnInstance:
    def __init__(self, function: Any) -> None:
        self.dereference = function


class CallableObject:
    class _Deref:
        async def __call__(self, method_id: str) -> Any:
            return None

    dereference = _Deref()


def test_code_flag_is_cpythons() -> None:
    assert inspect.CO_COROUTINE == CO_COROUTINE


@pytest.mark.parametrize(
    ("resolver", "expected"),
    [
        (Sync(), False),
        (Async(), True),
        (ClassMethods(), False),
        (AsyncStatic(), True),
        (OnInstance(_async_function), True),
        (OnInstance(functools.partial(_async_function)), True),
        (OnInstance(functools.partial(Sync().dereference)), False),
        (OnInstance(lambda method_id: None), False),
        (CallableObject(), False),  # inspect says False for an async __call__ on 3.11
        (object(), False),
    ],
)
def test_answers_as_inspect(resolver: object, expected: bool) -> None:
    dereference = getattr(resolver, "dereference", None)
    assert inspect.iscoroutinefunction(dereference) is expected
    assert is_async_resolver(resolver) is expected
