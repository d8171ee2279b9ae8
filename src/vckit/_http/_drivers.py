"""The two drivers of :class:`~vckit._http._flow.FetchFlow`: they only send and read."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterator
from typing import Unpack

import httpx

from vckit._http._flow import FetchFlow, FetchOptions, Send
from vckit._http._policy import FetchResponse
from vckit._http._transport import new_async_client, new_client

__all__ = ["afetch", "fetch"]


def fetch(
    url: str, *, client: httpx.Client | None = None, **options: Unpack[FetchOptions]
) -> FetchResponse:
    """GET ``url`` under ``policy``; raise :class:`~vckit.errors.FetchError` for anything refused.

    Options (:class:`~vckit._http._flow.FetchOptions`, all optional): ``policy`` (default
    ``HttpPolicy()``), ``accept`` (the ``Accept`` header, default ``application/json``) and
    ``allowed_content_types`` (default :data:`DEFAULT_CONTENT_TYPES`) and ``headers``
    (``If-None-Match`` / ``If-Modified-Since`` only; a 304 answer to them is returned as a
    :class:`FetchResponse` with ``status=304`` and no content).

    ``client=None`` uses a fresh guarded client (see :func:`new_client`) closed afterwards.
    HTTP error statuses raise :class:`~vckit.errors.FetchStatusError` (``.status``); a spent
    :func:`fetch_budget` raises :class:`~vckit.errors.FetchBudgetExceededError`.
    """
    flow = FetchFlow(url, **options)
    if client is None:
        with new_client(flow.policy) as own:
            return _drive(own, flow)
    return _drive(client, flow)


def _drive(client: httpx.Client, flow: FetchFlow) -> FetchResponse:
    raw: Iterator[bytes] = iter(())
    with flow.mapped_errors(), contextlib.ExitStack() as opened:
        run = flow.run()
        while (step := run.step) is not None:
            if isinstance(step, Send):
                response = client.send(step.build(client), stream=True, follow_redirects=False)
                opened.callback(response.close)
                raw = response.iter_raw()
                run.answer(response)
            else:
                run.answer(next(raw, None))
    return run.result


async def afetch(
    url: str, *, client: httpx.AsyncClient | None = None, **options: Unpack[FetchOptions]
) -> FetchResponse:
    """Async :func:`fetch`: the same flow, so the same rules and the same errors."""
    flow = FetchFlow(url, **options)
    if client is None:
        async with new_async_client(flow.policy) as own:
            return await _adrive(own, flow)
    return await _adrive(client, flow)


async def _adrive(client: httpx.AsyncClient, flow: FetchFlow) -> FetchResponse:
    raw: AsyncIterator[bytes] | None = None
    with flow.mapped_errors():
        async with contextlib.AsyncExitStack() as opened:
            run = flow.run()
            while (step := run.step) is not None:
                if not isinstance(step, Send):
                    assert raw is not None  # READ only follows a response
                    run.answer(await anext(raw, None))
                    continue
                response = await client.send(
                    step.build(client), stream=True, follow_redirects=False
                )
                opened.push_async_callback(response.aclose)
                raw = response.aiter_raw()
                run.answer(response)
    return run.result
