"""Shared test helpers: where the shared vectors live, and a guard that forbids network use."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
VECTORS = SHARED / "vectors"
PEERS = SHARED / "peers"


def vectors_dir(*parts: str) -> Path:
    """Return ``../shared/vectors/<parts>`` or skip the test with a clear reason when absent."""
    path = VECTORS.joinpath(*parts)
    if not path.exists():
        pytest.skip(
            f"conformance data not available: {path} (CI has ../shared beside the checkout)"
        )
    return path


class NetworkBlockedError(AssertionError):
    """Raised when code under test tries to open a network connection."""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Fail any attempt to resolve a name or connect a socket; returns the list of attempts."""
    attempts: list[Any] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(args)
        raise NetworkBlockedError(f"network use attempted: {args!r}")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts
