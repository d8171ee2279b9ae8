"""Driving the sans-IO verification core: the one place a resolver is actually called.

Verification is written once, as a generator that yields a ``Lookup`` whenever it needs a
verification method and receives the method back (or has the resolver's exception thrown into
it). ``drive`` answers lookups with a synchronous ``KeyResolver``; ``adrive`` awaits an async one
(``vckit.dids.AsyncDIDResolver`` or anything with ``async def dereference``). Neither driver
makes a decision: every check, and the mapping of a resolver error onto a problem code, is in the
core, so the sync and async paths cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Generator
from types import FunctionType, MethodType
from typing import TYPE_CHECKING, Any, Final, NamedTuple, Protocol, TypeVar

if TYPE_CHECKING:
    from vckit.keys import KeyResolver, VerificationMethodLike

__all__ = [
    "AsyncKeyResolver",
    "Lookup",
    "adrive",
    "drive",
    "is_async_resolver",
    "require_sync_resolver",
]

T = TypeVar("T")


class Lookup(NamedTuple):
    """The core's request: dereference ``method_id`` for the ``relationship`` (proof purpose).

    A named tuple: one is made per proof, and a frozen dataclass costs several times as much.
    """

    method_id: str
    relationship: str


class AsyncKeyResolver(Protocol):
    """The awaitable twin of ``vckit.keys.KeyResolver`` (``vckit.dids.AsyncDIDResolver`` is one)."""

    async def dereference(
        self, method_id: str, relationship: str = "assertionMethod"
    ) -> VerificationMethodLike:
        """Raise a ``VckitError`` subclass when the method is unknown or not authorised."""
        ...


#: ``inspect.CO_COROUTINE`` (a CPython code flag; a test pins the two equal). Not imported from
#: ``inspect``, which ``import vckit.proofs.dataintegrity`` does not load.
CO_COROUTINE: Final = 0x80
_COROUTINE_MARK: Final = "_is_coroutine_marker"


def is_async_resolver(resolver: object) -> bool:
    """Whether ``resolver.dereference`` is a coroutine function (it must then be awaited).

    A plain method of a Python class (the usual resolver) is answered from its code flags, as
    ``inspect.iscoroutinefunction`` would answer it, without ``inspect``'s unwrapping on every
    verification; anything else (partials, callables, marked functions) goes to ``inspect``.
    """
    dereference = getattr(resolver, "dereference", None)
    if type(dereference) is MethodType:
        function = dereference.__func__
        # Python 3.12's inspect.markcoroutinefunction marks through __dict__: leave it to inspect.
        if type(function) is FunctionType and _COROUTINE_MARK not in function.__dict__:
            return bool(function.__code__.co_flags & CO_COROUTINE)
    import inspect  # on use: keeps ``import vckit.proofs.dataintegrity`` light

    return inspect.iscoroutinefunction(dereference)


def require_sync_resolver(resolver: object) -> None:
    """Refuse, up front, a resolver the synchronous path cannot use (a programmer error)."""
    if not callable(getattr(resolver, "dereference", None)):
        raise TypeError("resolver must have a dereference(method_id, relationship=...) method")
    if is_async_resolver(resolver):
        raise TypeError(
            f"{type(resolver).__name__}.dereference is async: use averify_proof "
            "(await dataintegrity.averify_proof(...)) with an async resolver"
        )


#: Types already seen not to be awaitable (verification methods): skips ``inspect`` per proof.
_NOT_AWAITABLE: set[type] = set()


def _is_awaitable(value: Any) -> bool:
    kind = type(value)
    if kind in _NOT_AWAITABLE:
        return False
    import inspect  # on use (a cached module lookup after the first call)

    if inspect.isawaitable(value):
        return True
    # Whether a non-generator is awaitable depends on its type alone (``__await__``); a
    # generator's depends on its code flags, so generators are never remembered.
    if not inspect.isgenerator(value) and len(_NOT_AWAITABLE) < 64:
        _NOT_AWAITABLE.add(kind)
    return False


def _not_awaitable(value: Any, resolver: object) -> Any:
    """The sync driver's guard against a ``dereference`` that returned an awaitable anyway."""
    if _is_awaitable(value):
        close = getattr(value, "close", None)
        if callable(close):
            close()  # no "coroutine was never awaited" warning
        raise TypeError(
            f"{type(resolver).__name__}.dereference returned an awaitable: use averify_proof "
            "with an async resolver"
        )
    return value


def drive(flow: Generator[Lookup, Any, T], resolver: KeyResolver) -> T:
    """Run ``flow`` to completion, answering each lookup with ``resolver.dereference``.

    An exception from the resolver is thrown into the flow at the lookup, where the core turns
    it into a problem; only the ``TypeError`` for an async resolver escapes.
    """
    try:
        request = next(flow)
        while True:
            try:
                method = resolver.dereference(request.method_id, relationship=request.relationship)
            except Exception as error:
                request = flow.throw(error)
                continue
            try:
                method = _not_awaitable(method, resolver)
            except TypeError:
                flow.close()
                raise
            request = flow.send(method)
    except StopIteration as stop:
        result: T = stop.value
        return result


async def adrive(flow: Generator[Lookup, Any, T], resolver: Any) -> T:
    """``drive`` for an async resolver; a synchronous one (e.g. the offline default) also works."""
    try:
        request = next(flow)
        while True:
            try:
                method = resolver.dereference(request.method_id, relationship=request.relationship)
                if _is_awaitable(method):
                    method = await method
            except Exception as error:
                request = flow.throw(error)
                continue
            request = flow.send(method)
    except StopIteration as stop:
        result: T = stop.value
        return result
