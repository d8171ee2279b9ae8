"""One verification core, two drivers: the sync and async front ends only do the I/O.

The core is a generator. Where it needs something from outside (a verification method from the
resolver, or the caller's ``credential_verifier`` for an embedded credential that is not a JWT)
it yields a request and receives the answer; an exception raised while answering is thrown back
into the generator at that point, so the core handles failures in one place for both drivers.
``run`` answers with plain calls, ``arun`` awaits answers that are awaitable, so an
``AsyncDIDResolver`` (or any resolver whose ``dereference`` is a coroutine) works there.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Generator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar, runtime_checkable

from vckit import keys
from vckit.problems import Problem

__all__ = [
    "AsyncCredentialVerifier",
    "AsyncKeyResolver",
    "CheckEmbedded",
    "CredentialVerifier",
    "Dereference",
    "Flow",
    "Services",
    "arun",
    "check_sync_resolver",
    "run",
]

T = TypeVar("T")

CredentialVerifier = Callable[[Mapping[str, Any]], Sequence[Problem]]
"""Verifies an embedded credential that is not a JWT; returns its problems (empty: verified)."""

AsyncCredentialVerifier = Callable[[Mapping[str, Any]], Awaitable[Sequence[Problem]]]
"""The async form, for ``averify_presentation_jwt``."""


@runtime_checkable
class AsyncKeyResolver(Protocol):
    """A resolver whose ``dereference`` is awaitable, e.g. ``vckit.dids.AsyncDIDResolver``."""

    async def dereference(
        self, method_id: str, relationship: str = "assertionMethod"
    ) -> keys.VerificationMethodLike: ...


@dataclass(frozen=True, slots=True)
class Dereference:
    """Ask the resolver for ``method_id`` under ``relationship``."""

    method_id: str
    relationship: str


@dataclass(frozen=True, slots=True)
class CheckEmbedded:
    """Ask the caller's ``credential_verifier`` about one embedded credential."""

    credential: Mapping[str, Any]


Request = Dereference | CheckEmbedded
Flow = Generator[Request, Any, T]


@dataclass(frozen=True, slots=True)
class Services:
    """What answers the requests: a resolver and, optionally, a credential verifier."""

    resolver: keys.KeyResolver | AsyncKeyResolver
    credential_verifier: Callable[[Mapping[str, Any]], Any] | None = None

    @classmethod
    def of(
        cls,
        resolver: keys.KeyResolver | AsyncKeyResolver | None,
        credential_verifier: Callable[[Mapping[str, Any]], Any] | None = None,
    ) -> Services:
        """``resolver`` None: the offline did:key / did:jwk resolver."""
        return cls(
            resolver if resolver is not None else keys.LocalKeyResolver(), credential_verifier
        )


def _ask(request: Request, services: Services) -> Any:
    if isinstance(request, Dereference):
        return services.resolver.dereference(request.method_id, request.relationship)
    if services.credential_verifier is None:  # the core asks only when one was given
        raise RuntimeError("no credential_verifier to ask")
    return services.credential_verifier(request.credential)


def check_sync_resolver(resolver: object) -> None:
    """``TypeError`` for an async resolver handed to a sync front end (it would never be awaited)."""
    if inspect.iscoroutinefunction(getattr(resolver, "dereference", None)):
        raise TypeError(
            "this resolver is async (its dereference is a coroutine): "
            "use averify_credential_jwt / averify_presentation_jwt"
        )


class _Done(Exception):
    """The flow returned: ``value`` is its result."""

    def __init__(self, value: Any) -> None:
        self.value = value


def _advance(flow: Flow[Any], answer: Any, failure: Exception | None) -> Request:
    """Hand the flow its answer (or throw the failure in); ``_Done`` when it returns."""
    try:
        return flow.send(answer) if failure is None else flow.throw(failure)
    except StopIteration as stop:
        raise _Done(stop.value) from None


def run(flow: Flow[T], services: Services) -> T:
    """Drive ``flow`` answering each request with a plain call."""
    answer: Any = None
    failure: Exception | None = None
    try:
        while True:
            request = _advance(flow, answer, failure)
            answer, failure = None, None
            try:
                answer = _ask(request, services)
            except Exception as exc:
                failure = exc
            if inspect.isawaitable(answer):
                if inspect.iscoroutine(answer):
                    answer.close()  # never leave a coroutine un-awaited
                answer, failure = None, TypeError("an awaitable answer needs the async front end")
    except _Done as done:
        return done.value  # type: ignore[no-any-return]


async def arun(flow: Flow[T], services: Services) -> T:
    """Drive ``flow`` awaiting answers that are awaitable (sync answers are used as they are)."""
    answer: Any = None
    failure: Exception | None = None
    try:
        while True:
            request = _advance(flow, answer, failure)
            answer, failure = None, None
            try:
                answer = _ask(request, services)
                if inspect.isawaitable(answer):
                    answer = await answer
            except Exception as exc:
                failure = exc
    except _Done as done:
        return done.value  # type: ignore[no-any-return]
