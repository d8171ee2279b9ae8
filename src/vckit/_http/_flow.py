"""The one fetch flow, sans I/O: redirect decisions, response checks, the body with its caps.

:class:`FetchFlow` is a generator-driven state machine in the style of httpx's auth flows. Its
:meth:`FetchFlow.steps` generator yields what it needs next — a :class:`Send` (send this GET,
give me the streaming response) or :data:`READ` (give me the next raw body chunk, ``None`` at the
end) — and returns the :class:`FetchResponse`. The sync and async drivers only perform those two
operations, inside :meth:`FetchFlow.mapped_errors`, so every rule and every error message is
written once.
"""

from __future__ import annotations

import contextlib
import time
import zlib
from collections.abc import Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, TypedDict

import httpx

from vckit._http._budget import current_account
from vckit._http._guard import check_url
from vckit._http._policy import DEFAULT_CONTENT_TYPES, FetchResponse, HttpPolicy
from vckit.errors import FetchError, FetchStatusError

__all__ = ["READ", "FetchFlow", "FetchOptions", "FlowRun", "Send"]

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_USER_AGENT = "vckit"
# A timeout that fires this close to the budget's deadline was the budget's (timers may fire a
# little early); one that fires earlier was the policy's own connect or read timeout.
_TIMER_SLACK = 0.05


@dataclass(frozen=True)
class Send:
    """Step: send ``GET url`` with these headers and timeouts; answer with the response."""

    url: httpx.URL
    headers: dict[str, str]
    timeout: httpx.Timeout

    def build(self, client: httpx.Client | httpx.AsyncClient) -> httpx.Request:
        """The request, built by ``client`` so its own default headers and cookies apply."""
        return client.build_request("GET", self.url, headers=self.headers, timeout=self.timeout)


class _Read:
    def __repr__(self) -> str:
        return "READ"


#: Step: answer with the next raw chunk of the current response body, ``None`` at its end.
READ: Final = _Read()

Step = Send | _Read
Answer = httpx.Response | bytes | None


class FlowRun:
    """A driver's cursor over :meth:`FetchFlow.steps`: ``step`` is ``None`` once finished."""

    def __init__(self, steps: Generator[Step, Answer, FetchResponse]) -> None:
        self._steps = steps
        self._result: FetchResponse | None = None
        self.step: Step | None = next(steps)

    def answer(self, value: Answer) -> None:
        """Hand the flow the outcome of the current step and move to the next one."""
        try:
            self.step = self._steps.send(value)
        except StopIteration as done:
            self.step, self._result = None, done.value

    @property
    def result(self) -> FetchResponse:
        if self._result is None:
            raise RuntimeError("the fetch flow has not finished")
        return self._result


def _media_type(value: str) -> str:
    return value.split(";", 1)[0].strip().lower()


def _max_age(headers: httpx.Headers) -> int | None:
    """Freshness lifetime from ``Cache-Control`` minus ``Age``; 0 means do not reuse."""
    directives: dict[str, str | None] = {}
    for item in headers.get("cache-control", "").split(","):
        name, _, value = item.strip().partition("=")
        if name:
            directives[name.lower()] = value.strip().strip('"') if value else None
    if "no-store" in directives or "no-cache" in directives:
        return 0
    raw = directives.get("max-age")
    if raw is None or not raw.isdigit():
        return None
    age = headers.get("age", "0").strip()
    return max(0, int(raw) - (int(age) if age.isdigit() else 0))


class _Body:
    """Accumulates a response body: decodes it and counts decoded bytes.

    Decoding is done here rather than by httpx so each step is bounded: ``zlib`` is asked for at
    most the remaining allowance plus one byte, so a bomb stops at ``max_bytes + 1`` of output.
    """

    def __init__(self, url: str, encoding: str, limit: int) -> None:
        self._url = url
        self._limit = limit
        self._parts: list[bytes] = []
        self._size = 0
        self._raw_size = 0
        codings = [c.strip().lower() for c in encoding.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if not codings:
            self._inflater = None
        elif codings in (["gzip"], ["x-gzip"]):
            self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif codings == ["deflate"]:
            self._inflater = zlib.decompressobj(zlib.MAX_WBITS)
        else:
            raise FetchError(f"content encoding {encoding!r} not supported", url=self._url)

    def _keep(self, data: bytes) -> None:
        self._size += len(data)
        if self._size > self._limit:
            raise FetchError(f"body exceeds {self._limit} bytes", url=self._url)
        self._parts.append(data)

    def feed(self, chunk: bytes) -> None:
        self._raw_size += len(chunk)
        if self._raw_size > self._limit:
            raise FetchError(f"body exceeds {self._limit} bytes", url=self._url)
        if self._inflater is None:
            self._keep(chunk)
            return
        data = chunk
        try:
            while data:
                self._keep(self._inflater.decompress(data, self._limit - self._size + 1))
                data = self._inflater.unconsumed_tail
        except zlib.error as exc:
            raise FetchError(f"corrupt compressed body: {exc}", url=self._url) from None

    def finish(self) -> bytes:
        if self._inflater is not None:
            try:
                self._keep(self._inflater.decompress(b"", self._limit - self._size + 1))
            except zlib.error as exc:
                raise FetchError(f"corrupt compressed body: {exc}", url=self._url) from None
            if not self._inflater.eof:
                raise FetchError("truncated compressed body", url=self._url)
        return b"".join(self._parts)


class FetchOptions(TypedDict, total=False):
    """The options :func:`~vckit._http.fetch` and :func:`~vckit._http.afetch` share."""

    policy: HttpPolicy | None
    accept: str
    allowed_content_types: Iterable[str]
    headers: Mapping[str, str] | None


_CONDITIONAL_HEADERS = frozenset({"if-none-match", "if-modified-since"})


def _conditional_headers(headers: Mapping[str, str] | None) -> dict[str, str]:
    """Caller-supplied request headers: only the conditional ones, so the policy's stay fixed."""
    extra = dict(headers or {})
    for name, value in extra.items():
        if name.lower() not in _CONDITIONAL_HEADERS:
            raise ValueError(
                f"request header {name!r} not allowed (only If-None-Match / If-Modified-Since)"
            )
        if not isinstance(value, str) or "\r" in value or "\n" in value:
            raise ValueError(f"invalid value for request header {name!r}")
    return extra


class FetchFlow:
    """One GET under ``policy``: every decision of :func:`~vckit._http.fetch`, no I/O.

    Construction checks the URL and charges the current fetch budget (if any), so a refused URL
    or an exhausted budget never reaches a driver.
    """

    def __init__(
        self,
        url: str,
        *,
        policy: HttpPolicy | None = None,
        accept: str = "application/json",
        allowed_content_types: Iterable[str] = DEFAULT_CONTENT_TYPES,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.policy = policy or HttpPolicy()
        self.extra_headers = _conditional_headers(headers)
        self.allowed = frozenset(_media_type(t) for t in allowed_content_types)
        if not self.allowed:
            raise ValueError("allowed_content_types must name at least one media type")
        self.accept = accept
        self.url = check_url(url, self.policy)
        self._account = current_account()
        if self._account is not None:
            self._account.charge(str(self.url))
        self._deadline = time.monotonic() + self.policy.total_timeout

    # -- time ---------------------------------------------------------------------------------

    def _budget_binds(self) -> bool:
        """Whether the fetch budget, not the policy, sets this fetch's deadline."""
        return self._account is not None and self._account.deadline < self._deadline

    def _check_time(self, while_doing: str) -> float:
        """Seconds left for this fetch; raise when none are."""
        deadline = self._deadline
        if self._account is not None:
            deadline = min(deadline, self._account.deadline)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            if self._budget_binds():
                assert self._account is not None
                raise self._account.out_of_time(str(self.url))
            raise FetchError(f"total timeout exceeded{while_doing}", url=str(self.url))
        return remaining

    @contextlib.contextmanager
    def mapped_errors(self) -> Iterator[None]:
        """Translate httpx's exceptions (raised by the driver's I/O) into :class:`FetchError`.

        The one place they are mapped, so both drivers report a failure with the same error.
        """
        try:
            yield
        except httpx.TimeoutException as exc:
            if self._account is not None and self._account.remaining() <= _TIMER_SLACK:
                assert self._account is not None
                raise self._account.out_of_time(str(self.url)) from None
            raise FetchError(f"timed out ({type(exc).__name__})", url=str(self.url)) from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{type(exc).__name__}: {exc}", url=str(self.url)) from None

    # -- the flow -----------------------------------------------------------------------------

    def run(self) -> FlowRun:
        """Start the flow: a cursor the driver answers step by step."""
        return FlowRun(self.steps())

    def steps(self) -> Generator[Step, Answer, FetchResponse]:
        """Yield :class:`Send` / :data:`READ` steps; return the checked response."""
        hops = 0
        while True:
            remaining = self._check_time("")
            response = yield Send(self.url, self._headers(), self.policy.timeout(remaining))
            assert isinstance(response, httpx.Response)
            target = self._redirect_target(response, hops)
            if target is None:
                break
            self.url, hops = target, hops + 1
        text = str(self.url)
        if response.status_code == 304 and self.extra_headers:
            # "not modified" answering the caller's conditional request: no body to read
            return FetchResponse(
                url=text,
                status=304,
                headers=MappingProxyType({k.lower(): v for k, v in response.headers.items()}),
                content=b"",
                max_age=_max_age(response.headers),
            )
        self._check_head(response)
        if response.is_stream_consumed:  # pre-read (MockTransport): httpx decoded it already
            body = _Body(text, "", self.policy.max_bytes)
            body.feed(response.content)
        else:
            encoding = response.headers.get("content-encoding", "")
            body = _Body(text, encoding, self.policy.max_bytes)
            while (chunk := (yield READ)) is not None:
                assert isinstance(chunk, bytes)
                self._check_time(" while reading the body")
                body.feed(chunk)
        return FetchResponse(
            url=text,
            status=response.status_code,
            headers=MappingProxyType({k.lower(): v for k, v in response.headers.items()}),
            content=body.finish(),
            max_age=_max_age(response.headers),
        )

    def _headers(self) -> dict[str, str]:
        return {
            "Accept": self.accept,
            "Accept-Encoding": "gzip, deflate",
            "User-Agent": _USER_AGENT,
            **self.extra_headers,
        }

    def _redirect_target(self, response: httpx.Response, hops: int) -> httpx.URL | None:
        """The next URL to fetch for a redirect response, ``None`` when ``response`` is final."""
        if response.status_code not in _REDIRECT_STATUSES:
            return None
        location = response.headers.get("location")
        if not location:
            return None
        url = self.url
        try:
            target = url.join(location)
        except (httpx.InvalidURL, ValueError) as exc:
            raise FetchError(f"invalid redirect location: {exc}", url=str(url)) from None
        if hops >= self.policy.max_redirects:
            raise FetchError(f"more than {self.policy.max_redirects} redirects", url=str(url))
        if (target.scheme, target.host, target.port) != (url.scheme, url.host, url.port):
            raise FetchError(f"cross-origin redirect to {target} refused", url=str(url))
        return check_url(target, self.policy)

    def _check_head(self, response: httpx.Response) -> None:
        """Status, content type and declared length checks, before reading any of the body."""
        text = str(self.url)
        if not 200 <= response.status_code < 300:
            raise FetchStatusError(
                f"HTTP {response.status_code} from {text}", url=text, status=response.status_code
            )
        media_type = _media_type(response.headers.get("content-type", ""))
        if media_type not in self.allowed:
            raise FetchError(
                f"content type {media_type or '(none)'!r} not accepted "
                f"(expected one of {', '.join(sorted(self.allowed))})",
                url=text,
            )
        length = response.headers.get("content-length")
        limit = self.policy.max_bytes
        if length is not None and length.strip().isdigit() and int(length) > limit:
            raise FetchError(f"body of {int(length)} bytes exceeds {limit}", url=text)
